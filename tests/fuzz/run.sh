#!/usr/bin/env bash
# Runs one fuzz target long, outside CI: tests/fuzz/run.sh TARGET [EXECS]
# (default 10 million executions, the goal of docs/reliability.md). Builds build-fuzz if
# needed, fuzzes a scratch copy of the committed corpus (the repo's corpus is not touched),
# and prints executions, seconds, execs/s and any crash. Extra libFuzzer flags may follow EXECS
# (e.g. -max_total_time=3600). Be kind to shared machines: nice -n 19 tests/fuzz/run.sh ...
set -euo pipefail
source "$(dirname "$0")/common.sh"
[ $# -ge 1 ] || { echo "usage: $0 TARGET [EXECS] [libFuzzer flags...]" >&2; exit 2; }
target=$1
execs=${2:-10000000}
shift $(( $# >= 2 ? 2 : 1 ))
build_fuzz >/dev/null
[ -x "$FUZZ_BIN/${target}_fuzz" ] || { echo "no such target: $target (have: $(fuzz_targets | tr '\n' ' '))" >&2; exit 2; }
work=$(scratch_corpus "$target")
echo "fuzz $target: $execs executions, scratch $work"
start=$(date +%s)
set +e
# shellcheck disable=SC2046
"$FUZZ_BIN/${target}_fuzz" -runs="$execs" -timeout="$FUZZ_TIMEOUT" -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
  $(dict_flags "$target") "$@" "$work/corpus" >"$work/log" 2>&1
rc=$?
set -e
secs=$(( $(date +%s) - start ))
done_execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$' || echo 0)
rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$work/log" | grep -o '[0-9]*$' || echo 0)
echo "fuzz $target: ${done_execs:-?} executions in ${secs} s (${rate:-?} execs/s), exit $rc, commit $(git -C "$FUZZ_ROOT" rev-parse --short HEAD)"
grep -E '^#[0-9]+ +INITED|^Done ' "$work/log" || true
if [ "$rc" -ne 0 ]; then
  grep -a -A30 -E "$FUZZ_FAILURE_PATTERN" "$work/log" | head -80
  ls -l "$work/artifacts/"
  echo "reproduce: $FUZZ_BIN/${target}_fuzz <artifact>; minimise: $FUZZ_BIN/${target}_fuzz -minimize_crash=1 -runs=100000 <artifact>"
fi
exit "$rc"
