// kill -9 under load, restart on the same data folder, and check what survived (STYLE 3.7 Crash).
//
// Each round: 32 workers overwrite their own keys (each key has one writer, so "last
// acknowledged" is well defined) with objects of 1 KiB..4 MiB whose bytes derive from
// (key, version). After ~2 s ossd is killed with SIGKILL, restarted, and then:
//   * every key reads back as exactly one generated version: the last acknowledged one or the
//     one whose PUT was in flight at the kill (never a mix, never an older or unknown version);
//   * a key never acknowledged is absent unless its first PUT was in flight;
//   * the listing holds exactly the keys that read back, with their sizes;
//   * the data folder holds no temp files and one data file per object (no leaks).
// Three rounds share one data folder; the state found after a round is the baseline of the next.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, client, bucketName, skipWithoutOssd } from '../integration/lib/server.mjs';
import { seededBytes, md5hex } from '../integration/lib/check.mjs';

const WORKERS = 32;
const KEYS_PER_WORKER = 2;
const ROUNDS = 3;
const LOAD_MS = 2000;
const MIN_SIZE = 1024;
const MAX_SIZE = 4 * 1024 * 1024;

const keyName = (w, i) => `w${String(w).padStart(2, '0')}/k${i}`;
function sizeOf(key, version) {
  const h = crypto.createHash('sha256').update(`${key}#${version}#size`).digest();
  // Mostly small objects, some large: keeps many PUTs in flight at any moment.
  const span = h[0] < 64 ? MAX_SIZE - MIN_SIZE : 256 * 1024;
  return MIN_SIZE + (h.readUInt32BE(1) % span);
}
const contentOf = (key, version) => seededBytes(`${key}#${version}`, sizeOf(key, version));
const md5Cache = new Map();
function md5Of(key, version) {
  const id = `${key}#${version}`;
  if (!md5Cache.has(id)) md5Cache.set(id, md5hex(contentOf(key, version)));
  return md5Cache.get(id);
}

/** Regular files under dir (recursive); [] if dir does not exist. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

describe('crash consistency under kill -9', { skip: skipWithoutOssd(), timeout: 60000 }, () => {
  let srv;
  const bucket = bucketName('crash');
  // key -> { acked: version|null, inflight: version|null, next: number }
  const state = new Map();
  for (let w = 0; w < WORKERS; w += 1) {
    for (let i = 0; i < KEYS_PER_WORKER; i += 1) state.set(keyName(w, i), { acked: null, inflight: null, next: 1 });
  }

  before(async () => {
    srv = await startServer();
    await client(srv).putBucket(bucket);
  });
  after(async () => { await srv?.stop(); });

  async function load() {
    const oss = client(srv, bucket, { timeout: 15000 });
    let killed = false;
    const unexpected = [];
    let acks = 0;
    const worker = async (w) => {
      for (let n = 0; !killed && n < 10000; n += 1) {
        const key = keyName(w, n % KEYS_PER_WORKER);
        const s = state.get(key);
        const version = s.next;
        s.next += 1;
        const body = contentOf(key, version);
        s.inflight = version;
        try {
          await oss.put(key, body);
          s.acked = version;
          s.inflight = null;
          acks += 1;
        } catch (err) {
          if (!killed) unexpected.push(`${key}#${version}: ${err.status} ${err.code} ${err.message}`);
          return;
        }
      }
    };
    const running = Array.from({ length: WORKERS }, (_, w) => worker(w));
    await sleep(LOAD_MS);
    killed = true;
    await srv.kill9();
    await Promise.all(running);
    assert.deepEqual(unexpected, [], 'PUTs failed before the kill');
    return acks;
  }

  async function listAll(oss) {
    const listed = new Map();
    let token = null;
    for (let page = 0; page < 100; page += 1) {
      const q = { 'max-keys': 1000 };
      if (token) q['continuation-token'] = token;
      const res = await oss.listV2(q);
      for (const o of res.objects) listed.set(o.name, o.size);
      if (!res.isTruncated) return listed;
      token = res.nextContinuationToken;
    }
    throw new Error('listing did not end within 100 pages');
  }

  async function verify(round) {
    const oss = client(srv, bucket);
    const problems = [];
    const found = new Map();
    for (const [key, s] of state) {
      const allowed = [s.acked, s.inflight].filter((v) => v !== null);
      let got = null;
      try {
        got = await oss.get(key);
      } catch (err) {
        if (err.status !== 404) throw err;
      }
      if (!got) {
        if (s.acked !== null) problems.push(`${key}: acknowledged version ${s.acked} is missing`);
        found.set(key, null);
        continue;
      }
      const md5 = md5hex(got.content);
      const version = allowed.find((v) => md5Of(key, v) === md5);
      if (version === undefined) {
        const older = Array.from({ length: s.next - 1 }, (_, i) => i + 1).find((v) => md5Of(key, v) === md5);
        problems.push(`${key}: content (${got.content.length} bytes) is ${older ? `older version ${older}` : 'no version ever written (torn/mixed)'}; allowed ${JSON.stringify(allowed)}`);
        found.set(key, null);
        continue;
      }
      const etag = got.res.headers.etag;
      if (etag !== `"${md5.toUpperCase()}"`) problems.push(`${key}: ETag ${etag} does not match the bytes served`);
      found.set(key, version);
    }
    const listed = await listAll(oss);
    for (const [key, size] of listed) {
      if (!state.has(key)) problems.push(`listing shows unknown key ${key}`);
      else if (found.get(key) === null) problems.push(`listing shows ${key}, which does not read back`);
      else if (size !== sizeOf(key, found.get(key))) problems.push(`listing size of ${key} is ${size}, object has ${sizeOf(key, found.get(key))}`);
    }
    for (const [key, v] of found) if (v !== null && !listed.has(key)) problems.push(`${key} reads back but is not listed`);
    assert.deepEqual(problems, [], `round ${round}`);
    // The found state is the acknowledged baseline of the next round.
    for (const [key, v] of found) Object.assign(state.get(key), { acked: v, inflight: null });
    // Objects up to the inline threshold live in their metadata row and have no data file.
    return [...found].filter(([key, v]) => v !== null && sizeOf(key, v) > INLINE_THRESHOLD).length;
  }

  // src/api/object_headers.hpp kInlineThreshold.
  const INLINE_THRESHOLD = 64 * 1024;

  function checkDataDir(objectCount) {
    const tmpFiles = filesUnder(path.join(srv.dataDir, 'tmp'));
    assert.deepEqual(tmpFiles, [], 'temp files survived start-up');
    const objectsDir = path.join(srv.dataDir, 'objects');
    assert.ok(existsSync(objectsDir), `no objects/ folder in ${srv.dataDir}: ${readdirSync(srv.dataDir).join(', ')}`);
    const dataFiles = filesUnder(objectsDir).filter((f) => statSync(f).isFile());
    assert.equal(dataFiles.length, objectCount, `${dataFiles.length} data files for ${objectCount} objects above the inline threshold (leaked or lost files)`);
  }

  for (let round = 1; round <= ROUNDS; round += 1) {
    test(`round ${round}: load, kill -9, restart, verify`, async (t) => {
      const acks = await load();
      const inflight = [...state.values()].filter((s) => s.inflight !== null).length;
      t.diagnostic(`round ${round}: ${acks} PUTs acknowledged, ${inflight} in flight at the kill`);
      assert.ok(acks > 0, 'no PUT completed within the load window');
      await srv.restart();
      const objects = await verify(round);
      checkDataDir(objects);
    });
  }
});
