// Ambiguous authentication (issue 11): a request that repeats Authorization, or a presigned URL
// that repeats one of its signature parameters, is refused with 400 InvalidArgument before any
// copy is verified, even when every copy is a valid signature. docs/oss-behaviour.md,
// "Ambiguous authentication".
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, clientV1, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { v1Headers } from '../lib/sign.mjs';
import { assertErrorXml } from '../lib/check.mjs';

/** The URL with `name` appended once more, carrying the same value as its first copy. */
function repeatParam(url, name) {
  const u = new URL(url);
  const value = u.searchParams.get(name);
  assert.ok(value !== null, `${name} in ${url}`);
  return `${url}&${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}

describe('ambiguous authentication', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let oss;
  const bucket = bucketName('ambiguous');
  before(async () => {
    srv = await startServer();
    oss = client(srv, bucket);
    await oss.putBucket(bucket);
    await oss.put('k.txt', Buffer.from('kept'));
  });
  after(async () => { await srv?.stop(); });

  test('two Authorization headers, each valid -> 400 InvalidArgument; one -> 200', async () => {
    const url = `http://127.0.0.1:${srv.port}/${bucket}/k.txt`;
    const once = v1Headers({ method: 'GET', bucket, key: 'k.txt' });
    const ok = await curl([...once, url]);
    assert.equal(ok.status, 200);
    assert.equal(ok.body.toString(), 'kept');
    const auth = once[once.findIndex((h) => h.startsWith('Authorization:'))];
    const twice = await curl([...once, '-H', auth, url]);
    assert.equal(twice.status, 400);
    assertErrorXml(twice.body, twice.headers, { code: 'InvalidArgument' });
    assert.match(twice.body.toString(), /authorization/i);
  });

  test('a V4 presigned URL repeating a signature parameter -> 400 InvalidArgument', async () => {
    const url = await oss.signatureUrlV4('GET', 600, {}, 'k.txt');
    assert.equal((await curl([url])).status, 200);
    for (const name of ['x-oss-signature', 'x-oss-credential', 'x-oss-date', 'x-oss-expires', 'x-oss-signature-version']) {
      const r = await curl([repeatParam(url, name)]);
      assert.equal(r.status, 400, name);
      assertErrorXml(r.body, r.headers, { code: 'InvalidArgument' });
      assert.ok(r.body.toString().includes(name), `the message names ${name}: ${r.body}`);
    }
  });

  test('a V1 presigned URL repeating a signature parameter -> 400 InvalidArgument', async () => {
    const url = clientV1(srv, bucket).signatureUrl('k.txt', { expires: 600 });
    assert.equal((await curl([url])).status, 200);
    for (const name of ['Signature', 'OSSAccessKeyId', 'Expires']) {
      const r = await curl([repeatParam(url, name)]);
      assert.equal(r.status, 400, name);
      assertErrorXml(r.body, r.headers, { code: 'InvalidArgument' });
    }
  });

  test('a refused presigned PUT stores nothing', async () => {
    const url = await oss.signatureUrlV4('PUT', 600, {}, 'k.txt');
    const r = await curl(['-X', 'PUT', '--data-binary', 'replaced', '-H', 'Content-Type:', repeatParam(url, 'x-oss-signature')]);
    assert.equal(r.status, 400);
    assert.equal((await oss.get('k.txt')).content.toString(), 'kept');
  });
});
