// Streaming, not buffering: PUT a 2 GiB object through a presigned URL from a generated stream
// and GET it back through a hash, sampling ossd's resident set (VmRSS) every 100 ms. Peak growth
// over the idle baseline must stay under 64 MiB for each direction, and the MD5 must match.
// Needs ~2 GiB of free disk under the temp folder; OSSD_SKIP_BIG=1 skips it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import crypto from 'node:crypto';
import os from 'node:os';
import { readFileSync, statfsSync } from 'node:fs';
import { startServer, client, bucketName, skipWithoutOssd } from '../integration/lib/server.mjs';

const MiB = 1024 * 1024;
const SIZE = 2 * 1024 * MiB;
const CHUNK = 1 * MiB;
const LIMIT = 64 * MiB;

function skipReason() {
  if (process.env.OSSD_SKIP_BIG === '1') return 'OSSD_SKIP_BIG=1: 2 GiB memory test skipped (it needs 2 GiB of disk)';
  const noBin = skipWithoutOssd();
  if (noBin) return noBin;
  const fs = statfsSync(os.tmpdir());
  const free = fs.bavail * fs.bsize;
  if (free < SIZE + 512 * MiB) return `only ${Math.floor(free / MiB)} MiB free under ${os.tmpdir()}; the 2 GiB test needs ${(SIZE + 512 * MiB) / MiB} MiB`;
  return false;
}

function rssBytes(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) * 1024;
}

/** Samples VmRSS every 100 ms until stop() is called; returns the peak. */
function sampleRss(pid) {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try { peak = Math.max(peak, rssBytes(pid)); } catch { /* process gone: the test fails elsewhere */ }
  }, 100);
  return { stop: () => { clearInterval(timer); peak = Math.max(peak, rssBytes(pid)); return peak; } };
}

/** Deterministic chunk i of the generated object (cheap: a counter stamped into a fixed pattern). */
const pattern = crypto.createHash('sha512').update('ossd-memory').digest();
function chunkAt(i, size) {
  const b = Buffer.allocUnsafe(size);
  for (let off = 0; off < size; off += pattern.length) pattern.copy(b, off, 0, Math.min(pattern.length, size - off));
  b.writeUInt32BE(i >>> 0, 0);
  return b;
}

function request(url, method, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, resolve);
    req.on('error', reject);
    req.setTimeout(600000, () => req.destroy(new Error('request timed out')));
    if (!body) { req.end(); return; }
    body(req).then(() => req.end(), reject);
  });
}

describe('memory while streaming 2 GiB', { skip: skipReason(), timeout: 900000 }, () => {
  let srv;
  let oss;
  const md5 = crypto.createHash('md5');
  before(async () => {
    srv = await startServer();
    const bucket = bucketName('mem');
    await client(srv).putBucket(bucket);
    oss = client(srv, bucket);
    await oss.put('warmup', Buffer.alloc(64 * 1024));
    await oss.get('warmup');
  });
  after(async () => { await srv?.stop(); });

  test('PUT 2 GiB from a generated stream: RSS growth < 64 MiB', async (t) => {
    const url = await oss.signatureUrlV4('PUT', 3600, {}, 'big.bin');
    const baseline = rssBytes(srv.pid);
    const sampler = sampleRss(srv.pid);
    const res = await request(url, 'PUT', {
      headers: { 'Content-Length': String(SIZE) },
      body: async (req) => {
        for (let i = 0; i * CHUNK < SIZE; i += 1) {
          const c = chunkAt(i, Math.min(CHUNK, SIZE - i * CHUNK));
          md5.update(c);
          if (!req.write(c)) await new Promise((r) => req.once('drain', r));
        }
      },
    });
    let text = '';
    for await (const d of res) text += d;
    const peak = sampler.stop();
    t.diagnostic(`PUT: baseline ${(baseline / MiB).toFixed(1)} MiB, peak ${(peak / MiB).toFixed(1)} MiB`);
    assert.equal(res.statusCode, 200, text);
    assert.equal(res.headers.etag, `"${md5.copy().digest('hex').toUpperCase()}"`);
    assert.ok(peak - baseline < LIMIT, `RSS grew by ${((peak - baseline) / MiB).toFixed(1)} MiB during the PUT`);
  });

  test('GET 2 GiB streamed through MD5: RSS growth < 64 MiB, same bytes', async (t) => {
    const url = await oss.signatureUrlV4('GET', 3600, {}, 'big.bin');
    const baseline = rssBytes(srv.pid);
    const sampler = sampleRss(srv.pid);
    const res = await request(url, 'GET');
    assert.equal(res.statusCode, 200);
    assert.equal(Number(res.headers['content-length']), SIZE);
    const got = crypto.createHash('md5');
    let n = 0;
    for await (const d of res) { got.update(d); n += d.length; }
    const peak = sampler.stop();
    t.diagnostic(`GET: baseline ${(baseline / MiB).toFixed(1)} MiB, peak ${(peak / MiB).toFixed(1)} MiB`);
    assert.equal(n, SIZE);
    assert.equal(got.digest('hex'), md5.digest('hex'));
    assert.ok(peak - baseline < LIMIT, `RSS grew by ${((peak - baseline) / MiB).toFixed(1)} MiB during the GET`);
  });
});
