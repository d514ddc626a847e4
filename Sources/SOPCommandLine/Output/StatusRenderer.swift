import Foundation
import SOPCore

/// `sop status` and `sop history` as text: the procedure, the current step, and each event in words.
/// How much working time an active step has left, flagged at risk (≥ 80 % used) or overdue.
enum SLAText {
    static func left(_ s: SLAStatus, time: LocalTime, language l: Language) -> String {
        var text: String
        if s.overdue {
            text = Text(en: "OVERDUE by ", id: "LEWAT ")(l) + Durations.text(minutes: s.minutesOver, l)
        } else {
            text = Durations.text(minutes: s.minutesLeft, l)
            if s.atRisk { text += " " + Text(en: "(at risk)", id: "(berisiko)")(l) }
        }
        if s.provisional { text += " " + Text(en: "(provisional)", id: "(sementara)")(l) }
        return text
    }
}

enum StatusRenderer {
    static func render(_ loaded: LoadedInstance, now: Date, sla: SLAStatus?, language l: Language) -> String {
        let p = loaded.procedure, s = loaded.state, time = loaded.time
        var out = ""
        out += "\(s.id) · \(p.name) (\(p.number), \(p.agency.shortName ?? p.agency.name))\n"
        if let title = s.title { out += Text(en: "Title: ", id: "Perihal: ")(l) + title + "\n" }
        out += Text(en: "Status: ", id: "Status: ")(l) + StatusText.text(s.status)(l) + "\n"
        if let stepID = s.activeStep, let step = p.step(stepID) {
            let actor = p.actor(step.actor)?.name ?? step.actor.rawValue
            out += Text(en: "Current step: ", id: "Langkah saat ini: ")(l) + "\(step.number) \(step.activity)\n"
            out += Text(en: "  by: ", id: "  oleh: ")(l) + actor + " · " + Text(en: "limit ", id: "batas ")(l) + step.timeLimit.sourceText
            if let since = s.activeSince {
                out += " · " + Text(en: "active since ", id: "aktif sejak ")(l) + time.format(since)
                out += " (" + Durations.text(minutes: Int(now.timeIntervalSince(since) / 60), l) + ")"
            }
            out += "\n"
            if let sla {
                out += Text(en: "  deadline: ", id: "  tenggat: ")(l) + time.format(sla.deadline) + " · " + SLAText.left(sla, time: time, language: l) + "\n"
            }
            if step.isDecision {
                out += Text(en: "  outcomes: ", id: "  pilihan: ")(l) + step.outcomes.map(\.label).joined(separator: ", ") + "\n"
            }
        }
        if !s.deviations.isEmpty {
            out += Text(en: "Deviations:", id: "Penyimpangan:")(l) + "\n"
            for deviation in s.deviations { out += "  " + DeviationJSON.line(deviation, time: time, language: l) + "\n" }
        }
        out += Text(en: "History:", id: "Riwayat:")(l) + "\n"
        for event in loaded.events { out += "  " + describe(event, loaded: loaded, language: l) + "\n" }
        return out
    }

    static func describe(_ e: InstanceEvent, loaded: LoadedInstance, language l: Language) -> String {
        let p = loaded.procedure
        let who = e.officer.map { "\($0.name) (\($0.nip))" } ?? Text(en: "system", id: "sistem")(l)
        let role = e.role.flatMap { p.actor($0)?.name }.map { " [\($0)]" } ?? ""
        var line = "#\(e.sequence) \(loaded.time.format(e.occurredAt)) \(who)\(role): "
        switch e.payload {
        case .started(let s):
            line += Text(en: "started", id: "memulai")(l) + (s.title.map { " \"\($0)\"" } ?? "")
        case .stepCompleted(let c):
            let number = p.step(c.step)?.number ?? c.step.rawValue
            line += Text(en: "completed step \(number) '\(c.step)'", id: "menyelesaikan langkah \(number) '\(c.step)'")(l)
            if let outcome = c.outcome { line += " → \(outcome)" }
            let given = (c.requirements + c.outputs).map { item -> String in
                switch item.content {
                case .text(let text): return "\(item.id)=\"\(text)\""
                case .file(let file): return "\(item.id)=\(file.name) (sha256 \(file.sha256.prefix(12))…)"
                }
            }
            if !given.isEmpty { line += "; " + given.joined(separator: ", ") }
            let missing = (c.missingRequirements + c.missingOutputs).map(\.rawValue)
            if !missing.isEmpty { line += "; " + Text(en: "missing: ", id: "tidak ada: ")(l) + missing.joined(separator: ", ") }
            if let note = c.note { line += "; " + Text(en: "note: ", id: "catatan: ")(l) + note }
        case .returned(let r):
            line += Text(en: "returned from '\(r.from)' to '\(r.to)': \(r.reason)", id: "mengembalikan dari '\(r.from)' ke '\(r.to)': \(r.reason)")(l)
        case .cancelled(let c):
            line += Text(en: "cancelled: \(c.reason)", id: "membatalkan: \(c.reason)")(l)
        case .noteAdded(let n):
            line += Text(en: "note: \(n.text)", id: "catatan: \(n.text)")(l)
        case .deviationRecorded(let d):
            line += Text(en: "deviation \(d.id) (\(d.kind.rawValue), \(d.severity.rawValue))",
                         id: "penyimpangan \(d.id) (\(d.kind.rawValue), \(d.severity.rawValue))")(l)
        case .deviationAccounted(let a):
            line += Text(en: "accounted for \(a.deviation): \(a.reason)", id: "mempertanggungjawabkan \(a.deviation): \(a.reason)")(l)
        case .evidenceRead(let a):
            let what = a.item.map { "'\($0)'" } ?? a.requested
            line += Text(en: "read evidence \(what)", id: "membaca bukti \(what)")(l) + (a.sha256.map { " (sha256 \($0.prefix(12))…)" } ?? "")
        case .evidenceRefused(let a):
            line += Text(en: "refused evidence '\(a.requested)' to \(a.reader)", id: "menolak bukti '\(a.requested)' untuk \(a.reader)")(l)
                + (a.reason.map { " (\($0))" } ?? "")
        }
        if abs(e.recordedAt.timeIntervalSince(e.occurredAt)) >= 60 {
            line += " (" + Text(en: "recorded ", id: "dicatat ")(l) + loaded.time.format(e.recordedAt) + ")"
        }
        return line
    }
}
