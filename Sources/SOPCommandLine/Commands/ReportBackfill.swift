import Foundation
import SOPCore

/// Projects instances stored before the reports' projection existed (migration 0004 lists them), from their
/// events, with the calendars beside the definitions; runs before a report reads the projection, once.
enum ReportBackfill {
    static let batchSize = 2_000

    static func run(store: any EventStore, calendars: CalendarFiles,
                    procedures: InstanceSession.ProcedureCache) throws(CommandFailure) {
        let pending: [InstanceID]
        do throws(StoreError) { pending = try store.instancesAwaitingProjection() } catch { throw StoreAccess.failure(error) }
        var start = 0
        while start < pending.count {
            let end = min(start + batchSize, pending.count)
            var batch: [(instance: InstanceID, lastSequence: Int, projection: ReportProjection)] = []
            for id in pending[start..<end] {
                let loaded = try InstanceSession.load(id.rawValue, store: store, procedures: procedures)
                let calendar = try calendars.calendar(for: loaded.procedure)
                do throws(StoreError) {
                    batch.append((id, loaded.state.lastSequence,
                                  try ReportProjection.whole(loaded.state, procedure: loaded.procedure, calendar: calendar)))
                } catch { throw StoreAccess.failure(error) }
            }
            // An instance that moved on meanwhile stays listed and is projected by the next report.
            do throws(StoreError) { try store.replaceProjections(batch) } catch { throw StoreAccess.failure(error) }
            start = end
        }
    }
}
