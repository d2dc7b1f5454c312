#!/usr/bin/env bash
# Sets up and builds ossd if needed, then starts it with the embedded default storage in
# ./data, listening on 127.0.0.1:9000 (override with OSSD_ADDRESS / OSSD_DATA / flags).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
address=${OSSD_ADDRESS:-127.0.0.1:9000}
cat <<MSG

ossd: Alibaba Cloud OSS-compatible object store, data in ${OSSD_DATA:-./data}
Use it from ali-oss (Node):
  new OSS({ endpoint: 'http://localhost:${address##*:}', sldEnable: true, region: 'oss-cn-hangzhou',
            authorizationV4: true, accessKeyId, accessKeySecret, bucket })
Root credentials: OSSD_ROOT_ACCESS_KEY_ID / OSSD_ROOT_ACCESS_KEY_SECRET, or printed below on first start.
All flags: build/src/server/ossd --help

MSG
exec build/src/server/ossd --address "$address" "$@"
