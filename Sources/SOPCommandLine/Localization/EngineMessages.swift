import SOPCore

/// Why the engine refused a command, in the officer's language, with the valid choices listed.
enum EngineMessages {
    static func failure(_ error: EngineError, time: LocalTime) -> CommandFailure {
        let (code, text) = message(error, time: time)
        return CommandFailure(.refused, code: code, text)
    }

    private static func list<T: CustomStringConvertible>(_ items: [T]) -> String {
        items.isEmpty ? "-" : items.map { "'\($0)'" }.joined(separator: ", ")
    }

    static func message(_ error: EngineError, time: LocalTime) -> (String, Text) {
        switch error {
        case .procedureHasNoSteps:
            return ("no-steps", Text(en: "The procedure has no steps.", id: "Prosedur tidak memiliki langkah."))
        case .definitionMismatch(let instance, let version, let given, let givenVersion):
            return ("definition-mismatch",
                    Text(en: "The instance runs \(instance) version \(version), not \(given) version \(givenVersion).",
                         id: "Instans menjalankan \(instance) versi \(version), bukan \(given) versi \(givenVersion)."))
        case .instanceNotStarted:
            return ("unknown-instance", Text(en: "The instance does not exist.", id: "Instans tidak ada."))
        case .instanceAlreadyStarted(let id):
            return ("already-started", Text(en: "Instance \(id) already exists.", id: "Instans \(id) sudah ada."))
        case .instanceClosed(let status):
            let statusID = status == .done ? "selesai" : status == .cancelled ? "dibatalkan" : "terbuka"
            return ("instance-closed", Text(en: "The instance is \(status.rawValue); nothing more can be done on it.",
                                            id: "Instans sudah \(statusID); tidak ada lagi yang dapat dilakukan."))
        case .unknownStep(let step, let known):
            return ("unknown-step", Text(en: "Step '\(step)' does not exist. Steps: \(list(known)).",
                                         id: "Langkah '\(step)' tidak ada. Langkah yang ada: \(list(known))."))
        case .stepNotActive(let step, let active):
            let now = active.map { "'\($0)'" } ?? "-"
            return ("step-not-active", Text(en: "Step '\(step)' is not active; the active step is \(now).",
                                            id: "Langkah '\(step)' tidak aktif; langkah yang aktif adalah \(now)."))
        case .wrongRole(let step, let required, let roles):
            return ("wrong-role",
                    Text(en: "Step '\(step)' is done by the role '\(required)'; you hold \(list(roles)) in this agency.",
                         id: "Langkah '\(step)' dikerjakan oleh peran '\(required)'; Anda memegang \(list(roles)) di instansi ini."))
        case .notAParticipant(let procedureRoles, let roles):
            return ("not-a-participant",
                    Text(en: "You hold none of this procedure's roles (\(list(procedureRoles))) in this agency; you hold \(list(roles)).",
                         id: "Anda tidak memegang satu pun peran prosedur ini (\(list(procedureRoles))) di instansi ini; Anda memegang \(list(roles))."))
        case .outcomeRequired(let step, let valid):
            return ("outcome-required", Text(en: "Step '\(step)' is a decision: give --outcome, one of \(list(valid)).",
                                             id: "Langkah '\(step)' adalah keputusan: berikan --outcome, salah satu dari \(list(valid))."))
        case .unknownOutcome(let outcome, let valid):
            return ("unknown-outcome", Text(en: "Outcome '\(outcome)' is not one of \(list(valid)).",
                                            id: "Pilihan '\(outcome)' bukan salah satu dari \(list(valid))."))
        case .outcomeNotAllowed(let step):
            return ("outcome-not-allowed", Text(en: "Step '\(step)' is not a decision; leave out --outcome.",
                                                id: "Langkah '\(step)' bukan keputusan; jangan berikan --outcome."))
        case .unknownRequirement(let item, let valid):
            return ("unknown-requirement", Text(en: "Requirement '\(item)' is not one of this step's: \(list(valid)).",
                                                id: "Kelengkapan '\(item)' bukan milik langkah ini: \(list(valid))."))
        case .unknownOutput(let item, let valid):
            return ("unknown-output", Text(en: "Output '\(item)' is not one of this step's: \(list(valid)).",
                                           id: "Output '\(item)' bukan milik langkah ini: \(list(valid))."))
        case .duplicateItem(let item):
            return ("duplicate-item", Text(en: "'\(item)' was given twice.", id: "'\(item)' diberikan dua kali."))
        case .invalidEvidence(let item, let problem):
            return ("invalid-evidence", Text(en: "Evidence '\(item)' is unusable (\(problem.rawValue)).",
                                             id: "Bukti '\(item)' tidak dapat dipakai (\(problem.rawValue))."))
        case .mandatoryRequirementMissing(let step, let items):
            return ("mandatory-requirement-missing",
                    Text(en: "Step '\(step)' cannot be completed without \(list(items)); give --requirement ID=FILE|TEXT.",
                         id: "Langkah '\(step)' tidak dapat diselesaikan tanpa \(list(items)); berikan --requirement ID=BERKAS|TEKS."))
        case .timeInFuture(let at, let now):
            return ("time-in-future", Text(en: "The time \(time.format(at)) is in the future (now is \(time.format(now))).",
                                           id: "Waktu \(time.format(at)) ada di masa depan (sekarang \(time.format(now)))."))
        case .beforePreviousEvent(let at, let previous):
            return ("before-previous-event",
                    Text(en: "The time \(time.format(at)) is before the instance's previous event (\(time.format(previous))).",
                         id: "Waktu \(time.format(at)) lebih awal dari kejadian sebelumnya pada instans ini (\(time.format(previous)))."))
        case .returnTargetInvalid(let step, let allowed):
            return ("return-target-invalid", Text(en: "Work cannot be returned to '\(step)'; allowed: \(list(allowed)).",
                                                  id: "Pekerjaan tidak dapat dikembalikan ke '\(step)'; yang boleh: \(list(allowed))."))
        case .reasonRequired:
            return ("reason-required", Text(en: "A reason is required (--reason).", id: "Alasan wajib diisi (--reason)."))
        case .noteTextRequired:
            return ("note-required", Text(en: "The note is empty.", id: "Catatan kosong."))
        case .foreignDeviation(let id, let instance):
            return ("foreign-deviation", Text(en: "Deviation '\(id)' belongs to instance \(instance).",
                                              id: "Penyimpangan '\(id)' milik instans \(instance)."))
        case .unknownDeviation(let id, let known):
            return ("unknown-deviation", Text(en: "Deviation '\(id)' is not recorded on this instance. Recorded: \(list(known)).",
                                              id: "Penyimpangan '\(id)' tidak tercatat pada instans ini. Yang tercatat: \(list(known))."))
        case .deviationAlreadyAccounted(let id, let by, let at):
            return ("deviation-already-accounted",
                    Text(en: "Deviation '\(id)' was already accounted for by \(by.name) (\(by.nip)) at \(time.format(at)).",
                         id: "Penyimpangan '\(id)' sudah dipertanggungjawabkan oleh \(by.name) (\(by.nip)) pada \(time.format(at))."))
        case .notAnswerable(let id, let answerable, let role, let superior, let roles):
            let who = answerable.map { "\($0.name) (\($0.nip))" }
            let en = (who ?? "the role '\(role)'") + (superior.map { " or the superior role '\($0)'" } ?? "")
            let idText = (who ?? "peran '\(role)'") + (superior.map { " atau peran atasan '\($0)'" } ?? "")
            return ("not-answerable",
                    Text(en: "Deviation '\(id)' is accounted for by \(en); you hold \(list(roles)) in this agency.",
                         id: "Penyimpangan '\(id)' dipertanggungjawabkan oleh \(idText); Anda memegang \(list(roles)) di instansi ini."))
        case .inconsistentHistory(let replay):
            return ("inconsistent-history", Text(en: "The stored history of this instance is inconsistent: \(replay).",
                                                 id: "Riwayat tersimpan instans ini tidak konsisten: \(replay)."))
        }
    }
}
