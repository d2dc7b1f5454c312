#!/usr/bin/env bash
# Proves that the committed tree builds and starts on its own, as a user who cloned only the
# repository would run it: copies HEAD into a fresh folder with nothing beside it, runs the
# README's first command (scripts/run.sh) there on a free port, and checks that ossd answers.
# Also refuses any build or test file that reaches outside the repository for ../shared.
# Used by .ci/run; ccache (scripts/setup.sh) keeps the second build cheap.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== no file of the build or tests reads ../shared"
if git grep -n -E '\.\./shared|OSSD_SHARED_DIR' -- ':!*.md' ':!scripts/check-fresh-clone.sh'; then
  echo "check-fresh-clone: the lines above read ../shared, which a user never has" >&2
  exit 1
fi

# The fresh folder sits beside this checkout, so ccache's base folder (scripts/setup.sh) covers
# both; its own parent is new and empty, so there is no ../shared beside the copy.
parent=$(mktemp -d "$(dirname "$PWD")/ossd-fresh.XXXXXX")
repo="$parent/ossd"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$parent"
}
trap cleanup EXIT
mkdir "$repo"
git archive HEAD | tar -x -C "$repo"
[ ! -e "$repo/../shared" ] || { echo "check-fresh-clone: $repo/../shared exists" >&2; exit 1; }

echo "== scripts/run.sh in a fresh copy of HEAD ($repo)"
log="$parent/run.log"
(cd "$repo" && OSSD_ADDRESS=127.0.0.1:0 OSSD_DATA="$parent/data" exec scripts/run.sh >"$log" 2>&1) &
pid=$!
port=""
for _ in $(seq 1 1800); do  # the build may run first: up to 30 minutes
  port=$(sed -n 's#^ossd listening on http://127\.0\.0\.1:\([0-9]*\).*#\1#p' "$log" | head -1)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
if [ -z "$port" ]; then
  echo "check-fresh-clone: ossd did not start; the last lines of scripts/run.sh:" >&2
  tail -40 "$log" >&2
  exit 1
fi
# An anonymous ListBuckets: ossd must answer with an OSS error document.
reply=$(curl -s -o - -w ' %{http_code}' "http://127.0.0.1:$port/")
case "$reply" in
  *"<Code>AccessDenied</Code>"*" 403") echo "check-fresh-clone: ossd from the fresh copy answered on port $port" ;;
  *) echo "check-fresh-clone: unexpected answer: $reply" >&2; exit 1 ;;
esac
if [ -e "$repo/build/tests" ]; then
  echo "check-fresh-clone: scripts/run.sh built the tests; it must build only ossd and ossctl" >&2
  exit 1
fi
