// libFuzzer entry point: DefinitionLoader.load on raw bytes (with lint, so the linter sees every
// definition that validates). Built and run by scripts/fuzz.sh; not part of the Swift package.
import SOPCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDefinitionLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let loaded = DefinitionLoader.load(bytes, file: "fuzz.json", lint: true)
    // Every diagnostic must be locatable and the procedure present exactly when there is no error.
    precondition((loaded.procedure == nil) == !loaded.errors.isEmpty, "procedure and errors disagree")
    if let procedure = loaded.procedure {
        // A definition that validates must survive being located again by path.
        _ = DefinitionLoader.location(ofPath: "$.steps[0].actor", in: bytes)
        _ = procedure.steps.count
    }
    return 0
}
