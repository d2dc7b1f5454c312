// Authorization fails closed (issue 11 part 5): a RAM user with a valid key and no policy is
// refused (403 AccessDenied) by EVERY operation of src/api/operations.def, read from the file
// itself, except the rows that name Public or RpcSigned (CORS preflight, the upload page, the
// RPC API, which checks its own actions). Each operation has a request recipe below; an
// operation without one fails the test, so a new row must bring its recipe. The access log
// proves each recipe reached the operation it is named after.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, client, skipWithoutOssd, repoRoot } from '../lib/server.mjs';
import { rpc, createUser } from '../lib/rpc.mjs';

const BUCKET = 'np-bucket';
const EXEMPT_MODES = ['Public', 'RpcSigned'];

/** operations.def rows as { name, auth }. */
function operationTable() {
  const def = readFileSync(path.join(repoRoot, 'src/api/operations.def'), 'utf8');
  return [...def.matchAll(/^OSSD_OPERATION\((\w+),\s*\w+,\s*\w+,\s*(\w+),/gm)].map((m) => ({ name: m[1], auth: m[2] }));
}

/** The outcome of an ali-oss call: status, OSS Code and request id, whether it threw or not. */
async function outcome(promise) {
  try {
    const r = await promise;
    const res = r.res || r;
    // Some ali-oss calls (getBucketPolicy) return a refusal instead of throwing it.
    const code = res.status >= 300 ? /<Code>([^<]+)<\/Code>/.exec(String(res.data ?? ''))?.[1] : undefined;
    return { status: res.status, code, requestId: res.headers?.['x-oss-request-id'] };
  } catch (err) {
    return { status: err.status, code: err.code, requestId: err.requestId };
  }
}

/** The outcome of a fetch() response (HEAD errors carry their document in x-oss-err). */
async function fetched(res) {
  const body = await res.text();
  const doc = body || Buffer.from(res.headers.get('x-oss-err') || '', 'base64').toString('utf8');
  return { status: res.status, code: /<Code>([^<]+)<\/Code>/.exec(doc)?.[1], requestId: res.headers.get('x-oss-request-id') };
}

// One request per operation, made by the no-policy user `u` (ali-oss clients u.svc and u.oss,
// keys u.keyId / u.secret). Every recipe must route to the operation it is named after.
const RECIPES = {
  ListBuckets: (u) => outcome(u.svc.listBuckets()),
  PutBucket: (u) => outcome(u.svc.putBucket('np-created-by-user')),
  DeleteBucket: (u) => outcome(u.svc.deleteBucket(BUCKET)),
  GetBucketInfo: (u) => outcome(u.svc.getBucketInfo(BUCKET)),
  GetBucketLocation: (u) => outcome(u.svc.getBucketLocation(BUCKET)),
  GetBucketAcl: (u) => outcome(u.svc.getBucketACL(BUCKET)),
  PutBucketAcl: (u) => outcome(u.svc.putBucketACL(BUCKET, 'public-read-write')),
  ListObjects: (u) => outcome(u.oss.list({ 'max-keys': 10 })),
  ListObjectsV2: (u) => outcome(u.oss.listV2({ 'max-keys': 10 })),
  DeleteMultipleObjects: (u) => outcome(u.oss.deleteMulti(['obj.txt'])),
  PutObject: (u) => outcome(u.oss.put('by-user.txt', Buffer.from('x'))),
  CopyObject: (u) => outcome(u.oss.copy('copied-by-user.txt', 'obj.txt')),
  GetObject: (u) => outcome(u.oss.get('obj.txt')),
  HeadObject: (u) => outcome(u.oss.head('obj.txt')),
  GetObjectMeta: (u) => outcome(u.oss.getObjectMeta('obj.txt')),
  DeleteObject: (u) => outcome(u.oss.delete('obj.txt')),
  PutObjectAcl: (u) => outcome(u.oss.putACL('obj.txt', 'public-read')),
  GetObjectAcl: (u) => outcome(u.oss.getACL('obj.txt')),
  PostObject: async (u, srv) => {
    const expiration = new Date(Date.now() + 3600e3).toISOString();
    const s = u.oss.calculatePostSignature({ expiration, conditions: [{ bucket: BUCKET }] });
    const form = new FormData();
    form.append('key', 'posted-by-user.txt');
    form.append('OSSAccessKeyId', s.OSSAccessKeyId);
    form.append('policy', s.policy);
    form.append('Signature', s.Signature);
    form.append('file', new Blob(['x']), 'x.txt');
    return fetched(await fetch(`${srv.endpoint}/${BUCKET}`, { method: 'POST', body: form }));
  },
  PutBucketCors: (u) => outcome(u.svc.putBucketCORS(BUCKET, [{ allowedOrigin: '*', allowedMethod: 'DELETE' }])),
  GetBucketCors: (u) => outcome(u.svc.getBucketCORS(BUCKET)),
  DeleteBucketCors: (u) => outcome(u.svc.deleteBucketCORS(BUCKET)),
  PutBucketPolicy: (u) => outcome(u.svc.putBucketPolicy(BUCKET, {
    Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:*'], Principal: ['*'], Resource: [`acs:oss:*:*:${BUCKET}/*`] }],
  })),
  GetBucketPolicy: (u) => outcome(u.svc.getBucketPolicy(BUCKET)),
  DeleteBucketPolicy: (u) => outcome(u.svc.deleteBucketPolicy(BUCKET)),
  // Exempt: answered without OSS authorization. The expected status is part of the recipe.
  OptionObject: async (u, srv) => ({
    expect: 200,
    ...await fetched(await fetch(`${srv.endpoint}/${BUCKET}/obj.txt`, {
      method: 'OPTIONS', headers: { Origin: 'http://page.test', 'Access-Control-Request-Method': 'GET' },
    })),
  }),
  GetWebAsset: async (u, srv) => ({ expect: 200, ...await fetched(await fetch(`${srv.endpoint}/_ossd/upload`)) }),
  RpcCall: async (u, srv) => {
    const r = await rpc(srv, { Action: 'GetCallerIdentity' }, { keyId: u.keyId, secret: u.secret });
    return { expect: 200, status: r.status, requestId: r.headers.get('x-oss-request-id') ?? r.json?.RequestId };
  },
};

const options = { skip: skipWithoutOssd(), timeout: 120000 };
describe('a RAM user without policy is refused by every operation (issue 11)', options, () => {
  let srv;
  let user;
  const table = operationTable();

  before(async () => {
    srv = await startServer();
    const root = client(srv);
    await root.putBucket(BUCKET);
    await client(srv, BUCKET).put('obj.txt', Buffer.from('content'));
    // The preflight recipe needs a rule to be answered 200; the rule grants nothing else.
    await root.putBucketCORS(BUCKET, [{ allowedOrigin: 'http://page.test', allowedMethod: 'GET' }]);
    const u = await createUser(srv, 'no-policy');
    const keys = { accessKeyId: u.keyId, accessKeySecret: u.secret };
    user = { ...u, svc: client(srv, undefined, keys), oss: client(srv, BUCKET, keys) };
  });
  after(async () => { await srv?.stop(); });

  // The log line may be written just after the response: poll briefly (bounded).
  async function logLine(requestId) {
    for (let i = 0; i < 40; i += 1) {
      const hit = srv.accessLog().find((e) => e.request_id === requestId);
      if (hit || !requestId) return hit;
      await new Promise((r) => setTimeout(r, 25));
    }
    return undefined;
  }

  test('operations.def is read and every operation has a recipe', () => {
    assert.ok(table.length >= 28, `${table.length} operations parsed`);
    const missing = table.map((op) => op.name).filter((name) => !RECIPES[name]);
    assert.deepEqual(missing, [], 'operations without a recipe in this file: add one');
    const stale = Object.keys(RECIPES).filter((name) => !table.some((op) => op.name === name));
    assert.deepEqual(stale, [], 'recipes for operations no longer in operations.def');
  });

  test('the exempt operations are exactly the named exceptions', () => {
    const exempt = table.filter((op) => EXEMPT_MODES.includes(op.auth)).map((op) => op.name).sort();
    assert.deepEqual(exempt, ['GetWebAsset', 'OptionObject', 'RpcCall']);
  });

  for (const op of operationTable()) {
    const exempt = EXEMPT_MODES.includes(op.auth);
    test(`${op.name} (${op.auth}) -> ${exempt ? 'answered without OSS authorization' : '403 AccessDenied'}`, async () => {
      assert.ok(RECIPES[op.name], `no recipe for ${op.name}`);
      const got = await RECIPES[op.name](user, srv);
      if (exempt) {
        assert.equal(got.status, got.expect, JSON.stringify(got));
      } else {
        assert.equal(got.status, 403, JSON.stringify(got));
        assert.equal(got.code, 'AccessDenied', JSON.stringify(got));
      }
      const logged = await logLine(got.requestId);
      assert.ok(logged, `no access-log line for request ${got.requestId}`);
      assert.equal(logged.operation, op.name, 'the recipe reached another operation');
    });
  }

  test('the RPC API checks its own actions: the same user may not CreateUser', async () => {
    const r = await rpc(srv, { Action: 'CreateUser', UserName: 'not-made' }, { keyId: user.keyId, secret: user.secret });
    assert.equal(r.status, 403, r.text);
  });

  test('afterwards nothing changed: object, ACLs, CORS, policy, bucket list', async () => {
    const root = client(srv);
    const oss = client(srv, BUCKET);
    assert.equal((await oss.get('obj.txt')).content.toString(), 'content');
    assert.deepEqual((await oss.list({ 'max-keys': 100 })).objects.map((o) => o.name), ['obj.txt']);
    assert.equal((await root.getBucketACL(BUCKET)).acl, 'private');
    assert.equal((await oss.getACL('obj.txt')).acl, 'default');
    assert.deepEqual((await root.listBuckets()).buckets.map((b) => b.name), [BUCKET]);
    assert.equal((await root.getBucketCORS(BUCKET)).rules[0].allowedMethod, 'GET');
    assert.equal(await root.getBucketPolicy(BUCKET).then((r) => r.res.status, (err) => err.status), 404);
  });
});
