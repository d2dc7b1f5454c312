// Bucket operations through ali-oss: PutBucket (ACL, storage class, conflicts, bad names),
// ListBuckets paging, GetBucketInfo, GetBucketLocation, DeleteBucket.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { expectOssError } from '../lib/check.mjs';

describe('bucket operations', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let oss;
  before(async () => {
    srv = await startServer();
    oss = client(srv);
  });
  after(async () => { await srv?.stop(); });

  test('putBucket with an ACL, then getBucketInfo reports it', async () => {
    const name = bucketName('acl');
    const res = await oss.putBucket(name, { acl: 'public-read' });
    assert.equal(res.res.status, 200);
    const info = await oss.getBucketInfo(name);
    assert.equal(info.bucket.Name, name);
    assert.equal(info.bucket.AccessControlList.Grant, 'public-read');
    assert.equal(info.bucket.Location, 'oss-cn-hangzhou');
    assert.ok(info.bucket.CreationDate, 'CreationDate');
    assert.ok(info.bucket.Owner && info.bucket.Owner.ID, 'Owner.ID');
  });

  test('putBucket with a storage class (XML body), then getBucketInfo and listBuckets report it', async () => {
    const name = bucketName('ia');
    await oss.putBucket(name, { storageClass: 'IA' });
    const info = await oss.getBucketInfo(name);
    assert.equal(info.bucket.StorageClass, 'IA');
    assert.equal(info.bucket.AccessControlList.Grant, 'private', 'default ACL is private');
    const list = await oss.listBuckets({ prefix: name });
    assert.deepEqual(list.buckets.map((b) => b.name), [name]);
    assert.equal(list.buckets[0].storageClass, 'IA');
    assert.equal(list.buckets[0].region, 'oss-cn-hangzhou');
  });

  test('default storage class is Standard', async () => {
    const name = bucketName('std');
    await oss.putBucket(name);
    const info = await oss.getBucketInfo(name);
    assert.equal(info.bucket.StorageClass, 'Standard');
  });

  test('putBucket twice -> 409 BucketAlreadyExists', async () => {
    const name = bucketName('twice');
    await oss.putBucket(name);
    await expectOssError(oss.putBucket(name), { code: 'BucketAlreadyExists', status: 409 });
  });

  for (const bad of ['ab', 'Upper-Case-Name', 'under_score', '-leading-dash', 'trailing-dash-', 'a'.repeat(64)]) {
    test(`invalid bucket name ${JSON.stringify(bad)} -> 400 InvalidBucketName`, async () => {
      // ali-oss refuses such names client-side, so the request goes through its private request().
      await expectOssError(
        oss.request({ method: 'PUT', bucket: bad, successStatuses: [200] }),
        { code: 'InvalidBucketName', status: 400 },
      );
    });
  }

  test('getBucketLocation -> oss-cn-hangzhou', async () => {
    const name = bucketName('loc');
    await oss.putBucket(name);
    const loc = await oss.getBucketLocation(name);
    assert.equal(loc.location, 'oss-cn-hangzhou');
  });

  test('listBuckets: prefix, max-keys, truncation and marker paging', async () => {
    const prefix = bucketName('page');
    const names = ['a', 'b', 'c', 'd', 'e'].map((s) => `${prefix}-${s}`);
    for (const n of [...names].reverse()) await oss.putBucket(n);

    const all = await oss.listBuckets({ prefix });
    assert.deepEqual(all.buckets.map((b) => b.name), names, 'sorted by name, filtered by prefix');
    assert.equal(all.isTruncated, false);
    assert.ok(all.owner.id, 'Owner ID');

    const seen = [];
    let marker;
    for (let page = 0; page < 5; page += 1) {
      const res = await oss.listBuckets({ prefix, 'max-keys': 2, ...(marker ? { marker } : {}) });
      seen.push(...res.buckets.map((b) => b.name));
      if (!res.isTruncated) {
        assert.equal(page, 2, 'five buckets in pages of two end on the third page');
        break;
      }
      assert.equal(res.buckets.length, 2);
      assert.equal(res.nextMarker, res.buckets[1].name, 'NextMarker is the last name returned');
      marker = res.nextMarker;
    }
    assert.deepEqual(seen, names);

    const after = await oss.listBuckets({ prefix, marker: names[2] });
    assert.deepEqual(after.buckets.map((b) => b.name), names.slice(3), 'marker is exclusive');
  });

  test('deleteBucket: 409 BucketNotEmpty with objects, 204 when empty, then 404 NoSuchBucket', async () => {
    const name = bucketName('del');
    await oss.putBucket(name);
    const inBucket = client(srv, name);
    await inBucket.put('keep.txt', Buffer.from('x'));
    await expectOssError(oss.deleteBucket(name), { code: 'BucketNotEmpty', status: 409 });
    await inBucket.delete('keep.txt');
    const res = await oss.deleteBucket(name);
    assert.equal(res.res.status, 204);
    await expectOssError(oss.deleteBucket(name), { code: 'NoSuchBucket', status: 404 });
    await expectOssError(oss.getBucketInfo(name), { code: 'NoSuchBucket', status: 404 });
    await expectOssError(oss.getBucketLocation(name), { code: 'NoSuchBucket', status: 404 });
    const list = await oss.listBuckets({ prefix: name });
    assert.deepEqual(list.buckets || [], []);
  });

  test('a deleted bucket name can be created again', async () => {
    const name = bucketName('again');
    await oss.putBucket(name);
    await oss.deleteBucket(name);
    await oss.putBucket(name);
    const info = await oss.getBucketInfo(name);
    assert.equal(info.bucket.Name, name);
  });
});
