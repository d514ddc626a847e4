#pragma once
#include <sqlite3.h>

/// Turns off SQLite's memory-usage statistics, which take a global mutex on every allocation.
/// Must run before the library initialises (before the first open); afterwards SQLite refuses it
/// with SQLITE_MISUSE and nothing changes. `sqlite3_config` is variadic, so Swift cannot call it.
static inline int sop_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
