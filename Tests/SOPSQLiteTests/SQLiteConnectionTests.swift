import CSQLite
import Foundation
@testable import SOPSQLite
import Testing

@Suite("SQLite connection and statements")
struct SQLiteConnectionTests {
    private func makeTable() throws -> SQLiteConnection {
        let connection = try SQLiteConnection(location: .memory)
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB)")
        return connection
    }

    @Test("text, NULL and blobs round-trip, including empty ones and embedded NUL", arguments: [
        "Petugas Dokumentasi/Arsip — ✓", "", "a\u{0}b", "Kalimantan Selatan 🌴",
    ])
    func roundTrip(text: String) throws {
        let connection = try makeTable()
        let insert = try connection.prepare("INSERT INTO t(id, name, data) VALUES (?1, ?2, ?3)")
        try insert.run([.integer(1), .text(text), .blob(Data())])
        try insert.run([.integer(2), .null, .null])
        try insert.run([.integer(3), .text(text), .blob(Data(text.utf8))])
        var rows: [(String?, Data, Bool)] = []
        try connection.prepare("SELECT name, data, data IS NULL FROM t ORDER BY id").forEachRow { row in
            rows.append((row.text(0), row.blob(1), row.int64(2) == 1))
        }
        #expect(rows.map(\.0) == [text, nil, text])
        #expect(rows.map(\.1) == [Data(), Data(), Data(text.utf8)])
        #expect(rows.map(\.2) == [false, true, false])  // an empty blob is not NULL
    }

    @Test("a constraint failure carries the extended code, SQLite's message and the SQL")
    func errorDetail() throws {
        let connection = try makeTable()
        let sql = "INSERT INTO t(id) VALUES (?1)"
        try connection.prepare(sql).run([.integer(1)])
        let error = try #require(#expect(throws: SQLiteError.self) { try connection.prepare(sql).run([.integer(1)]) })
        #expect(error.code == SQLITE_CONSTRAINT | (6 << 8))  // SQLITE_CONSTRAINT_PRIMARYKEY (a macro Swift cannot import)
        #expect(error.isConstraint)
        #expect(!error.isBusy)
        #expect(error.sql == sql)
        #expect(error.description == "SQLite error 1555: UNIQUE constraint failed: t.id - while executing `\(sql)`")
    }

    @Test("a cached statement is found by its text, however that text was built")
    func statementCache() throws {
        let connection = try makeTable()
        let literal = try connection.cached("SELECT name FROM t WHERE id = ?1")
        #expect(try connection.cached("SELECT name FROM t WHERE id = ?1") === literal)
        // The same text built at run time (other storage) finds the same statement...
        let column = "name"
        let built = "SELECT \(column) FROM t WHERE id = ?1"
        #expect(try connection.cached(built) === literal)
        // ...and different text, built into storage that may reuse an address, never does; more of them than the
        // addresses the connection remembers.
        for id in 0..<100 {
            let other = "SELECT \(id) FROM t WHERE id = ?1"
            let statement = try connection.cached(other)
            #expect(statement !== literal)
            try statement.bind([.integer(1)])
            defer { statement.reset() }
            #expect(try statement.step() == false)  // table empty: the SQL ran as written
        }
        try connection.prepare("INSERT INTO t(id, name) VALUES (1, 'x')").run()
        for id in 0..<3 {
            let statement = try connection.cached("SELECT \(id) + 1 FROM t WHERE id = ?1")
            try statement.bind([.integer(1)])
            defer { statement.reset() }
            #expect(try statement.step())
            #expect(statement.int64(0) == Int64(id + 1))
        }
        // Small strings (stored inline, no storage address of their own) are told apart as well.
        let one = try connection.cached("SELECT 1")
        let two = try connection.cached("SELECT 2")
        #expect(one !== two)
        #expect(try connection.cached("SELECT 1") === one)
        #expect(try connection.cached("SELECT name FROM t WHERE id = ?1") === literal)
    }

    @Test("the wrong number of values is refused before running")
    func parameterCount() throws {
        let connection = try makeTable()
        #expect(throws: SQLiteError.self) {
            try connection.prepare("INSERT INTO t(id, name) VALUES (?1, ?2)").run([.integer(1)])
        }
    }

    struct Boom: Error, Equatable {}

    @Test("a transaction rolls back when its body throws, and reports that error")
    func rollback() throws {
        let connection = try makeTable()
        #expect(throws: Boom()) {
            try connection.inTransaction(.immediate) {
                try connection.prepare("INSERT INTO t(id) VALUES (1)").run()
                throw Boom()
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.pragmaText("SELECT count(*) FROM t") == "0")
        let value = try connection.inTransaction {
            try connection.prepare("INSERT INTO t(id) VALUES (2)").run()
            return 42
        }
        #expect(value == 42)
        #expect(try connection.pragmaText("SELECT count(*) FROM t") == "1")
    }

    @Test("opening a path that cannot exist fails with SQLite's message")
    func openFailure() throws {
        let error = try #require(#expect(throws: SQLiteError.self) {
            try SQLiteConnection(location: .file(path: "/nonexistent-folder-for-sop/s.sqlite"))
        })
        #expect(error.primaryCode == SQLITE_CANTOPEN)
        #expect(error.message.contains("/nonexistent-folder-for-sop/s.sqlite"))
    }
}
