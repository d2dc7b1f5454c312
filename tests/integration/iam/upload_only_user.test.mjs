// The README walkthrough "Grant a user upload-only access", step by step with ossctl, then the
// seed's flows with that user's key (issue 5): it signs working upload URLs for its prefix
// (ossctl sign, ali-oss signatureUrlV4 and V1 signatureUrl, all offline), and nothing else: a URL
// for another prefix or bucket, and a GET URL for the very object it uploaded, are refused with
// AccessDenied. Disabling the key ends every URL made with it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, bucketName, client, clientV1 } from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { xmlField } from '../lib/check.mjs';
import { skipReason, envFor, ossctl } from '../admin/helpers.mjs';

describe('a RAM user with only oss:PutObject on <bucket>/uploads/*', { skip: skipReason(), timeout: 120000 }, () => {
  let srv, tmp, root, bucket, other, uploader, uploaderEnv;

  async function ok(args, env) {
    const r = await ossctl(args, env);
    assert.equal(r.code, 0, `ossctl ${args.join(' ')}\n${r.stderr}`);
    return r.stdout;
  }

  before(async () => {
    srv = await startServer();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ossd-it-upload-only-'));
    root = envFor(srv, tmp);
    bucket = bucketName('uploads');
    other = bucketName('other');
    await client(srv, bucket).putBucket(bucket);
    await client(srv, other).putBucket(other);

    // The README's commands, run as root.
    const policy = path.join(tmp, 'uploads-only.json');
    writeFileSync(policy, JSON.stringify({ Version: '1', Statement: [
      { Effect: 'Allow', Action: 'oss:PutObject', Resource: `acs:oss:*:*:${bucket}/uploads/*` }] }));
    await ok(['admin', 'user', 'create', 'uploader'], root);
    await ok(['admin', 'policy', 'create', 'uploads-only', policy], root);
    await ok(['admin', 'policy', 'attach', 'uploads-only', '--user', 'uploader'], root);
    const key = JSON.parse(await ok(['admin', '--json', 'key', 'create', 'uploader'], root)).AccessKey;
    uploader = { accessKeyId: key.AccessKeyId, accessKeySecret: key.AccessKeySecret };
    uploaderEnv = envFor(srv, tmp, { id: key.AccessKeyId, secret: key.AccessKeySecret });
  });

  after(async () => {
    await srv?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  // curl --data-binary would add Content-Type: application/x-www-form-urlencoded, which these
  // URLs did not sign (README "Pitfall"): send none, like curl -T.
  const putText = (url, text) => curl(['-X', 'PUT', '-H', 'Content-Type:', '--data-binary', text, url]);

  async function expectDenied(res, code = 'AccessDenied') {
    const body = res.body.toString();
    assert.equal(res.status, 403, body);
    assert.equal(xmlField(body, 'Code'), code, body);
  }

  test('ossctl sign with the user\'s key: curl -T to uploads/ succeeds and the bytes arrive', async () => {
    const url = (await ok(['sign', 'PUT', `oss://${bucket}/uploads/photo.jpg`, '--expires', '1h'], uploaderEnv)).trim();
    assert.match(url, new RegExp(`x-oss-credential=${uploader.accessKeyId}%2F`));
    const file = path.join(tmp, 'photo.jpg');
    writeFileSync(file, 'jpeg bytes');
    const res = await curl(['-T', file, url]);
    assert.equal(res.status, 200, res.body.toString());
    assert.equal((await client(srv, bucket).get('uploads/photo.jpg')).content.toString(), 'jpeg bytes');
    // The same URL can be used again (presigned URLs are reusable until they expire).
    assert.equal((await curl(['-T', file, url])).status, 200);
  });

  test('ali-oss signatureUrlV4 and V1 signatureUrl made with the user\'s key upload to uploads/', async () => {
    const v4 = await client(srv, bucket, uploader).signatureUrlV4('PUT', 600, {}, 'uploads/v4.txt');
    assert.equal((await putText(v4, 'via v4')).status, 200);
    const v1 = clientV1(srv, bucket, uploader).signatureUrl('uploads/v1.txt', { method: 'PUT', expires: 600 });
    assert.equal((await putText(v1, 'via v1')).status, 200);
    const owner = client(srv, bucket);
    assert.equal((await owner.get('uploads/v4.txt')).content.toString(), 'via v4');
    assert.equal((await owner.get('uploads/v1.txt')).content.toString(), 'via v1');
  });

  test('its URLs for another prefix or another bucket are refused with AccessDenied', async () => {
    for (const target of [`oss://${bucket}/elsewhere/x.txt`, `oss://${bucket}/uploadsX/x.txt`, `oss://${other}/uploads/x.txt`]) {
      const url = (await ok(['sign', 'PUT', target], uploaderEnv)).trim();
      await expectDenied(await putText(url, 'no'));
    }
    await assert.rejects(client(srv, bucket).head('elsewhere/x.txt'), (e) => e.status === 404);
  });

  test('its GET URL, even for the object it uploaded, is refused; so are DELETE and LIST', async () => {
    const get = (await ok(['sign', 'GET', `oss://${bucket}/uploads/photo.jpg`], uploaderEnv)).trim();
    await expectDenied(await curl([get]));
    const v4get = await client(srv, bucket, uploader).signatureUrlV4('GET', 600, {}, 'uploads/photo.jpg');
    await expectDenied(await curl([v4get]));
    const del = (await ok(['sign', 'DELETE', `oss://${bucket}/uploads/photo.jpg`], uploaderEnv)).trim();
    await expectDenied(await curl(['-X', 'DELETE', del]));
    await assert.rejects(client(srv, bucket, uploader).list(), (e) => e.status === 403 && e.code === 'AccessDenied');
    assert.equal((await client(srv, bucket).get('uploads/photo.jpg')).content.toString(), 'jpeg bytes');
  });

  test('disabling the key ends the URLs already handed out; enabling it restores them', async () => {
    const url = (await ok(['sign', 'PUT', `oss://${bucket}/uploads/later.txt`], uploaderEnv)).trim();
    await ok(['admin', 'key', 'disable', 'uploader', uploader.accessKeyId], root);
    await expectDenied(await putText(url, 'late'), 'InvalidAccessKeyId');
    await ok(['admin', 'key', 'enable', 'uploader', uploader.accessKeyId], root);
    assert.equal((await putText(url, 'late')).status, 200);
  });
});
