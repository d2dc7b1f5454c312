// PostObject (HTML form upload, spec/auth.md d): forms built with Node's FormData/fetch (what a
// browser sends) and with `curl -F`, policies signed by ali-oss's own helpers
// (calculatePostSignature for V1, signPostObjectPolicyV4 for V4); every d.4 error; ${filename};
// success_action_status / _redirect; a 20 MiB file with ossd's peak memory measured; anonymous
// forms against bucket ACLs; a V4 form with STS credentials from ossd's own AssumeRole (the
// token rules themselves are unit-tested in tests/unit/auth/post_policy_test.cpp).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, client, bucketName, skipWithoutOssd, ROOT_KEY_ID } from '../lib/server.mjs';
import { assertErrorXml, xmlField, etagOf, md5hex, seededBytes, REQUEST_ID } from '../lib/check.mjs';
import { crc64 } from '../lib/crc64.mjs';
import { curl } from '../lib/curl.mjs';
import { rpc, createRoleIssuer } from '../lib/rpc.mjs';
import { OSS } from '../lib/server.mjs';

const inOneHour = () => new Date(Date.now() + 3600 * 1000).toISOString();

// "20241112T083238Z" for a Date.
const ossDate = (d) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

describe('PostObject', { skip: skipWithoutOssd(), timeout: 240000 }, () => {
  let srv;
  let root; // service-level ali-oss client (root keys)
  let oss; // bucket client
  let bucket;
  let tmp;

  before(async () => {
    srv = await startServer();
    root = client(srv);
    bucket = bucketName('post');
    await root.putBucket(bucket);
    oss = client(srv, bucket);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ossd-post-'));
  });
  after(async () => {
    await srv?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const postUrl = (b = bucket) => `${srv.endpoint}/${b}`;

  // V1 form fields: ali-oss computes policy (base64) and Signature.
  function v1Fields(conditions, { expiration = inOneHour(), signer = oss } = {}) {
    const s = signer.calculatePostSignature({ expiration, conditions });
    return { OSSAccessKeyId: s.OSSAccessKeyId, policy: s.policy, Signature: s.Signature };
  }

  // V4 form fields: the policy pins the V4 fields (spec d.3); ali-oss signs it.
  // With `sts` ({AccessKeyId, AccessKeySecret, SecurityToken}) the token is pinned too.
  function v4Fields(conditions, { expiration = inOneHour(), date = new Date(), sts } = {}) {
    const xdate = ossDate(date);
    const keyId = sts ? sts.AccessKeyId : ROOT_KEY_ID;
    const credential = `${keyId}/${xdate.slice(0, 8)}/cn-hangzhou/oss/aliyun_v4_request`;
    const policy = {
      expiration,
      conditions: [
        ...conditions,
        { 'x-oss-signature-version': 'OSS4-HMAC-SHA256' },
        { 'x-oss-credential': credential },
        { 'x-oss-date': xdate },
        ...(sts ? [{ 'x-oss-security-token': sts.SecurityToken }] : []),
      ],
    };
    const signer = sts
      ? client(srv, bucket, { accessKeyId: sts.AccessKeyId, accessKeySecret: sts.AccessKeySecret, stsToken: sts.SecurityToken })
      : oss;
    return {
      policy: Buffer.from(JSON.stringify(policy), 'utf8').toString('base64'),
      'x-oss-signature-version': 'OSS4-HMAC-SHA256',
      'x-oss-credential': credential,
      'x-oss-date': xdate,
      'x-oss-signature': signer.signPostObjectPolicyV4(policy, date),
      ...(sts ? { 'x-oss-security-token': sts.SecurityToken } : {}),
    };
  }

  // A browser-like submission: fields in order, then the file part (unless fileFirst).
  async function post(fields, file, { filename = 'upload.bin', type = '', fileFirst = false, b } = {}) {
    const fd = new FormData();
    const blob = new Blob([file], { type });
    if (fileFirst) fd.append('file', blob, filename);
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    if (!fileFirst) fd.append('file', blob, filename);
    const res = await fetch(postUrl(b), { method: 'POST', body: fd, redirect: 'manual' });
    const body = Buffer.from(await res.arrayBuffer());
    const headers = Object.fromEntries(res.headers.entries());
    return { status: res.status, headers, body, text: body.toString('utf8') };
  }

  async function expectError(res, status, code, message) {
    assert.equal(res.status, status, `status; body: ${res.text}`);
    assertErrorXml(res.text, res.headers, { code, message });
  }

  async function expectAbsent(key) {
    await assert.rejects(oss.head(key), (err) => err.status === 404, `${key} must not exist`);
  }

  test('V1 form signed by ali-oss: 201 PostResponse, object stored with its metadata', async () => {
    const body = seededBytes('v1', 3000);
    const key = 'v1/photo.png';
    const fields = {
      key,
      success_action_status: '201',
      'Cache-Control': 'max-age=60',
      'Content-Disposition': 'attachment; filename="p.png"',
      'x-oss-meta-owner': 'eric',
      ...v1Fields([{ bucket }, ['starts-with', '$key', 'v1/'], ['eq', '$success_action_status', '201'],
        ['content-length-range', 1, 10000]]),
    };
    const res = await post(fields, body, { type: 'image/png' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.headers.etag, etagOf(body));
    assert.equal(res.headers['x-oss-hash-crc64ecma'], crc64(body));
    assert.match(res.headers['x-oss-request-id'] || '', REQUEST_ID);
    assert.match(res.text, /^<\?xml version="1.0" encoding="UTF-8"\?>\s*<PostResponse>/);
    assert.equal(xmlField(res.text, 'Bucket'), bucket);
    assert.equal(xmlField(res.text, 'Key'), key);
    assert.equal(xmlField(res.text, 'ETag').replace(/&quot;/g, '"'), etagOf(body));
    assert.equal(xmlField(res.text, 'Location'), `${postUrl()}/${key}`);

    const got = await oss.get(key);
    assert.ok(got.content.equals(body));
    assert.equal(got.res.headers['content-type'], 'image/png', 'the file part Content-Type is stored');
    assert.equal(got.res.headers['cache-control'], 'max-age=60');
    assert.equal(got.res.headers['content-disposition'], 'attachment; filename="p.png"');
    assert.equal(got.res.headers['x-oss-meta-owner'], 'eric');
  });

  test('V4 form signed by ali-oss: default 204, object readable', async () => {
    const body = seededBytes('v4', 70000); // past the inline threshold: a blob
    const res = await post({ key: 'v4/a.bin', ...v4Fields([{ bucket }, ['starts-with', '$key', 'v4/']]) }, body);
    assert.equal(res.status, 204, res.text);
    assert.equal(res.body.length, 0);
    assert.equal(res.headers.etag, etagOf(body));
    const got = await oss.get('v4/a.bin');
    assert.ok(got.content.equals(body));
  });

  test('success_action_status 200 and an unknown value (204)', async () => {
    const ok200 = await post({ key: 's/200', success_action_status: '200', ...v1Fields([{ bucket }]) }, 'x');
    assert.equal(ok200.status, 200, ok200.text);
    const other = await post({ key: 's/other', success_action_status: '302', ...v1Fields([{ bucket }]) }, 'x');
    assert.equal(other.status, 204, other.text);
  });

  test('success_action_redirect: 303 to the page with bucket, key and etag', async () => {
    const body = Buffer.from('redirected');
    const res = await post({
      key: 'r/a b.txt',
      success_action_redirect: 'https://app.example.com/done?from=form',
      ...v1Fields([{ bucket }, ['starts-with', '$success_action_redirect', 'https://app.example.com/']]),
    }, body);
    assert.equal(res.status, 303, res.text);
    const loc = new URL(res.headers.location);
    assert.equal(loc.origin + loc.pathname, 'https://app.example.com/done');
    assert.equal(loc.searchParams.get('from'), 'form');
    assert.equal(loc.searchParams.get('bucket'), bucket);
    assert.equal(loc.searchParams.get('key'), 'r/a b.txt');
    assert.equal(loc.searchParams.get('etag'), etagOf(body));
  });

  test('${filename} in key is the file part\'s name', async () => {
    const res = await post({ key: 'uploads/${filename}', ...v1Fields([{ bucket }, ['starts-with', '$key', 'uploads/']]) },
      'hello', { filename: 'report 2024.txt', type: 'text/plain' });
    assert.equal(res.status, 204, res.text);
    const got = await oss.get('uploads/report 2024.txt');
    assert.equal(got.content.toString(), 'hello');
  });

  test('Content-Type: x-oss-content-type > form field > file part', async () => {
    const sig = v1Fields([{ bucket }]);
    await post({ key: 'ct/1', 'Content-Type': 'text/csv', 'x-oss-content-type': 'application/json', ...sig }, '{}',
      { type: 'image/png' });
    await post({ key: 'ct/2', 'Content-Type': 'text/csv', ...sig }, 'a,b', { type: 'image/png' });
    await post({ key: 'ct/3', ...sig }, 'x', { type: 'image/gif' });
    assert.equal((await oss.head('ct/1')).res.headers['content-type'], 'application/json');
    assert.equal((await oss.head('ct/2')).res.headers['content-type'], 'text/csv');
    assert.equal((await oss.head('ct/3')).res.headers['content-type'], 'image/gif');
  });

  test('x-oss-forbid-overwrite refuses to replace an object', async () => {
    const sig = v1Fields([{ bucket }]);
    assert.equal((await post({ key: 'fo/a', ...sig }, 'one')).status, 204);
    const res = await post({ key: 'fo/a', 'x-oss-forbid-overwrite': 'true', ...sig }, 'two');
    await expectError(res, 409, 'FileAlreadyExists');
    assert.equal((await oss.get('fo/a')).content.toString(), 'one');
  });

  test('x-oss-object-acl: a known value is accepted, anything else is InvalidArgument', async () => {
    const sig = v1Fields([{ bucket }]);
    assert.equal((await post({ key: 'acl/ok', 'x-oss-object-acl': 'public-read', ...sig }, 'x')).status, 204);
    await expectError(await post({ key: 'acl/bad', 'x-oss-object-acl': 'world-writable', ...sig }, 'x'),
      400, 'InvalidArgument');
    await expectAbsent('acl/bad');
  });

  describe('refused forms (spec d.4), nothing stored', () => {
    test('eq condition violated', async () => {
      const res = await post({ key: 'bad/eq', ...v1Fields([['eq', '$key', 'bad/other']]) }, 'x');
      await expectError(res, 403, 'AccessDenied',
        'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "bad/other"]');
      await expectAbsent('bad/eq');
    });

    test('starts-with condition violated (V4)', async () => {
      const res = await post({ key: 'bad/sw', ...v4Fields([['starts-with', '$key', 'user/eric/']]) }, 'x');
      await expectError(res, 403, 'AccessDenied',
        'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "user/eric/"]');
      await expectAbsent('bad/sw');
    });

    test('content-length-range: too big is refused while streaming, too small at the end', async () => {
      const big = await post({ key: 'bad/big', ...v1Fields([['content-length-range', 1, 1000]]) },
        seededBytes('big', 300000));
      await expectError(big, 400, 'EntityTooLarge');
      await expectAbsent('bad/big');
      const small = await post({ key: 'bad/small', ...v1Fields([['content-length-range', 10, 1000]]) }, 'tiny');
      await expectError(small, 400, 'EntityTooSmall');
      await expectAbsent('bad/small');
      const exact = await post({ key: 'ok/exact', ...v1Fields([['content-length-range', 4, 4]]) }, 'four');
      assert.equal(exact.status, 204, exact.text);
    });

    test('expired policy', async () => {
      const res = await post({ key: 'bad/exp', ...v1Fields([{ bucket }], { expiration: '2020-01-01T00:00:00.000Z' }) }, 'x');
      await expectError(res, 403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
      await expectAbsent('bad/exp');
    });

    test('bad signature (V1 and V4)', async () => {
      const v1 = v1Fields([{ bucket }]);
      v1.Signature = Buffer.alloc(20, 7).toString('base64');
      await expectError(await post({ key: 'bad/sig1', ...v1 }, 'x'), 403, 'SignatureDoesNotMatch');
      const v4 = v4Fields([{ bucket }]);
      v4['x-oss-signature'] = '0'.repeat(64);
      await expectError(await post({ key: 'bad/sig4', ...v4 }, 'x'), 403, 'SignatureDoesNotMatch');
      await expectAbsent('bad/sig1');
      await expectAbsent('bad/sig4');
    });

    test('unknown AccessKeyId', async () => {
      const other = client(srv, bucket, { accessKeyId: 'LTAInobodyknowsme', accessKeySecret: 'whatever' });
      const res = await post({ key: 'bad/ak', ...v1Fields([{ bucket }], { signer: other }) }, 'x');
      await expectError(res, 403, 'InvalidAccessKeyId');
    });

    test('no key, and key after the file', async () => {
      const msg = "The bucket POST must contain the specified 'key'. If it is specified, please check the order of the fields";
      await expectError(await post({ ...v1Fields([{ bucket }]) }, 'x'), 400, 'InvalidArgument', msg);
      await expectError(await post({ key: 'bad/late', ...v1Fields([{ bucket }]) }, 'x', { fileFirst: true }),
        400, 'InvalidArgument', msg);
      await expectAbsent('bad/late');
    });

    test('only some auth fields', async () => {
      const full = v1Fields([{ bucket }]);
      for (const drop of ['OSSAccessKeyId', 'policy', 'Signature']) {
        const fields = { key: 'bad/partial', ...full };
        delete fields[drop];
        await expectError(await post(fields, 'x'), 400, 'InvalidArgument');
      }
      const v4 = v4Fields([{ bucket }]);
      delete v4['x-oss-credential'];
      await expectError(await post({ key: 'bad/partial', ...v4 }, 'x'), 400, 'InvalidArgument');
      await expectAbsent('bad/partial');
    });

    test('malformed multipart body', async () => {
      const send = (body, type = 'multipart/form-data; boundary=xyz') =>
        fetch(postUrl(), { method: 'POST', headers: { 'Content-Type': type }, body }).then(async (r) => ({
          status: r.status, headers: Object.fromEntries(r.headers.entries()), text: await r.text(),
        }));
      await expectError(await send('--xyz\r\nContent-Disposition: form-data; name="key"\r\n\r\nk\r\n--xyz'),
        400, 'MalformedPOSTRequest');
      await expectError(await send('no boundary at all'), 400, 'MalformedPOSTRequest');
      await expectError(await send('--xyz--', 'multipart/form-data'), 400, 'MalformedPOSTRequest');
    });

    test('invalid policy document', async () => {
      const policy = Buffer.from('{"expiration": 1}').toString('base64');
      const Signature = oss.calculatePostSignature({ expiration: inOneHour(), conditions: [{ bucket }] }).Signature;
      const res = await post({ key: 'bad/pol', OSSAccessKeyId: ROOT_KEY_ID, policy, Signature }, 'x');
      await expectError(res, 400, 'InvalidPolicyDocument');
    });

    test('POST to a missing bucket', async () => {
      await expectError(await post({ key: 'k', ...v1Fields([]) }, 'x', { b: 'no-such-bucket-post' }), 404, 'NoSuchBucket');
    });
  });

  test('a 20 MiB file streams: byte-identical read back, ossd memory stays bounded', async () => {
    const size = 20 * 1024 * 1024;
    const body = seededBytes('twenty', size);
    const hwm = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${srv.pid}/status`, 'utf8'))[1]) * 1024;
    const before = hwm();
    const started = Date.now();
    const res = await post({ key: 'big/20m.bin', ...v4Fields([{ bucket }, ['content-length-range', 0, size]]) }, body);
    const ms = Date.now() - started;
    assert.equal(res.status, 204, res.text);
    assert.equal(res.headers.etag, etagOf(body));
    const grown = hwm() - before;
    console.log(`# PostObject 20 MiB: ${ms} ms, ossd peak RSS grew by ${(grown / 1048576).toFixed(1)} MiB`);
    assert.ok(grown < 8 * 1024 * 1024, `ossd peak RSS grew by ${grown} bytes for a 20 MiB form`);
    const got = await oss.get('big/20m.bin');
    assert.equal(got.content.length, size);
    assert.equal(md5hex(got.content), md5hex(body));
  });

  test('curl -F: a signed upload, and a refused one sent with Expect: 100-continue', async () => {
    const file = path.join(tmp, 'curl.bin');
    writeFileSync(file, seededBytes('curl', 2 * 1024 * 1024));
    const fields = v1Fields([{ bucket }, ['starts-with', '$key', 'curl/']]);
    const form = (key, f) => ['-F', `key=${key}`, ...Object.entries(f).flatMap(([k, v]) => ['-F', `${k}=${v}`]),
      '-F', `file=@${file};type=application/octet-stream`];
    const ok = await curl([...form('curl/ok.bin', fields), postUrl()]);
    assert.equal(ok.status, 204, ok.body.toString());
    assert.equal(ok.headers.etag, etagOf(readFileSync(file)));
    const refused = await curl(['-H', 'Expect: 100-continue', ...form('elsewhere/x.bin', fields), postUrl()]);
    assert.equal(refused.status, 403, refused.body.toString());
    assertErrorXml(refused.body.toString(), refused.headers, { code: 'AccessDenied' });
    // The server is still healthy afterwards.
    assert.equal((await oss.head('curl/ok.bin')).res.status, 200);
  });

  test('V4 form with STS credentials issued by ossd (AssumeRole)', async () => {
    const account = (await rpc(srv, { Action: 'GetCallerIdentity' })).json.AccountId;
    const role = await rpc(srv, {
      Action: 'CreateRole',
      RoleName: 'post-uploader',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole',
        Principal: { RAM: [`acs:ram::${account}:root`] } }] }),
    });
    assert.equal(role.status, 200, JSON.stringify(role.json));
    const created = await rpc(srv, {
      Action: 'CreatePolicy',
      PolicyName: 'post-uploads',
      PolicyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:PutObject',
        Resource: `acs:oss:*:*:${bucket}/sts/*` }] }),
    });
    assert.equal(created.status, 200, JSON.stringify(created.json));
    const attached = await rpc(srv, { Action: 'AttachPolicyToRole', PolicyType: 'Custom', PolicyName: 'post-uploads',
      RoleName: 'post-uploader' });
    assert.equal(attached.status, 200, JSON.stringify(attached.json));
    const vendor = await createRoleIssuer(srv, 'post-sts-issuer');  // roles may not be assumed by the root account
    const issuer = new OSS.STS({ accessKeyId: vendor.keyId, accessKeySecret: vendor.secret, endpoint: srv.endpoint });
    const { credentials } = await issuer.assumeRole(role.json.Role.Arn, null, 900, 'browser');

    const ok = await post({ key: 'sts/a.txt', ...v4Fields([{ bucket }], { sts: credentials }) }, 'via sts');
    assert.equal(ok.status, 204, ok.text);
    assert.equal((await oss.get('sts/a.txt')).content.toString(), 'via sts');

    // The role may not write outside sts/: the form is authentic but not allowed.
    const denied = await post({ key: 'other/a.txt', ...v4Fields([{ bucket }], { sts: credentials }) }, 'x');
    await expectError(denied, 403, 'AccessDenied');
    // A form without the token: the temporary id alone is unknown (spec e).
    const fields = v4Fields([{ bucket }], { sts: credentials });
    delete fields['x-oss-security-token'];
    await expectError(await post({ key: 'sts/b.txt', ...fields }, 'x'), 403, 'InvalidAccessKeyId');
  });

  describe('anonymous forms (no auth fields)', () => {
    test('to a private bucket: AccessDenied', async () => {
      const res = await post({ key: 'anon/a.txt' }, 'x');
      await expectError(res, 403, 'AccessDenied');
      await expectAbsent('anon/a.txt');
    });

    test('to a public-read-write bucket: stored', async () => {
      const open = bucketName('post-open');
      await root.putBucket(open);
      await root.putBucketACL(open, 'public-read-write');
      const res = await post({ key: 'anon/a.txt', success_action_status: '201' }, 'anonymous bytes', { b: open });
      assert.equal(res.status, 201, res.text);
      const got = await client(srv, open).get('anon/a.txt');
      assert.equal(got.content.toString(), 'anonymous bytes');
    });
  });
});
