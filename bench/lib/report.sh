# Sourced by bench/run.sh: turns the micro-benchmark CSV and the results TSV into the
# Markdown row set printed at the end and appended to bench/RESULTS.md.
#
# results.tsv columns: workload, server, ops/s, MB/s, p50 ms, p99 ms, server CPU %,
# CPU us/op, peak RSS MiB, load1, note.

# Google Benchmark CSV -> "name <TAB> items/s <TAB> CPU time per iteration".
parse_micro_csv() {
  awk -F, 'NR > 1 && $1 != "" {
    gsub(/"/, "", $1)
    printf "%s\t%.0f\t%.1f %s\n", $1, $7, $4, $5
  }' "$1"
}

# Ratio ossd/nginx of ops/s per workload (RSS for idle-*), as "workload<TAB>ratio" lines.
ratios() {
  awk -F'\t' '
    { key = $1; v = ($1 ~ /^idle-/) ? $9 : $3; val[key, $2] = v; seen[key] = 1 }
    END { for (k in seen) if (val[k, "ossd"] != "" && val[k, "nginx"] > 0)
            printf "%s\t%.2f\n", k, val[k, "ossd"] / val[k, "nginx"] }' "$RESULTS"
}

field() {  # field WORKLOAD SERVER COLUMN
  awk -F'\t' -v w="$1" -v s="$2" -v c="$3" '$1 == w && $2 == s { print $c }' "$RESULTS" | tail -1
}

macro_table() {
  echo "| workload | server | ops/s | MB/s | p50 ms | p99 ms | server CPU % | CPU µs/op | peak RSS MiB | load1 | ossd/nginx |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  ratios >"$TMP/ratios.tsv"
  awk -F'\t' 'FILENAME == ARGV[1] { r[$1] = $2; next }
    { ratio = ($2 == "ossd" && ($1 in r)) ? r[$1] "×" : ""
      rss = $9 ($11 != "" ? " (" $11 ")" : "")
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
        $1, $2, $3, $4, $5, $6, $7, $8, rss, $10, ratio }' "$TMP/ratios.tsv" "$RESULTS"
}

# One target line: NAME MEASURED-TEXT VALUE OP LIMIT
target() {
  local verdict
  if [[ -z $3 ]]; then verdict="not measured"
  else verdict=$(awk -v v="$3" -v op="$4" -v l="$5" 'BEGIN {
      ok = (op == ">=") ? (v + 0 >= l + 0) : (v + 0 <= l + 0); print ok ? "**met**" : "missed" }')
  fi
  echo "| $1 | $2 | $verdict |"
}

targets_table() {
  local v4 big=$BIGNAME
  r() { awk -F'\t' -v w="$1" '$1 == w { print $2 }' "$TMP/ratios.tsv"; }
  v4=$(awk -F'\t' '$1 == "BM_VerifyV4PresignedPut" { print $2 }' "$TMP/micro.tsv")
  local put_big md5_frac list_flat list_delim idle_rss huge_rss
  put_big=$(field "put-$big-1" ossd 4)
  md5_frac=$(awk -v a="$put_big" -v b="$MD5_MBS" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b }')
  list_flat=$(field list-flat ossd 6)
  list_delim=$(field list-delim ossd 6)
  idle_rss=$(field "idle-$IDLE_CONNS" ossd 9)
  huge_rss=$(field put-5GiB ossd 9)
  echo "| target (issue 4) | measured | verdict |"
  echo "|---|---|---|"
  target "durable 4 KiB PUT ≥ 2× nginx PUT" "$(r put-4KiB)×" "$(r put-4KiB)" ">=" 2
  target "4 KiB GET ≥ 0.8× nginx GET (signature verified)" "$(r get-4KiB)×" "$(r get-4KiB)" ">=" 0.8
  target "$big PUT, 1 stream ≥ 0.9× MD5 limit ($MD5_MBS MB/s)" "$put_big MB/s = ${md5_frac}×" "$md5_frac" ">=" 0.9
  target "$big PUT, 1 stream ≥ 1.0× nginx" "$(r "put-$big-1")×" "$(r "put-$big-1")" ">=" 1.0
  target "$big GET, 1 stream ≥ 0.9× nginx" "$(r "get-$big-1")×" "$(r "get-$big-1")" ">=" 0.9
  target "V4 verification ≥ 500,000/s per core" "${v4:-?}/s" "$v4" ">=" 500000
  target "ListObjects 1,000 of $LIST_KEYS keys p99 ≤ 20 ms (no delimiter)" "$list_flat ms" "$list_flat" "<=" 20
  target "ListObjects 1,000 of $LIST_KEYS keys p99 ≤ 20 ms (delimiter /)" "$list_delim ms" "$list_delim" "<=" 20
  target "$IDLE_CONNS idle keep-alive connections ≤ 64 MiB RSS (whole process)" "$idle_rss MiB" "$idle_rss" "<=" 64
  local huge_text=${HUGE_NOTE:-?}
  [[ -z $huge_rss ]] || huge_text="$huge_rss MiB"
  target "5 GiB upload ≤ 64 MiB RSS (peak, whole process)" "$huge_text" "$huge_rss" "<=" 64
}

render_report() {
  local commit cpu
  # OSSD_BENCH_COMMIT names the source when it is not a git checkout (e.g. a git archive).
  commit=${OSSD_BENCH_COMMIT:-$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)}
  if [[ -z ${OSSD_BENCH_COMMIT:-} && -n $(git -C "$REPO" status --porcelain -- src 2>/dev/null) ]]; then
    commit="$commit+uncommitted-src"
  fi
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  echo "## $(date -u '+%Y-%m-%d %H:%M UTC') · commit $commit · nproc $(nproc) · mode $MODE"
  echo
  echo "CPU: $cpu. Load average (1/5/15 min) at start $LOAD_START, at end $LOAD_END; the"
  echo "load1 column is taken after each workload (anything above ~2 on this 2-core machine"
  echo "means other processes were competing). MD5 limit (\`openssl speed -evp md5\`, 16 KiB"
  echo "blocks): **$MD5_MBS MB/s per core**. Durable write limit of the data disk (\`dd\` of"
  echo "${DD_MIB} MiB with \`conv=fdatasync\`; the ceiling of any durable large PUT): **${DISK_MBS:-?} MB/s**. ${HUGE_NOTE}"
  echo
  echo "### Micro-benchmarks (Google Benchmark, per core)"
  echo
  echo "| benchmark | items/s | CPU time per iteration |"
  echo "|---|--:|--:|"
  awk -F'\t' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }' "$TMP/micro.tsv"
  echo
  echo "### Macro (loopback; the same load generator drives both servers)"
  echo
  macro_table
  echo
  targets_table
}
