# Sourced by run.sh and ci.sh: the fuzz build (its own dir, clang, every library instrumented).
# OSSD_FUZZ_BUILD_DIR overrides the build dir (default build-fuzz at the repo root).
FUZZ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FUZZ_BUILD=${OSSD_FUZZ_BUILD_DIR:-$FUZZ_ROOT/build-fuzz}
FUZZ_BIN=$FUZZ_BUILD/tests/fuzz
# Seconds one input may run before libFuzzer calls it a hang. Every seed runs in milliseconds, but
# on a loaded 2-core VM an ASan run once stalled 11 s inside madvise (an auth_v4 input that takes
# 0.2 s alone), so the bound leaves room for the machine, not for the code.
FUZZ_TIMEOUT=${OSSD_FUZZ_TIMEOUT:-60}

build_fuzz() {
  command -v clang++ >/dev/null || { echo "fuzz: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2; return 1; }
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  if [ ! -f "$FUZZ_BUILD/build.ninja" ]; then
    mkdir -p "$FUZZ_BUILD"
    cmake -S "$FUZZ_ROOT" -B "$FUZZ_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_COMPILER=clang++ -DOSSD_FUZZ=ON "${launcher[@]}" >"$FUZZ_BUILD/configure.log" 2>&1 ||
      { cat "$FUZZ_BUILD/configure.log" >&2; return 1; }
  fi
  cmake --build "$FUZZ_BUILD" -j2 --target ossd_fuzz_all
}

# The targets that were built, by name (<name>_fuzz).
fuzz_targets() {
  local exe
  for exe in "$FUZZ_BIN"/*_fuzz; do
    [ -x "$exe" ] && basename "$exe" _fuzz
  done
}

# libFuzzer flags every run uses: the target's dictionary when it has one.
dict_flags() {
  local dict=$FUZZ_ROOT/tests/fuzz/$1.dict
  [ -f "$dict" ] && echo "-dict=$dict"
  return 0
}

# What a failing run's log shows first: sanitizer reports, the harness's own checks, libFuzzer's verdict.
FUZZ_FAILURE_PATTERN='==ERROR|ERROR: libFuzzer|ROUNDTRIP|SPLIT|runtime error|SUMMARY|timeout|Test unit written'

# A scratch copy of the committed corpus, so new inputs never land in the repo.
scratch_corpus() {
  local work
  work=$(mktemp -d "${TMPDIR:-/tmp}/ossd-fuzz-$1.XXXXXX")
  mkdir -p "$work/corpus" "$work/artifacts"
  cp -r "$FUZZ_ROOT/tests/fuzz/corpus/$1/." "$work/corpus/"
  echo "$work"
}
