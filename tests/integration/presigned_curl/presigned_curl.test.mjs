// Presigned V4 URLs made by ali-oss and used by curl, the way clients.md says real uploaders do:
// `curl -T` with Expect: 100-continue, a refused upload that must not be read, chunked bodies,
// Range on a presigned GET, and curl's --data-binary Content-Type pitfall (auth.md h.1, h.3).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { assertErrorXml, seededBytes, etagOf, xmlField } from '../lib/check.mjs';
import { crc64 } from '../lib/crc64.mjs';

const MiB = 1024 * 1024;

describe('presigned URLs with curl', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let oss;
  let tmp;
  before(async () => {
    srv = await startServer();
    const bucket = bucketName('presign');
    await client(srv).putBucket(bucket);
    oss = client(srv, bucket);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ossd-it-curl-'));
  });
  after(async () => {
    await srv?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  function file(name, bytes) {
    const p = path.join(tmp, name);
    writeFileSync(p, bytes);
    return p;
  }

  test('curl -T (Expect: 100-continue) to a presigned PUT; read back byte-identical', async () => {
    const data = seededBytes('curl-put', 300 * 1024 + 17);
    const signed = await oss.signatureUrlV4('PUT', 3600, {}, 'curl/upload ü+.bin');
    // --expect100-timeout 10: if ossd never sends 100 Continue, curl would stall 10 s.
    const r = await curl(['--expect100-timeout', '10', '-T', file('up.bin', data), signed]);
    assert.equal(r.status, 200, r.body.toString());
    assert.ok(r.info.time_total < 5, `upload took ${r.info.time_total}s: no 100 Continue?`);
    assert.equal(r.info.size_upload, data.length);
    assert.equal(r.headers.etag, etagOf(data));
    assert.equal(r.headers['x-oss-hash-crc64ecma'], crc64(data));
    const got = await oss.get('curl/upload ü+.bin');
    assert.ok(got.content.equals(data), 'stored bytes differ from the uploaded file');
    assert.equal(got.res.headers['content-type'], 'application/octet-stream', 'no Content-Type sent -> default type');
  });

  test('a tampered presigned PUT of 20 MiB is refused quickly without reading the body', async () => {
    const big = file('big.bin', Buffer.alloc(20 * MiB, 7));
    const signed = await oss.signatureUrlV4('PUT', 3600, {}, 'curl/refused.bin');
    const tampered = signed.replace(/x-oss-signature=([0-9a-f])/, (m, c) => `x-oss-signature=${c === '0' ? '1' : '0'}`);
    assert.notEqual(tampered, signed);
    const r = await curl(['--expect100-timeout', '10', '-T', big, tampered]);
    assert.equal(r.status, 403);
    assertErrorXml(r.body, r.headers, { code: 'SignatureDoesNotMatch', ec: '0002-00000201' });
    assert.ok(r.info.size_upload < 1 * MiB, `curl uploaded ${r.info.size_upload} bytes of a refused request`);
    assert.ok(r.info.time_total < 5, `refusal took ${r.info.time_total}s`);
    const head = await oss.head('curl/refused.bin').catch((e) => e);
    assert.equal(head.status, 404);
  });

  test('chunked presigned PUT (curl -H "Transfer-Encoding: chunked" -T - < file)', async () => {
    const data = seededBytes('curl-chunked', 2 * MiB + 123);
    const signed = await oss.signatureUrlV4('PUT', 3600, {}, 'curl/chunked.bin');
    const r = await curl(['-H', 'Transfer-Encoding: chunked', '-T', '-', signed], { stdinFile: file('chunked.bin', data) });
    assert.equal(r.status, 200, r.body.toString());
    assert.equal(r.headers.etag, etagOf(data));
    const got = await oss.get('curl/chunked.bin');
    assert.ok(got.content.equals(data));
  });

  test('presigned PUT signed with a Content-Type accepts that type; stored and served', async () => {
    const data = Buffer.from('{"a":1}');
    const signed = await oss.signatureUrlV4('PUT', 3600, { headers: { 'Content-Type': 'application/json' } }, 'curl/typed.json');
    const r = await curl(['-H', 'Content-Type: application/json', '-T', file('typed.json', data), signed]);
    assert.equal(r.status, 200, r.body.toString());
    const head = await oss.head('curl/typed.json');
    assert.equal(head.res.headers['content-type'], 'application/json');
  });

  test('curl --data-binary adds a Content-Type the URL did not sign -> 403 SignatureDoesNotMatch', async () => {
    const signed = await oss.signatureUrlV4('PUT', 3600, {}, 'curl/form.bin');
    const r = await curl(['-X', 'PUT', '--data-binary', '@' + file('form.bin', Buffer.from('form')), signed]);
    assert.equal(r.status, 403);
    assertErrorXml(r.body, r.headers, { code: 'SignatureDoesNotMatch' });
    const canonical = xmlField(r.body, 'CanonicalRequest') || '';
    assert.ok(canonical.includes('content-type:application/x-www-form-urlencoded'), `CanonicalRequest: ${canonical}`);
  });

  describe('presigned GET with Range', () => {
    const data = seededBytes('curl-range', 100);
    let signed;
    before(async () => {
      await oss.put('curl/range.bin', data);
      signed = await oss.signatureUrlV4('GET', 3600, {}, 'curl/range.bin');
    });

    test('no Range -> 200 whole object', async () => {
      const r = await curl([signed]);
      assert.equal(r.status, 200);
      assert.ok(r.body.equals(data));
      assert.equal(r.headers['accept-ranges'], 'bytes');
    });

    test('Range bytes=0-9 -> 206 with Content-Range', async () => {
      const r = await curl(['-H', 'Range: bytes=0-9', signed]);
      assert.equal(r.status, 206);
      assert.equal(r.headers['content-range'], 'bytes 0-9/100');
      assert.ok(r.body.equals(data.subarray(0, 10)));
    });

    test('Range bytes=500- -> 416 InvalidRange', async () => {
      const r = await curl(['-H', 'Range: bytes=500-', signed]);
      assert.equal(r.status, 416);
      assertErrorXml(r.body, r.headers, { code: 'InvalidRange' });
    });

    test('presigned HEAD (curl -I) -> 200 with length and ETag', async () => {
      const head = await oss.signatureUrlV4('HEAD', 3600, {}, 'curl/range.bin');
      const r = await curl(['-I', head]);
      assert.equal(r.status, 200);
      assert.equal(Number(r.headers['content-length']), 100);
      assert.equal(r.headers.etag, etagOf(data));
    });

    test('a GET URL used for PUT -> 403 SignatureDoesNotMatch', async () => {
      const r = await curl(['-T', file('misuse.bin', Buffer.from('x')), signed]);
      assert.equal(r.status, 403);
      assertErrorXml(r.body, r.headers, { code: 'SignatureDoesNotMatch' });
      assert.ok((await oss.get('curl/range.bin')).content.equals(data), 'object unchanged');
    });
  });

  test('presigned GET of a missing key -> 404 NoSuchKey document', async () => {
    const signed = await oss.signatureUrlV4('GET', 3600, {}, 'curl/missing.bin');
    const r = await curl([signed]);
    assert.equal(r.status, 404);
    assertErrorXml(r.body, r.headers, { code: 'NoSuchKey' });
  });
});
