// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "sop",
    products: [
        .executable(name: "sop", targets: ["sop"]),
        .executable(name: "sop-bench", targets: ["sop-bench"]),
        .library(name: "SOPCore", targets: ["SOPCore"]),
    ],
    targets: [
        // Pure domain: definition model, validation, engine, working-time clock. No I/O.
        .target(name: "SOPCore"),

        // The OS's SQLite 3 (Debian: libsqlite3-dev), seen from Swift.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // The OS's OpenSSL libcrypto (Debian: libssl-dev), for SHA-256 only.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // The event store over SQLite, plus content hashing.
        .target(name: "SOPSQLite", dependencies: ["SOPCore", "CSQLite", "CCrypto"]),

        // Argument parsing, commands, id/en messages, text/JSON/CSV output.
        .target(name: "SOPCommandLine", dependencies: ["SOPCore", "SOPSQLite"]),

        // Thin executables: wire the real clock, store and terminal.
        .executableTarget(name: "sop", dependencies: ["SOPCommandLine"]),
        .executableTarget(name: "sop-bench", dependencies: ["SOPCore", "SOPSQLite", "SOPCommandLine", "CSQLite"]),

        // Helpers shared by the test targets (the sqlite3 shell a tamperer would use, a seeded generator).
        .target(name: "SOPTestSupport", path: "Tests/SOPTestSupport"),
        .testTarget(name: "SOPCoreTests", dependencies: ["SOPCore", "SOPTestSupport"]),
        .testTarget(name: "SOPSQLiteTests", dependencies: ["SOPSQLite", "SOPCore", "SOPTestSupport"]),
        .testTarget(name: "SOPCommandLineTests",
                    dependencies: ["SOPCommandLine", "SOPCore", "SOPSQLite", "sop", "SOPTestSupport"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
    ]
}
