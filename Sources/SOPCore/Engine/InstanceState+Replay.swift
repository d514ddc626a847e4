import Foundation

// The fold from events to state. The engine applies its own fresh events with the same function,
// so the state a command leaves behind and the state rebuilt from storage cannot drift apart.

extension InstanceState {
    /// Rebuilds an instance's state from its whole history.
    ///
    /// - Throws: ``ReplayError`` when the events contradict each other or `procedure`.
    public static func replay(_ events: [InstanceEvent], procedure: Procedure) throws(ReplayError) -> InstanceState {
        guard let first = events.first else { throw .noEvents }
        var state = try started(by: first, procedure: procedure)
        for event in events.dropFirst() {
            state = try state.applying(event, procedure: procedure)
        }
        return state
    }

    /// The state right after a `started` event.
    public static func started(by event: InstanceEvent, procedure: Procedure) throws(ReplayError) -> InstanceState {
        guard case .started(let started) = event.payload else { throw .firstEventNotStarted(event.kind) }
        guard event.sequence == 1 else { throw .sequenceGap(expected: 1, found: event.sequence) }
        guard started.procedureID == procedure.id, started.version == procedure.version else {
            throw .definitionMismatch(recorded: started.procedureID, recordedVersion: started.version,
                                      given: procedure.id, givenVersion: procedure.version)
        }
        guard let firstStep = procedure.step(started.firstStep) else {
            throw .unknownStep(started.firstStep, sequence: event.sequence)
        }
        guard firstStep.id == procedure.firstStep?.id else {
            throw .stepNotActive(started.firstStep, active: procedure.firstStep?.id, sequence: event.sequence)
        }
        return InstanceState(
            id: event.instanceID, procedureID: started.procedureID, procedureVersion: started.version,
            definitionHash: started.definitionHash, agencyID: started.agencyID, title: started.title,
            status: .open, activeStep: firstStep.id, activeActor: firstStep.actor, activeSince: event.occurredAt,
            startedAt: event.occurredAt, startedBy: event.officer, lastSequence: event.sequence,
            lastOccurredAt: event.occurredAt, lastRecordedAt: event.recordedAt)
    }

    /// This state with more events applied, in order.
    public func applying(_ events: [InstanceEvent], procedure: Procedure) throws(ReplayError) -> InstanceState {
        var state = self
        for event in events { state = try state.applying(event, procedure: procedure) }
        return state
    }

    /// This state with one more event applied.
    public func applying(_ event: InstanceEvent, procedure: Procedure) throws(ReplayError) -> InstanceState {
        guard event.instanceID == id else { throw .foreignEvent(expected: id, found: event.instanceID, sequence: event.sequence) }
        guard event.sequence == lastSequence + 1 else { throw .sequenceGap(expected: lastSequence + 1, found: event.sequence) }
        guard event.occurredAt >= lastOccurredAt else {
            throw .timeWentBackwards(sequence: event.sequence, at: event.occurredAt, previous: lastOccurredAt)
        }
        if status != .open, event.kind != .noteAdded, !event.kind.isDeviationRecord, !event.kind.isAccessRecord {
            throw .eventAfterClose(event.kind, status: status, sequence: event.sequence)
        }
        var next = self
        next.lastSequence = event.sequence
        if !event.kind.isDeviationRecord, !event.kind.isAccessRecord { next.lastOccurredAt = event.occurredAt }
        next.lastRecordedAt = event.recordedAt

        switch event.payload {
        case .started:
            throw .startedTwice(sequence: event.sequence)

        case .stepCompleted(let completed):
            let (step, since) = try activeStep(named: completed.step, at: event.sequence, procedure: procedure)
            try Self.check(completed, of: step, sequence: event.sequence, procedure: procedure)
            next.completions.append(StepCompletion(
                sequence: event.sequence, step: step.id, officer: event.officer, role: event.role,
                activeSince: since, occurredAt: event.occurredAt, outcome: completed.outcome, next: completed.next,
                requirements: completed.requirements, outputs: completed.outputs,
                missingRequirements: completed.missingRequirements, missingOutputs: completed.missingOutputs,
                note: completed.note))
            try next.activate(completed.next, at: event.occurredAt, sequence: event.sequence, procedure: procedure)

        case .returned(let returned):
            let (_, since) = try activeStep(named: returned.from, at: event.sequence, procedure: procedure)
            let allowed = returnTargets(in: procedure)
            guard allowed.contains(returned.to) else {
                throw .invalidReturn(to: returned.to, allowed: allowed, sequence: event.sequence)
            }
            next.returns.append(StepReturn(
                sequence: event.sequence, from: returned.from, to: returned.to, reason: returned.reason,
                officer: event.officer, role: event.role, activeSince: since, occurredAt: event.occurredAt))
            try next.activate(.step(returned.to), at: event.occurredAt, sequence: event.sequence, procedure: procedure)

        case .cancelled(let cancelled):
            guard cancelled.step == activeStep else {
                throw .cancelledStepDisagrees(recorded: cancelled.step, active: activeStep, sequence: event.sequence)
            }
            next.cancellation = Cancellation(sequence: event.sequence, reason: cancelled.reason, step: cancelled.step,
                                             officer: event.officer, role: event.role, occurredAt: event.occurredAt)
            next.status = .cancelled
            next.clearActiveStep()

        case .noteAdded(let note):
            next.notes.append(InstanceNote(sequence: event.sequence, text: note.text, step: note.step,
                                           officer: event.officer, role: event.role, occurredAt: event.occurredAt))

        case .deviationRecorded(var deviation):
            guard deviation.instance == id else {
                throw .foreignDeviation(deviation.id, instance: deviation.instance, sequence: event.sequence)
            }
            guard self.deviation(deviation.id) == nil else {
                throw .duplicateDeviation(deviation.id, sequence: event.sequence)
            }
            deviation.account = nil
            next.deviations.append(deviation)

        case .deviationAccounted(let accounted):
            guard let index = deviations.firstIndex(where: { $0.id == accounted.deviation }) else {
                throw .unknownDeviation(accounted.deviation, sequence: event.sequence)
            }
            guard deviations[index].account == nil else {
                throw .deviationAlreadyAccounted(accounted.deviation, sequence: event.sequence)
            }
            guard let officer = event.officer, let role = event.role else {
                throw .accountWithoutOfficer(accounted.deviation, sequence: event.sequence)
            }
            next.deviations[index].account = DeviationAccount(by: officer, role: role, reason: accounted.reason,
                                                              at: event.occurredAt, sequence: event.sequence)

        case .evidenceRead, .evidenceRefused:
            break  // a record of access: the flow is unchanged
        }
        return next
    }

    /// The active step, checked to be the one the event names.
    private func activeStep(named id: StepID, at sequence: Int, procedure: Procedure) throws(ReplayError) -> (Step, Date) {
        guard let step = procedure.step(id) else { throw .unknownStep(id, sequence: sequence) }
        guard id == activeStep, let activeSince else { throw .stepNotActive(id, active: activeStep, sequence: sequence) }
        return (step, activeSince)
    }

    /// Checks a completion against the definition: the outcome, where it leads, and the item ids.
    private static func check(_ completed: InstanceEventPayload.StepCompleted, of step: Step, sequence: Int,
                              procedure: Procedure) throws(ReplayError) {
        let expected: FlowTarget?
        if step.isDecision {
            guard let label = completed.outcome, let outcome = step.outcomes.first(where: { $0.label == label }) else {
                throw .outcomeDisagrees(step: step.id, outcome: completed.outcome, sequence: sequence)
            }
            expected = outcome.target
        } else {
            guard completed.outcome == nil else {
                throw .outcomeDisagrees(step: step.id, outcome: completed.outcome, sequence: sequence)
            }
            expected = procedure.target(after: step)
        }
        guard completed.next == expected else {
            throw .targetDisagrees(step: step.id, recorded: completed.next, expected: expected, sequence: sequence)
        }
        // A step names a handful of items: searching them in place beats building sets on every replayed step.
        for id in completed.requirements.lazy.map(\.id) where !step.requirements.contains(where: { $0.id == id }) {
            throw .unknownItem(id, step: step.id, sequence: sequence)
        }
        for id in completed.missingRequirements where !step.requirements.contains(where: { $0.id == id }) {
            throw .unknownItem(id, step: step.id, sequence: sequence)
        }
        for id in completed.outputs.lazy.map(\.id) where !step.outputs.contains(where: { $0.id == id }) {
            throw .unknownItem(id, step: step.id, sequence: sequence)
        }
        for id in completed.missingOutputs where !step.outputs.contains(where: { $0.id == id }) {
            throw .unknownItem(id, step: step.id, sequence: sequence)
        }
    }

    private mutating func activate(_ target: FlowTarget, at date: Date, sequence: Int,
                                   procedure: Procedure) throws(ReplayError) {
        switch target {
        case .end:
            status = .done
            clearActiveStep()
        case .step(let id):
            guard let step = procedure.step(id) else { throw .unknownStep(id, sequence: sequence) }
            activeStep = step.id
            activeActor = step.actor
            activeSince = date
        }
    }

    private mutating func clearActiveStep() {
        activeStep = nil
        activeActor = nil
        activeSince = nil
    }
}
