#!/usr/bin/env bash
# Installs what is missing on Debian 12 and builds. Two modes:
#   scripts/setup.sh run    what scripts/run.sh needs: the build tools and the libraries of ossd
#                           and ossctl; builds only those two programs.
#   scripts/setup.sh test   (default) also GoogleTest, clang and its libFuzzer runtime (tests/fuzz),
#                           Google Benchmark, nginx and wrk (bench/;
#                           nginx is only ever started by bench/run.sh, on 127.0.0.1, with its own
#                           configuration), Node.js and the npm test tools; builds everything.
# Idempotent; run as root (or with sudo available) on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-test}
case "$mode" in run|test) ;; *) echo "usage: scripts/setup.sh [run|test]" >&2; exit 2 ;; esac

packages=(build-essential cmake ninja-build pkg-config
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libssl-dev libsqlite3-dev libpugixml-dev libisal-dev libcli11-dev libcurl4-openssl-dev)
[ "$mode" = test ] && packages+=(libgtest-dev libgmock-dev curl openssl libbenchmark-dev nginx-light wrk
  clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "$mode" = test ]; then
  # Node.js may come from another package (e.g. a newer nodejs that bundles npm): only install
  # Debian's when the commands are missing, so an existing setup is never replaced.
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Debian starts the packaged nginx on port 80; the benchmark runs its own instance instead.
  case " ${missing[*]} " in *" nginx-light "*) ($SUDO service nginx stop || true) >/dev/null 2>&1 ;; esac
fi

build_type=${OSSD_BUILD_TYPE:-RelWithDebInfo}
# ccache, when the machine has it, makes rebuilds in fresh clones cheap; it is not required.
# Paths are hashed relative to the folder above the checkout, so two checkouts side by side
# (the CI's fresh-clone check) share compiled objects.
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$PWD")}" CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
fi
if [ "$mode" = run ]; then
  options=(-DOSSD_BUILD_TESTS=OFF -DOSSD_BUILD_BENCH=OFF); targets=(--target ossd ossctl)
else
  options=(-DOSSD_BUILD_TESTS=ON -DOSSD_BUILD_BENCH=ON); targets=()
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "${launcher[@]}" "${options[@]}" >/dev/null
cmake --build build -j"$(nproc)" "${targets[@]}"

if [ "$mode" = test ] && [ -f tests/integration/package.json ]; then
  (cd tests/integration && { [ -d node_modules ] && [ node_modules -nt package-lock.json ]; } || npm ci --no-audit --no-fund --loglevel=error)
fi
