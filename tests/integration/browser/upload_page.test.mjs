// The upload page of `ossctl share upload` (src/web/, served by ossd at /_ossd/upload), in
// headless chromium: pick two files, both reach 100 % and arrive byte-identical; an expired link
// says so before any upload; a file over --max-size shows the size error; OSS errors from the
// server appear in words. A screenshot of the finished page is saved (path printed).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { seededBytes } from '../lib/check.mjs';
import { launchChromium, ready, shareUpload, ossctl, basicIso, outputDir } from './lib.mjs';

const KiB = 1024;

describe('the upload page', { skip: skipWithoutOssd(), timeout: 300000 }, () => {
  let srv;
  let bucket;
  let oss;
  let launched;
  let page;

  before(async () => {
    srv = await startServer();
    bucket = bucketName('share');
    await client(srv).putBucket(bucket);
    oss = client(srv, bucket);
    launched = await launchChromium();
  });
  after(async () => {
    await launched?.browser?.close().catch(() => {});
    await srv?.stop();
  });

  /** A fresh page that records every request it makes and every console error. */
  async function openPage(link) {
    page = await launched.browser.newPage();
    page.setDefaultTimeout(60000);
    const requests = [];
    const consoleErrors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(link);
    return { requests, consoleErrors };
  }

  async function itemStates() {
    return page.$$eval('#list li', (items) => items.map((li) => ({
      name: li.querySelector('.item-name').textContent,
      state: li.dataset.state,
      percent: li.querySelector('.item-percent').textContent,
      value: li.querySelector('progress').value,
      message: li.querySelector('.item-message').textContent,
    })));
  }

  async function waitSettled(count) {
    await page.waitForFunction((n) => {
      const items = [...document.querySelectorAll('#list li')];
      return items.length === n && items.every((li) => li.dataset.state === 'done' || li.dataset.state === 'failed');
    }, count);
    return itemStates();
  }

  test('served without auth: HTML with no-store and a self-only CSP; unknown assets 404; POST 405', async () => {
    const res = await fetch(`${srv.endpoint}/_ossd/upload`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const csp = res.headers.get('content-security-policy');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|https?:/);
    assert.match(await res.text(), /<title>Upload files<\/title>/);
    const js = await fetch(`${srv.endpoint}/_ossd/upload.js`);
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const icon = await fetch(`${srv.endpoint}/_ossd/icon.svg`);
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
    assert.equal((await fetch(`${srv.endpoint}/_ossd/nothing.js`)).status, 404);
    assert.equal((await fetch(`${srv.endpoint}/_ossd/upload`, { method: 'POST', body: 'x' })).status, 405);
  });

  test('two picked files reach 100 % and arrive byte-identical; only same-origin requests; screenshot', async (t) => {
    if (!await ready(t, launched)) return;
    t.diagnostic(`chromium ${launched.browser.version()}`);
    const link = await shareUpload(srv.port, `oss://${bucket}/inbox/`, ['--expires', '1h', '--max-size', '1MiB']);
    assert.match(link, new RegExp(`^${srv.endpoint}/_ossd/upload#bucket=${bucket}&policy=`));
    const { requests, consoleErrors } = await openPage(link);
    assert.match(await page.textContent('#summary'), new RegExp(`Files go to ${bucket}/inbox/\\.`));
    assert.equal(await page.textContent('#limit'), 'Up to 1 MiB per file');
    const files = [
      { name: 'report.txt', mimeType: 'text/plain', buffer: seededBytes('report', 200 * KiB + 3) },
      { name: 'photo one.bin', mimeType: 'application/octet-stream', buffer: seededBytes('photo', 700 * KiB + 17) },
    ];
    await page.setInputFiles('#files', files);
    const items = await waitSettled(2);
    for (const item of items) {
      assert.equal(item.state, 'done', `${item.name}: ${item.message}`);
      assert.equal(item.percent, '100 %');
      assert.equal(item.value, 100);
    }
    for (const f of files) {
      const got = await oss.get(`inbox/${f.name}`);
      assert.ok(Buffer.compare(got.content, f.buffer) === 0, `inbox/${f.name} differs`);
    }
    const origin = new URL(srv.endpoint).origin;
    const foreign = requests.filter((u) => new URL(u).origin !== origin);
    assert.deepEqual(foreign, [], 'the page must load nothing from elsewhere');
    assert.deepEqual(consoleErrors, [], 'no console errors (CSP violations show up here)');
    const shot = path.join(outputDir(), 'upload-page.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`upload page screenshot: ${shot}`);
    await page.close();
  });

  test('a file over --max-size shows "File too large (limit 1 MiB)"; nothing is stored', async (t) => {
    if (!await ready(t, launched)) return;
    const link = await shareUpload(srv.port, `oss://${bucket}/big/`, ['--max-size', '1MiB']);
    await openPage(link);
    await page.setInputFiles('#files', [{ name: 'big.bin', mimeType: 'application/octet-stream',
      buffer: seededBytes('big', 1024 * KiB + 1) }]);
    const [item] = await waitSettled(1);
    assert.equal(item.state, 'failed');
    assert.match(item.message, /^File too large \(limit 1 MiB\)/);
    assert.equal((await oss.head('big/big.bin').catch((e) => e)).status, 404);
    await page.close();
  });

  test('an expired link (ossctl --date in the past) shows a clear message and no picker', async (t) => {
    if (!await ready(t, launched)) return;
    const twoHoursAgo = basicIso(new Date(Date.now() - 2 * 3600 * 1000));
    const link = await shareUpload(srv.port, `oss://${bucket}/late/`, ['--expires', '1h', '--date', twoHoursAgo]);
    await openPage(link);
    const box = page.locator('#link-error');
    await box.waitFor({ state: 'visible' });
    assert.match(await box.textContent(), /^This link has expired \(it was valid until .+\)\. Ask the sender for a new link\.$/);
    assert.equal(await page.isVisible('#picker'), false);
    assert.equal(await box.getAttribute('role'), 'alert');
    await page.close();
  });

  test('the server\'s refusal in words: policy expired (page clock still inside it), damaged signature', async (t) => {
    if (!await ready(t, launched)) return;
    // The page's own clock says the link is valid; the server's says it expired an hour ago.
    const signed = new Date(Date.now() - 2 * 3600 * 1000);
    const link = await shareUpload(srv.port, `oss://${bucket}/late/`, ['--expires', '1h', '--date', basicIso(signed)]);
    page = await launched.browser.newPage();
    await page.clock.setFixedTime(new Date(signed.getTime() + 60 * 1000));
    await page.goto(link);
    await page.setInputFiles('#files', [{ name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('late') }]);
    let [item] = await waitSettled(1);
    assert.equal(item.state, 'failed');
    assert.match(item.message, /^This link has expired .*\(AccessDenied: Invalid according to Policy: Policy expired\.\)$/);
    await page.close();

    const good = await shareUpload(srv.port, `oss://${bucket}/x/`);
    const damaged = good.replace(/x-oss-signature=([0-9a-f])/, (m, c) => `x-oss-signature=${c === '0' ? '1' : '0'}`);
    assert.notEqual(damaged, good);
    await openPage(damaged);
    await page.setInputFiles('#files', [{ name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('x') }]);
    [item] = await waitSettled(1);
    assert.equal(item.state, 'failed');
    assert.match(item.message, /^This link is damaged or was changed \(signature does not match\)\. \(SignatureDoesNotMatch/);
    assert.equal((await oss.head('late/a.txt').catch((e) => e)).status, 404);
    await page.close();
  });

  test('ossctl share: --expires over 7 days exits 2; share download prints a working presigned GET', async () => {
    const tooLong = await ossctl(srv.port, ['share', 'upload', `oss://${bucket}/p/`, '--expires', '8d']);
    assert.equal(tooLong.code, 2, tooLong.stderr);
    assert.match(tooLong.stderr, /at most 7 days/);
    const badSize = await ossctl(srv.port, ['share', 'upload', `oss://${bucket}/p/`, '--max-size', '10 parsecs']);
    assert.equal(badSize.code, 2, badSize.stderr);
    const data = seededBytes('shared', 5000);
    await oss.put('shared/file.bin', data);
    const r = await ossctl(srv.port, ['share', 'download', `oss://${bucket}/shared/file.bin`, '--expires', '10m']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /x-oss-signature-version=OSS4-HMAC-SHA256/);
    const res = await fetch(r.stdout);
    assert.equal(res.status, 200);
    assert.ok(Buffer.compare(Buffer.from(await res.arrayBuffer()), data) === 0);
    const noKey = await ossctl(srv.port, ['share', 'download', `oss://${bucket}/`]);
    assert.equal(noKey.code, 2);
  });
});
