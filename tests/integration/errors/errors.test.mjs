// Error responses and protocol basics (auth.md (f)): the OSS error document and its headers,
// request ids on every response and in the access log, malformed XML, bad arguments,
// unknown sub-resources, over-long keys.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { expectOssError, assertErrorXml, REQUEST_ID, hdr } from '../lib/check.mjs';

describe('errors and protocol basics', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let oss;
  let bucket;
  before(async () => {
    srv = await startServer();
    bucket = bucketName('errors');
    await client(srv).putBucket(bucket);
    oss = client(srv, bucket);
    await oss.put('exists.txt', Buffer.from('exists'));
  });
  after(async () => { await srv?.stop(); });

  test('the error document: headers and fields (NoSuchKey via a presigned GET)', async () => {
    const signed = await oss.signatureUrlV4('GET', 600, {}, 'nope/missing.txt');
    const r = await curl([signed]);
    assert.equal(r.status, 404);
    assert.equal(r.headers['content-type'], 'application/xml');
    assert.equal(Number(r.headers['content-length']), r.body.length);
    assert.ok(r.headers.date && !Number.isNaN(Date.parse(r.headers.date)), 'Date header');
    assert.equal(r.headers.server, 'AliyunOSS');
    assertErrorXml(r.body, r.headers, { code: 'NoSuchKey' });
  });

  test('every success response carries a fresh 24-hex x-oss-request-id', async () => {
    const ids = new Set();
    for (let i = 0; i < 20; i += 1) {
      const res = await oss.get('exists.txt');
      const id = hdr(res.res, 'x-oss-request-id');
      assert.match(id || '', REQUEST_ID);
      ids.add(id);
    }
    assert.equal(ids.size, 20, 'request ids are unique');
  });

  test('the access log has one JSON line per request, naming its request id', async () => {
    const res = await oss.get('exists.txt');
    const id = hdr(res.res, 'x-oss-request-id');
    const err = await oss.get('nope.txt').catch((e) => e);
    // The log line may be written just after the response: poll briefly (bounded).
    let entries = [];
    for (let i = 0; i < 20; i += 1) {
      entries = srv.accessLog();
      const text = entries.map((e) => JSON.stringify(e));
      if (text.some((t) => t.includes(id)) && text.some((t) => t.includes(err.requestId))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const hits = entries.filter((e) => JSON.stringify(e).includes(id));
    assert.equal(hits.length, 1, `one access-log line for ${id}; stderr tail:\n${srv.logLines.slice(-5).join('\n')}`);
    assert.equal(entries.filter((e) => JSON.stringify(e).includes(err.requestId)).length, 1);
    assert.ok(JSON.stringify(hits[0]).includes('200'), `status in the log line: ${JSON.stringify(hits[0])}`);
  });

  test('malformed XML to ?delete -> 400 MalformedXML', async () => {
    await expectOssError(oss.request({
      method: 'POST', bucket, subres: { delete: '' }, content: Buffer.from('<Delete><Object><Key>a</Key></Obj'),
      mime: 'xml', successStatuses: [200],
    }), { code: 'MalformedXML', status: 400 });
  });

  test('well-formed XML of the wrong shape to ?delete -> 400 MalformedXML', async () => {
    await expectOssError(oss.request({
      method: 'POST', bucket, subres: { delete: '' }, content: Buffer.from('<?xml version="1.0"?><NotDelete/>'),
      mime: 'xml', successStatuses: [200],
    }), { code: 'MalformedXML', status: 400 });
  });

  test('malformed CreateBucketConfiguration -> 400 MalformedXML, bucket not created', async () => {
    const name = bucketName('badxml');
    await expectOssError(client(srv).request({
      method: 'PUT', bucket: name, content: Buffer.from('<CreateBucketConfiguration><StorageClass>IA'),
      mime: 'xml', successStatuses: [200],
    }), { code: 'MalformedXML', status: 400 });
    await expectOssError(client(srv).getBucketInfo(name), { code: 'NoSuchBucket', status: 404 });
  });

  test('max-keys that is not a number -> 400 InvalidArgument', async () => {
    await expectOssError(oss.list({ 'max-keys': 'many' }), { code: 'InvalidArgument', status: 400 });
  });

  test('an unknown sub-resource is ignored (OSS lists) or refused with an OSS error document', async (t) => {
    let status;
    let body = '';
    try {
      const res = await oss.request({ method: 'GET', bucket, subres: { 'ossd-no-such-subresource': '' }, successStatuses: [200] });
      status = res.status;
      body = String(res.data);
      assert.match(body, /<ListBucketResult/, 'a 200 must be the bucket listing');
    } catch (err) {
      if (!err.responseHeaders) throw err;
      status = err.status;
      assert.ok([400, 501].includes(err.status), `status ${err.status}`);
      assertErrorXml(err.rawBody, err.responseHeaders, { code: err.code });
      body = err.rawBody;
    }
    t.diagnostic(`ossd answered ${status}: ${body.slice(0, 300)}`);
  });

  test('a key of 1023 bytes is accepted; 1024 bytes -> 400 InvalidObjectName (docs/oss-behaviour.md)', async () => {
    const ok = 'k'.repeat(1023);
    await oss.put(ok, Buffer.from('long'));
    assert.equal((await oss.get(ok)).content.toString(), 'long');
    await expectOssError(oss.put('k'.repeat(1024), Buffer.from('too long')),
      { code: 'InvalidObjectName', status: 400, ec: '0016-00000002' });
    await expectOssError(oss.put(`${'ü'.repeat(512)}`, Buffer.from('1024 bytes of UTF-8')),
      { code: 'InvalidObjectName', status: 400 });
  });

  test('object operations on a bucket that does not exist -> 404 NoSuchBucket naming it', async () => {
    const missing = bucketName('missing');
    // ali-oss labels every body-less 404 "NoSuchKey"; the x-oss-err header tells the truth.
    const head = await expectOssError(client(srv, missing).head('x'), { code: 'NoSuchKey', status: 404, head: true });
    const doc = Buffer.from(head.responseHeaders['x-oss-err'] || '', 'base64').toString('utf8');
    assertErrorXml(doc, head.responseHeaders, { code: 'NoSuchBucket' });
    const get = await expectOssError(client(srv, missing).get('x'), { code: 'NoSuchBucket', status: 404 });
    assert.ok(get.rawBody.includes(`<BucketName>${missing}</BucketName>`), get.rawBody);
  });

  test('the connection survives an error (keep-alive): many errors then a success', async () => {
    for (let i = 0; i < 30; i += 1) {
      await expectOssError(oss.get(`none-${i}`), { code: 'NoSuchKey', status: 404 });
    }
    assert.equal((await oss.get('exists.txt')).content.toString(), 'exists');
  });
});
