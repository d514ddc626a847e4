import Foundation
import SOPCore

/// Renders a POS as the official sheet of PermenPAN-RB 35/2012: the identity block, then the step table
/// with one column per lane marking who does each step (■ process, ◆ decision), and the Mutu Baku columns.
enum SheetRenderer {
    static func render(_ p: Procedure, language l: Language, width: Int) -> String {
        var out = ""
        for unit in p.agency.parentUnits { out += unit + "\n" }
        out += p.agency.name + "\n\n"
        func field(_ label: String, _ value: String) {
            let head = label.padding(toLength: 20, withPad: " ", startingAt: 0) + ": "
            let lines = TextWrap.wrap(value, width: width - head.count)
            out += head + (lines.first ?? "") + "\n"
            for line in lines.dropFirst() { out += String(repeating: " ", count: head.count) + line + "\n" }
        }
        func date(_ d: SheetDate?) -> String {
            guard let d else { return "-" }
            return d.asPrinted.map { "\($0) (\(d.isoString))" } ?? d.isoString
        }
        field(Text(en: "Number", id: "Nomor")(l), p.number)
        field(Text(en: "Created", id: "Tgl. Pembuatan")(l), date(p.dates.created))
        field(Text(en: "Revised", id: "Tgl. Revisi")(l), date(p.dates.revised))
        field(Text(en: "Effective", id: "Tgl. Efektif")(l), date(p.dates.effective))
        var approver = p.approver.title + ", " + p.approver.name
        if let rank = p.approver.rank { approver += ", " + rank }
        if let nip = p.approver.nip { approver += ", NIP " + nip }
        field(Text(en: "Approved by", id: "Disahkan oleh")(l), approver)
        field(Text(en: "Name", id: "Nama")(l), p.name)
        out += "\n"
        let sections: [(Text, [ListItem])] = [
            (Text(en: "Legal basis (Dasar Hukum)", id: "Dasar Hukum"), p.legalBasis),
            (Text(en: "Qualifications (Kualifikasi Pelaksana)", id: "Kualifikasi Pelaksana"), p.qualifications),
            (Text(en: "Related procedures (Keterkaitan)", id: "Keterkaitan"), p.relatedProcedures),
            (Text(en: "Equipment (Peralatan/Perlengkapan)", id: "Peralatan/Perlengkapan"), p.equipment),
            (Text(en: "Warnings (Peringatan)", id: "Peringatan"), p.warnings),
            (Text(en: "Records (Pencatatan dan Pendataan)", id: "Pencatatan dan Pendataan"), p.records),
        ]
        for (title, items) in sections where !items.isEmpty {
            out += title(l) + ":\n"
            for item in items {
                let prefix = "  " + (item.number.map { $0 + " " } ?? "- ")
                let lines = TextWrap.wrap(item.text, width: width - prefix.count)
                out += prefix + (lines.first ?? "") + "\n"
                for line in lines.dropFirst() { out += String(repeating: " ", count: prefix.count) + line + "\n" }
            }
        }
        out += "\n" + p.name + "\n\n"
        // Lanes are columns A, B, C... with a legend, so the table fits 80 columns.
        let letters = p.actors.indices.map { String(UnicodeScalar(UInt8(65 + $0 % 26))) }
        out += Text(en: "Lanes (Pelaksana):", id: "Pelaksana:")(l) + "\n"
        for (i, actor) in p.actors.enumerated() { out += "  \(letters[i]) = \(actor.name)\n" }
        out += "\n"
        let headers = ["No", p.sheet.activity ?? "Kegiatan"] + letters
            + [p.sheet.requirements ?? "Kelengkapan", "Waktu", "Output", "Keterangan"]
        let rows: [[String]] = p.steps.map { step in
            let marks = p.actors.map { $0.id == step.actor ? (step.isDecision ? "◆" : "■") : "" }
            var activity = step.activity
            if case .decision(let question, let outcomes) = step.flow {
                activity += (question.map { " [\($0)]" } ?? "") + " → "
                    + outcomes.map { "\($0.label): \(target($0.target, p))" }.joined(separator: "; ")
            } else if case .goTo(let t) = step.flow {
                activity += " → \(target(t, p))"
            }
            return [step.number, activity] + marks
                + [step.requirements.map(\.text).joined(separator: "; "), step.timeLimit.sourceText,
                   step.outputs.map(\.text).joined(separator: "; "), step.notes ?? ""]
        }
        out += TableRenderer.render(headers: headers, rows: rows, width: width)
        out += "\n" + Text(en: "Total time: ", id: "Total waktu: ")(l) + Durations.text(minutes: p.totalMinutes, l)
            + " · " + Text(en: "calendar ", id: "kalender ")(l) + "\(p.calendar.name) (\(p.calendar.timeZone))\n"
        if !p.provenance.isEmpty {
            out += "\n" + Text(en: "Interpretations (not on the source sheet):", id: "Tafsiran (tidak ada di lembar sumber):")(l) + "\n"
            for note in p.provenance {
                let lines = TextWrap.wrap("\(note.path): \(note.note)", width: width - 4)
                out += "  * " + (lines.first ?? "") + "\n"
                for line in lines.dropFirst() { out += "    " + line + "\n" }
            }
        }
        return out
    }

    private static func target(_ target: FlowTarget, _ p: Procedure) -> String {
        switch target {
        case .end: "selesai"
        case .step(let id): p.step(id).map { "No \($0.number)" } ?? id.rawValue
        }
    }
}
