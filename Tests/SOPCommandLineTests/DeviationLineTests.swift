import Foundation
import SOPCore
import Testing
@testable import SOPCommandLine

/// The one-line form `sop report deviations` prints for each deviation, in both languages: pinned here
/// because the table output is read by people and streamed for hundreds of thousands of deviations.
@Suite("Deviation lines")
struct DeviationLineTests {
    static func deviation(_ id: String, _ kind: DeviationKind, minutesOver: Int? = nil, items: [ItemID] = [],
                          officer: ActingOfficer? = nil, accountRequired: Bool = true, accounted: Bool = false) -> Deviation {
        Deviation(id: DeviationID(id), kind: kind, severity: .failure, instance: "I-1", procedureID: "p", agencyID: "a",
                  step: "s", occurrence: 1, actor: "ppid", answerable: officer, answerableRole: "ppid",
                  accountRequired: accountRequired, detectedAt: Date(timeIntervalSince1970: 0), minutesOver: minutesOver,
                  missingItems: items,
                  account: accounted ? DeviationAccount(by: ActingOfficer(nip: "1", name: "X"), role: "atasan", reason: "r",
                                                        at: Date(timeIntervalSince1970: 60), sequence: 9) : nil)
    }

    static let budi = ActingOfficer(nip: "198001012005011001", name: "Budi Santoso")

    static let cases: [(Deviation, en: String, id: String)] = [
        (deviation("I-1/late/s/1", .late, minutesOver: 75, officer: budi),
         "I-1/late/s/1: late by 1 h 15 min · answers: Budi Santoso (198001012005011001) · account due",
         "I-1/late/s/1: terlambat selama 1 Jam 15 Menit · penanggung jawab: Budi Santoso (198001012005011001) · wajib dipertanggungjawabkan"),
        (deviation("d2", .late, minutesOver: 120, accountRequired: false),
         "d2: late by 2 h · answers: role ppid · open",
         "d2: terlambat selama 2 Jam · penanggung jawab: peran ppid · terbuka"),
        (deviation("d3", .late, minutesOver: 0, officer: budi, accounted: true),
         "d3: late by 0 min · answers: Budi Santoso (198001012005011001) · accounted",
         "d3: terlambat selama 0 Menit · penanggung jawab: Budi Santoso (198001012005011001) · sudah dipertanggungjawabkan"),
        (deviation("d4", .missingRequirement, items: ["surat-permohonan", "ktp"]),
         "d4: missing requirement (surat-permohonan, ktp) · answers: role ppid · account due",
         "d4: kelengkapan tidak ada (surat-permohonan, ktp) · penanggung jawab: peran ppid · wajib dipertanggungjawabkan"),
        (deviation("d5", .missingOutput, items: ["daftar"], officer: budi, accountRequired: false),
         "d5: missing output (daftar) · answers: Budi Santoso (198001012005011001) · open",
         "d5: output tidak ada (daftar) · penanggung jawab: Budi Santoso (198001012005011001) · terbuka"),
        (deviation("d6", .notRun),
         "d6: not run · answers: role ppid · account due",
         "d6: tidak berjalan · penanggung jawab: peran ppid · wajib dipertanggungjawabkan"),
        (deviation("d7", .roleOverride, minutesOver: 59),
         "d7: outside the role by 59 min · answers: role ppid · account due",
         "d7: di luar peran selama 59 Menit · penanggung jawab: peran ppid · wajib dipertanggungjawabkan"),
    ]

    @Test("each kind, duration, answerer and status reads as documented, in English and Indonesian")
    func lines() {
        let time = LocalTime(zoneID: "Asia/Makassar")
        for (deviation, en, id) in Self.cases {
            #expect(DeviationJSON.line(deviation, time: time, language: .en) == en)
            #expect(DeviationJSON.line(deviation, time: time, language: .id) == id)
        }
    }

    @Test("durations read as hours and minutes, in English and Indonesian")
    func durations() {
        let cases: [(Int, String, String)] = [(-90, "-1 h 30 min", "-1 Jam 30 Menit"), (0, "0 min", "0 Menit"), (59, "59 min", "59 Menit"),
                                              (60, "1 h", "1 Jam"), (61, "1 h 1 min", "1 Jam 1 Menit"), (1440, "24 h", "24 Jam")]
        for (minutes, en, id) in cases {
            #expect(Durations.text(minutes: minutes, .en) == en)
            #expect(Durations.text(minutes: minutes, .id) == id)
        }
    }
}
