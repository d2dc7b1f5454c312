// CopyObject (same and cross bucket, metadata directive, copy conditions), DeleteObject and
// DeleteMultipleObjects (quiet and verbose) through ali-oss.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { expectOssError, etagOf, seededBytes, hdr, REQUEST_ID } from '../lib/check.mjs';
import { crc64 } from '../lib/crc64.mjs';

describe('object copy and delete', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let oss;
  let other;
  let bucket;
  let otherBucket;
  const src = seededBytes('copy-source', 70000);
  let srcEtag;
  let srcLastModified;
  before(async () => {
    srv = await startServer();
    bucket = bucketName('copy');
    otherBucket = bucketName('copy2');
    await client(srv).putBucket(bucket);
    await client(srv).putBucket(otherBucket);
    oss = client(srv, bucket);
    other = client(srv, otherBucket);
    await oss.put('src.bin', src, {
      mime: 'application/x-source',
      meta: { origin: 'source', n: '1' },
      headers: { 'Cache-Control': 'no-cache', 'Content-Disposition': 'attachment' },
    });
    const head = await oss.head('src.bin');
    srcEtag = hdr(head.res, 'etag');
    srcLastModified = hdr(head.res, 'last-modified');
  });
  after(async () => { await srv?.stop(); });

  test('copy within a bucket copies bytes and metadata (directive COPY by default)', async () => {
    const res = await oss.copy('dst/same.bin', 'src.bin');
    assert.equal(res.res.status, 200);
    assert.equal(res.data.etag, etagOf(src));
    assert.ok(res.data.lastModified, 'LastModified in CopyObjectResult');
    const got = await oss.get('dst/same.bin');
    assert.ok(got.content.equals(src));
    assert.equal(hdr(got.res, 'x-oss-hash-crc64ecma'), crc64(src));
    const head = await oss.head('dst/same.bin');
    assert.deepEqual(head.meta, { origin: 'source', n: '1' });
    assert.equal(hdr(head.res, 'content-type'), 'application/x-source');
    assert.equal(hdr(head.res, 'cache-control'), 'no-cache');
    assert.equal(hdr(head.res, 'content-disposition'), 'attachment');
  });

  test('copy with explicit x-oss-metadata-directive: COPY ignores new meta headers', async () => {
    await oss.copy('dst/copy-directive.bin', 'src.bin', { headers: { 'x-oss-metadata-directive': 'COPY', 'x-oss-meta-ignored': 'yes' } });
    const head = await oss.head('dst/copy-directive.bin');
    assert.deepEqual(head.meta, { origin: 'source', n: '1' });
  });

  test('copy with meta -> directive REPLACE replaces user metadata', async () => {
    await oss.copy('dst/replace.bin', 'src.bin', { meta: { fresh: 'yes' } });
    const head = await oss.head('dst/replace.bin');
    assert.deepEqual(head.meta, { fresh: 'yes' });
    const got = await oss.get('dst/replace.bin');
    assert.ok(got.content.equals(src), 'content is still copied');
  });

  test('copy across buckets', async () => {
    const res = await other.copy('from-other.bin', 'src.bin', bucket);
    assert.equal(res.data.etag, etagOf(src));
    const got = await other.get('from-other.bin');
    assert.ok(got.content.equals(src));
    const head = await other.head('from-other.bin');
    assert.deepEqual(head.meta, { origin: 'source', n: '1' });
  });

  test('copy a key with awkward characters', async () => {
    const key = 'weird/ü +%\'x//y.bin';
    await oss.put(key, Buffer.from('weird'));
    await oss.copy('weird-copy.bin', key);
    assert.equal((await oss.get('weird-copy.bin')).content.toString(), 'weird');
    await oss.copy('weird/ü +%\'x//y-copy.bin', 'weird-copy.bin');
    assert.equal((await oss.get('weird/ü +%\'x//y-copy.bin')).content.toString(), 'weird');
  });

  test('putMeta (copy onto itself with REPLACE) updates metadata only', async () => {
    await oss.put('self.bin', Buffer.from('self'), { meta: { a: '1' } });
    await oss.putMeta('self.bin', { b: '2' });
    const head = await oss.head('self.bin');
    assert.deepEqual(head.meta, { b: '2' });
    assert.equal((await oss.get('self.bin')).content.toString(), 'self');
  });

  test('copy conditions: If-Match another ETag -> 412, destination not written', async () => {
    await expectOssError(oss.copy('dst/cond1.bin', 'src.bin', { headers: { 'If-Match': '"00000000000000000000000000000000"' } }),
      { code: 'PreconditionFailed', status: 412 });
    await expectOssError(oss.head('dst/cond1.bin'), { code: 'NoSuchKey', status: 404, head: true });
  });

  test('copy conditions: If-Unmodified-Since before the source was written -> 412', async () => {
    const before = new Date(Date.parse(srcLastModified) - 86400000).toUTCString();
    await expectOssError(oss.copy('dst/cond2.bin', 'src.bin', { headers: { 'If-Unmodified-Since': before } }),
      { code: 'PreconditionFailed', status: 412 });
  });

  test('copy conditions: If-Match with the source ETag -> copied', async () => {
    const res = await oss.copy('dst/cond3.bin', 'src.bin', { headers: { 'If-Match': srcEtag } });
    assert.equal(res.res.status, 200);
  });

  test('copy conditions: If-None-Match with the source ETag -> not copied (304 or 412)', async () => {
    // OSS documents 304 for x-oss-copy-source-if-none-match / -if-modified-since; ali-oss accepts
    // 304 as success and documents PreconditionFailedError: either way nothing may be written.
    let status;
    try {
      status = (await oss.copy('dst/cond4.bin', 'src.bin', { headers: { 'If-None-Match': srcEtag } })).res.status;
    } catch (err) {
      status = err.status;
      assert.equal(err.code, 'PreconditionFailed');
    }
    assert.ok(status === 304 || status === 412, `status ${status}`);
    await expectOssError(oss.head('dst/cond4.bin'), { code: 'NoSuchKey', status: 404, head: true });
  });

  test('copy with x-oss-forbid-overwrite onto an existing key -> 409 FileAlreadyExists', async () => {
    await oss.put('dst/exists.bin', Buffer.from('keep me'));
    await expectOssError(oss.copy('dst/exists.bin', 'src.bin', { headers: { 'x-oss-forbid-overwrite': 'true' } }),
      { code: 'FileAlreadyExists', status: 409 });
    assert.equal((await oss.get('dst/exists.bin')).content.toString(), 'keep me');
  });

  test('copy from a missing source key -> 404 NoSuchKey; from a missing bucket -> 404 NoSuchBucket', async () => {
    await expectOssError(oss.copy('dst/x.bin', 'no-such-source.bin'), { code: 'NoSuchKey', status: 404 });
    await expectOssError(oss.copy('dst/x.bin', 'src.bin', bucketName('nosrc')), { code: 'NoSuchBucket', status: 404 });
  });

  test('delete an object -> 204; deleting a missing key -> 204 as OSS does', async () => {
    await oss.put('del/one.txt', Buffer.from('x'));
    const res = await oss.delete('del/one.txt');
    assert.equal(res.res.status, 204);
    assert.match(hdr(res.res, 'x-oss-request-id') || '', REQUEST_ID);
    await expectOssError(oss.get('del/one.txt'), { code: 'NoSuchKey', status: 404 });
    const again = await oss.delete('del/one.txt');
    assert.equal(again.res.status, 204);
  });

  test('delete in a missing bucket -> 404 NoSuchBucket', async () => {
    await expectOssError(client(srv, bucketName('nodel')).delete('k'), { code: 'NoSuchBucket', status: 404 });
  });

  test('deleteMulti verbose lists every key (missing ones too)', async () => {
    const keys = ['multi/a', 'multi/b & <c>', 'multi/ü d'];
    for (const k of keys) await oss.put(k, Buffer.from(k));
    const res = await oss.deleteMulti([...keys, 'multi/never-existed']);
    assert.equal(res.res.status, 200);
    const deleted = res.deleted.map((d) => d.Key).sort();
    assert.deepEqual(deleted, [...keys, 'multi/never-existed'].sort());
    const list = await oss.list({ prefix: 'multi/' });
    assert.deepEqual(list.objects, []);
  });

  test('deleteMulti quiet returns no Deleted entries', async () => {
    const keys = ['quiet/1', 'quiet/2', 'quiet/3'];
    for (const k of keys) await oss.put(k, Buffer.from(k));
    const res = await oss.deleteMulti(keys, { quiet: true });
    assert.equal(res.res.status, 200);
    assert.deepEqual(res.deleted, []);
    const list = await oss.list({ prefix: 'quiet/' });
    assert.deepEqual(list.objects, []);
  });
});
