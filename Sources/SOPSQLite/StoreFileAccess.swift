/// Who besides the owner can reach a store's files: the answer to "may we keep exempted information here?".
public struct StoreFileAccess: Sendable, Equatable {
    /// One file of the store and its permission bits (e.g. `0o600`).
    public struct File: Sendable, Equatable {
        public var path: String
        public var permissions: UInt32
        public init(path: String, permissions: UInt32) { self.path = path; self.permissions = permissions }
        /// Group or others may read it.
        public var isReadableByOthers: Bool { permissions & 0o044 != 0 }
        /// Group or others have any access at all (read, write or execute).
        public var isOpenToOthers: Bool { permissions & 0o077 != 0 }
    }

    /// The database file, then its `-wal` and `-shm` companions where they exist.
    public var files: [File]
    public init(files: [File]) { self.files = files }

    /// The files group or others can read; these hold exempted information in the clear.
    public var readableByOthers: [File] { files.filter(\.isReadableByOthers) }
    /// True when group and others can read none of the files.
    public var isPrivate: Bool { readableByOthers.isEmpty }
}
