// Routing fails closed (issue 11 part 5): every OSS sub-resource the SDKs know that ossd does
// not implement is answered 501 NotImplemented naming it, whatever the method and level, and
// never falls through to the plain operation (DELETE /b?publicAccessBlock once deleted the
// bucket). Each request is a V4 presigned URL signed by the root account, so a fall-through
// would be authorized; afterwards the test proves nothing changed. The names come from
// src/api/subresources.def (the router's own table) plus the ones the SDK tests tripped on.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, client, bucketName, skipWithoutOssd, repoRoot } from '../lib/server.mjs';
import { assertErrorXml, xmlField } from '../lib/check.mjs';

// Names the official SDKs' own tests sent and ossd served as another operation (issue 11).
const FROM_THE_ISSUE = ['publicAccessBlock', 'objectWorm', 'httpsConfig', 'accessmonitor', 'overwriteConfig',
  'bucketArchiveDirectRead', 'regions', 'qosInfo'];
// Routed by ossd (router.cpp kRoutes) or accepted as parameters (kAcceptedParameters).
const ROUTED = ['acl', 'bucketInfo', 'location', 'cors', 'policy', 'delete', 'objectMeta'];
const ACCEPTED = ['response-content-type', 'response-content-language', 'response-expires', 'response-cache-control',
  'response-content-disposition', 'response-content-encoding', 'continuation-token', 'security-token',
  'x-oss-request-payer'];
const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

function knownSubresources() {
  const def = readFileSync(path.join(repoRoot, 'src/api/subresources.def'), 'utf8');
  return [...def.matchAll(/^OSSD_SUBRESOURCE\("([^"]+)"\)$/gm)].map((m) => m[1]);
}

/** Runs `fn` over `items` with at most `width` in flight; results in input order. */
async function pool(items, width, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]);
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

describe('unimplemented sub-resources -> 501, nothing changes', { skip: skipWithoutOssd(), timeout: 300000 }, () => {
  let srv;
  let root;
  let oss;
  const bucket = bucketName('subres');
  const fresh = bucketName('subres-new');  // never created: PUT /<fresh>?x must not create it
  const names = [...new Set([...knownSubresources(), ...FROM_THE_ISSUE])]
    .filter((n) => !ROUTED.includes(n) && !ACCEPTED.includes(n));

  before(async () => {
    srv = await startServer();
    root = client(srv);
    oss = client(srv, bucket);
    await root.putBucket(bucket);
    await oss.put('obj.txt', Buffer.from('content'));
  });
  after(async () => { await srv?.stop(); });

  // A presigned V4 URL (root keys) for method + target, sent to 127.0.0.1 (the bucket is in the path).
  async function send(method, level, name) {
    const value = name === 'versionId' ? 'v1' : '';
    const signer = level === 'service' ? root : client(srv, level === 'fresh' ? fresh : bucket);
    const key = level === 'object' ? 'obj.txt' : undefined;
    const url = new URL(await signer.signatureUrlV4(method, 300, { queries: { [name]: value } }, key));
    url.host = `127.0.0.1:${srv.port}`;
    const withBody = method === 'PUT' || method === 'POST';
    const res = await fetch(url, { method, body: withBody ? '<x/>' : undefined });
    const headers = Object.fromEntries(res.headers.entries());
    const body = method === 'HEAD'
      ? Buffer.from(headers['x-oss-err'] || '', 'base64').toString('utf8')
      : await res.text();
    return { status: res.status, headers, body };
  }

  test('the router knows the SDKs\' sub-resources, the issue\'s among them', () => {
    const known = knownSubresources();
    assert.ok(known.length >= 120, `${known.length} names`);
    for (const n of [...FROM_THE_ISSUE, ...ROUTED]) assert.ok(known.includes(n), n);
    assert.equal(new Set(known).size, known.length, 'a name listed twice');
  });

  test('every unimplemented sub-resource x every method x service / bucket / object / new bucket -> 501', async () => {
    const cases = [];
    for (const name of names) {
      for (const method of METHODS) {
        for (const level of ['service', 'bucket', 'object', 'fresh']) cases.push({ name, method, level });
      }
    }
    const failures = [];
    await pool(cases, 8, async (c) => {
      const r = await send(c.method, c.level, c.name);
      const what = `${c.method} ${c.level} ?${c.name}`;
      try {
        assert.equal(r.status, 501, `${what}: status ${r.status} ${r.body.slice(0, 200)}`);
        assertErrorXml(r.body, r.headers, { code: 'NotImplemented' });
        assert.ok(xmlField(r.body, 'Message').includes(c.name), `${what}: message names it: ${r.body}`);
      } catch (err) {
        failures.push(err.message.split('\n')[0]);
      }
    });
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${cases.length} requests misrouted`);
    assert.ok(cases.length > 2000, `${cases.length} requests`);
  });

  test('a versionId other than "null" -> 501 with every method; "null" is the object', async () => {
    for (const method of METHODS) {
      const r = await send(method, 'object', 'versionId');
      assert.equal(r.status, 501, `${method}: ${r.body}`);
      assert.match(r.body, /versionId/);
    }
    const url = new URL(await oss.signatureUrlV4('GET', 60, { queries: { versionId: 'null' } }, 'obj.txt'));
    url.host = `127.0.0.1:${srv.port}`;
    assert.equal(await (await fetch(url)).text(), 'content');
  });

  test('a preflight (OPTIONS) names a sub-resource: answered by the CORS rules, changes nothing', async () => {
    for (const name of FROM_THE_ISSUE) {
      const res = await fetch(`${srv.endpoint}/${bucket}/obj.txt?${name}`, {
        method: 'OPTIONS', headers: { Origin: 'http://example.com', 'Access-Control-Request-Method': 'DELETE' },
      });
      const body = await res.text();
      assert.equal(res.status, 403, body);  // no CORS rule on the bucket
      assert.equal(xmlField(body, 'Code'), 'AccessForbidden');
    }
  });

  test('afterwards: the bucket, its object, its ACL and the bucket list are as they were', async () => {
    assert.equal((await oss.get('obj.txt')).content.toString(), 'content');
    const listed = await oss.list({ 'max-keys': 100 });
    assert.deepEqual(listed.objects.map((o) => o.name), ['obj.txt']);
    assert.equal((await root.getBucketACL(bucket)).acl, 'private');
    assert.equal((await oss.getACL('obj.txt')).acl, 'default');
    const buckets = (await root.listBuckets()).buckets.map((b) => b.name);
    assert.deepEqual(buckets, [bucket]);
    const status = (p) => p.then((r) => r.res.status, (err) => err.status);
    assert.equal(await status(root.getBucketCORS(bucket)), 404, 'no CORS rules appeared');
    assert.equal(await status(root.getBucketPolicy(bucket)), 404, 'no bucket policy appeared');
  });
});
