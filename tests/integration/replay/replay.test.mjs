// `ossd --test-now` replays a request recorded with the official SDK: the presigned PUT of
// tests/vectors/v4_presign.json (v4p-local-path-style, signed by ali-oss 6.23.0 at
// 2024-11-12T08:32:38Z) is accepted by a server whose clock is frozen at that time, and refused
// by the same server on the real clock. Also bucket ACLs through ali-oss.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, client, repoRoot, skipWithoutOssd } from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { assertErrorXml } from '../lib/check.mjs';

const vectors = JSON.parse(readFileSync(path.join(repoRoot, 'tests/vectors/v4_presign.json'), 'utf8'));
const vector = vectors.vectors.find((v) => v.id === 'v4p-local-path-style');
const keys = { OSSD_ROOT_ACCESS_KEY_ID: vector.input.access_key_id, OSSD_ROOT_ACCESS_KEY_SECRET: vector.input.access_key_secret };

describe('replaying a recorded presigned request with --test-now', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let dataDir;
  let tmp;
  const recordedUrl = (port) => vector.output.url.replace('127.0.0.1:9000', `127.0.0.1:${port}`);

  before(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ossd-replay-'));
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ossd-replay-body-'));
  });
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  });

  test('accepted at the recorded time, refused as expired on the real clock', async () => {
    const opts = { dataDir, env: keys };
    const live = await startServer(opts);
    const root = client(live, vector.input.bucket, { accessKeyId: keys.OSSD_ROOT_ACCESS_KEY_ID, accessKeySecret: keys.OSSD_ROOT_ACCESS_KEY_SECRET });
    await root.putBucket(vector.input.bucket);
    const body = path.join(tmp, 'file.bin');
    writeFileSync(body, 'recorded upload');
    const refused = await curl(['-T', body, recordedUrl(live.port)]);
    assert.equal(refused.status, 403);
    assertErrorXml(refused.body.toString(), refused.headers, { code: 'AccessDenied', ec: '0002-00000236' });
    await live.stop();

    const frozen = await startServer({ ...opts, args: ['--test-now', vector.output.x_oss_date] });
    try {
      const put = await curl(['-T', body, recordedUrl(frozen.port)]);
      assert.equal(put.status, 200, put.body.toString());
    } finally {
      await frozen.stop();
    }

    const again = await startServer(opts);
    try {
      const c = client(again, vector.input.bucket, { accessKeyId: keys.OSSD_ROOT_ACCESS_KEY_ID, accessKeySecret: keys.OSSD_ROOT_ACCESS_KEY_SECRET });
      assert.equal((await c.get(vector.input.key)).content.toString(), 'recorded upload');
      // Bucket ACLs: private by default; public-read opens anonymous reads.
      assert.equal((await c.getBucketACL(vector.input.bucket)).acl, 'private');
      const anon = `http://127.0.0.1:${again.port}/${vector.input.bucket}/${vector.input.key}`;
      assert.equal((await curl([anon])).status, 403);
      await c.putBucketACL(vector.input.bucket, 'public-read');
      assert.equal((await c.getBucketACL(vector.input.bucket)).acl, 'public-read');
      const open = await curl([anon]);
      assert.equal(open.status, 200);
      assert.equal(open.body.toString(), 'recorded upload');
    } finally {
      await again.stop();
    }
  });
});
