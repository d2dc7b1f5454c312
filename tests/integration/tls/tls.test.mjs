// HTTPS: ossd --tls-cert/--tls-key serves TLS; ali-oss signs, curl uploads with Expect:
// 100-continue over TLS, reads back byte for byte on a kept-alive connection; plain HTTP to
// the TLS port is refused.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, client, OSS, ROOT_KEY_ID, ROOT_KEY_SECRET, REGION, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { seededBytes } from '../lib/check.mjs';

// The certificate is self-signed for this test; this file runs in its own process.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

describe('HTTPS', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let dir;
  let signer;
  const bucket = bucketName('tls');

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ossd-tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
      '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    srv = await startServer({ args: ['--tls-cert', cert, '--tls-key', key] });
    signer = new OSS({ accessKeyId: ROOT_KEY_ID, accessKeySecret: ROOT_KEY_SECRET, region: REGION,
      endpoint: `https://localhost:${srv.port}`, sldEnable: true, authorizationV4: true, bucket, secure: true });
  });
  after(async () => {
    await srv?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('ali-oss over TLS creates a bucket; curl -T uploads through a presigned URL; bytes read back', async () => {
    await signer.putBucket(bucket);
    await signer.put('hello.txt', Buffer.from('hello over tls'));
    assert.equal((await signer.get('hello.txt')).content.toString(), 'hello over tls');
    const file = path.join(dir, 'up.bin');
    const data = seededBytes('tls', 3 * 1024 * 1024 + 17);
    writeFileSync(file, data);
    const put = await curl(['-k', '-T', file, await signer.signatureUrlV4('PUT', 600, {}, 'dir/up.bin')]);
    assert.equal(put.status, 200, String(put.body));
    const get = await curl(['-k', await signer.signatureUrlV4('GET', 600, {}, 'dir/up.bin')]);
    assert.equal(get.status, 200);
    assert.ok(get.body.equals(data), 'bytes differ after a TLS round trip');
  });

  test('acs:SecureTransport is "true" over TLS and "false" over plain HTTP (a bucket policy sees it)', async () => {
    // Principal "*" with a Condition binds the owner too (docs/iam.md), so the root key shows it.
    const httpsOnly = { Version: '1', Statement: [{ Effect: 'Deny', Action: ['oss:GetObject'], Principal: ['*'],
      Resource: [`acs:oss:*:*:${bucket}/*`], Condition: { Bool: { 'acs:SecureTransport': ['false'] } } }] };
    await signer.putBucketPolicy(bucket, httpsOnly);
    assert.equal((await signer.get('hello.txt')).content.toString(), 'hello over tls');
    const plain = await startServer();
    try {
      const oss = client(plain, bucket);
      await oss.putBucket(bucket);
      await oss.put('hello.txt', Buffer.from('plain'));
      await oss.putBucketPolicy(bucket, httpsOnly);
      await assert.rejects(oss.get('hello.txt'), (e) => e.status === 403 && e.code === 'AccessDenied');
    } finally {
      await plain.stop();
    }
    await signer.deleteBucketPolicy(bucket);
  });

  test('plain HTTP to the TLS port gets no HTTP answer', async () => {
    const r = await curl([`http://127.0.0.1:${srv.port}/`]).catch((e) => ({ status: 0, error: e }));
    assert.ok(!(r.status >= 200 && r.status < 500), `unexpected HTTP status ${r.status} on a TLS port`);
  });
});
