#!/bin/sh
# Regenerates docs/errors.md from src/oss/errors.def, the one error table
# (docs/architecture.md). Run from anywhere: scripts/gen-errors-doc.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
def="$root/src/oss/errors.def"
out="$root/docs/errors.md"
{
  echo "# ossd error codes"
  echo
  echo "Generated from \`src/oss/errors.def\` by \`scripts/gen-errors-doc.sh\`; do not edit by hand."
  echo "Each row is one \`ErrorCode\` value. \`Code\` is the OSS \`<Code>\` element, \`EC\` the default"
  echo "\`<EC>\` / \`x-oss-ec\` value; handlers may override the message and EC per response."
  echo
  echo "| ErrorCode | HTTP | Code | EC | Default message |"
  echo "|---|---|---|---|---|"
  grep '^OSSD_ERROR(' "$def" |
    sed -E 's/\|/\\|/g; s/^OSSD_ERROR\(([A-Za-z0-9_]+), *([0-9]+), *"([^"]*)", *"(.*)", *"([^"]*)"\) *$/| \1 | \2 | \3 | \5 | \4 |/'
} > "$out"
echo "wrote $out ($(grep -c '^OSSD_ERROR(' "$def") rows)"
