// Which bucket a request names (auth.md (g)): path-style on localhost and on the IP,
// virtual-hosted on localhost, on an extra --domain and on the OSS-style host ali-oss sends for
// an IP endpoint, ali-oss's {IP endpoint, sldEnable} quirk (g.2 rule 6), and region mismatch.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, client, clientV1, clientIP, clientIPSld, bucketName, skipWithoutOssd,
} from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { expectOssError, assertErrorXml, seededBytes, xmlField } from '../lib/check.mjs';

const DOMAIN = 'ossd.test';

describe('addressing', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let bucket;
  let publicBucket;
  const data = seededBytes('addr', 2048);
  before(async () => {
    srv = await startServer({ args: ['--domain', DOMAIN] });
    bucket = bucketName('addr');
    publicBucket = bucketName('addrpub');
    await client(srv).putBucket(bucket);
    await client(srv).putBucket(publicBucket, { acl: 'public-read' });
    await client(srv, bucket).put('dir/obj.bin', data);
    await client(srv, publicBucket).put('dir/obj.bin', data);
  });
  after(async () => { await srv?.stop(); });

  /** A presigned GET URL's path-style path (/bucket/key) and query, split apart. */
  async function presigned(key = 'dir/obj.bin') {
    const u = new URL(await client(srv, bucket).signatureUrlV4('GET', 3600, {}, key));
    assert.ok(u.pathname.startsWith(`/${bucket}/`), u.pathname);
    return { keyPath: u.pathname.slice(bucket.length + 1), query: u.search, pathStyle: u.pathname };
  }

  test('path-style on 127.0.0.1 (presigned URL, Host 127.0.0.1:PORT)', async () => {
    const { pathStyle, query } = await presigned();
    const r = await curl([`http://127.0.0.1:${srv.port}${pathStyle}${query}`]);
    assert.equal(r.status, 200, r.body.toString());
    assert.ok(r.body.equals(data));
  });

  test('virtual-hosted: curl -H "Host: <bucket>.localhost:PORT" against 127.0.0.1', async () => {
    const { keyPath, query } = await presigned();
    const r = await curl(['-H', `Host: ${bucket}.localhost:${srv.port}`, `http://127.0.0.1:${srv.port}${keyPath}${query}`]);
    assert.equal(r.status, 200, r.body.toString());
    assert.ok(r.body.equals(data));
  });

  test('virtual-hosted: curl --resolve <bucket>.localhost', async () => {
    const { keyPath, query } = await presigned();
    const host = `${bucket}.localhost`;
    const r = await curl(['--resolve', `${host}:${srv.port}:127.0.0.1`, `http://${host}:${srv.port}${keyPath}${query}`]);
    assert.equal(r.status, 200, r.body.toString());
    assert.ok(r.body.equals(data));
  });

  test(`virtual-hosted on the extra --domain ${DOMAIN} (signed and anonymous)`, async () => {
    const { keyPath, query } = await presigned();
    const host = `${bucket}.${DOMAIN}`;
    const r = await curl(['--resolve', `${host}:${srv.port}:127.0.0.1`, `http://${host}:${srv.port}${keyPath}${query}`]);
    assert.equal(r.status, 200, r.body.toString());
    const pubHost = `${publicBucket}.${DOMAIN}`;
    const a = await curl(['--resolve', `${pubHost}:${srv.port}:127.0.0.1`, `http://${pubHost}:${srv.port}/dir/obj.bin`]);
    assert.equal(a.status, 200, a.body.toString());
    assert.ok(a.body.equals(data));
  });

  test(`path-style on the bare --domain ${DOMAIN}`, async () => {
    const r = await curl(['--resolve', `${DOMAIN}:${srv.port}:127.0.0.1`, `http://${DOMAIN}:${srv.port}/${publicBucket}/dir/obj.bin`]);
    assert.equal(r.status, 200, r.body.toString());
  });

  test('virtual-hosted on the OSS-style host <bucket>.oss-cn-hangzhou.aliyuncs.com', async () => {
    const { keyPath, query } = await presigned();
    const r = await curl(['-H', `Host: ${bucket}.oss-cn-hangzhou.aliyuncs.com`, `http://127.0.0.1:${srv.port}${keyPath}${query}`]);
    assert.equal(r.status, 200, r.body.toString());
    assert.ok(r.body.equals(data));
  });

  test('an OSS-style host of another region -> V4: 400 InvalidArgument; anonymous: 403 AccessDenied', async () => {
    const { keyPath, query } = await presigned();
    const host = `${bucket}.oss-cn-beijing.aliyuncs.com`;
    const r = await curl(['-H', `Host: ${host}`, `http://127.0.0.1:${srv.port}${keyPath}${query}`]);
    assert.equal(r.status, 400, r.body.toString());
    assertErrorXml(r.body, r.headers, { code: 'InvalidArgument', ec: '0002-00000226' });
    const a = await curl(['-H', `Host: ${publicBucket}.oss-cn-beijing.aliyuncs.com`, `http://127.0.0.1:${srv.port}/dir/obj.bin`]);
    assert.equal(a.status, 403, a.body.toString());
    assertErrorXml(a.body, a.headers, { code: 'AccessDenied' });
  });

  test('bucket-level path without trailing slash (/bucket) lists the bucket', async () => {
    const u = new URL(await client(srv, bucket).signatureUrlV4('GET', 3600, {}, undefined));
    assert.equal(u.pathname, `/${bucket}/`);
    for (const p of [`/${bucket}/`, `/${bucket}`]) {
      const r = await curl([`http://localhost:${srv.port}${p}${u.search}`]);
      assert.equal(r.status, 200, `${p}: ${r.body}`);
      assert.equal(xmlField(r.body, 'Name'), bucket);
      assert.equal(xmlField(r.body, 'Key'), 'dir/obj.bin');
    }
  });

  for (const [label, make] of [
    ['ali-oss {endpoint: IP} (Host <bucket>.oss-cn-hangzhou.aliyuncs.com, path /key)', clientIP],
    ['ali-oss {endpoint: IP, sldEnable} (Host <bucket>.oss-cn-hangzhou.aliyuncs.com, path /<bucket>/key)', clientIPSld],
    ['ali-oss V1 {endpoint: IP}', (s, b) => clientIP(s, b, { authorizationV4: false })],
    ['ali-oss V1 {endpoint: IP, sldEnable}', (s, b) => clientIPSld(s, b, { authorizationV4: false })],
    ['ali-oss V1 localhost path-style', clientV1],
  ]) {
    test(`${label}: put/get/head/list/copy/delete`, async () => {
      const c = make(srv, bucket);
      const key = `via/${label.length}/x y+ü.bin`;
      const body = seededBytes(label, 5000);
      await c.put(key, body, { meta: { label: 'yes' } });
      assert.ok((await c.get(key)).content.equals(body));
      assert.equal((await c.head(key)).meta.label, 'yes');
      const list = await c.list({ prefix: `via/${label.length}/` });
      assert.deepEqual(list.objects.map((o) => o.name), [key]);
      await c.copy(`${key}.copy`, key);
      assert.ok((await c.get(`${key}.copy`)).content.equals(body));
      const info = await c.getBucketInfo(bucket);
      assert.equal(info.bucket.Name, bucket);
      await c.deleteMulti([key, `${key}.copy`]);
      await expectOssError(c.get(key), { code: 'NoSuchKey', status: 404 });
    });
  }

  test('ali-oss {endpoint: IP} with region oss-cn-beijing -> 400 InvalidArgument (signing region)', async () => {
    const c = clientIP(srv, bucket, { region: 'oss-cn-beijing' });
    await expectOssError(c.get('dir/obj.bin'), { code: 'InvalidArgument', status: 400, ec: '0002-00000226' });
  });

  test('ali-oss {endpoint: IP} V1 with region oss-cn-beijing -> 403 AccessDenied (wrong endpoint)', async () => {
    const c = clientIP(srv, bucket, { region: 'oss-cn-beijing', authorizationV4: false });
    await expectOssError(c.get('dir/obj.bin'), { code: 'AccessDenied', status: 403 });
  });
});
