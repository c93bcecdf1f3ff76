#!/usr/bin/env bash
# National-scale measurement (docs/benchmarks.md, "National scale"): generate PARCELS parcels over several provinces,
# import them, then evaluate everything four ways — in one process (`lq evaluate`, a fresh database: every verdict new),
# in the background with one `lq worker`, with two, and in one process again (the daily case) — recording wall time and
# each process's peak memory. Run it under the shared benchmark lock:
#   flock /tmp/lq-bench.lock scripts/bench-national.sh 10000000 lq_bench_national
# It needs LQ_SERVER (a connection string without Database=) and a built CLI (dotnet build -c Release); it copies the
# CLI aside first (CLI_DIR: a copy made before waiting for the lock), so rebuilding during the run changes nothing, and drops its database at the end (KEEP_DB=1 keeps it).
set -euo pipefail
parcels="${1:?parcels}"
db="${2:?database name}"
provinces="${PROVINCES:-01 79 31 48 46 38 40 92}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${WORK:-/tmp/lq-national-$db}"
log="$work/results.txt"
mkdir -p "$work"
rm -rf "$work/cli"
[ "${FROM:-generate}" = background ] || rm -rf "$work/data"
cp -r "${CLI_DIR:-$here/src/LandQuality.Cli/bin/Release/net10.0}" "$work/cli"
lq="$work/cli/lq"
export LQ_CONNECTION="${LQ_SERVER:?LQ_SERVER}Database=$db" LQ_JOBS_POLL_MS=500
: > "$log"
say() { echo "$*" | tee -a "$log"; }
# The benchmark lock (LOCK), held for one step at a time.
locked() {
  if [ -z "${LOCK:-}" ]; then "$@"; return; fi
  exec 9>"$LOCK"; flock 9
  local status=0; "$@" || status=$?
  flock -u 9; exec 9>&-
  return $status
}
# Wall seconds, peak resident set (MiB) and CPU seconds (user + system) of one command, from GNU time.
measure() {
  local name="$1"; shift
  local status=0
  /usr/bin/time -f "%e %M %U %S" -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err" || status=$?
  if [ "$status" != 0 ]; then say "$name FAILED (exit $status): $(tail -n 3 "$work/$name.err")"; return "$status"; fi
  read -r secs kib user sys < "$work/$name.time"
  say "$name: ${secs} s, peak $((kib / 1024)) MiB, CPU $(echo "$user + $sys" | bc) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
}
psql_() { runuser -u postgres -- /usr/lib/postgresql/15/bin/psql "$@"; }

say "parcels $parcels, provinces $provinces, database $db, $(date -u +%FT%TZ)"
# shellcheck disable=SC2086
# FROM=background starts at the background runs, on a database a previous run kept (KEEP_DB=1) or one that failed after its import.
if [ "${FROM:-generate}" != background ]; then
  locked measure generate "$lq" generate --parcels "$parcels" --province $provinces --out "$work/data"
  du -sh "$work/data" | tee -a "$log"
  # The import alone: the first evaluation is the next step's, measured on its own.
  locked measure import "$lq" import "$work/data" --no-evaluate
  rm -rf "$work/data"
  locked measure evaluate_first "$lq" evaluate --json
fi

# A background run with N workers: the workers start first (each a process of its own, with its default threads),
# the run is queued, and its time is the run's own (queued to its last partition committed).
background() {
  local n="$1" pids=() i
  for i in $(seq 1 "$n"); do
    /usr/bin/time -f "%e %M %U %S" -o "$work/worker$n-$i.time" "$lq" worker > "$work/worker$n-$i.out" 2>&1 &
    pids+=($!)
  done
  sleep 5
  local run
  run="$("$lq" evaluate --background | tr -dc '0-9')"
  while ! "$lq" runs show "$run" --json > "$work/run$n.json" || ! grep -q '"status": "\(completed\|failed\)"' "$work/run$n.json"; do
    sleep 5
  done
  for pid in "${pids[@]}"; do
    # The time process's child is the worker: stopped as a service manager stops it, so GNU time reports its peak.
    pkill -TERM -P "$pid" || true
  done
  wait "${pids[@]}" || true
  local secs; secs="$(grep -o '"seconds": [0-9.]*' "$work/run$n.json" | head -1 | cut -d' ' -f2)"
  say "background_$n: load $(cut -d' ' -f1-3 /proc/loadavg), run $run $(grep -o '"status": "[a-z]*"' "$work/run$n.json" | head -1), ${secs} s, partitions $(grep -o '"partitions_total": [0-9]*' "$work/run$n.json" | cut -d' ' -f2)"
  for i in $(seq 1 "$n"); do
    kib=0 user=0 sys=0; read -r _ kib user sys < "$work/worker$n-$i.time" || true # empty when the worker was killed
    say "  worker $i peak $((kib / 1024)) MiB, CPU $(echo "$user + $sys" | bc) s"
  done
  psql_ -h "${PGHOST_:-/work/main/.lq/run}" -p "${PGPORT_:?PGPORT_}" -U lq -d "$db" -At -c "
    SELECT '  partitions: ' || count(*) || ', parcels/s per partition (median) ' || round((percentile_cont(0.5) WITHIN GROUP (ORDER BY parcels / seconds))::numeric)
        || ', partition seconds median ' || round((percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds))::numeric, 2)
        || ', max ' || round(max(seconds)::numeric, 2) || ', sum ' || round(sum(seconds)::numeric, 1)
    FROM evaluation_run_partitions WHERE run_id = $run AND seconds > 0" | tee -a "$log"
}
locked background 1
locked background 2
if [ "${DAILY:-0}" = 1 ]; then locked measure evaluate_daily "$lq" evaluate --json; fi
for f in evaluate_first ${DAILY:+evaluate_daily}; do
  [ -f "$work/$f.out" ] || continue
  say "$f: $(grep -o '"parcels_evaluated": [0-9]*' "$work/$f.out") $(grep -o '"elapsed_seconds": [0-9.]*' "$work/$f.out" | head -1)"
done
psql_ -h "${PGHOST_:-/work/main/.lq/run}" -p "$PGPORT_" -U lq -d "$db" -At -c \
  "SELECT 'database size ' || pg_size_pretty(pg_database_size('$db')) || ', parcels ' || (SELECT count(*) FROM parcels)" | tee -a "$log"
if [ "${KEEP_DB:-0}" != 1 ]; then
  psql_ -h "${PGHOST_:-/work/main/.lq/run}" -p "$PGPORT_" -U lq -d postgres -c "DROP DATABASE \"$db\" WITH (FORCE)" | tee -a "$log"
fi
say "done $(date -u +%FT%TZ)"
