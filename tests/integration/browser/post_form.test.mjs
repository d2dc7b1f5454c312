// A plain HTML <form method=post enctype=multipart/form-data> PostObject from a page on another
// origin, in headless chromium, with the policy fields signed by the SDK (via `ossctl share
// upload`). Each case runs twice: submitted as a real form (the browser navigates to ossd's
// answer, an XML document) and sent by the page with fetch(new FormData(form)) (the page reads
// the status and the XML itself, thanks to the bucket's CORS rule). Success, then each
// condition of the policy violated: starts-with $key, content-length-range, expiration.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { seededBytes, xmlField } from '../lib/check.mjs';
import { launchChromium, ready, shareUpload, linkFields, basicIso, startPageServer } from './lib.mjs';

const FORM_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PostObject form</title></head>
<body>
<form id="f" method="post" enctype="multipart/form-data">
  <div id="fields"></div>
  <label>Key <input id="key" name="key"></label>
  <input id="status" type="hidden" name="success_action_status" value="201">
  <label>File <input id="file" type="file" name="file"></label>
  <button type="submit">Upload</button>
</form>
</body></html>`;

const MAX = 4096;  // --max-size of the link

describe('PostObject from an HTML form in chromium', { skip: skipWithoutOssd(), timeout: 300000 }, () => {
  let srv;
  let bucket;
  let oss;
  let launched;
  let pages;
  let link;         // valid for an hour, prefix form/, at most MAX bytes
  let expiredLink;  // expired an hour ago

  before(async () => {
    srv = await startServer();
    bucket = bucketName('form');
    await client(srv).putBucket(bucket);
    oss = client(srv, bucket);
    pages = await startPageServer(new Map([['/form.html', FORM_PAGE]]));
    // Lets the fetch() variant read the answers; the form submission needs no CORS.
    await oss.putBucketCORS(bucket, [{ allowedOrigin: pages.origin, allowedMethod: ['POST'], allowedHeader: '*' }]);
    link = await shareUpload(srv.port, `oss://${bucket}/form/`, ['--expires', '1h', '--max-size', String(MAX)]);
    const signed = basicIso(new Date(Date.now() - 2 * 3600 * 1000));
    expiredLink = await shareUpload(srv.port, `oss://${bucket}/form/`, ['--expires', '1h', '--date', signed]);
    launched = await launchChromium();
  });
  after(async () => {
    await launched?.browser?.close().catch(() => {});
    await pages?.close();
    await srv?.stop();
  });

  /** Opens the form page and fills it: the link's fields as hidden inputs, key, file. */
  async function fillForm(fields, key, data) {
    const page = await launched.browser.newPage();
    page.setDefaultTimeout(60000);
    await page.goto(`${pages.origin}/form.html`);
    await page.evaluate(({ action, fields }) => {
      document.getElementById('f').action = action;
      const box = document.getElementById('fields');
      for (const [name, value] of fields) {
        const input = Object.assign(document.createElement('input'), { type: 'hidden', name, value });
        box.append(input);
      }
    }, { action: `${srv.endpoint}/${bucket}`, fields });
    await page.fill('#key', key);
    await page.setInputFiles('#file', { name: 'upload.bin', mimeType: 'application/octet-stream', buffer: data });
    return page;
  }

  /** Submits as a browser does; returns the status and the XML document it navigated to. */
  async function submitForm(page) {
    const [response] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    const xml = await page.evaluate(() => new XMLSerializer().serializeToString(document.documentElement));
    return { status: response.status(), xml };
  }

  /** Sends the same form with fetch from the page's script; what the page itself can read. */
  function fetchForm(page) {
    return page.evaluate(async () => {
      const form = document.getElementById('f');
      try {
        const r = await fetch(form.action, { method: 'POST', body: new FormData(form) });
        return { status: r.status, xml: await r.text() };
      } catch (err) {
        return { error: String(err) };
      }
    });
  }

  const MODES = { 'form submission': submitForm, 'fetch(FormData)': fetchForm };

  for (const [mode, send] of Object.entries(MODES)) {
    test(`${mode}: success (201 PostResponse), the object arrives intact`, async (t) => {
      if (!await ready(t, launched)) return;
      const key = `form/${mode.replace(/\W+/g, '-')}.bin`;
      const data = seededBytes(key, MAX);  // exactly the limit: inside the range
      const page = await fillForm(linkFields(link), key, data);
      const r = await send(page);
      await page.close();
      assert.equal(r.error, undefined, r.error);
      assert.equal(r.status, 201, r.xml);
      assert.equal(xmlField(r.xml, 'Key'), key, r.xml);
      assert.equal(xmlField(r.xml, 'Bucket'), bucket, r.xml);
      const got = await oss.get(key);
      assert.ok(Buffer.compare(got.content, data) === 0, 'stored bytes differ');
    });

    test(`${mode}: key outside the prefix -> 403 AccessDenied naming the starts-with condition`, async (t) => {
      if (!await ready(t, launched)) return;
      const page = await fillForm(linkFields(link), 'elsewhere/x.bin', Buffer.from('x'));
      const r = await send(page);
      await page.close();
      assert.equal(r.error, undefined, r.error);
      assert.equal(r.status, 403, r.xml);
      assert.equal(xmlField(r.xml, 'Code'), 'AccessDenied', r.xml);
      assert.match(xmlField(r.xml, 'Message'), /^Invalid according to Policy: Policy Condition failed: .*starts-with.*\$key.*form\//, r.xml);
      assert.equal((await oss.head('elsewhere/x.bin').catch((e) => e)).status, 404);
    });

    test(`${mode}: file over content-length-range -> 400 EntityTooLarge`, async (t) => {
      if (!await ready(t, launched)) return;
      const key = `form/too-big-${mode.replace(/\W+/g, '-')}.bin`;
      const page = await fillForm(linkFields(link), key, seededBytes('big', MAX + 1));
      const r = await send(page);
      await page.close();
      assert.equal(r.error, undefined, r.error);
      assert.equal(r.status, 400, r.xml);
      assert.equal(xmlField(r.xml, 'Code'), 'EntityTooLarge', r.xml);
      assert.equal((await oss.head(key).catch((e) => e)).status, 404);
    });

    test(`${mode}: expired policy -> 403 AccessDenied "Policy expired."`, async (t) => {
      if (!await ready(t, launched)) return;
      const key = `form/late-${mode.replace(/\W+/g, '-')}.bin`;
      const page = await fillForm(linkFields(expiredLink), key, Buffer.from('late'));
      const r = await send(page);
      await page.close();
      assert.equal(r.error, undefined, r.error);
      assert.equal(r.status, 403, r.xml);
      assert.equal(xmlField(r.xml, 'Code'), 'AccessDenied', r.xml);
      assert.equal(xmlField(r.xml, 'Message'), 'Invalid according to Policy: Policy expired.', r.xml);
      assert.equal((await oss.head(key).catch((e) => e)).status, 404);
    });
  }
});
