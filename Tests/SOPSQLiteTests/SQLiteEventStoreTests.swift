import CSQLite
import Foundation
import SOPCore
@testable import SOPSQLite
import Testing

/// What only the SQLite store has: pragmas, migrations, file permissions, several connections.
@Suite("SQLite event store")
struct SQLiteEventStoreTests {
    @Test("a file store runs in WAL with synchronous=FULL and foreign keys on")
    func pragmas() throws {
        try withTemporaryDirectory { folder in
            let store = try SQLiteEventStore(path: folder.appendingPathComponent("s.sqlite").path)
            #expect(try store.connection.pragmaText("PRAGMA journal_mode") == "wal")
            #expect(try store.connection.pragmaText("PRAGMA synchronous") == "2")
            #expect(try store.connection.pragmaText("PRAGMA foreign_keys") == "1")
            #expect(try store.connection.pragmaText("PRAGMA busy_timeout") == "5000")
        }
    }

    @Test("migrations are recorded once; reopening applies nothing again")
    func migrations() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("s.sqlite").path
            let ids = SQLiteEventStore.migrations.map(\.id)
            do {
                let store = try SQLiteEventStore(path: path)
                #expect(try SQLiteMigrator.appliedIDs(in: store.connection) == ids)
                try store.saveDefinition(Fixture.definition)
            }
            let reopened = try SQLiteEventStore(path: path)
            #expect(try SQLiteMigrator.appliedIDs(in: reopened.connection) == ids)
            #expect(try SQLiteMigrator(SQLiteEventStore.migrations).migrate(reopened.connection) == [])
            #expect(try reopened.definition(hash: Fixture.definition.hash) == Fixture.definition)
        }
    }

    @Test("the histogram migration counts the step records a store already holds")
    func histogramMigrationCountsExistingRecords() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("old.sqlite").path
            do {
                let connection = try SQLiteConnection(location: .file(path: path))
                try SQLiteMigrator(Array(SQLiteEventStore.migrations.prefix(4))).migrate(connection)
                try connection.execute("""
                    INSERT INTO step_records VALUES ('p', 'a', 60, 0, 30, 1, 'I-1', 1, 'ag', 'ppid', NULL, 2, 1);
                    INSERT INTO step_records VALUES ('p', 'a', 60, 0, 30, 5, 'I-2', 1, 'ag', 'ppid', NULL, 6, 0);
                    INSERT INTO step_records VALUES ('p', 'b', 60, 1, 90, 1, 'I-1', 1, 'ag', 'ppid', NULL, 2, 1);
                    """)
            }
            let store = try SQLiteEventStore(path: path)
            #expect(try store.stepHistogram(ProjectionQuery()) == [
                StepHistogramRow(procedureID: "p", step: "a", limitMinutes: 60, end: .completed, minutesTaken: 30, count: 2, uncovered: true),
                StepHistogramRow(procedureID: "p", step: "b", limitMinutes: 60, end: .returned, minutesTaken: 90, count: 1, uncovered: false),
            ])
            #expect(try store.stepHistogram(ProjectionQuery(step: "b")).map(\.count) == [1])
        }
    }

    @Test("a migration that fails leaves neither its changes nor its record")
    func failedMigrationRollsBack() throws {
        let connection = try SQLiteConnection(location: .memory)
        let migrator = SQLiteMigrator([
            (id: "1", sql: "CREATE TABLE a (x INTEGER)"),
            (id: "2", sql: "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1)"),
        ])
        #expect(throws: SQLiteError.self) { try migrator.migrate(connection) }
        #expect(try SQLiteMigrator.appliedIDs(in: connection) == ["1"])
        #expect(try connection.pragmaText("SELECT count(*) FROM sqlite_master WHERE name = 'b'") == "0")
    }

    @Test("a database from a newer sop is refused")
    func unknownMigration() throws {
        let connection = try SQLiteConnection(location: .memory)
        try SQLiteMigrator([(id: "1", sql: "CREATE TABLE a (x)"), (id: "2", sql: "CREATE TABLE b (x)")]).migrate(connection)
        #expect(throws: SQLiteError.self) {
            try SQLiteMigrator([(id: "1", sql: "CREATE TABLE a (x)")]).migrate(connection)
        }
    }

    @Test("the store, its -wal and -shm are 0600, in a new 0700 folder")
    func fileModes() throws {
        try withTemporaryDirectory { folder in
            let nested = folder.appendingPathComponent("data/sop", isDirectory: true)
            let path = nested.appendingPathComponent("s.sqlite").path
            let store = try SQLiteEventStore(path: path)
            try store.saveDefinition(Fixture.definition)  // makes the -wal and -shm exist
            let access = try SQLiteEventStore.checkPermissions(path: path)
            #expect(access.files.map(\.path) == [path, path + "-wal", path + "-shm"])
            #expect(access.files.map(\.permissions) == [0o600, 0o600, 0o600])
            #expect(access.isPrivate)
            let folderMode = try #require(
                try FileManager.default.attributesOfItem(atPath: nested.path)[.posixPermissions] as? Int)
            #expect(folderMode == 0o700)
        }
    }

    @Test("checkPermissions reports a store that others can read")
    func exposedStore() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("s.sqlite").path
            _ = try SQLiteEventStore(path: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            let access = try SQLiteEventStore.checkPermissions(path: path)
            #expect(!access.isPrivate)
            #expect(access.readableByOthers.map(\.path) == [path])
            #expect(throws: StoreError.self) {
                try SQLiteEventStore.checkPermissions(path: folder.appendingPathComponent("missing").path)
            }
        }
    }

    @Test("an existing file keeps its mode (so checkPermissions can report it)")
    func existingFileUntouched() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("s.sqlite").path
            #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640]))
            _ = try SQLiteEventStore(path: path)
            #expect(try SQLiteEventStore.checkPermissions(path: path).files.first?.permissions == 0o640)
        }
    }

    @Test("a second connection with a stale expectedSequence gets a conflict")
    func twoConnections() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("s.sqlite").path
            let first = try SQLiteEventStore(path: path)
            let second = try SQLiteEventStore(path: path)
            try first.saveDefinition(Fixture.definition)
            #expect(try second.header(of: "PPID-1") == nil)  // both saw sequence 0
            try first.append(Fixture.commit("PPID-1", expected: 0))
            #expect(throws: StoreError.conflict(instance: "PPID-1", expected: 0, actual: 1)) {
                try second.append(Fixture.commit("PPID-1", expected: 0))
            }
            #expect(try second.events(of: "PPID-1").count == 1)
        }
    }

    @Test("a writer locked out past the busy timeout gets .io with SQLite's message")
    func busy() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("s.sqlite").path
            let holder = try SQLiteConnection(location: .file(path: path))
            let store = try SQLiteEventStore(path: path)
            sqlite3_busy_timeout(store.connection.handle, 1)  // keep the test fast
            try holder.execute("BEGIN IMMEDIATE")
            defer { try? holder.execute("ROLLBACK") }
            let error = #expect(throws: StoreError.self) { try store.saveDefinition(Fixture.definition) }
            guard case .io(let message) = error else {
                Issue.record("expected .io, got \(String(describing: error))")
                return
            }
            #expect(message.contains("database is locked"))
        }
    }

    @Test("a read-only store reads but refuses writes")
    func readOnly() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("s.sqlite").path
            try SQLiteEventStore(path: path).saveDefinition(Fixture.definition)
            let reader = try SQLiteEventStore(path: path, readOnly: true)
            #expect(try reader.definition(hash: Fixture.definition.hash) == Fixture.definition)
            #expect(throws: StoreError.self) { try reader.saveDefinition(Fixture.otherDefinition) }
            #expect(throws: StoreError.self) {
                try SQLiteEventStore(path: folder.appendingPathComponent("missing.sqlite").path, readOnly: true)
            }
        }
    }

    @Test("the in-memory SQLite variant works too")
    func inMemoryVariant() throws {
        let store = try SQLiteEventStore.inMemory()
        try store.saveDefinition(Fixture.definition)
        try store.append(Fixture.commit("PPID-1", expected: 0))
        #expect(try store.instanceCount() == 1)
    }
}
