// Issue 11, part 2 (HTTP framing): what RFC 9112 sections 6.1 and 6.3 let a server refuse is
// refused, and nothing after a refused framing is parsed as a request (no smuggling).
// - chunked framing with bare LF line ends -> 400 and close (it used to hang unanswered);
// - any Transfer-Encoding other than exactly "chunked" -> 501 NotImplemented and close, with or
//   without a Content-Length, and nothing stored;
// - "chunked" together with Content-Length -> chunked framing wins, the length is ignored, the
//   connection closes after the answer (ali-oss sends exactly this for a stream with a length).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { raw, signedTarget, statuses, assertServes, assertAbsent, firstResponse, assertProtocolError } from './raw.mjs';

describe('HTTP framing', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv;
  let oss;
  const bucket = bucketName('framing');

  before(async () => {
    srv = await startServer();
    oss = client(srv, bucket);
    await oss.putBucket(bucket);
  });
  after(async () => { await srv?.stop(); });

  /** A raw signed PUT of `key` with the given extra header lines and body bytes. */
  async function signedPut(key, headerLines, body) {
    const target = await signedTarget(oss, 'PUT', key);
    return raw(srv.port, `PUT ${target} HTTP/1.1\r\nHost: localhost\r\n${headerLines.map((h) => `${h}\r\n`).join('')}\r\n${body}`, 5000);
  }

  /** A request hidden in a body: answered only if the body's framing was misread. */
  const hidden = () => `GET /${bucket}?location HTTP/1.1\r\nHost: localhost\r\n\r\n`;

  test('chunked body with bare LF line ends -> 400 InvalidRequest at once, connection closed, nothing stored', async () => {
    const reply = await signedPut('bare-lf', ['Transfer-Encoding: chunked'], '5\nhello\n0\n\n');
    const res = firstResponse(reply.text);
    assert.equal(res.status, 400, reply.text);
    assertProtocolError(res, 'InvalidRequest');
    assert.ok(reply.closed && reply.ms < 4000, `closed ${reply.closed} after ${reply.ms} ms`);
    await assertAbsent(oss, 'bare-lf');
    await assertServes(oss);
  });

  test('a chunk line ended by a bare CR -> 400 InvalidRequest, nothing stored', async () => {
    const reply = await signedPut('bare-cr', ['Transfer-Encoding: chunked'], '5\rhello\r\n0\r\n\r\n');
    assert.equal(firstResponse(reply.text).status, 400, reply.text);
    assert.ok(reply.closed);
    await assertAbsent(oss, 'bare-cr');
  });

  test('a request head with bare LF line ends -> 400 InvalidRequest, connection closed', async () => {
    const reply = await raw(srv.port, `GET /${bucket}?location HTTP/1.1\nHost: localhost\n\n`, 5000);
    const res = firstResponse(reply.text);
    assert.equal(res.status, 400, reply.text);
    assertProtocolError(res, 'InvalidRequest');
    assert.ok(reply.closed && reply.ms < 4000);
    await assertServes(oss);
  });

  test('a folded (obs-fold) header line -> 400 InvalidRequest', async () => {
    const reply = await signedPut('folded', ['Transfer-Encoding: identity', ' chunked', 'Content-Length: 5'], 'hello');
    assert.equal(firstResponse(reply.text).status, 400, reply.text);
    await assertAbsent(oss, 'folded');
  });

  const codings = [['gzip, chunked'], ['chunked, chunked'], ['identity'], ['xchunked'], ['chunked', 'chunked'], ['Chunked ;q=1'], ['']];
  for (const values of codings) {
    test(`Transfer-Encoding ${JSON.stringify(values)} -> 501 NotImplemented, closed, nothing stored`, async () => {
      const key = `te-${values.join('-').replace(/[^a-z]/gi, '')}`;
      const reply = await signedPut(key, values.map((v) => `Transfer-Encoding: ${v}`), `5\r\nhello\r\n0\r\n\r\n${hidden()}`);
      const res = firstResponse(reply.text);
      assert.equal(res.status, 501, reply.text);
      assertProtocolError(res, 'NotImplemented');
      assert.match(res.body, /<Header>Transfer-Encoding<\/Header>/);
      assert.deepEqual(statuses(reply.text), [501], 'nothing after a refused framing is answered');
      assert.ok(reply.closed);
      await assertAbsent(oss, key);
    });
  }

  for (const order of ['te-first', 'length-first']) {
    test(`smuggling: Transfer-Encoding: xchunked + Content-Length (${order}) -> one 501, the hidden request is never answered`, async () => {
      const body = hidden();
      const te = 'Transfer-Encoding: xchunked';
      const cl = `Content-Length: ${body.length}`;
      const reply = await signedPut(`smuggle-${order}`, order === 'te-first' ? [te, cl] : [cl, te], body + hidden());
      assert.deepEqual(statuses(reply.text), [501], reply.text);
      assert.ok(reply.closed);
      await assertAbsent(oss, `smuggle-${order}`);
      await assertServes(oss);
    });
  }

  for (const order of ['te-first', 'length-first']) {
    test(`chunked + Content-Length (${order}): chunked wins, the length is ignored, then the connection closes`, async () => {
      const key = `both-${order}`;
      const te = 'Transfer-Encoding: chunked';
      const cl = 'Content-Length: 3';  // wrong on purpose: framing by it would store "hel"
      const chunked = '5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n';
      const reply = await signedPut(key, order === 'te-first' ? [te, cl] : [cl, te], chunked + hidden());
      const res = firstResponse(reply.text);
      assert.equal(res.status, 200, reply.text);
      assert.equal(res.headers.connection, 'close');
      assert.deepEqual(statuses(reply.text), [200], 'the bytes after the body are not parsed');
      assert.ok(reply.closed);
      assert.equal((await oss.get(key)).content.toString(), 'hello world');
    });
  }

  test('ali-oss put(key, stream, {headers: {Content-Length}}) (content-length + transfer-encoding: chunked) succeeds', async () => {
    const parts = [Buffer.alloc(70000, 'a'), Buffer.alloc(50000, 'b'), Buffer.from('end')];
    const total = parts.reduce((n, p) => n + p.length, 0);
    const put = await oss.put('ali-stream-length', Readable.from(parts), { headers: { 'Content-Length': String(total) } });
    assert.equal(put.res.status, 200);
    const got = await oss.get('ali-stream-length');
    assert.ok(Buffer.compare(got.content, Buffer.concat(parts)) === 0);
    const logged = srv.accessLog().filter((l) => l.key === 'ali-stream-length' && l.method === 'PUT');
    assert.equal(logged.at(-1)?.bytes_in, total);
  });
});
