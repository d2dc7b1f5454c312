#!/usr/bin/env bash
# Runs every test: set-up and build, GoogleTest unit tests (ctest), the fuzz targets' corpora
# and short fuzz runs (tests/fuzz/ci.sh), then the integration,
# crash and memory suites that start the real ossd and drive it with ali-oss and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

echo "== unit tests (ctest)"
(cd build && ctest --output-on-failure -j2)

echo "== fuzz (libFuzzer, ASan + UBSan: every corpus replayed, each target fuzzed ${OSSD_FUZZ_SECONDS:-20} s)"
tests/fuzz/ci.sh

# Python requests, Go, a JDK, libcurl, Chromium: the clients of tests/integration/clients.
scripts/setup-test-clients.sh

if [ -f tests/integration/package.json ]; then
  echo "== integration tests (node:test + ali-oss + curl against build/src/server/ossd)"
  suites=(tests/integration/*/*.test.mjs)
  [ -d tests/crash ] && suites+=(tests/crash/*.test.mjs)
  [ -d tests/memory ] && suites+=(tests/memory/*.test.mjs)
  OSSD_REQUIRE_BIN=1 node --test --test-concurrency=2 "${suites[@]}"
fi

echo "== benchmark suite, smoke mode (keeps bench/run.sh working; never a timed test)"
OSSD_BENCH_BUILD_DIR="$PWD/build" OSSD_BENCH_NO_BUILD=1 bench/run.sh --smoke
