import Foundation

/// One activation of a step in an instance, from becoming active to what ended it (if anything yet).
///
/// The detector and the SLA records both walk these, so a late deviation and a breach in the SLA
/// report always describe the same span of work.
struct StepOccurrence {
    enum End {
        case completed(StepCompletion)
        case returned(StepReturn)
        case cancelled(Cancellation)
        /// Still waiting to be done.
        case active
    }

    var step: Step
    /// 1 the first time the step becomes active in the instance; each rework activation adds one.
    var number: Int
    var activeSince: Date
    var end: End

    /// When the occurrence ended, nil while active.
    var endedAt: Date? {
        switch end {
        case .completed(let completion): completion.occurredAt
        case .returned(let stepReturn): stepReturn.occurredAt
        case .cancelled(let cancellation): cancellation.occurredAt
        case .active: nil
        }
    }

    /// Who did the work that ended it: the completing or returning officer. Nobody executed a step
    /// that is still active or was cancelled.
    var executor: ActingOfficer? {
        switch end {
        case .completed(let completion): completion.officer
        case .returned(let stepReturn): stepReturn.officer
        case .cancelled, .active: nil
        }
    }

    /// The role the work was done in, else the step's lane.
    var executorRole: ActorID {
        switch end {
        case .completed(let completion): completion.role ?? step.actor
        case .returned(let stepReturn): stepReturn.role ?? step.actor
        case .cancelled, .active: step.actor
        }
    }
}

extension InstanceState {
    /// Every activation of a step, in history order: completions and returns by sequence, then the
    /// step left active or abandoned by a cancellation. Steps unknown to `procedure` are skipped
    /// (a replayed state never has them).
    func occurrences(in procedure: Procedure) -> [StepOccurrence] {
        var result: [StepOccurrence] = []
        result.reserveCapacity(completions.count + returns.count + 1)
        var counts: [(StepID, Int)] = []
        func number(of step: StepID) -> Int {
            if let index = counts.firstIndex(where: { $0.0 == step }) {
                counts[index].1 += 1
                return counts[index].1
            }
            counts.append((step, 1))
            return 1
        }
        func append(_ id: StepID, since: Date, end: StepOccurrence.End) {
            guard let step = procedure.step(id) else { return }
            result.append(StepOccurrence(step: step, number: number(of: id), activeSince: since, end: end))
        }
        var c = 0, r = 0
        var lastFlow = startedAt
        while c < completions.count || r < returns.count {
            if r >= returns.count || (c < completions.count && completions[c].sequence < returns[r].sequence) {
                let completion = completions[c]
                append(completion.step, since: completion.activeSince, end: .completed(completion))
                lastFlow = completion.occurredAt
                c += 1
            } else {
                let stepReturn = returns[r]
                append(stepReturn.from, since: stepReturn.activeSince, end: .returned(stepReturn))
                lastFlow = stepReturn.occurredAt
                r += 1
            }
        }
        if status == .open, let activeStep, let activeSince {
            append(activeStep, since: activeSince, end: .active)
        } else if let cancellation, let step = cancellation.step {
            append(step, since: lastFlow, end: .cancelled(cancellation))
        }
        return result
    }
}
