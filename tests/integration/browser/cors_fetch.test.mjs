// The seed's browser example (fetch PUT of a File to a presigned URL, from a page on another
// origin) in the two cases tests/integration/clients does not cover: the bucket has no CORS
// rule (the page sees the CORS failure; nothing is stored), and the URL was signed without the
// Content-Type the browser then sends (403 SignatureDoesNotMatch, readable by the page). The
// success case with a rule is clients/presigned_clients.test.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { xmlField } from '../lib/check.mjs';
import { launchChromium, ready, ossctl, startPageServer } from './lib.mjs';

describe('fetch(PUT, File) to a presigned URL from another origin', { skip: skipWithoutOssd(), timeout: 300000 }, () => {
  let srv;
  let pages;
  let launched;
  let page;

  before(async () => {
    srv = await startServer();
    pages = await startPageServer(new Map([['/', '<!doctype html><title>page</title><p>page</p>']]));
    launched = await launchChromium();
    if (launched.browser) {
      page = await launched.browser.newPage();
      page.setDefaultTimeout(60000);
      await page.goto(`${pages.origin}/`);
    }
  });
  after(async () => {
    await launched?.browser?.close().catch(() => {});
    await pages?.close();
    await srv?.stop();
  });

  async function signPut(bucket, key, contentType) {
    const args = ['sign', 'PUT', `oss://${bucket}/${key}`, '--expires', '1h'];
    if (contentType) args.push('--content-type', contentType);
    const r = await ossctl(srv.port, args);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  }

  /** In the page: PUT a small File of `type` to `url`; the status and body, or the error. */
  function browserPut(url, type) {
    return page.evaluate(async ({ url, type }) => {
      const f = new File(['hello from the page'], 'hello.txt', { type });
      try {
        const r = await fetch(url, { method: 'PUT', body: f });
        return { status: r.status, text: await r.text() };
      } catch (err) {
        return { error: `${err.name}: ${err.message}` };
      }
    }, { url, type });
  }

  test('no CORS rule on the bucket: the preflight is refused, fetch rejects, nothing is stored', async (t) => {
    if (!await ready(t, launched)) return;
    const bucket = bucketName('nocors');
    await client(srv).putBucket(bucket);
    const url = await signPut(bucket, 'a.txt', 'text/plain');
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    const r = await browserPut(url, 'text/plain');
    assert.equal(r.status, undefined, `the page must not see a response: ${JSON.stringify(r)}`);
    assert.match(r.error, /^TypeError: Failed to fetch/);
    assert.ok(consoleErrors.some((e) => /blocked by CORS policy/.test(e)), `no CORS message in: ${consoleErrors}`);
    assert.equal((await client(srv, bucket).head('a.txt').catch((e) => e)).status, 404);
  });

  test('URL signed without Content-Type, File sent with one: 403 SignatureDoesNotMatch the page can read', async (t) => {
    if (!await ready(t, launched)) return;
    const bucket = bucketName('cors');
    await client(srv).putBucket(bucket);
    await client(srv, bucket).putBucketCORS(bucket, [{ allowedOrigin: '*', allowedMethod: ['PUT'], allowedHeader: '*' }]);
    const url = await signPut(bucket, 'b.txt');  // no --content-type
    const r = await browserPut(url, 'text/plain');
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.status, 403, r.text);
    assert.equal(xmlField(r.text, 'Code'), 'SignatureDoesNotMatch', r.text);
    // The server's canonical request shows the Content-Type the browser sent: the hint users need.
    assert.match(xmlField(r.text, 'CanonicalRequest') || '', /content-type:text\/plain/, r.text);
    assert.equal((await client(srv, bucket).head('b.txt').catch((e) => e)).status, 404);
  });
});
