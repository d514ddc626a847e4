// libFuzzer entry point: the CLI parser on an argv made by splitting the input at NUL bytes, against
// sop's real command tree; on a parse error, the usage text and message are rendered too (both
// languages), as `sop` does. Compiled into the SOPCommandLine module by scripts/fuzz.sh (the parser is
// internal); not part of the Swift package.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandLine(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let argv = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    let root = FuzzRoot.spec
    do {
        let parsed = try CommandLineParser.parse(argv, root: root)
        _ = HelpFormatter.render(parsed.spec, path: parsed.path, language: .en)
        _ = SOPTool.command(for: parsed.path)
    } catch {
        for language in [Language.en, .id] { _ = error.message(language) }
        var spec = root
        for name in error.path { if let sub = spec.subcommand(name) { spec = sub } }
        _ = HelpFormatter.usage(spec, path: error.path)
    }
    return 0
}

/// The command tree, built once (it is a constant; building it per input would only slow the fuzzer).
enum FuzzRoot {
    static let spec = SOPTool.root
}
