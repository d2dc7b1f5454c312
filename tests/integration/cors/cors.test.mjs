// Bucket CORS through ali-oss (put/get/delete) and the browser's view with curl: the OPTIONS
// preflight, Access-Control-* on actual responses, and on error responses too, so a page can
// read why its upload failed.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { expectOssError, assertErrorXml } from '../lib/check.mjs';

describe('bucket CORS', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let oss;
  const bucket = bucketName('cors');
  const url = (key) => `http://127.0.0.1:${srv.port}/${bucket}/${key}`;
  const preflight = (key, origin, method, headers) => {
    const args = ['-X', 'OPTIONS', '-H', `Origin: ${origin}`, '-H', `Access-Control-Request-Method: ${method}`];
    if (headers) args.push('-H', `Access-Control-Request-Headers: ${headers}`);
    return curl([...args, url(key)]);
  };

  before(async () => {
    srv = await startServer();
    oss = client(srv, bucket);
    await oss.putBucket(bucket);
  });
  after(async () => { await srv?.stop(); });

  test('no configuration: GetBucketCors 404 NoSuchCORSConfiguration, preflight 403 AccessForbidden', async () => {
    await expectOssError(oss.getBucketCORS(bucket), { code: 'NoSuchCORSConfiguration', status: 404 });
    const r = await preflight('a.bin', 'http://page.test', 'PUT', 'content-type');
    assert.equal(r.status, 403);
    assertErrorXml(r.body.toString(), r.headers, { code: 'AccessForbidden' });
    assert.equal(r.headers['access-control-allow-origin'], undefined);
  });

  test('putBucketCORS then getBucketCORS returns the rules', async () => {
    await oss.putBucketCORS(bucket, [
      { allowedOrigin: 'http://*.page.test', allowedMethod: ['GET'], maxAgeSeconds: 60 },
      { allowedOrigin: 'http://upload.test', allowedMethod: ['PUT', 'GET'], allowedHeader: ['content-type', 'x-oss-*'],
        exposeHeader: ['ETag', 'x-oss-request-id'] },
    ]);
    const { rules } = await oss.getBucketCORS(bucket);
    assert.equal(rules.length, 2);
    assert.equal(rules[0].allowedOrigin, 'http://*.page.test');
    assert.deepEqual(rules[1].allowedMethod, ['PUT', 'GET']);
    assert.equal(String(rules[0].maxAgeSeconds), '60');
  });

  test('preflight allowed by a rule: 200 with the Access-Control-* headers', async () => {
    const r = await preflight('dir/a.bin', 'http://upload.test', 'PUT', 'Content-Type, x-oss-meta-a');
    assert.equal(r.status, 200);
    assert.equal(r.headers['access-control-allow-origin'], 'http://upload.test');
    assert.match(r.headers['access-control-allow-methods'], /PUT/);
    assert.equal(r.headers['access-control-allow-headers'], 'Content-Type, x-oss-meta-a');
    assert.equal(r.headers['access-control-expose-headers'], 'ETag, x-oss-request-id');
    const wild = await preflight('a.bin', 'http://www.page.test', 'GET');
    assert.equal(wild.status, 200);
    assert.equal(wild.headers['access-control-max-age'], '60');
  });

  test('preflight refused: wrong origin, method or header -> 403 AccessForbidden', async () => {
    for (const [origin, method, headers] of [
      ['http://evil.test', 'PUT', 'content-type'],
      ['http://upload.test', 'DELETE', ''],
      ['http://upload.test', 'PUT', 'authorization'],
      ['http://page.test', 'GET', ''], // '*.page.test' needs a label before the dot
    ]) {
      const r = await preflight('a.bin', origin, method, headers);
      assert.equal(r.status, 403, `${origin} ${method} ${headers}`);
      assertErrorXml(r.body.toString(), r.headers, { code: 'AccessForbidden' });
    }
  });

  test('actual responses carry CORS headers, error responses too', async () => {
    await oss.put('pub.txt', Buffer.from('x'));
    const denied = await curl(['-H', 'Origin: http://upload.test', url('pub.txt')]);
    assert.equal(denied.status, 403); // anonymous GET of a private object
    assert.equal(denied.headers['access-control-allow-origin'], 'http://upload.test');
    assert.equal(denied.headers['access-control-expose-headers'], 'ETag, x-oss-request-id');
    const other = await curl(['-H', 'Origin: http://evil.test', url('pub.txt')]);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  test('deleteBucketCORS removes the rules', async () => {
    await oss.deleteBucketCORS(bucket);
    await expectOssError(oss.getBucketCORS(bucket), { code: 'NoSuchCORSConfiguration', status: 404 });
    const r = await preflight('a.bin', 'http://upload.test', 'PUT');
    assert.equal(r.status, 403);
  });

  test('a rule with an unknown method -> 400 InvalidArgument', async () => {
    await expectOssError(oss.putBucketCORS(bucket, [{ allowedOrigin: '*', allowedMethod: 'PATCH' }]),
      { code: 'InvalidArgument', status: 400 });
  });
});
