#!/usr/bin/env bash
# The CI fuzz step: builds build-fuzz (clang, ASan + UBSan, libFuzzer), then for each target
# replays its committed corpus and fuzzes it for OSSD_FUZZ_SECONDS (default 20) s. Any crash,
# leak, UB or timeout fails the step and prints the reproducer (bytes, hexdump, stack).
set -euo pipefail
source "$(dirname "$0")/common.sh"
seconds=${OSSD_FUZZ_SECONDS:-20}
echo "== fuzz: build ($FUZZ_BUILD)"
build_fuzz | tail -1
passed=0
failed=()
for target in $(fuzz_targets); do
  exe=$FUZZ_BIN/${target}_fuzz
  work=$(scratch_corpus "$target")
  # Replay: every committed seed once (regression inputs included), then fuzz for a while.
  if "$exe" -runs=0 -timeout="$FUZZ_TIMEOUT" -artifact_prefix="$work/artifacts/" "$FUZZ_ROOT/tests/fuzz/corpus/$target" \
       >"$work/replay.log" 2>&1 &&
     "$exe" -max_total_time="$seconds" -timeout="$FUZZ_TIMEOUT" -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
       $(dict_flags "$target") "$work/corpus" >"$work/fuzz.log" 2>&1; then
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$work/fuzz.log" | grep -o '[0-9]*$' || true)
    echo "fuzz $target: ok (corpus replayed, ${seconds} s at ${rate:-?} execs/s)"
    passed=$((passed + 1))
    rm -rf "$work"
  else
    failed+=("$target")
    echo "fuzz $target: FAILED (logs in $work)"
    for log in "$work/replay.log" "$work/fuzz.log"; do
      [ -f "$log" ] && grep -a -A30 -E "$FUZZ_FAILURE_PATTERN" "$log" | head -80
    done
    for artifact in "$work"/artifacts/*; do
      [ -f "$artifact" ] || continue
      echo "reproducer $artifact (base64): $(base64 -w0 "$artifact" | head -c 4000)"
      head -c 512 "$artifact" | od -c | head -20
      echo "run: $exe $artifact"
    done
  fi
done
echo "fuzz: ${passed} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ] || { echo "fuzz: failing targets: ${failed[*]}"; exit 1; }
