#!/usr/bin/env bash
# bench/ab.sh WORKLOAD ROUNDS OSSD_BINARY... : compares ossd builds on one workload, alternating
# the binaries ROUNDS times so that drift of a shared machine hits each of them alike; prints
# one line per run and the medians (docs/performance.md, "Round 3"). Never a timed test.
#
#   get-4k     1,000 objects of 4 KiB, then wrk -t2 -c64 GETs them through presigned URLs for 6 s
#   put-1m     wrk -t2 -c16 PUTs 64 objects of 1 MiB through presigned URLs for 6 s
#   put-256m   3 PUTs of 256 MiB on one stream (ossd_bench_load)
#   get-256m   4 objects of 256 MiB, then 8 GETs on one stream
#
# Each run starts the binary on a fresh data folder on 127.0.0.1. Tools come from the Release
# tree bench/run.sh builds ($OSSD_BENCH_BUILD_DIR, default bench/build); build it first.
# Example: bench/ab.sh get-4k 3 /tmp/ossd.before bench/build/src/server/ossd
set -euo pipefail

[[ $# -ge 3 ]] || { sed -n '2,13p' "$0"; exit 2; }
WORKLOAD=$1 ROUNDS=$2
shift 2
BENCH=$(cd "$(dirname "$0")" && pwd)
BUILD_DIR=${OSSD_BENCH_BUILD_DIR:-$BENCH/build}
source "$BENCH/lib/servers.sh"
export OSSD_ROOT_ACCESS_KEY_ID=LTAIbenchRootKey0001
export OSSD_ROOT_ACCESS_KEY_SECRET=benchRootSecretNotForProduction01
CLK_TCK=$(getconf CLK_TCK)
TMP=$(mktemp -d /tmp/ossd-ab.XXXXXX)
trap 'stop_started; rm -rf "$TMP"' EXIT

presign() {  # presign METHOD PREFIX COUNT
  "$BUILD_DIR/bench/ossd_bench_presign" --endpoint "127.0.0.1:$OSSD_PORT" --bucket bench --method "$1" \
    --key-prefix "$2" --count "$3"
}
wrk_load() {  # wrk_load SECONDS METHOD URLS [BODY_BYTES [CONNECTIONS]]
  wrk -t2 -c"${5:-64}" -d"$1s" -s "$BENCH/wrk/requests.lua" "http://127.0.0.1:$OSSD_PORT/" -- "$2" "$3" "${4:-4096}" |
    grep '^ops='
}
big_load() {  # big_load METHOD URLS REQUESTS
  "$BUILD_DIR/bench/ossd_bench_load" --method "$1" --urls "$2" --body-size $((256 << 20)) --connections 1 \
    --requests "$3" --timeout 600 | grep '^ops='
}

# one_run BINARY -> "<ops/s> <MB/s> <server CPU µs per op>"
one_run() {
  rm -rf "$TMP/data" && mkdir -p "$TMP/data"
  "$BUILD_DIR/bench/ossd_bench_populate" --db "$TMP/data/meta.sqlite" --bucket list --count 1 --per-dir 1 \
    --also-bucket bench >/dev/null
  start_ossd "$1" "$TMP/data" "$TMP/ossd"
  local line c0 c1
  case $WORKLOAD in
    get-4k)
      presign PUT small/k 1000 >"$TMP/put" && presign GET small/k 1000 >"$TMP/get"
      wrk_load 2 PUT "$TMP/put" >/dev/null
      c0=$(cpu_ticks "$OSSD_PID"); line=$(wrk_load 6 GET "$TMP/get"); c1=$(cpu_ticks "$OSSD_PID") ;;
    put-1m)
      presign PUT mid/k 64 >"$TMP/put"
      c0=$(cpu_ticks "$OSSD_PID"); line=$(wrk_load 6 PUT "$TMP/put" $((1 << 20)) 16); c1=$(cpu_ticks "$OSSD_PID") ;;
    put-256m)
      presign PUT big/k 3 >"$TMP/put"
      c0=$(cpu_ticks "$OSSD_PID"); line=$(big_load PUT "$TMP/put" 3); c1=$(cpu_ticks "$OSSD_PID") ;;
    get-256m)
      presign PUT big/k 4 >"$TMP/put" && presign GET big/k 4 >"$TMP/get"
      big_load PUT "$TMP/put" 4 >/dev/null
      c0=$(cpu_ticks "$OSSD_PID"); line=$(big_load GET "$TMP/get" 8); c1=$(cpu_ticks "$OSSD_PID") ;;
    *) echo "bench/ab.sh: unknown workload $WORKLOAD" >&2; exit 2 ;;
  esac
  stop_started
  STARTED_PIDS=()
  awk -v line="$line" -v c0="$c0" -v c1="$c1" -v clk="$CLK_TCK" -v body=$(case $WORKLOAD in get-4k) echo 4096 ;; put-1m) echo $((1 << 20)) ;; *) echo $((256 << 20)) ;; esac) 'BEGIN {
    n = split(line, kv, " "); for (i = 1; i <= n; i++) { split(kv[i], p, "="); v[p[1]] = p[2] }
    mb = (v["mb_s"] != "") ? v["mb_s"] : v["ops_s"] * body / 1e6
    printf "%.1f %.1f %.0f\n", v["ops_s"], mb, (c1 - c0) / clk * 1e6 / v["ops"] }'
}

declare -A RESULTS
for ((r = 1; r <= ROUNDS; r++)); do
  for bin in "$@"; do
    res=$(one_run "$bin")
    read -r ops mb cpu <<<"$res"
    printf '%-40s %-9s ops/s %10s  MB/s %8s  server CPU µs/op %8s\n' "$bin" "$WORKLOAD" "$ops" "$mb" "$cpu"
    RESULTS[$bin]+="$res"$'\n'
  done
done
echo "medians over $ROUNDS rounds:"
for bin in "$@"; do
  printf '%s' "${RESULTS[$bin]}" | sort -n -k2 | awk -v b="$bin" '{ mb[NR] = $2; cpu[NR] = $3 } END {
    m = int((NR + 1) / 2); printf "  %-40s MB/s %8s  (CPU µs/op of that run %s)\n", b, mb[m], cpu[m] }'
done
