import Foundation
import SOPCore

/// `sop demo`: the main job on the embedded default. A fresh SQLite store, a roster with one officer per lane,
/// one instance of every shipped POS taken from start to end through the real commands, and their status.
enum DemoCommand {
    static let defaultStore = "sop-demo.sqlite"

    static let demo = Command(
        spec: CommandSpec(name: "demo",
                          abstract: Text(en: "Run every definition start to end on a fresh demo store, showing each command and the reports.",
                                         id: "Jalankan setiap definisi dari awal sampai akhir pada penyimpanan demo baru, dengan setiap perintahnya."),
                          discussion: Text(en: "The demo store (default \(defaultStore)) is deleted and created anew; it never touches your --store or $SOP_STORE.",
                                           id: "Penyimpanan demo (bawaan \(defaultStore)) dihapus dan dibuat ulang; --store atau $SOP_STORE Anda tidak disentuh."),
                          options: [OptionSpec(name: "demo-store", valueName: "path",
                                               help: Text(en: "Where to create the demo store. (default: \(defaultStore))",
                                                          id: "Lokasi penyimpanan demo. (bawaan: \(defaultStore))"))]),
        run: { invocation throws(CommandFailure) in try runDemo(invocation) })

    private static func runDemo(_ invocation: Invocation) throws(CommandFailure) -> ExitCode {
        let l = invocation.language
        let procedures = try DefinitionCommands.catalog(invocation).sorted { $0.id < $1.id }
        let storePath = invocation.context.url(for: invocation.parsed.value("demo-store") ?? defaultStore).path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
        let definitions = DefinitionFiles.folderPath(invocation.parsed, invocation.context)
        var common = ["--store", storePath, "--definitions", definitions, "--lang", l.rawValue]
        if invocation.json { common.append("--json") }

        /// Runs one real command line, echoing it; any failure stops the demo with that command's exit code.
        func sop(_ arguments: [String]) throws(CommandFailure) {
            invocation.out("\n$ sop " + arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ") + "\n")
            let code = SOPTool.run(arguments + common, context: invocation.context)
            guard code == 0 else {
                throw CommandFailure(ExitCode(rawValue: code) ?? .refused, code: "demo-failed",
                                     Text(en: "The demo stopped: 'sop \(arguments.joined(separator: " "))' exited with \(code).",
                                          id: "Demo berhenti: 'sop \(arguments.joined(separator: " "))' keluar dengan kode \(code)."))
            }
        }

        invocation.out(Text(en: "sop demo: a fresh store at \(storePath), \(procedures.count) definitions.",
                            id: "sop demo: penyimpanan baru di \(storePath), \(procedures.count) definisi.")(l) + "\n")
        try sop(["validate"])
        let now = invocation.context.clock.now
        var serial = 0
        for procedure in procedures {
            // One officer per lane, with a NIP of the right shape (birth date, appointment month, sex, sequence).
            var officerFor: [ActorID: String] = [:]
            for actor in procedure.actors {
                serial += 1
                let nip = String(format: "198%01d%02d%02d20100%01d1%03d", serial % 10, (serial % 12) + 1, (serial % 28) + 1, serial % 10, serial)
                officerFor[actor.id] = nip
                try sop(["officers", "add", nip, "--name", "\(actor.name) (demo \(serial))"])
                try sop(["officers", "grant", nip, "--agency", procedure.agency.id, "--role", actor.id.rawValue])
            }
            // Recorded after the fact on a fixed working morning (Monday 16 March 2026, from 08:00 local time),
            // a quarter of an hour a step, so the demo prints the same figures whenever it runs.
            let time = LocalTime(zoneID: procedure.calendar.timeZone)
            var minutes = 8 * 60 - 15
            func at(extra: Int = 0) -> String {
                minutes += 15 + extra
                return String(format: "2026-03-16 %02d:%02d", minutes / 60, minutes % 60)
            }
            // Where the peringatan demand a written account for lateness, show one: the second step runs
            // 25 minutes long and leaves out its outputs, and its executor then accounts for it.
            let showsAccount = procedure.deviationPolicy.rule(for: .late)?.accountRequired == true && procedure.steps.count > 1
            _ = (now, time)
            guard let first = procedure.firstStep, let starter = officerFor[first.actor] else { continue }
            let store = try StoreAccess.open(Invocation(parsed: ParsedCommand(path: [], spec: invocation.parsed.spec, arguments: [],
                                                                               options: ["store": [storePath]], flags: []),
                                                        context: invocation.context, language: l, json: false))
            let before = Set(((try? store.headers(matching: InstanceFilter())) ?? []).map(\.id))
            try sop(["start", procedure.id.rawValue, "--by", starter, "--title", "Demo \(procedure.number)", "--at", at()])
            let started = ((try? store.headers(matching: InstanceFilter())) ?? []).filter { !before.contains($0.id) }
            guard started.count == 1, let header = started.first else {
                throw StoreAccess.failure(.corrupt(message: "the demo instance was not found after start"))
            }
            var guardCount = 0
            while let loaded = try? InstanceSession.load(header.id.rawValue, store: store), loaded.state.status == .open,
                  let stepID = loaded.state.activeStep, let step = procedure.step(stepID), guardCount < 50 {
                guardCount += 1
                let deviating = showsAccount && step.id == procedure.steps[1].id
                var arguments = ["complete", header.id.rawValue, "--by", officerFor[step.actor] ?? starter,
                                 "--at", at(extra: deviating ? step.timeLimit.minutes + 10 : 0)]
                for requirement in step.requirements { arguments += ["--requirement", "\(requirement.id)=text:\(requirement.text)"] }
                if !deviating {
                    for output in step.outputs { arguments += ["--output", "\(output.id)=text:\(output.text)"] }
                }
                if let outcome = step.outcomes.first?.label { arguments += ["--outcome", outcome] }
                try sop(arguments)
                if deviating, let executor = officerFor[step.actor] {
                    let late = DeviationID(instance: header.id, kind: .late, step: step.id, occurrence: 1)
                    try sop(["account", late.rawValue, "--by", executor, "--at", at(), "--reason",
                             l == .id ? "Menunggu tanda tangan atasan" : "Waiting for the superior's signature"])
                }
            }
            try sop(["status", header.id.rawValue])
        }
        try sop(["list"])
        try sop(["check"])
        try sop(["report", "sla"])
        try sop(["report", "deviations"])
        try sop(["audit", "verify"])
        return .success
    }
}
