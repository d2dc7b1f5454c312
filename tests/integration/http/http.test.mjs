// The HTTP layer under awkward clients: a slow client never blocks others, oversized headers
// and garbage get an OSS error and the server keeps serving, and sub-resources ossd does not
// implement yet are refused clearly instead of being served as a plain GET.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { assertErrorXml } from '../lib/check.mjs';

/** Sends raw bytes on a fresh connection and resolves with what came back before close/timeout. */
function raw(port, bytes, waitMs = 2000) {
  return new Promise((resolve) => {
    const chunks = [];
    const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
    s.on('data', (d) => chunks.push(d));
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    s.on('close', done);
    s.on('error', done);
    setTimeout(() => s.destroy(), waitMs);
  });
}

describe('http layer', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let oss;
  const bucket = bucketName('http');

  before(async () => {
    srv = await startServer();
    oss = client(srv, bucket);
    await oss.putBucket(bucket);
    await oss.put('obj.txt', Buffer.from('content'));
  });
  after(async () => { await srv?.stop(); });

  test('slow clients (half-sent headers and bodies) do not block other requests', async () => {
    const stalled = [];
    for (let i = 0; i < 50; i++) {
      const s = net.connect(srv.port, '127.0.0.1');
      s.on('error', () => {});
      s.write(i % 2 ? 'GET /x HTTP/1.1\r\nHost: localhost\r\nX-Slow: ' : `PUT /${bucket}/slow HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000000\r\n\r\nab`);
      stalled.push(s);
    }
    const started = Date.now();
    for (let i = 0; i < 20; i++) assert.equal((await oss.get('obj.txt')).content.toString(), 'content');
    assert.ok(Date.now() - started < 5000, `20 GETs took ${Date.now() - started} ms next to 50 stalled clients`);
    stalled.forEach((s) => s.destroy());
  });

  test('a header section over the limit -> 400 with an OSS error document, server keeps serving', async () => {
    const big = 'x'.repeat(64 * 1024);
    const reply = await raw(srv.port, `GET /${bucket}/obj.txt HTTP/1.1\r\nHost: localhost\r\nX-Big: ${big}\r\n\r\n`);
    assert.match(reply, /^HTTP\/1\.1 400/);
    assert.match(reply, /<Code>InvalidArgument<\/Code>/);
    assert.match(reply, /x-oss-request-id: [0-9A-F]{24}/i);
    assert.equal((await oss.get('obj.txt')).content.toString(), 'content');
  });

  test('garbage instead of HTTP -> 400 InvalidRequest, server keeps serving', async () => {
    const reply = await raw(srv.port, 'HELLO THERE\r\n\r\n');
    assert.match(reply, /^HTTP\/1\.1 400/);
    assert.match(reply, /<Code>InvalidRequest<\/Code>/);
    assert.equal((await oss.get('obj.txt')).content.toString(), 'content');
  });

  test('x-oss-process and versionId on a signed GET -> 501 NotImplemented naming the feature', async () => {
    const processUrl = await oss.signatureUrlV4('GET', 60, { queries: { 'x-oss-process': 'image/resize,w_200' } }, 'obj.txt');
    const p = await curl([processUrl]);
    assert.equal(p.status, 501);
    assertErrorXml(p.body.toString(), p.headers, { code: 'NotImplemented' });
    assert.match(p.body.toString(), /x-oss-process/);
    const versionUrl = await oss.signatureUrlV4('GET', 60, { queries: { versionId: 'CAEQ' } }, 'obj.txt');
    const v = await curl([versionUrl]);
    assert.equal(v.status, 501);
    assert.match(v.body.toString(), /versionId/);
    const nullUrl = await oss.signatureUrlV4('GET', 60, { queries: { versionId: 'null' } }, 'obj.txt');
    const n = await curl([nullUrl]);
    assert.equal(n.status, 200);
    assert.equal(n.body.toString(), 'content');
  });

  test('an unimplemented sub-resource (lifecycle, tagging) -> 501, never served as the object', async () => {
    const r = await curl([`http://127.0.0.1:${srv.port}/${bucket}?lifecycle`]);
    assert.equal(r.status, 501);
    assertErrorXml(r.body.toString(), r.headers, { code: 'NotImplemented' });
    const tagging = await curl(['-X', 'PUT', '--data-binary', 'x', `http://127.0.0.1:${srv.port}/${bucket}/obj.txt?tagging`]);
    assert.equal(tagging.status, 501);
    assert.equal((await oss.get('obj.txt')).content.toString(), 'content');
  });

  test('response framing: Content-Length matches the body, none on 204, Connection: close when asked', async () => {
    // The small-body path writes its own header block (http/response_writer.hpp serialize_head).
    const get = await raw(srv.port, `GET /${bucket}/obj.txt?${new URL(await oss.signatureUrlV4('GET', 60, {}, 'obj.txt')).search.slice(1)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    const [head, body] = get.split('\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(head, /\r\nContent-Length: 7(\r\n|$)/);
    assert.match(head, /\r\nConnection: close(\r\n|$)/);
    assert.equal(body, 'content');
    await oss.put('gone.txt', Buffer.from('x'));
    const delUrl = new URL(await oss.signatureUrlV4('DELETE', 60, {}, 'gone.txt'));
    const del = await raw(srv.port, `DELETE /${bucket}/gone.txt${delUrl.search} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    assert.match(del, /^HTTP\/1\.1 204 No Content\r\n/);
    assert.doesNotMatch(del, /Content-Length/i);
    assert.match(del, /\r\nx-oss-request-id: [0-9A-F]{24}\r\n/);
  });

  test('a response-* override with a line break -> 400 InvalidArgument, no injected header', async () => {
    const url = await oss.signatureUrlV4('GET', 60, { queries: { 'response-content-disposition': 'inline\r\nX-Injected: yes' } }, 'obj.txt');
    assert.match(url, /response-content-disposition=inline%0D%0AX-Injected/);
    const res = await curl([url]);
    const text = res.body.toString();
    assert.equal(res.status, 400, text);
    assert.doesNotMatch(JSON.stringify(res.headers), /x-injected/i);
    assertErrorXml(text, res.headers, { code: 'InvalidArgument' });
    assert.match(text, /response-content-disposition must not contain line breaks/);
  });

  test('a keep-alive connection serves several requests', async () => {
    const req = `GET /${bucket}?location HTTP/1.1\r\nHost: localhost\r\n\r\n`;
    const reply = await raw(srv.port, req + req + req, 1000);
    assert.equal((reply.match(/HTTP\/1\.1 403/g) || []).length, 3, reply.slice(0, 300));
  });
});
