#!/usr/bin/env bash
# Load test: P concurrent workers, each running N real `sop` processes against ONE store
# (mixed `start`, `complete` on instances the worker started, and `report sla`).
#
#   scripts/load-test.sh            # 8 workers x 500 commands (the reliability requirement)
#   scripts/load-test.sh 8 60       # a reduced run (what .ci/run does)
#
# Environment: SOP_BIN=path/to/sop skips the release build; SOP_SCRATCH (default .build-rel) is the
# build's scratch path; KEEP=1 keeps the work directory.
#
# It fails (exit 1) when
#   - any command's stderr mentions "database is locked" (SQLITE_BUSY surfacing to an officer),
#   - any command exits with a code other than 0 (every command here is valid, so none may fail),
#   - an acknowledged start is not in the store exactly once, or an instance holds a different number
#     of step completions than were acknowledged for it (nothing lost, nothing doubled),
#   - `sop audit verify` does not report every chain intact, or SQLite's integrity_check is not "ok".
# It prints throughput (commands per second, wall time) and latency percentiles (p50/p99/max) per operation.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

WORKERS=${1:-8}
COMMANDS=${2:-500}

if [ -z "${SOP_BIN:-}" ]; then
    SCRATCH=${SOP_SCRATCH:-.build-rel}
    echo "== building release sop (scratch path $SCRATCH)"
    swift build -c release --scratch-path "$SCRATCH" --product sop >/dev/null
    SOP_BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/sop"
fi
[ -x "$SOP_BIN" ] || { echo "no sop binary at $SOP_BIN" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "the sqlite3 shell is needed (apt-get install sqlite3)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sop-load.XXXXXX")
chmod 700 "$WORK"
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; else echo "work directory: $WORK"; fi

export SOP_STORE="$WORK/store.sqlite"
export SOP_DEFINITIONS="$ROOT/definitions"
export LANG=en_US.UTF-8
DEFS=(bpmp-kalsel-pos-1-i-29-2024 lpmp-kaltim-pos-1050)

# One officer per worker, holding every lane of both procedures, so a worker can complete each step itself.
echo "== roster: $WORKERS officers"
for w in $(seq 1 "$WORKERS"); do
    nip=$(printf '1980010120050190%02d' "$w")
    "$SOP_BIN" officers add "$nip" --name "Pegawai Beban $w" >/dev/null
    for grant in bpmp-kalsel:ppid bpmp-kalsel:pengadministrasi-umum bpmp-kalsel:atasan-ppid \
                 lpmp-kaltim:ppid-pelaksana lpmp-kaltim:petugas-dokumentasi-arsip lpmp-kaltim:ppid; do
        "$SOP_BIN" officers grant "$nip" --agency "${grant%%:*}" --role "${grant#*:}" >/dev/null
    done
done

# One worker: N commands in a row. Writes, per command, "op exit latency_us instance" to $WORK/w$1.log,
# each acknowledged start to $WORK/w$1.started and each acknowledged completion (instance id) to $WORK/w$1.completed.
worker() {
    local w=$1 nip open=() i op t0 t1 code out instance pick
    nip=$(printf '1980010120050190%02d' "$w")
    RANDOM=$((w * 7919))
    : >"$WORK/w$w.log"; : >"$WORK/w$w.started"; : >"$WORK/w$w.completed"; : >"$WORK/w$w.err"
    for ((i = 0; i < COMMANDS; i++)); do
        instance=-
        if ((RANDOM % 10 == 0)); then
            op=report
            t0=${EPOCHREALTIME/./}
            code=0; "$SOP_BIN" report sla --agency bpmp-kalsel >/dev/null 2>>"$WORK/w$w.err" || code=$?
            t1=${EPOCHREALTIME/./}
        elif ((${#open[@]} > 0 && RANDOM % 3 != 0)); then
            op=complete
            pick=$((RANDOM % ${#open[@]}))
            instance=${open[$pick]}
            t0=${EPOCHREALTIME/./}
            code=0; out=$("$SOP_BIN" complete "$instance" --by "$nip" 2>>"$WORK/w$w.err") || code=$?
            t1=${EPOCHREALTIME/./}
            if ((code == 0)); then
                echo "$instance" >>"$WORK/w$w.completed"
                # The instance is finished: stop completing it.
                if [[ $out == *": done."* ]]; then open=("${open[@]:0:$pick}" "${open[@]:$((pick + 1))}"); fi
            fi
        else
            op=start
            t0=${EPOCHREALTIME/./}
            code=0; out=$("$SOP_BIN" start "${DEFS[RANDOM % 2]}" --by "$nip" --title "beban $w/$i" 2>>"$WORK/w$w.err") || code=$?
            t1=${EPOCHREALTIME/./}
            if ((code == 0)); then
                instance=${out//[[:space:]]/}
                echo "$instance" >>"$WORK/w$w.started"
                open+=("$instance")
            fi
        fi
        echo "$op $code $((t1 - t0)) $instance" >>"$WORK/w$w.log"
    done
}

echo "== $WORKERS workers x $COMMANDS commands against one store"
START=${EPOCHREALTIME/./}
pids=()
for w in $(seq 1 "$WORKERS"); do
    worker "$w" &
    pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
END=${EPOCHREALTIME/./}

fail=0
cat "$WORK"/w*.log >"$WORK/all.log"
total=$(wc -l <"$WORK/all.log")
elapsed_us=$((END - START))
awk -v n="$total" -v us="$elapsed_us" 'BEGIN { printf "commands: %d in %.1f s = %.1f commands/s (all workers together)\n", n, us / 1e6, n / (us / 1e6) }'
for op in start complete report all; do
    if [ "$op" = all ]; then awk '{ print $3 }' "$WORK/all.log"; else awk -v op="$op" '$1 == op { print $3 }' "$WORK/all.log"; fi |
        sort -n >"$WORK/lat.$op"
    awk -v op="$op" '{ v[NR] = $1 } END {
        if (NR == 0) { printf "  %-8s none\n", op; exit }
        p50 = v[int((NR * 50 + 99) / 100)]; p99 = v[int((NR * 99 + 99) / 100)]
        printf "  %-8s n=%-5d p50=%6.1f ms  p99=%6.1f ms  max=%6.1f ms\n", op, NR, p50 / 1000, p99 / 1000, v[NR] / 1000 }' "$WORK/lat.$op"
done

failed=$(awk '$2 != 0' "$WORK/all.log" | wc -l)
if [ "$failed" -ne 0 ]; then
    echo "FAIL: $failed command(s) exited non-zero:"; awk '$2 != 0' "$WORK/all.log" | sort | uniq -c | head
    fail=1
fi
if grep -qi "database is locked" "$WORK"/w*.err; then
    echo "FAIL: 'database is locked' reached an officer $(grep -ci 'database is locked' "$WORK"/w*.err | awk -F: '{ s += $2 } END { print s }') time(s)"
    fail=1
fi
if [ -s "$WORK/w1.err" ] || [ "$(cat "$WORK"/w*.err | wc -c)" -ne 0 ]; then
    echo "stderr of the workers (first lines):"; cat "$WORK"/w*.err | sort | uniq -c | sort -rn | head -5
fi

echo "== the store: every acknowledged command exactly once"
cat "$WORK"/w*.started | sort >"$WORK/started"
starts=$(wc -l <"$WORK/started")
if [ "$(uniq -d "$WORK/started" | wc -l)" -ne 0 ]; then echo "FAIL: an instance id was handed out twice"; fail=1; fi
"$SOP_BIN" list --json >"$WORK/list.json"
python3 - "$WORK/list.json" "$WORK/started" <<'EOF' || fail=1
import json, sys
listed = [h["id"] for h in json.load(open(sys.argv[1]))]
started = open(sys.argv[2]).read().split()
missing = set(started) - set(listed)
extra = set(listed) - set(started)
dupes = len(listed) - len(set(listed))
print(f"  instances: {len(started)} acknowledged starts, {len(listed)} in 'sop list'")
if missing or extra or dupes:
    print(f"FAIL: missing {sorted(missing)[:5]}, unacknowledged {sorted(extra)[:5]}, duplicated {dupes}")
    sys.exit(1)
EOF
cat "$WORK"/w*.completed | sort | uniq -c | awk '{ print $2, $1 }' | sort >"$WORK/acked"
sqlite3 "$SOP_STORE" "SELECT instance_id, count(*) FROM events WHERE kind = 'step-completed' GROUP BY instance_id;" |
    tr '|' ' ' | sort >"$WORK/stored"
acked=$(awk '{ s += $2 } END { print s + 0 }' "$WORK/acked")
stored=$(awk '{ s += $2 } END { print s + 0 }' "$WORK/stored")
echo "  completions: $acked acknowledged, $stored stored"
if ! diff -q "$WORK/acked" "$WORK/stored" >/dev/null; then
    echo "FAIL: completions per instance differ (acknowledged < > stored):"; diff "$WORK/acked" "$WORK/stored" | head; fail=1
fi
started_events=$(sqlite3 "$SOP_STORE" "SELECT count(*) FROM events WHERE kind = 'started';")
if [ "$started_events" -ne "$starts" ]; then echo "FAIL: $started_events 'started' events for $starts starts"; fail=1; fi

integrity=$(sqlite3 "$SOP_STORE" "PRAGMA integrity_check;")
echo "  integrity_check: $integrity"
[ "$integrity" = ok ] || fail=1

if "$SOP_BIN" audit verify >"$WORK/audit.txt" 2>&1; then
    echo "  audit verify: intact ($(tail -1 "$WORK/audit.txt"))"
else
    echo "FAIL: sop audit verify:"; head -20 "$WORK/audit.txt"; fail=1
fi

if [ "$fail" -ne 0 ]; then echo "LOAD TEST FAILED"; exit 1; fi
echo "LOAD TEST PASSED"
