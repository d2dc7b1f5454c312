// XML bodies an OSS client never sends (issue 11): a DOCTYPE or entity declarations are refused
// with 400 MalformedXML before anything in the document is applied, and a DeleteMultipleObjects
// key that is not UTF-8 gets 400 InvalidArgument. Requests are signed with V1 and sent by curl.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { v1Headers } from '../lib/sign.mjs';
import { assertErrorXml, expectOssError } from '../lib/check.mjs';

const ENTITIES = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';

describe('hostile XML bodies', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let oss;
  const bucket = bucketName('xmlhostile');
  const base = () => `http://127.0.0.1:${srv.port}`;
  let tmp;
  /** A V1-signed request to /<bucket>/?<subresource> whose body is `body` (string or bytes). */
  const send = (method, target, subresource, body, contentType = 'application/xml') => {
    const headers = v1Headers({ method, bucket: target, subresource, body, contentType });
    const file = path.join(tmp, 'body');
    writeFileSync(file, body);
    const query = subresource ? `?${subresource}` : '';
    return curl(['-X', method, ...headers, '--data-binary', '@-', `${base()}/${target}/${query}`], { stdinFile: file });
  };

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ossd-xml-'));
    srv = await startServer();
    oss = client(srv, bucket);
    await oss.putBucket(bucket);
    await oss.put('a', Buffer.from('a'));
    await oss.put('b', Buffer.from('b'));
  });
  after(async () => {
    await srv?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('DeleteMultipleObjects with a DOCTYPE -> MalformedXML, nothing deleted', async () => {
    for (const doctype of [ENTITIES, '<!DOCTYPE Delete SYSTEM "file:///etc/passwd">', '<!DOCTYPE Delete>']) {
      const body = `<?xml version="1.0" encoding="UTF-8"?>${doctype}<Delete><Object><Key>a</Key></Object><Object><Key>b</Key></Object></Delete>`;
      const r = await send('POST', bucket, 'delete', body);
      assert.equal(r.status, 400, doctype);
      assertErrorXml(r.body, r.headers, { code: 'MalformedXML' });
    }
    assert.equal((await oss.get('a')).content.toString(), 'a');
    assert.equal((await oss.get('b')).content.toString(), 'b');
  });

  test('the same document without the DOCTYPE is accepted (the test can fail)', async () => {
    await oss.put('c', Buffer.from('c'));
    const r = await send('POST', bucket, 'delete', '<Delete><Quiet>true</Quiet><Object><Key>c</Key></Object></Delete>');
    assert.equal(r.status, 200, r.body.toString());
    await expectOssError(oss.head('c'), { code: 'NoSuchKey', status: 404, head: true });
  });

  test('a DeleteMultipleObjects key that is not UTF-8 -> InvalidArgument, nothing deleted', async () => {
    const body = Buffer.concat([Buffer.from('<Delete><Object><Key>a</Key></Object><Object><Key>x'),
      Buffer.from([0xff, 0xfe]), Buffer.from('</Key></Object></Delete>')]);
    const r = await send('POST', bucket, 'delete', body);
    assert.equal(r.status, 400);
    assertErrorXml(r.body, r.headers, { code: 'InvalidArgument' });
    assert.equal((await oss.get('a')).content.toString(), 'a');
  });

  test('PutBucketCors with entity declarations -> MalformedXML, no rule stored', async () => {
    const body = `${ENTITIES}<CORSConfiguration><CORSRule><AllowedOrigin>&b;</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`;
    const r = await send('PUT', bucket, 'cors', body);
    assert.equal(r.status, 400);
    assertErrorXml(r.body, r.headers, { code: 'MalformedXML' });
    await expectOssError(oss.getBucketCORS(bucket), { code: 'NoSuchCORSConfiguration', status: 404 });
  });

  test('PutBucket with a DOCTYPE in CreateBucketConfiguration -> MalformedXML, no bucket', async () => {
    const fresh = bucketName('xmlnew');
    const body = `<!DOCTYPE c [<!ENTITY s "IA">]><CreateBucketConfiguration><StorageClass>&s;</StorageClass></CreateBucketConfiguration>`;
    const r = await send('PUT', fresh, '', body);
    assert.equal(r.status, 400);
    assertErrorXml(r.body, r.headers, { code: 'MalformedXML' });
    await expectOssError(client(srv).getBucketInfo(fresh), { code: 'NoSuchBucket', status: 404 });
  });
});
