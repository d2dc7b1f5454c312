// Losing meta.sqlite must not turn into losing every object: ossd refuses to start (and so
// never runs its orphan sweep) when a new metadata database sits next to existing blobs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, client, bucketName, skipWithoutOssd } from '../integration/lib/server.mjs';
import { seededBytes } from '../integration/lib/check.mjs';

function countFiles(dir) {
  let n = 0;
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    n += statSync(p).isDirectory() ? countFiles(p) : 1;
  }
  return n;
}

describe('metadata loss', { skip: skipWithoutOssd(), timeout: 60000 }, () => {
  test('a new meta.sqlite next to existing blobs: refuse to start, delete nothing', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ossd-metaloss-'));
    try {
      const srv = await startServer({ dataDir });
      const bucket = bucketName('loss');
      const oss = client(srv, bucket);
      await oss.putBucket(bucket);
      await oss.put('big.bin', seededBytes('big', 1024 * 1024)); // above the inline threshold: a blob
      await srv.stop();
      const blobs = countFiles(path.join(dataDir, 'objects'));
      assert.equal(blobs, 1);
      for (const f of readdirSync(dataDir)) if (f.startsWith('meta.sqlite')) rmSync(path.join(dataDir, f));
      await assert.rejects(startServer({ dataDir }), /refusing to start/);
      assert.equal(countFiles(path.join(dataDir, 'objects')), blobs, 'a blob was deleted');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
