// Assertions shared by the integration tests: OSS error shape (status, Code, request id, XML
// body fields), XML field extraction from raw bodies, digests and deterministic content.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

export const REQUEST_ID = /^[0-9A-F]{24}$/;
export const EC_FORMAT = /^\d{4}-\d{8}$/;

/** Text of the first <tag>...</tag> in an XML document (entities decoded), or undefined. */
export function xmlField(xml, tag) {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(String(xml));
  if (!m) return undefined;
  return m[1]
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

export function xmlFields(xml, tag) {
  const out = [];
  const re = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g');
  let m;
  while ((m = re.exec(String(xml)))) out.push(m[1]);
  return out;
}

/**
 * Checks an OSS error document against the response headers it came with: Code, a non-empty
 * Message (exact when given), RequestId = x-oss-request-id (24 uppercase hex), a HostId, an EC that
 * equals the x-oss-ec header. Returns the body for further checks.
 */
export function assertErrorXml(body, headers, { code, ec, message, hostIdIncludes } = {}) {
  const text = String(body);
  const ctx = `\nbody: ${text}\nheaders: ${JSON.stringify(headers)}`;
  assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\s*<Error>/, `not an OSS error document${ctx}`);
  if (code) assert.equal(xmlField(text, 'Code'), code, `Code${ctx}`);
  const gotMessage = xmlField(text, 'Message');
  assert.ok(gotMessage, `Message must be non-empty${ctx}`);
  if (message) assert.equal(gotMessage, message, `Message${ctx}`);
  const rid = xmlField(text, 'RequestId');
  assert.match(rid || '', REQUEST_ID, `RequestId${ctx}`);
  assert.equal(rid, headers['x-oss-request-id'], `RequestId vs x-oss-request-id${ctx}`);
  const hostId = xmlField(text, 'HostId');
  assert.ok(hostId, `HostId missing${ctx}`);
  if (hostIdIncludes) assert.ok(hostId.includes(hostIdIncludes), `HostId ${hostId} should include ${hostIdIncludes}${ctx}`);
  const bodyEc = xmlField(text, 'EC');
  assert.match(bodyEc || '', EC_FORMAT, `EC${ctx}`);
  assert.equal(headers['x-oss-ec'], bodyEc, `x-oss-ec header vs <EC>${ctx}`);
  if (ec) assert.equal(bodyEc, ec, `EC value${ctx}`);
  const doc = xmlField(text, 'RecommendDoc');
  if (doc !== undefined) assert.equal(doc, `https://api.aliyun.com/troubleshoot?q=${bodyEc}`, `RecommendDoc${ctx}`);
  return text;
}

function describe(err) {
  if (!err) return '(no error)';
  return `${err.name}: ${err.message} status=${err.status} code=${err.code} requestId=${err.requestId}` +
    `\nbody: ${err.rawBody ?? ''}\nheaders: ${JSON.stringify(err.responseHeaders ?? {})}`;
}

/**
 * Awaits an ali-oss call that must fail and checks the error: err.code, err.status, the request
 * id (24 uppercase hex, same as the header), and for responses with a body the XML fields.
 * Pass head: true for HEAD requests (no body; x-oss-err may carry the document).
 */
export async function expectOssError(promise, { code, status, ec, message, head = false, hostIdIncludes } = {}) {
  let err = null;
  try {
    const res = await promise;
    assert.fail(`expected ${status} ${code}, but the call succeeded with status ${res?.res?.status ?? res?.status}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    err = e;
  }
  const ctx = `\n${describe(err)}`;
  assert.equal(err.status, status, `status${ctx}`);
  assert.equal(err.code, code, `code${ctx}`);
  assert.match(err.requestId || '', REQUEST_ID, `requestId${ctx}`);
  assert.ok(err.responseHeaders, `no response headers captured${ctx}`);
  assert.equal(err.requestId, err.responseHeaders['x-oss-request-id'], `requestId vs header${ctx}`);
  if (head) {
    assert.equal(err.rawBody || '', '', `HEAD error must have no body${ctx}`);
  } else {
    assertErrorXml(err.rawBody, err.responseHeaders, { code, ec, message, hostIdIncludes });
    assert.equal(err.ecCode, err.responseHeaders['x-oss-ec'], `ali-oss ecCode${ctx}`);
  }
  if (ec && !head) assert.equal(err.ecCode, ec, `EC${ctx}`);
  return err;
}

export const md5hex = (b) => crypto.createHash('md5').update(b).digest('hex');
export const md5base64 = (b) => crypto.createHash('md5').update(b).digest('base64');
export const sha256hex = (b) => crypto.createHash('sha256').update(b).digest('hex');

/** OSS ETag of a simple upload: quoted uppercase MD5 hex. */
export const etagOf = (b) => `"${md5hex(b).toUpperCase()}"`;

/**
 * Deterministic pseudo-random bytes derived from a seed string (AES-128-CTR over zeros):
 * the same (seed, size) always yields the same content, so a reader can tell which version
 * of an object it got back.
 */
export function seededBytes(seed, size) {
  const digest = crypto.createHash('sha256').update(String(seed)).digest();
  const cipher = crypto.createCipheriv('aes-128-ctr', digest.subarray(0, 16), digest.subarray(16, 32));
  return cipher.update(Buffer.alloc(size));
}

/** Header lookup on an ali-oss `res` (headers are lowercased by Node). */
export const hdr = (res, name) => res.headers[name.toLowerCase()];
