import Foundation

/// Finds the deviations an instance's history shows as of a moment, for the kinds its definition's
/// deviation policy has a rule for (a kind without a rule is not counted at all).
///
/// Pure and deterministic: the result depends only on the state, the definition, the calendar and
/// `now`, and each deviation's id and `detectedAt` only on the history, so running a check twice, or
/// late, finds the same deviations (``Engine`` records each id once).
///
/// - `late`: an activation of a step that took longer than its limit, measured on the limit's basis
///   (working time unless the limit says wall). Completed, returned and cancelled activations are
///   measured to their end, the active step to `now`. Over means more whole minutes than the limit,
///   so a step finished exactly on its limit, or only after closing time, is not late.
/// - `missing-requirement`, `missing-output`: one deviation per completion that recorded missing
///   items, listing them: the pelaksana accounts once for the step, not once per paper.
/// - `not-run`: a cancelled instance (at the step it was abandoned on), or an open one whose active
///   step has seen no work (start, completion or return) for longer than the rule's `stalledAfter`.
///   Notes and deviation records are not work. A stall later cancelled is one deviation.
/// - `role-override`, `out-of-order`: never found. The engine refuses a step done by another role and
///   any step but the active one, so no history shows them; the rules stay for when an override is
///   allowed and recorded.
///
/// Who answers: the rule's `executor` is the officer who completed or returned the step (with the
/// role they acted in), or, for a step nobody did (still active, cancelled, stalled), no officer and
/// the step's lane; `owner` is the policy's owner role with no officer.
public enum DeviationDetector {
    public static func deviations(in state: InstanceState, procedure: Procedure, calendar: BusinessCalendar,
                                  at now: Date) -> [Deviation] {
        let policy = procedure.deviationPolicy
        let late = policy.rule(for: .late)
        let missingRequirement = policy.rule(for: .missingRequirement)
        let missingOutput = policy.rule(for: .missingOutput)
        let notRun = policy.rule(for: .notRun)
        var found: [Deviation] = []

        for occurrence in state.occurrences(in: procedure) {
            let make = Maker(state: state, procedure: procedure, occurrence: occurrence)
            if let late, let deviation = lateness(occurrence, rule: late, make: make, calendar: calendar, now: now) {
                found.append(deviation)
            }
            guard case .completed(let completion) = occurrence.end else {
                if let notRun, case .cancelled(let cancellation) = occurrence.end {
                    found.append(make(.notRun, rule: notRun, at: cancellation.occurredAt) { $0.notRunCause = .cancelled })
                }
                if let notRun, let stalledAfter = notRun.stalledAfter, case .active = occurrence.end {
                    let idle = calendar.minutes(from: occurrence.activeSince, to: now, basis: stalledAfter.basis)
                    if idle > stalledAfter.minutes {
                        let since = calendar.deadline(from: occurrence.activeSince, limit: stalledAfter.plusOneMinute)
                        found.append(make(.notRun, rule: notRun, at: since) { $0.notRunCause = .stalled })
                    }
                }
                continue
            }
            if let missingRequirement, !completion.missingRequirements.isEmpty {
                found.append(make(.missingRequirement, rule: missingRequirement, at: completion.occurredAt) {
                    $0.missingItems = completion.missingRequirements
                })
            }
            if let missingOutput, !completion.missingOutputs.isEmpty {
                found.append(make(.missingOutput, rule: missingOutput, at: completion.occurredAt) {
                    $0.missingItems = completion.missingOutputs
                })
            }
        }
        return found
    }

    /// The late deviation of one activation, if it ran over its limit.
    private static func lateness(_ occurrence: StepOccurrence, rule: DeviationRule, make: Maker,
                                 calendar: BusinessCalendar, now: Date) -> Deviation? {
        let limit = occurrence.step.timeLimit
        let end = occurrence.endedAt ?? now
        let taken = calendar.minutes(from: occurrence.activeSince, to: end, basis: limit.basis)
        guard taken > limit.minutes else { return nil }
        // Still running: it became late when the first minute past the limit was used.
        let detectedAt = occurrence.endedAt ?? calendar.deadline(from: occurrence.activeSince, limit: limit.plusOneMinute)
        return make(.late, rule: rule, at: detectedAt) {
            $0.minutesOver = taken - limit.minutes
            $0.limitMinutes = limit.minutes
        }
    }

    /// Builds deviations of one activation, filling the fields every kind shares.
    private struct Maker {
        var state: InstanceState
        var procedure: Procedure
        var occurrence: StepOccurrence

        func callAsFunction(_ kind: DeviationKind, rule: DeviationRule, at detectedAt: Date,
                            _ details: (inout Deviation) -> Void = { _ in }) -> Deviation {
            let officer: ActingOfficer?
            let role: ActorID
            switch rule.answerable {
            case .executor:
                officer = occurrence.executor
                role = occurrence.executorRole
            case .owner:
                officer = nil
                role = procedure.deviationPolicy.owner ?? occurrence.step.actor
            }
            var deviation = Deviation(
                id: DeviationID(instance: state.id, kind: kind, step: occurrence.step.id, occurrence: occurrence.number),
                kind: kind, severity: rule.severity, instance: state.id, procedureID: state.procedureID,
                agencyID: state.agencyID, step: occurrence.step.id, occurrence: occurrence.number,
                actor: occurrence.step.actor, answerable: officer, answerableRole: role,
                accountRequired: rule.accountRequired, detectedAt: detectedAt.wholeMilliseconds)
            details(&deviation)
            return deviation
        }
    }
}

extension TimeLimit {
    /// The same limit one minute longer: where "more whole minutes than the limit" begins.
    var plusOneMinute: TimeLimit { TimeLimit(minutes: minutes + 1, basis: basis, sourceText: sourceText) }
}
