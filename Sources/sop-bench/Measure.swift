import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in nanoseconds (CLOCK_MONOTONIC): immune to wall-clock changes.
func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// Runs `body` and returns its result with the time it took, in seconds.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = monotonicNanoseconds()
    let result = try body()
    return (result, Double(monotonicNanoseconds() - start) / 1e9)
}

/// Samples in seconds, and the few statistics the figures use.
struct Samples {
    private(set) var values: [Double] = []

    mutating func add(_ value: Double) { values.append(value) }
    mutating func add(_ other: Samples) { values += other.values }

    var count: Int { values.count }
    var total: Double { values.reduce(0, +) }

    /// The q-quantile (0...1) by nearest rank on the sorted samples; 0 when empty.
    func quantile(_ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((q * Double(sorted.count - 1)).rounded())
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    var median: Double { quantile(0.5) }
}

/// `count` measurements of `a` and of `b`, strictly alternated and starting with each in turn (a b, b a, ...),
/// so both see the same machine: on a shared disk fsync latency drifts by 2x within seconds. Each closure
/// returns the seconds one run took.
func alternated(_ count: Int, _ a: () throws -> Double, _ b: () throws -> Double) rethrows -> (Samples, Samples) {
    var first = Samples(), second = Samples()
    for index in 0..<count {
        if index % 2 == 0 {
            first.add(try a()); second.add(try b())
        } else {
            second.add(try b()); first.add(try a())
        }
    }
    return (first, second)
}

/// Why the benchmark could not measure something (not a failed target: a broken set-up).
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Double {
    /// Seconds as a short human unit: "412 µs", "3.21 ms", "1.84 s".
    var humanDuration: String {
        if self < 1e-3 { return String(format: "%.0f µs", self * 1e6) }
        if self < 1 { return String(format: "%.2f ms", self * 1e3) }
        return String(format: "%.2f s", self)
    }
}
