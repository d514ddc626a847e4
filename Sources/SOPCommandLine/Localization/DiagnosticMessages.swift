import SOPCore

/// The sentence for each diagnostic code, in Indonesian and English, built from the diagnostic's data.
enum DiagnosticMessages {
    static func message(_ d: Diagnostic) -> Text {
        let found = d.found ?? ""
        let expected = d.expected ?? ""
        let subject = d.subject ?? ""
        switch d.code {
        case .unreadableFile:
            return Text(en: "cannot read the file: \(found)", id: "berkas tidak dapat dibaca: \(found)")
        case .fileTooLarge:
            return Text(en: "file is too large (\(found); expected \(expected))",
                        id: "berkas terlalu besar (\(found); seharusnya \(expected))")
        case .emptyFile:
            return Text(en: "the file is empty; expected a JSON object", id: "berkas kosong; seharusnya sebuah objek JSON")
        case .invalidUTF8:
            return Text(en: "the file is not valid UTF-8 text", id: "berkas bukan teks UTF-8 yang sah")
        case .invalidJSON:
            return Text(en: "invalid JSON: expected \(expected), found \(found)",
                        id: "JSON tidak sah: seharusnya \(expected), ditemukan \(found)")
        case .nestingTooDeep:
            return Text(en: "JSON is nested too deeply (\(expected))", id: "JSON bersarang terlalu dalam (\(expected))")
        case .wrongType:
            return Text(en: "expected \(expected), found \(found)", id: "seharusnya \(expected), ditemukan \(found)")
        case .missingField:
            if !subject.isEmpty {
                return Text(en: "missing required field '\(expected)' (needed by \(subject))",
                            id: "kolom wajib '\(expected)' tidak ada (diperlukan oleh \(subject))")
            }
            return Text(en: "missing required field '\(expected)'", id: "kolom wajib '\(expected)' tidak ada")
        case .unknownField:
            return Text(en: "unknown field '\(found)'", id: "kolom '\(found)' tidak dikenal")
        case .duplicateKey:
            return Text(en: "key '\(found)' appears twice in the same object", id: "kunci '\(found)' muncul dua kali dalam objek yang sama")
        case .invalidValue:
            return Text(en: "invalid value '\(found)'; expected \(expected)", id: "nilai '\(found)' tidak sah; seharusnya \(expected)")
        case .valueTooLong:
            return Text(en: "text is too long (\(found); \(expected))", id: "teks terlalu panjang (\(found); \(expected))")
        case .invalidID:
            return Text(en: "'\(found)' is not a valid id; expected \(expected)",
                        id: "'\(found)' bukan id yang sah; seharusnya huruf kecil, angka dan '-'")
        case .duplicateID:
            return Text(en: "id '\(found)' is already used at \(subject)", id: "id '\(found)' sudah dipakai di \(subject)")
        case .unknownActor:
            return Text(en: "actor '\(found)' is not declared in $.actors", id: "pelaksana '\(found)' tidak dideklarasikan di $.actors")
        case .unknownStep:
            return Text(en: "step '\(found)' does not exist", id: "langkah '\(found)' tidak ada")
        case .unknownOutput:
            return Text(en: "step '\(subject)' has no output '\(found)'", id: "langkah '\(subject)' tidak punya output '\(found)'")
        case .unreachableStep:
            return Text(en: "step '\(found)' cannot be reached from the first step '\(subject)'",
                        id: "langkah '\(found)' tidak dapat dicapai dari langkah pertama '\(subject)'")
        case .deadEndStep:
            return Text(en: "the end cannot be reached from step '\(found)' (an endless loop)",
                        id: "akhir prosedur tidak dapat dicapai dari langkah '\(found)' (putaran tanpa akhir)")
        case .decisionTooFewOutcomes:
            return Text(en: "a decision needs at least 2 outcomes, found \(found)",
                        id: "keputusan memerlukan paling sedikit 2 pilihan, ditemukan \(found)")
        case .duplicateOutcome:
            return Text(en: "outcome label '\(found)' is used twice", id: "label pilihan '\(found)' dipakai dua kali")
        case .nextWithDecision:
            return Text(en: "a step has either \"next\" or \"decision\", not both",
                        id: "sebuah langkah memakai \"next\" atau \"decision\", tidak keduanya")
        case .invalidTimeLimit:
            return Text(en: "cannot read time limit '\(found)'; expected \(expected)",
                        id: "batas waktu '\(found)' tidak terbaca; seharusnya angka dan satuan (Menit, Jam, Hari, Minggu) atau ISO 8601 seperti PT1H")
        case .nonPositiveTimeLimit:
            return Text(en: "time limit '\(found)' must be more than zero", id: "batas waktu '\(found)' harus lebih dari nol")
        case .invalidDate:
            return Text(en: "'\(found)' is not a date; expected \(expected)",
                        id: "'\(found)' bukan tanggal; seharusnya YYYY-MM-DD, misalnya 2024-08-15")
        case .invalidTimeZone:
            return Text(en: "unknown time zone '\(found)'; expected an IANA id such as Asia/Makassar",
                        id: "zona waktu '\(found)' tidak dikenal; seharusnya id IANA seperti Asia/Makassar")
        case .unknownCalendar:
            return Text(en: "calendar '\(found)' is not in \(expected)", id: "kalender '\(found)' tidak ada di \(expected)")
        case .duplicateDefinition:
            return Text(en: "\(found) is also defined in \(subject)", id: "\(found) juga didefinisikan di \(subject)")
        case .emptyList:
            return Text(en: "the list is empty; expected \(expected)", id: "daftar kosong; seharusnya minimal satu isi")
        case .brokenChain:
            return Text(en: "step '\(subject)' requires '\(found)', which no earlier step produces and which is not marked external",
                        id: "langkah '\(subject)' memerlukan '\(found)', yang tidak dihasilkan langkah sebelumnya dan tidak ditandai eksternal")
        case .unusedActor:
            return Text(en: "actor '\(found)' does no step", id: "pelaksana '\(found)' tidak melakukan langkah apa pun")
        case .stepNumbering:
            return Text(en: "step number '\(found)' breaks the sequence; expected \(expected)",
                        id: "nomor langkah '\(found)' memutus urutan; seharusnya \(expected)")
        case .notEffective:
            return Text(en: "no effective date (Tanggal Efektif): the POS is not in force on paper",
                        id: "tidak ada Tanggal Efektif: POS belum berlaku secara tertulis")
        case .effectiveBeforeCreated:
            return Text(en: "effective date \(found) is before the creation date (expected \(expected))",
                        id: "tanggal efektif \(found) lebih awal dari tanggal pembuatan (seharusnya \(expected))")
        case .nipLength:
            return Text(en: "NIP \(found) is not 18 digits", id: "NIP \(found) bukan 18 digit")
        case .nipImpossibleDate:
            return Text(en: "NIP holds an impossible \(found)", id: "NIP memuat \(found) yang mustahil")
        case .foreignBody:
            return Text(en: "names '\(found)', a body other than the agency (\(expected)); copied text?",
                        id: "menyebut '\(found)', badan lain selain instansi (\(expected)); teks salinan?")
        case .listNumbering:
            if !subject.isEmpty {
                return Text(en: "list number '\(found)' repeats \(subject); expected \(expected)",
                            id: "nomor daftar '\(found)' mengulang \(subject); seharusnya \(expected)")
            }
            return Text(en: "list numbering is inconsistent: found \(found), expected \(expected)",
                        id: "penomoran daftar tidak konsisten: ditemukan \(found), seharusnya \(expected == "one numbering style" ? "satu gaya penomoran" : expected)")
        case .emptyListItem:
            return Text(en: "list item \(found) is empty", id: "butir daftar \(found) kosong")
        case .supersededRegulation:
            return Text(en: "cites a superseded regulation: \(found)", id: "mengutip peraturan yang sudah diganti: \(found)")
        case .labelTypo:
            return Text(en: "sheet label '\(found)' looks like a typo of '\(expected)'",
                        id: "label lembar '\(found)' tampaknya salah ketik dari '\(expected)'")
        case .spelling:
            return Text(en: "'\(found)' looks like a typo of '\(expected)'", id: "'\(found)' tampaknya salah ketik dari '\(expected)'")
        case .unlistedRelatedProcedure:
            return Text(en: "refers to '\(found)', which Keterkaitan does not list",
                        id: "merujuk '\(found)', yang tidak tercantum di Keterkaitan")
        case .publicInformationInExemptProcedure:
            return Text(en: "speaks of 'informasi publik' in a procedure about exempt information (informasi yang dikecualikan)",
                        id: "menyebut 'informasi publik' dalam prosedur tentang informasi yang dikecualikan")
        case .policyWithoutSource:
            return Text(en: "the deviation policy does not say which peringatan it was read from",
                        id: "kebijakan penyimpangan tidak menyebut peringatan sumbernya")
        }
    }

    static func suggestion(_ s: Suggestion) -> Text {
        switch s {
        case .didYouMean(let word, let allowed):
            let list = allowed.count > 1 ? " " + Text(en: "Allowed: ", id: "Yang diizinkan: ").en : ""
            return Text(en: "did you mean '\(word)'?" + (allowed.count > 1 ? list + allowed.joined(separator: ", ") : ""),
                        id: "maksud Anda '\(word)'?" + (allowed.count > 1 ? " Yang diizinkan: " + allowed.joined(separator: ", ") : ""))
        case .oneOf(let values):
            return Text(en: "use one of: \(values.joined(separator: ", "))", id: "gunakan salah satu: \(values.joined(separator: ", "))")
        case .replaceWith(let value):
            return Text(en: "use: \(value)", id: "gunakan: \(value)")
        }
    }
}
