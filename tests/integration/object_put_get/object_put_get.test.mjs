// PutObject / GetObject / HeadObject / GetObjectMeta through ali-oss: bodies from a Buffer, a
// file and a chunked stream; ranges; conditional reads; response-* overrides; stored metadata;
// ETag and CRC-64 headers; Content-MD5 checks; x-oss-forbid-overwrite; awkward keys.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Readable } from 'node:stream';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { expectOssError, etagOf, md5base64, seededBytes, hdr, xmlField } from '../lib/check.mjs';
import { crc64 } from '../lib/crc64.mjs';

describe('object put/get/head', { skip: skipWithoutOssd(), timeout: 180000 }, () => {
  let srv;
  let oss;
  let bucket;
  let tmp;
  before(async () => {
    srv = await startServer();
    bucket = bucketName('putget');
    await client(srv).putBucket(bucket);
    oss = client(srv, bucket);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ossd-it-files-'));
  });
  after(async () => {
    await srv?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  function assertStoredHeaders(res, body) {
    assert.equal(hdr(res, 'etag'), etagOf(body), 'ETag is the quoted uppercase MD5');
    assert.equal(hdr(res, 'x-oss-hash-crc64ecma'), crc64(body), 'x-oss-hash-crc64ecma is CRC-64/XZ');
    assert.match(hdr(res, 'x-oss-request-id') || '', /^[0-9A-F]{24}$/);
  }

  test('put a Buffer: ETag, CRC-64, Content-MD5 accepted; get returns the same bytes', async () => {
    const body = seededBytes('buffer', 100000);
    const put = await oss.put('buffer.bin', body);
    assert.equal(put.res.status, 200);
    assertStoredHeaders(put.res, body);
    const got = await oss.get('buffer.bin');
    assert.equal(got.res.status, 200);
    assert.ok(got.content.equals(body), 'GET body differs from what was PUT');
    assertStoredHeaders(got.res, body);
    assert.equal(Number(hdr(got.res, 'content-length')), body.length);
    assert.ok(hdr(got.res, 'last-modified'), 'Last-Modified');
  });

  test('put an empty object', async () => {
    const empty = Buffer.alloc(0);
    const put = await oss.put('empty', empty);
    assertStoredHeaders(put.res, empty);
    const got = await oss.get('empty');
    assert.equal(got.content.length, 0);
    assert.equal(hdr(got.res, 'etag'), '"D41D8CD98F00B204E9800998ECF8427E"');
    assert.equal(hdr(got.res, 'x-oss-hash-crc64ecma'), '0');
  });

  test('put a file (Content-Length, type from the extension)', async () => {
    const file = path.join(tmp, 'page.html');
    const body = Buffer.from('<html><body>ossd</body></html>\n'.repeat(1000));
    writeFileSync(file, body);
    const put = await oss.put('files/page.html', file);
    assertStoredHeaders(put.res, body);
    const head = await oss.head('files/page.html');
    assert.equal(hdr(head.res, 'content-type'), 'text/html');
    assert.equal(Number(hdr(head.res, 'content-length')), body.length);
    const got = await oss.get('files/page.html');
    assert.ok(got.content.equals(body));
  });

  test('put a stream of unknown length (Transfer-Encoding: chunked)', async () => {
    const parts = [];
    for (let i = 0; i < 40; i += 1) parts.push(seededBytes(`chunk-${i}`, 1000 + i * 777));
    const body = Buffer.concat(parts);
    const put = await oss.put('stream.bin', Readable.from(parts));
    assert.equal(put.res.status, 200);
    assertStoredHeaders(put.res, body);
    const got = await oss.get('stream.bin');
    assert.ok(got.content.equals(body), 'chunked upload stored different bytes');
  });

  test('put a 5 MiB Buffer and read ranges inside it', async () => {
    const body = seededBytes('big', 5 * 1024 * 1024 + 3);
    await oss.put('big.bin', body);
    const mid = await oss.get('big.bin', { headers: { Range: 'bytes=3000000-3000099' } });
    assert.equal(mid.res.status, 206);
    assert.ok(mid.content.equals(body.subarray(3000000, 3000100)));
    assert.equal(hdr(mid.res, 'content-range'), `bytes 3000000-3000099/${body.length}`);
  });

  // Bodies above 8 MiB, and chunked ones, are digested (MD5 + CRC-64) on a pool thread beside the read
  // (api/request.hpp digest_separately): the digests must still cover every piece, in order.
  test('large bodies digested beside the read: ETag, CRC-64 and Content-MD5 of a Buffer and a chunked stream', async () => {
    const body = seededBytes('split', 9 * 1024 * 1024 + 12345);
    const put = await oss.put('split.bin', body, { headers: { 'Content-MD5': md5base64(body) } });
    assertStoredHeaders(put.res, body);
    assert.equal(hdr(put.res, 'content-md5'), md5base64(body));
    const parts = [];
    for (let i = 0; i < 24; i += 1) parts.push(seededBytes(`split-chunk-${i}`, 100000 + i * 4099));
    const streamed = Buffer.concat(parts);
    const put2 = await oss.put('split-stream.bin', Readable.from(parts));
    assertStoredHeaders(put2.res, streamed);
    const got = await oss.get('split-stream.bin');
    assert.ok(got.content.equals(streamed), 'chunked large upload stored different bytes');
    assertStoredHeaders(got.res, streamed);
  });

  test('a large body whose Content-MD5 names other bytes -> 400 InvalidDigest, nothing stored', async () => {
    const body = seededBytes('split-bad', 9 * 1024 * 1024);
    const other = Buffer.from(body);
    other[other.length - 1] ^= 1;  // only the last byte differs
    await expectOssError(oss.put('split-bad.bin', body, { headers: { 'Content-MD5': md5base64(other) } }),
      { code: 'InvalidDigest', status: 400 });
    await expectOssError(oss.head('split-bad.bin'), { code: 'NoSuchKey', status: 404, head: true });
  });

  test('a client that disconnects in the middle of a 64 MiB upload: nothing stored, the server keeps serving', async () => {
    const url = new URL(oss.signatureUrl('abandoned.bin', { method: 'PUT', expires: 600 }));
    await new Promise((resolve, reject) => {
      const s = net.connect(srv.port, '127.0.0.1', () => {
        s.write(`PUT ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Length: ${64 << 20}\r\n\r\n`);
        const piece = seededBytes('abandoned', 1 << 20);
        let sent = 0;
        const more = () => {
          while (sent < 12) {
            sent += 1;
            if (!s.write(piece)) { s.once('drain', more); return; }
          }
          setTimeout(() => { s.destroy(); resolve(); }, 50);
        };
        more();
      });
      s.on('error', reject);
    });
    await expectOssError(oss.head('abandoned.bin'), { code: 'NoSuchKey', status: 404, head: true });
    const body = seededBytes('after-abandoned', 1 << 20);
    assertStoredHeaders((await oss.put('after-abandoned.bin', body)).res, body);
  });

  describe('ranges', () => {
    const body = seededBytes('range', 100);
    before(async () => { await oss.put('range.bin', body); });

    for (const [range, start, end] of [['bytes=0-9', 0, 9], ['bytes=90-', 90, 99], ['bytes=-5', 95, 99], ['bytes=50-1000', 50, 99]]) {
      test(`Range ${range} -> 206 with Content-Range`, async () => {
        const got = await oss.get('range.bin', { headers: { Range: range } });
        assert.equal(got.res.status, 206);
        assert.equal(hdr(got.res, 'content-range'), `bytes ${start}-${end}/100`);
        assert.equal(Number(hdr(got.res, 'content-length')), end - start + 1);
        assert.ok(got.content.equals(body.subarray(start, end + 1)));
      });
    }

    test('unsatisfiable Range bytes=1000-2000 -> 416 InvalidRange', async () => {
      await expectOssError(oss.get('range.bin', { headers: { Range: 'bytes=1000-2000' } }),
        { code: 'InvalidRange', status: 416 });
    });

    test('unsatisfiable Range with x-oss-range-behavior: standard -> 416 InvalidRange', async () => {
      await expectOssError(oss.get('range.bin', {
        headers: { Range: 'bytes=100-', 'x-oss-range-behavior': 'standard' },
      }), { code: 'InvalidRange', status: 416 });
    });
  });

  describe('conditional GET and HEAD', () => {
    const body = Buffer.from('conditional body');
    let etag;
    let lastModified;
    before(async () => {
      await oss.put('cond.txt', body);
      const head = await oss.head('cond.txt');
      etag = hdr(head.res, 'etag');
      lastModified = hdr(head.res, 'last-modified');
      assert.ok(etag && lastModified);
    });
    const dayBefore = () => new Date(Date.parse(lastModified) - 86400000).toUTCString();

    test('If-Match with the ETag -> 200', async () => {
      const got = await oss.get('cond.txt', { headers: { 'If-Match': etag } });
      assert.equal(got.res.status, 200);
      assert.ok(got.content.equals(body));
    });
    test('If-Match with another ETag -> 412 PreconditionFailed', async () => {
      await expectOssError(oss.get('cond.txt', { headers: { 'If-Match': '"00000000000000000000000000000000"' } }),
        { code: 'PreconditionFailed', status: 412 });
    });
    test('If-None-Match with the ETag -> 304, no body', async () => {
      const got = await oss.get('cond.txt', { headers: { 'If-None-Match': etag } });
      assert.equal(got.res.status, 304);
      assert.equal(got.content.length, 0);
      assert.equal(hdr(got.res, 'etag'), etag);
    });
    test('If-None-Match with another ETag -> 200', async () => {
      const got = await oss.get('cond.txt', { headers: { 'If-None-Match': '"00000000000000000000000000000000"' } });
      assert.equal(got.res.status, 200);
    });
    test('If-Modified-Since = Last-Modified -> 304', async () => {
      const got = await oss.get('cond.txt', { headers: { 'If-Modified-Since': lastModified } });
      assert.equal(got.res.status, 304);
    });
    test('If-Modified-Since a day earlier -> 200', async () => {
      const got = await oss.get('cond.txt', { headers: { 'If-Modified-Since': dayBefore() } });
      assert.equal(got.res.status, 200);
      assert.ok(got.content.equals(body));
    });
    test('If-Unmodified-Since a day earlier -> 412 PreconditionFailed', async () => {
      await expectOssError(oss.get('cond.txt', { headers: { 'If-Unmodified-Since': dayBefore() } }),
        { code: 'PreconditionFailed', status: 412 });
    });
    test('If-Unmodified-Since = Last-Modified -> 200', async () => {
      const got = await oss.get('cond.txt', { headers: { 'If-Unmodified-Since': lastModified } });
      assert.equal(got.res.status, 200);
    });
    test('HEAD with If-None-Match -> 304', async () => {
      const head = await oss.head('cond.txt', { headers: { 'If-None-Match': etag } });
      assert.equal(head.status, 304);
    });
    test('HEAD with a failing If-Match -> 412 without a body', async () => {
      await expectOssError(oss.head('cond.txt', { headers: { 'If-Match': '"00000000000000000000000000000000"' } }),
        { code: 'PreconditionFailed', status: 412, head: true });
    });
  });

  test('response-* query parameters override the response headers', async () => {
    await oss.put('override.bin', Buffer.from('override'), { mime: 'application/octet-stream' });
    const got = await oss.get('override.bin', {
      subres: {
        'response-content-type': 'text/plain; charset=utf-8',
        'response-content-disposition': 'attachment; filename="x y.txt"',
        'response-cache-control': 'no-store',
        'response-content-language': 'fr',
        'response-expires': 'Thu, 01 Dec 2044 16:00:00 GMT',
        'response-content-encoding': 'identity',
      },
    });
    assert.equal(hdr(got.res, 'content-type'), 'text/plain; charset=utf-8');
    assert.equal(hdr(got.res, 'content-disposition'), 'attachment; filename="x y.txt"');
    assert.equal(hdr(got.res, 'cache-control'), 'no-store');
    assert.equal(hdr(got.res, 'content-language'), 'fr');
    assert.equal(hdr(got.res, 'expires'), 'Thu, 01 Dec 2044 16:00:00 GMT');
    const plain = await oss.get('override.bin');
    assert.equal(hdr(plain.res, 'content-type'), 'application/octet-stream', 'override is not stored');
  });

  test('head: ETag, CRC-64, Content-Type, x-oss-meta-*, Cache-Control, Content-Disposition stored', async () => {
    const body = seededBytes('head', 4321);
    await oss.put('head/meta.dat', body, {
      mime: 'application/x-ossd-test',
      meta: { author: 'alice', 'Project-Name': 'ossd' },
      headers: {
        'Cache-Control': 'max-age=60',
        'Content-Disposition': 'inline; filename="meta.dat"',
        'Content-Language': 'en',
        Expires: 'Wed, 01 Jan 2042 00:00:00 GMT',
      },
    });
    const head = await oss.head('head/meta.dat');
    assert.equal(head.status, 200);
    assertStoredHeaders(head.res, body);
    assert.equal(hdr(head.res, 'content-type'), 'application/x-ossd-test');
    assert.equal(Number(hdr(head.res, 'content-length')), body.length);
    assert.equal(hdr(head.res, 'cache-control'), 'max-age=60');
    assert.equal(hdr(head.res, 'content-disposition'), 'inline; filename="meta.dat"');
    assert.equal(hdr(head.res, 'content-language'), 'en');
    assert.equal(hdr(head.res, 'expires'), 'Wed, 01 Jan 2042 00:00:00 GMT');
    assert.equal(head.meta.author, 'alice');
    assert.equal(head.meta['project-name'], 'ossd', 'meta names come back lowercased');
    assert.equal(hdr(head.res, 'x-oss-object-type'), 'Normal');
    assert.equal(hdr(head.res, 'x-oss-storage-class'), 'Standard');
    assert.ok(!Number.isNaN(Date.parse(hdr(head.res, 'last-modified'))), 'Last-Modified is an HTTP date');
    const got = await oss.get('head/meta.dat');
    assert.equal(hdr(got.res, 'x-oss-meta-author'), 'alice');
    assert.equal(hdr(got.res, 'cache-control'), 'max-age=60');
  });

  test('getObjectMeta: ETag, Content-Length, Last-Modified', async () => {
    const body = Buffer.from('object meta body');
    await oss.put('objmeta.txt', body);
    const meta = await oss.getObjectMeta('objmeta.txt');
    assert.equal(meta.status, 200);
    assert.equal(hdr(meta.res, 'etag'), etagOf(body));
    assert.equal(Number(hdr(meta.res, 'content-length')), body.length);
    assert.ok(hdr(meta.res, 'last-modified'));
    await expectOssError(oss.getObjectMeta('no-such-objmeta.txt'), { code: 'NoSuchKey', status: 404, head: true });
  });

  test('get of a missing key -> 404 NoSuchKey (body names the key); head -> 404 without body', async () => {
    const err = await expectOssError(oss.get('missing/key.txt'), { code: 'NoSuchKey', status: 404 });
    const key = xmlField(err.rawBody, 'Key');
    if (key !== undefined) assert.equal(key, 'missing/key.txt');
    await expectOssError(oss.head('missing/key.txt'), { code: 'NoSuchKey', status: 404, head: true });
  });

  test('get from a missing bucket -> 404 NoSuchBucket', async () => {
    const other = client(srv, bucketName('nobucket'));
    await expectOssError(other.get('k'), { code: 'NoSuchBucket', status: 404 });
    await expectOssError(other.put('k', Buffer.from('x')), { code: 'NoSuchBucket', status: 404 });
  });

  test('overwrite replaces content and metadata', async () => {
    await oss.put('over.txt', Buffer.from('first'), { meta: { v: '1' } });
    await oss.put('over.txt', Buffer.from('second, longer'), { meta: { w: '2' } });
    const head = await oss.head('over.txt');
    assert.deepEqual(head.meta, { w: '2' });
    const got = await oss.get('over.txt');
    assert.equal(got.content.toString(), 'second, longer');
  });

  test('x-oss-forbid-overwrite: true -> 200 for a new key, 409 FileAlreadyExists for an existing one', async () => {
    const opts = () => ({ headers: { 'x-oss-forbid-overwrite': 'true' } });
    await oss.put('forbid.txt', Buffer.from('original'), opts());
    await expectOssError(oss.put('forbid.txt', Buffer.from('replacement'), opts()),
      { code: 'FileAlreadyExists', status: 409 });
    const got = await oss.get('forbid.txt');
    assert.equal(got.content.toString(), 'original');
    await oss.put('forbid.txt', Buffer.from('replacement'), { headers: { 'x-oss-forbid-overwrite': 'false' } });
    assert.equal((await oss.get('forbid.txt')).content.toString(), 'replacement');
  });

  test('Content-MD5 of other bytes -> 400 InvalidDigest, nothing stored', async () => {
    const body = Buffer.from('the real body');
    await expectOssError(oss.put('digest.txt', body, { headers: { 'Content-MD5': md5base64(Buffer.from('other')) } }),
      { code: 'InvalidDigest', status: 400 });
    await expectOssError(oss.head('digest.txt'), { code: 'NoSuchKey', status: 404, head: true });
  });

  test('Content-MD5 that is not a base64 MD5 -> 400 InvalidDigest', async () => {
    await expectOssError(oss.put('digest2.txt', Buffer.from('x'), { headers: { 'Content-MD5': 'not-an-md5' } }),
      { code: 'InvalidDigest', status: 400 });
  });

  test('a failed Content-MD5 overwrite keeps the previous version', async () => {
    await oss.put('digest3.txt', Buffer.from('v1'));
    await expectOssError(oss.put('digest3.txt', Buffer.from('v2'), { headers: { 'Content-MD5': md5base64(Buffer.from('v3')) } }),
      { code: 'InvalidDigest', status: 400 });
    assert.equal((await oss.get('digest3.txt')).content.toString(), 'v1');
  });

  const awkwardKeys = [
    'unicode/ünïcödé-文件-😀.txt',
    'spaces/a file with spaces.txt',
    'plus/a+b+c.txt',
    'percent/100%25%.txt',
    "quote/it's.txt",
    'double//slash///key',
    'trailing/slash/',
    'symbols/!*()~@$&=;:,[]{}^`|.txt',
    'a%2Fb',
  ];
  for (const key of awkwardKeys) {
    test(`key ${JSON.stringify(key)} round-trips through put/get/head/list`, async () => {
      const body = Buffer.from(`content of ${key}`);
      await oss.put(key, body);
      const got = await oss.get(key);
      assert.ok(got.content.equals(body));
      const head = await oss.head(key);
      assert.equal(hdr(head.res, 'etag'), etagOf(body));
      const list = await oss.list({ prefix: key, 'max-keys': 10 });
      assert.ok(list.objects.some((o) => o.name === key), `list shows ${JSON.stringify(list.objects.map((o) => o.name))}`);
      await oss.delete(key);
      await expectOssError(oss.head(key), { code: 'NoSuchKey', status: 404, head: true });
    });
  }

  test('keys that differ only in slashes are distinct', async () => {
    await oss.put('s/a/b', Buffer.from('1'));
    await oss.put('s/a//b', Buffer.from('2'));
    await oss.put('s/a/b/', Buffer.from('3'));
    assert.equal((await oss.get('s/a/b')).content.toString(), '1');
    assert.equal((await oss.get('s/a//b')).content.toString(), '2');
    assert.equal((await oss.get('s/a/b/')).content.toString(), '3');
  });
});
