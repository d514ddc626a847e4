import Foundation

extension Engine {
    /// What every command on an existing instance works from.
    struct Context {
        var state: InstanceState
        var procedure: Procedure
        var officer: Officer
        var now: Date

        /// Builds the next event of this instance.
        private func event(_ payload: InstanceEventPayload, role: ActorID, at occurredAt: Date) -> InstanceEvent {
            InstanceEvent(instanceID: state.id, sequence: state.lastSequence + 1, officer: ActingOfficer(officer),
                          role: role, occurredAt: occurredAt, recordedAt: now, payload: payload)
        }

        private func requireOpen() throws(EngineError) {
            guard state.status == .open else { throw .instanceClosed(state.status) }
        }

        /// The active step; an open state without one is a damaged history.
        private func activeStep() throws(EngineError) -> Step {
            guard let id = state.activeStep else { throw .inconsistentHistory(.openWithoutActiveStep) }
            guard let step = procedure.step(id) else {
                throw .inconsistentHistory(.unknownStep(id, sequence: state.lastSequence))
            }
            return step
        }

        /// Refuses an officer who does not hold `step`'s role in the instance's agency.
        private func requireRole(for step: Step) throws(EngineError) {
            guard officer.holds(step.actor, in: state.agencyID) else {
                throw .wrongRole(step: step.id, required: step.actor,
                                 officerRoles: Engine.roles(of: officer, in: state.agencyID))
            }
        }

        private func occurrence(_ at: Date?) throws(EngineError) -> Date {
            try Engine.occurrence(at, now: now, previous: state.lastOccurredAt)
        }

        func complete(step requested: StepID?, requirements: [EvidenceItem], outputs: [EvidenceItem],
                      outcome: String?, note: String?, at: Date?) throws(EngineError) -> InstanceEvent {
            try requireOpen()
            let step = try activeStep()
            if let requested, requested != step.id {
                guard procedure.step(requested) != nil else {
                    throw .unknownStep(requested, known: procedure.steps.map(\.id))
                }
                throw .stepNotActive(step: requested, active: step.id)
            }
            try requireRole(for: step)
            let (chosenOutcome, next) = try flow(after: step, outcome: outcome)
            let recorded = try EvidenceCheck.requirements(requirements, of: step, state: state)
            let recordedOutputs = try EvidenceCheck.outputs(outputs, of: step)
            let occurredAt = try occurrence(at)
            let cleanNote = note?.trimmingWhitespace
            return event(.stepCompleted(.init(
                step: step.id, outcome: chosenOutcome, next: next,
                requirements: recorded.items, outputs: recordedOutputs.items,
                missingRequirements: recorded.missing, missingOutputs: recordedOutputs.missing,
                note: cleanNote?.isEmpty == false ? cleanNote : nil)),
                role: step.actor, at: occurredAt)
        }

        /// The outcome label to record and where the flow goes next.
        private func flow(after step: Step, outcome: String?) throws(EngineError) -> (String?, FlowTarget) {
            guard step.isDecision else {
                guard outcome == nil else { throw .outcomeNotAllowed(step: step.id) }
                return (nil, procedure.target(after: step))
            }
            let labels = step.outcomes.map(\.label)
            guard let outcome else { throw .outcomeRequired(step: step.id, valid: labels) }
            guard let chosen = step.outcomes.first(where: { $0.label == outcome }) else {
                throw .unknownOutcome(outcome, valid: labels)
            }
            return (chosen.label, chosen.target)
        }

        func returnTo(_ target: StepID, reason: String, at: Date?) throws(EngineError) -> InstanceEvent {
            try requireOpen()
            let step = try activeStep()
            try requireRole(for: step)
            let cleanReason = reason.trimmingWhitespace
            guard !cleanReason.isEmpty else { throw .reasonRequired }
            let allowed = state.returnTargets(in: procedure)
            guard allowed.contains(target) else { throw .returnTargetInvalid(target, allowed: allowed) }
            let occurredAt = try occurrence(at)
            return event(.returned(.init(from: step.id, to: target, reason: cleanReason)), role: step.actor, at: occurredAt)
        }

        func cancel(reason: String, at: Date?) throws(EngineError) -> InstanceEvent {
            try requireOpen()
            let role = try Engine.actingRole(of: officer, in: state.agencyID, procedure: procedure,
                                             preferring: state.activeActor)
            let cleanReason = reason.trimmingWhitespace
            guard !cleanReason.isEmpty else { throw .reasonRequired }
            let occurredAt = try occurrence(at)
            return event(.cancelled(.init(reason: cleanReason, step: state.activeStep)), role: role, at: occurredAt)
        }

        /// The account of a recorded deviation, if this officer may give it.
        func accountDeviation(_ id: DeviationID, reason: String, at: Date?) throws(EngineError) -> InstanceEvent {
            guard let deviation = state.deviation(id) else {
                throw .unknownDeviation(id, known: state.deviations.map(\.id))
            }
            if let account = deviation.account {
                throw .deviationAlreadyAccounted(id, by: account.by, at: account.at)
            }
            let role = try accountingRole(for: deviation)
            let cleanReason = reason.trimmingWhitespace
            guard !cleanReason.isEmpty else { throw .reasonRequired }
            let occurredAt = try occurrence(at)
            return event(.deviationAccounted(.init(deviation: id, reason: cleanReason)), role: role, at: occurredAt)
        }

        /// The role the officer accounts in: the answerable role (as the named officer, or as a holder
        /// when no officer is named), else the policy's superior role.
        private func accountingRole(for deviation: Deviation) throws(EngineError) -> ActorID {
            if let answerable = deviation.answerable {
                if answerable.nip == officer.nip { return deviation.answerableRole }
            } else if officer.holds(deviation.answerableRole, in: state.agencyID) {
                return deviation.answerableRole
            }
            let superior = procedure.deviationPolicy.superior
            if let superior, officer.holds(superior, in: state.agencyID) { return superior }
            throw .notAnswerable(deviation.id, answerable: deviation.answerable, role: deviation.answerableRole,
                                 superior: superior, officerRoles: Engine.roles(of: officer, in: state.agencyID))
        }

        func addNote(_ text: String, at: Date?) throws(EngineError) -> InstanceEvent {
            let role = try Engine.actingRole(of: officer, in: state.agencyID, procedure: procedure,
                                             preferring: state.activeActor)
            let cleanText = text.trimmingWhitespace
            guard !cleanText.isEmpty else { throw .noteTextRequired }
            let occurredAt = try occurrence(at)
            return event(.noteAdded(.init(text: cleanText, step: state.activeStep)), role: role, at: occurredAt)
        }
    }
}
