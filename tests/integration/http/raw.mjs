// Raw-socket helpers for protocol abuse (node:net): what ossd answers to bytes no client
// library would send, and proofs that it still serves real clients afterwards.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';
import { assertErrorXml, xmlField } from '../lib/check.mjs';

/**
 * Sends `bytes` on a fresh connection and resolves with what came back: { text, closed, ms },
 * `closed` when the server ended the connection within `waitMs` (else the client gives up).
 */
export function raw(port, bytes, waitMs = 2000) {
  return new Promise((resolve) => {
    const chunks = [];
    const started = Date.now();
    let closed = false;
    const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
    s.on('data', (d) => chunks.push(d));
    s.on('end', () => { closed = true; });
    const timer = setTimeout(() => s.destroy(), waitMs);
    const done = () => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed, ms: Date.now() - started });
    };
    s.on('close', done);
    s.on('error', () => { closed = true; });
  });
}

/** Path and query of a presigned URL, to put on a raw request line. */
export async function signedTarget(oss, method, key) {
  const url = new URL(await oss.signatureUrlV4(method, 600, {}, key));
  return url.pathname + url.search;
}

/** The status codes of every response in a raw reply, in order. */
export function statuses(text) {
  return [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
}

/** The server still serves a signed PUT and GET (ali-oss), byte for byte. */
export async function assertServes(oss) {
  const key = `alive-${crypto.randomBytes(4).toString('hex')}`;
  const body = crypto.randomBytes(4096);
  await oss.put(key, body);
  const got = await oss.get(key);
  assert.ok(Buffer.compare(got.content, body) === 0, 'GET returned other bytes than the PUT stored');
}

/** Nothing is stored under `key`. */
export async function assertAbsent(oss, key) {
  await assert.rejects(oss.head(key), (err) => err.status === 404, `${key} must not exist`);
}

/** The first response of a raw reply: { status, headers (lowercase names), body }. */
export function firstResponse(text) {
  const end = text.indexOf('\r\n\r\n');
  assert.ok(end > 0, `no response head in ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] || 0);
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4, end + 4 + length) };
}

/**
 * An OSS error document answering a raw request. A head refused before it was parsed names no
 * Host, so its HostId is empty; the rest is checked as for any error (lib/check.mjs).
 */
export function assertProtocolError(res, code) {
  if (xmlField(res.body, 'HostId')) {
    assertErrorXml(res.body, res.headers, { code });
    return;
  }
  assert.equal(xmlField(res.body, 'Code'), code, res.body);
  assert.equal(xmlField(res.body, 'RequestId'), res.headers['x-oss-request-id'], res.body);
  assert.equal(xmlField(res.body, 'EC'), res.headers['x-oss-ec'], res.body);
  assert.match(res.headers['x-oss-request-id'], /^[0-9A-F]{24}$/);
}
