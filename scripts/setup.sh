#!/usr/bin/env bash
# Installs what ossd needs on Debian 12 (only what is missing), builds it, and installs the
# npm test tools. Google Benchmark, nginx and wrk are for bench/ (nginx is only ever started
# by bench/run.sh, on 127.0.0.1, with its own configuration). Idempotent; run as root (or with sudo available) on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build pkg-config
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libssl-dev libsqlite3-dev libpugixml-dev libisal-dev libcli11-dev libgtest-dev libgmock-dev
  libcurl4-openssl-dev curl openssl libbenchmark-dev nginx-light wrk)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from another package (e.g. a newer nodejs that bundles npm): only install
# Debian's when the commands are missing, so an existing setup is never replaced.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
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
launcher=(); command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "${launcher[@]}" >/dev/null
cmake --build build -j"$(nproc)"

if [ "${OSSD_SKIP_NPM:-0}" != 1 ] && [ -f tests/integration/package.json ]; then
  (cd tests/integration && { [ -d node_modules ] && [ node_modules -nt package-lock.json ]; } || npm ci --no-audit --no-fund --loglevel=error)
fi
