// Who is calling: anonymous access, wrong secrets (V4 and V1, header and URL), unknown key ids,
// V1 clients, HEAD errors through x-oss-err, expired and out-of-range presigned URLs, signing
// region mismatch and clock skew. Error bodies are checked field by field (auth.md (f)).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  startServer, client, clientV1, bucketName, skipWithoutOssd, ROOT_KEY_ID,
} from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { expectOssError, assertErrorXml, xmlField, sha256hex, seededBytes, etagOf } from '../lib/check.mjs';

const WRONG_SECRET = 'ThisIsNotTheRightSecret000000000';
// Messages confirmed against real OSS (auth.md f.2).
const SIG_MESSAGE = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
const KEY_MESSAGE = 'The OSS Access Key Id you provided does not exist in our records.';
const SKEW_MESSAGE = 'The difference between the request time and the current time is too large.';

/** V4 signature of a string to sign (auth.md a.4), computed here independently of ali-oss. */
function v4Signature(secret, stringToSign) {
  const [, timestamp, scope] = stringToSign.split('\n');
  const [date, region, product] = scope.split('/');
  assert.equal(date, timestamp.slice(0, 8));
  let key = crypto.createHmac('sha256', `aliyun_v4${secret}`).update(date).digest();
  for (const part of [region, product, 'aliyun_v4_request']) key = crypto.createHmac('sha256', key).update(part).digest();
  return crypto.createHmac('sha256', key).update(stringToSign).digest('hex');
}

const v1Signature = (secret, stringToSign) => crypto.createHmac('sha1', secret).update(stringToSign).digest('base64');

describe('authentication and access', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let oss;
  let bucket;
  let publicBucket;
  const body = seededBytes('auth', 3000);
  before(async () => {
    srv = await startServer();
    bucket = bucketName('auth');
    publicBucket = bucketName('authpub');
    await client(srv).putBucket(bucket);
    await client(srv).putBucket(publicBucket, { acl: 'public-read' });
    oss = client(srv, bucket);
    await oss.put('private.bin', body);
    await client(srv, publicBucket).put('public.bin', body);
  });
  after(async () => { await srv?.stop(); });

  const url = (b, key) => `http://localhost:${srv.port}/${b}/${key}`;

  test('anonymous GET of a private object -> 403 AccessDenied with a full error document', async () => {
    const r = await curl([url(bucket, 'private.bin')]);
    assert.equal(r.status, 403);
    assert.equal(r.headers['content-type'], 'application/xml');
    assertErrorXml(r.body, r.headers, { code: 'AccessDenied' });
  });

  test('anonymous HEAD of a private object -> 403, no body, x-oss-err carries the document', async () => {
    const r = await curl(['-I', url(bucket, 'private.bin')]);
    assert.equal(r.status, 403);
    // curl -I writes the header block to the output file: anything beyond it would be a body.
    assert.match(r.body.toString('latin1'), /^HTTP\/1\.1 403[^]*\r\n\r\n$/, 'HEAD response must carry no body');
    assert.ok(r.headers['x-oss-err'], `x-oss-err header missing: ${JSON.stringify(r.headers)}`);
    const doc = Buffer.from(r.headers['x-oss-err'], 'base64').toString('utf8');
    assertErrorXml(doc, r.headers, { code: 'AccessDenied' });
  });

  test('anonymous PUT -> 403 AccessDenied, object not written', async () => {
    const r = await curl(['-X', 'PUT', '--data-binary', 'anon', url(bucket, 'anon.txt')]);
    assert.equal(r.status, 403);
    assertErrorXml(r.body, r.headers, { code: 'AccessDenied' });
    await expectOssError(oss.head('anon.txt'), { code: 'NoSuchKey', status: 404, head: true });
  });

  test('anonymous GET in a public-read bucket -> 200; anonymous PUT there -> 403', async () => {
    const r = await curl([url(publicBucket, 'public.bin')]);
    assert.equal(r.status, 200);
    assert.ok(r.body.equals(body));
    assert.equal(r.headers.etag, etagOf(body));
    const w = await curl(['-X', 'PUT', '--data-binary', 'anon', url(publicBucket, 'anon.txt')]);
    assert.equal(w.status, 403);
    assertErrorXml(w.body, w.headers, { code: 'AccessDenied' });
  });

  test('anonymous GET of a missing bucket -> 404 NoSuchBucket', async () => {
    const r = await curl([url(bucketName('anon-missing'), 'k')]);
    assert.equal(r.status, 404);
    assertErrorXml(r.body, r.headers, { code: 'NoSuchBucket' });
  });

  test('V4 wrong secret -> 403 SignatureDoesNotMatch; StringToSign/CanonicalRequest explain it', async () => {
    const bad = client(srv, bucket, { accessKeySecret: WRONG_SECRET });
    const err = await expectOssError(bad.put('dir/sig.txt', Buffer.from('x')),
      { code: 'SignatureDoesNotMatch', status: 403, ec: '0002-00000201', message: SIG_MESSAGE });
    const sts = xmlField(err.rawBody, 'StringToSign');
    const canonical = xmlField(err.rawBody, 'CanonicalRequest');
    assert.ok(sts, `StringToSign missing: ${err.rawBody}`);
    assert.ok(canonical, `CanonicalRequest missing: ${err.rawBody}`);
    assert.ok(canonical.startsWith(`PUT\n/${bucket}/dir/sig.txt\n`), `CanonicalRequest: ${canonical}`);
    const lines = sts.split('\n');
    assert.equal(lines[0], 'OSS4-HMAC-SHA256');
    assert.equal(lines[3], sha256hex(canonical), 'last StringToSign line = SHA-256 of CanonicalRequest');
    assert.equal(xmlField(err.rawBody, 'OSSAccessKeyId'), ROOT_KEY_ID);
    const provided = xmlField(err.rawBody, 'SignatureProvided');
    assert.equal(provided, v4Signature(WRONG_SECRET, sts), 'server string to sign = the one the client signed');
    const bytes = xmlField(err.rawBody, 'StringToSignBytes');
    if (bytes !== undefined) {
      assert.equal(bytes, `${[...Buffer.from(sts)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')} `);
    }
    await expectOssError(oss.head('dir/sig.txt'), { code: 'NoSuchKey', status: 404, head: true });
  });

  test('V1 wrong secret -> 403 SignatureDoesNotMatch with the V1 StringToSign', async () => {
    const bad = clientV1(srv, bucket, { accessKeySecret: WRONG_SECRET });
    const err = await expectOssError(bad.get('private.bin'),
      { code: 'SignatureDoesNotMatch', status: 403, ec: '0002-00000040', message: SIG_MESSAGE });
    const sts = xmlField(err.rawBody, 'StringToSign');
    assert.ok(sts && sts.startsWith('GET\n'), `StringToSign: ${sts}`);
    assert.ok(sts.endsWith(`/${bucket}/private.bin`), `StringToSign ends with the canonical resource: ${sts}`);
    assert.equal(xmlField(err.rawBody, 'SignatureProvided'), v1Signature(WRONG_SECRET, sts));
  });

  test('HEAD with a wrong secret -> 403 without a body; ali-oss decodes x-oss-err', async () => {
    const bad = client(srv, bucket, { accessKeySecret: WRONG_SECRET });
    const err = await expectOssError(bad.head('private.bin'), { code: 'SignatureDoesNotMatch', status: 403, head: true });
    const doc = Buffer.from(err.responseHeaders['x-oss-err'], 'base64').toString('utf8');
    assertErrorXml(doc, err.responseHeaders, { code: 'SignatureDoesNotMatch', ec: '0002-00000201' });
  });

  test('unknown AccessKeyId -> 403 InvalidAccessKeyId naming the key', async () => {
    const stranger = client(srv, bucket, { accessKeyId: 'LTAI5tNoSuchKeyId000000' });
    const err = await expectOssError(stranger.get('private.bin'),
      { code: 'InvalidAccessKeyId', status: 403, ec: '0002-00000902', message: KEY_MESSAGE });
    assert.equal(xmlField(err.rawBody, 'OSSAccessKeyId'), 'LTAI5tNoSuchKeyId000000');
    const v1 = clientV1(srv, bucket, { accessKeyId: 'LTAI5tNoSuchKeyId000000' });
    await expectOssError(v1.get('private.bin'), { code: 'InvalidAccessKeyId', status: 403 });
  });

  test('V1 header signing works for put/get/head/list/copy/delete', async () => {
    const v1 = clientV1(srv, bucket);
    const data = seededBytes('v1', 5000);
    await v1.put('v1/obj ü+.bin', data, { meta: { via: 'v1' } });
    assert.ok((await v1.get('v1/obj ü+.bin')).content.equals(data));
    const head = await v1.head('v1/obj ü+.bin');
    assert.equal(head.meta.via, 'v1');
    const list = await v1.list({ prefix: 'v1/' });
    assert.deepEqual(list.objects.map((o) => o.name), ['v1/obj ü+.bin']);
    const list2 = await v1.listV2({ prefix: 'v1/' });
    assert.equal(list2.keyCount, 1);
    await v1.copy('v1/copy.bin', 'v1/obj ü+.bin');
    assert.ok((await v1.get('v1/copy.bin')).content.equals(data));
    const ranged = await v1.get('v1/copy.bin', { headers: { Range: 'bytes=0-9' } });
    assert.equal(ranged.res.status, 206);
    await v1.deleteMulti(['v1/obj ü+.bin', 'v1/copy.bin']);
    assert.deepEqual((await v1.list({ prefix: 'v1/' })).objects, []);
    const buckets = await v1.listBuckets({ prefix: bucket });
    assert.deepEqual(buckets.buckets.map((b) => b.name), [bucket]);
  });

  test('V1 presigned GET URL works with curl; a tampered one -> 403 SignatureDoesNotMatch', async () => {
    const v1 = clientV1(srv, bucket);
    const signed = v1.signatureUrl('private.bin', { expires: 600 });
    const r = await curl([signed]);
    assert.equal(r.status, 200, r.body.toString());
    assert.ok(r.body.equals(body));
    const tampered = signed.replace(/Signature=([^&]+)/, 'Signature=AAAA$1');
    const t = await curl([tampered]);
    assert.equal(t.status, 403);
    assertErrorXml(t.body, t.headers, { code: 'SignatureDoesNotMatch' });
  });

  test('expired V4 presigned URL -> 403 AccessDenied "Request has expired."', async () => {
    const signed = await oss.signatureUrlV4('GET', 1, {}, 'private.bin');
    await sleep(2100);
    const r = await curl([signed]);
    assert.equal(r.status, 403);
    assertErrorXml(r.body, r.headers, { code: 'AccessDenied', ec: '0002-00000236' });
    assert.equal(xmlField(r.body, 'Message'), 'Request has expired.');
    assert.match(xmlField(r.body, 'ServerTime') || '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  test('x-oss-expires above 604800 -> 400 InvalidArgument', async () => {
    const signed = await oss.signatureUrlV4('GET', 604801, {}, 'private.bin');
    const r = await curl([signed]);
    assert.equal(r.status, 400);
    assertErrorXml(r.body, r.headers, { code: 'InvalidArgument', ec: '0002-00000232' });
  });

  test('V4 header request signed for another region -> 400 InvalidArgument (invalid signing region)', async () => {
    const beijing = client(srv, bucket, { region: 'oss-cn-beijing' });
    const err = await expectOssError(beijing.get('private.bin'), { code: 'InvalidArgument', status: 400, ec: '0002-00000226' });
    assert.equal(xmlField(err.rawBody, 'Message'), 'Invalid signing region in Authorization header.');
  });

  test('a signed header added after signing breaks the V4 signature', async () => {
    const signed = await oss.signatureUrlV4('GET', 600, {}, 'private.bin');
    const r = await curl(['-H', 'x-oss-meta-added: 1', signed]);
    assert.equal(r.status, 403);
    assertErrorXml(r.body, r.headers, { code: 'SignatureDoesNotMatch' });
  });

  describe('with a frozen server clock (--test-now 20241112T083238Z)', () => {
    let frozen;
    before(async () => { frozen = await startServer({ args: ['--test-now', '20241112T083238Z'] }); });
    after(async () => { await frozen?.stop(); });

    test('a header-signed request made now -> 403 RequestTimeTooSkewed', async () => {
      const c = client(frozen);
      const err = await expectOssError(c.listBuckets(), { code: 'RequestTimeTooSkewed', status: 403, ec: '0002-00000504', message: SKEW_MESSAGE });
      assert.equal(xmlField(err.rawBody, 'MaxAllowedSkewMilliseconds'), '900000');
      assert.equal(xmlField(err.rawBody, 'ServerTime'), '2024-11-12T08:32:38.000Z');
      assert.match(xmlField(err.rawBody, 'RequestTime') || '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
      assert.equal(err.responseHeaders.date, 'Tue, 12 Nov 2024 08:32:38 GMT', 'Date header from the frozen clock');
    });

    test('a V4 URL signed now is "not valid yet" for a server in the past', async () => {
      const signed = await client(frozen, 'somebucket').signatureUrlV4('GET', 600, {}, 'k');
      const r = await curl([signed]);
      assert.equal(r.status, 403);
      assertErrorXml(r.body, r.headers, { code: 'AccessDenied', ec: '0002-00000235' });
    });
  });
});
