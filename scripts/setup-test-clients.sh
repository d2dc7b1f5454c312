#!/usr/bin/env bash
# shellcheck disable=SC2317  # the have_* checks are called through $check
# Installs, on Debian 12, the real clients that tests/integration/clients/ drives against ossd
# (spec clients.md): Python requests, Go, a JDK (javac + java), libcurl headers and g++, Chromium.
# Only what is missing is installed (apt-get, as root); nothing is downloaded when everything is
# present, so it is quick to call from scripts/test.sh every time. Idempotent.
#
# It writes a status file (OSSD_TEST_CLIENTS_STATUS, default /tmp/ossd-test-clients.status) with
# one line per client:  "<client> ok"  or  "<client> unavailable <reason>". The tests skip a client
# only when this file says the script could not install it; any other missing client is a failure.
# Exit status: 0 even when something could not be installed (the tests report it), 2 on misuse.
set -uo pipefail

status_file=${OSSD_TEST_CLIENTS_STATUS:-/tmp/ossd-test-clients.status}

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
# The tests use the first of python3 (PATH) and /usr/bin/python3 that can import requests.
have_python_requests() {
  python3 -c 'import requests' >/dev/null 2>&1 || /usr/bin/python3 -c 'import requests' >/dev/null 2>&1
}
have_go() { command -v go >/dev/null 2>&1; }
have_javac() { command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1; }
have_gxx() { command -v g++ >/dev/null 2>&1; }
have_libcurl_dev() { have_pkg libcurl4-openssl-dev || [ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ]; }
have_chromium() { [ -x /usr/bin/chromium ]; }

# client name | check | Debian packages providing it
clients=(
  "python-requests|have_python_requests|python3 python3-requests"
  "go|have_go|golang-go"
  "java|have_javac|default-jdk-headless"
  "libcurl|have_libcurl_dev|libcurl4-openssl-dev"
  "g++|have_gxx|g++"
  "chromium|have_chromium|chromium"
)

missing=()
for entry in "${clients[@]}"; do
  IFS='|' read -r name check pkgs <<<"$entry"
  if ! $check; then
    for p in $pkgs; do have_pkg "$p" || missing+=("$p"); done
  fi
done

declare -A failed=()
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-test-clients: installing ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    for p in "${missing[@]}"; do failed[$p]="not root: apt-get install $p needs root"; done
  else
    export DEBIAN_FRONTEND=noninteractive
    apt_log=$(mktemp)
    if ! apt-get update -qq >"$apt_log" 2>&1; then
      echo "setup-test-clients: apt-get update failed: $(tail -n 3 "$apt_log" | tr '\n' ' ')"
    fi
    if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$apt_log" 2>&1; then
      # One unavailable package must not block the others: retry one by one.
      for p in "${missing[@]}"; do
        if ! apt-get install -y -qq --no-install-recommends "$p" >"$apt_log" 2>&1; then
          failed[$p]="apt-get install $p failed: $(tail -n 2 "$apt_log" | tr '\n' ' ' | cut -c1-300)"
        fi
      done
    fi
    rm -f "$apt_log"
  fi
fi

tmp_status=$(mktemp)
for entry in "${clients[@]}"; do
  IFS='|' read -r name check pkgs <<<"$entry"
  if $check; then
    echo "$name ok" >>"$tmp_status"
  else
    reason=""
    for p in $pkgs; do [ -n "${failed[$p]:-}" ] && reason="${failed[$p]}"; done
    [ -n "$reason" ] || reason="still missing after installing: $pkgs"
    echo "$name unavailable $reason" >>"$tmp_status"
    echo "setup-test-clients: $name unavailable: $reason"
  fi
done
mv -f "$tmp_status" "$status_file"
chmod 644 "$status_file" 2>/dev/null || true
exit 0
