// ListObjects (v1) and ListObjectsV2 through ali-oss: prefix, delimiter, marker / start-after,
// max-keys truncation and paging, encoding-type=url, fetch-owner.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { expectOssError, etagOf } from '../lib/check.mjs';

const KEYS = [
  'a/1.txt', 'a/2.txt', 'a/b/3.txt', 'a/b/c/4.txt', 'a/z/', 'b/1.txt', 'c.txt',
  'd/x y.txt', 'd/plus+sign.txt', 'd/ünï.txt',
];
const byteOrder = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('object listing', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let oss;
  before(async () => {
    srv = await startServer();
    const bucket = bucketName('list');
    await client(srv).putBucket(bucket);
    oss = client(srv, bucket);
    await Promise.all(KEYS.map((k) => oss.put(k, Buffer.from(`body:${k}`))));
    await Promise.all(Array.from({ length: 25 }, (_, i) => oss.put(`many/${String(i).padStart(3, '0')}`, Buffer.from(String(i)))));
  });
  after(async () => { await srv?.stop(); });

  test('v1: everything under a prefix, sorted in byte order, with size/ETag/owner', async () => {
    const res = await oss.list({ prefix: 'a/' });
    const expected = KEYS.filter((k) => k.startsWith('a/')).sort(byteOrder);
    assert.deepEqual(res.objects.map((o) => o.name), expected);
    assert.equal(res.isTruncated, false);
    assert.equal(res.prefixes, null);
    const one = res.objects.find((o) => o.name === 'a/1.txt');
    assert.equal(one.size, Buffer.byteLength('body:a/1.txt'));
    assert.equal(one.etag, etagOf(Buffer.from('body:a/1.txt')));
    assert.equal(one.storageClass, 'Standard');
    assert.equal(one.type, 'Normal');
    assert.ok(one.owner.id, 'Owner ID');
    assert.ok(!Number.isNaN(Date.parse(one.lastModified)), 'LastModified is ISO 8601');
  });

  test('v1: delimiter groups common prefixes', async () => {
    const res = await oss.list({ prefix: 'a/', delimiter: '/' });
    assert.deepEqual(res.objects.map((o) => o.name), ['a/1.txt', 'a/2.txt']);
    assert.deepEqual(res.prefixes, ['a/b/', 'a/z/']);
    const top = await oss.list({ delimiter: '/' });
    assert.deepEqual(top.objects.map((o) => o.name), ['c.txt']);
    assert.deepEqual(top.prefixes, ['a/', 'b/', 'd/', 'many/']);
  });

  test('v1: marker is exclusive', async () => {
    const res = await oss.list({ prefix: 'a/', marker: 'a/2.txt' });
    assert.deepEqual(res.objects.map((o) => o.name), ['a/b/3.txt', 'a/b/c/4.txt', 'a/z/']);
  });

  test('v1: max-keys truncates and NextMarker pages through everything', async () => {
    const seen = [];
    let marker = '';
    for (let page = 0; page < 10; page += 1) {
      const res = await oss.list({ prefix: 'many/', 'max-keys': 10, ...(marker ? { marker } : {}) });
      seen.push(...res.objects.map((o) => o.name));
      if (!res.isTruncated) break;
      assert.equal(res.objects.length, 10);
      assert.equal(res.nextMarker, res.objects.at(-1).name);
      marker = res.nextMarker;
    }
    assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => `many/${String(i).padStart(3, '0')}`));
  });

  test('v1: max-keys counts common prefixes too', async () => {
    const res = await oss.list({ delimiter: '/', 'max-keys': 2 });
    assert.equal(res.isTruncated, true);
    assert.deepEqual([...res.objects.map((o) => o.name), ...(res.prefixes || [])].sort(), ['a/', 'b/']);
    assert.equal(res.nextMarker, 'b/');
    const rest = await oss.list({ delimiter: '/', marker: res.nextMarker });
    assert.deepEqual(rest.objects.map((o) => o.name), ['c.txt']);
    assert.deepEqual(rest.prefixes, ['d/', 'many/']);
  });

  test('v1: encoding-type=url returns encoded names (ali-oss does not decode them)', async () => {
    const res = await oss.list({ prefix: 'd/', 'encoding-type': 'url' });
    const raw = res.objects.map((o) => o.name);
    assert.ok(raw.some((n) => n.includes('%')), `names should be URL-encoded: ${JSON.stringify(raw)}`);
    assert.deepEqual(raw.map(decodeURIComponent), ['d/plus+sign.txt', 'd/x y.txt', 'd/ünï.txt']);
    const grouped = await oss.list({ prefix: 'd/', delimiter: '/', 'encoding-type': 'url' });
    assert.equal(grouped.objects.length, 3);
    const top = await oss.list({ delimiter: '/', 'encoding-type': 'url' });
    assert.deepEqual((top.prefixes || []).map(decodeURIComponent), ['a/', 'b/', 'd/', 'many/']);
  });

  test('v1: empty prefix match and missing bucket', async () => {
    const res = await oss.list({ prefix: 'nothing-here/' });
    assert.deepEqual(res.objects, []);
    assert.equal(res.isTruncated, false);
    await expectOssError(client(srv, bucketName('nolist')).list(), { code: 'NoSuchBucket', status: 404 });
  });

  test('v2: continuation-token pages through more objects than max-keys', async () => {
    const seen = [];
    let token = null;
    const counts = [];
    for (let page = 0; page < 10; page += 1) {
      const query = { prefix: 'many/', 'max-keys': 10 };
      if (token) query['continuation-token'] = token;
      const res = await oss.listV2(query);
      seen.push(...res.objects.map((o) => o.name));
      counts.push(res.keyCount);
      if (!res.isTruncated) {
        assert.equal(res.nextContinuationToken, null);
        break;
      }
      assert.ok(res.nextContinuationToken, 'NextContinuationToken when truncated');
      token = res.nextContinuationToken;
    }
    assert.deepEqual(counts, [10, 10, 5]);
    assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => `many/${String(i).padStart(3, '0')}`));
  });

  test('v2: start-after', async () => {
    const res = await oss.listV2({ prefix: 'many/', 'start-after': 'many/020' });
    assert.deepEqual(res.objects.map((o) => o.name), ['many/021', 'many/022', 'many/023', 'many/024']);
    assert.equal(res.keyCount, 4);
  });

  test('v2: fetch-owner', async () => {
    const without = await oss.listV2({ prefix: 'a/', 'max-keys': 1 });
    assert.equal(without.objects[0].owner, null, 'no Owner unless fetch-owner=true');
    const withOwner = await oss.listV2({ prefix: 'a/', 'max-keys': 1, 'fetch-owner': true });
    assert.ok(withOwner.objects[0].owner && withOwner.objects[0].owner.id, 'Owner with fetch-owner=true');
  });

  test('v2: delimiter with common prefixes and KeyCount', async () => {
    const res = await oss.listV2({ delimiter: '/' });
    assert.deepEqual(res.objects.map((o) => o.name), ['c.txt']);
    assert.deepEqual(res.prefixes, ['a/', 'b/', 'd/', 'many/']);
    assert.equal(res.keyCount, 5);
  });

  test('v2: encoding-type=url', async () => {
    const res = await oss.listV2({ prefix: 'd/', 'encoding-type': 'url' });
    assert.deepEqual(res.objects.map((o) => decodeURIComponent(o.name)), ['d/plus+sign.txt', 'd/x y.txt', 'd/ünï.txt']);
  });
});
