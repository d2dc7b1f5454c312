// Presigned URLs end to end, from every kind of real client (spec clients.md, auth.md b and h).
//
// ali-oss signs a V4 PUT URL with exactly the Content-Type the client will send; the client
// uploads a multi-MiB file the way the seed page's sample for it does; ali-oss reads the object
// back and it must be byte-identical. Each upload goes through a recording relay so the test also
// checks that the client really sent the shape clients.md describes (Expect: 100-continue,
// chunked, Content-Type, CORS preflight). Then the URL's life: reuse, expiry, tampering, an
// unsigned Content-Type, an upload that outlives its URL, a presigned GET with
// response-content-disposition, and a refused 20 MiB upload from a client that never reads early.
//
// The clients (Python requests, Go, Java, g++/libcurl, Chromium) are installed by
// scripts/setup-test-clients.sh. A missing one fails its test, unless that script recorded that it
// could not install it; then the test is skipped with the script's reason.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, copyFileSync, createReadStream, mkdirSync, existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, client, bucketName, skipWithoutOssd, repoRoot, ROOT_KEY_ID, ROOT_KEY_SECRET } from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { assertErrorXml, seededBytes, etagOf, xmlField } from '../lib/check.mjs';
import {
  needClient, runProgram, probeCommand, probeFile, parseProgramOutput, startRecorder,
} from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;
const UPLOAD_SIZE = 3 * MiB + 4321; // multi-MiB, not a multiple of any buffer size
const OCTET = 'application/octet-stream';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Set to a reason string to skip the browser tests (e.g. while ossd has no PutBucketCors yet).
const BROWSER_SKIP = false;

const ossctlBin = process.env.OSSCTL_BIN || path.join(repoRoot, 'build/src/cli/ossctl');
// Without the ossctl binary (a partial build) only ali-oss signs; CI sets OSSD_REQUIRE_BIN=1,
// so there a missing ossctl fails instead.
const SIGNERS = existsSync(ossctlBin) || process.env.OSSD_REQUIRE_BIN === '1' ? ['ali-oss', 'ossctl'] : ['ali-oss'];

/** A presigned PUT URL from `ossctl sign`, pointing at 127.0.0.1:port (path-style). */
async function ossctlSignPut(port, bucket, key, contentType) {
  const args = ['sign', 'PUT', `oss://${bucket}/${key}`, '--expires', '1h'];
  if (contentType) args.push('--content-type', contentType);
  const { stdout } = await promisify(execFile)(ossctlBin, args, {
    env: { ...process.env, OSS_ACCESS_KEY_ID: ROOT_KEY_ID, OSS_ACCESS_KEY_SECRET: ROOT_KEY_SECRET,
      OSS_REGION: 'cn-hangzhou', OSS_ENDPOINT: `http://127.0.0.1:${port}` },
  });
  return stdout.trim();
}

function showResult(r) {
  return `status ${r.status}\nheaders: ${JSON.stringify(r.headers)}\nbody: ${r.body.toString('utf8').slice(0, 4000)}`;
}

describe('presigned URLs from real clients', { skip: skipWithoutOssd(), timeout: 900000 }, () => {
  let srv;
  let rec; // recording relay in front of ossd
  let bucket;
  let oss; // reads objects back, direct to ossd
  let signer; // signs URLs that point at the relay
  let directSigner; // signs URLs that point straight at ossd
  let tmp;

  before(async () => {
    srv = await startServer();
    bucket = bucketName('clients');
    await client(srv).putBucket(bucket);
    oss = client(srv, bucket);
    rec = await startRecorder(srv.port);
    signer = client({ port: rec.port }, bucket);
    directSigner = oss;
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ossd-it-clients-'));
  });
  after(async () => {
    await rec?.close();
    await srv?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  function file(name, bytes) {
    const p = path.join(tmp, name);
    writeFileSync(p, bytes);
    return p;
  }

  const signPut = (key, contentType, expires = 3600, s = signer) =>
    s.signatureUrlV4('PUT', expires, { headers: contentType ? { 'Content-Type': contentType } : {} }, key);

  // Every client uploads through URLs from both signers of the issue: ali-oss's
  // signatureUrlV4 and the repo's own `ossctl sign` (the C++ SDK signer).
  const signPutVia = (via, key, contentType) =>
    (via === 'ossctl' ? ossctlSignPut(rec.port, bucket, key, contentType) : signPut(key, contentType));

  /** The single PUT request head the relay saw for `key` (fails when there is not exactly one). */
  function putHead(key) {
    const puts = rec.requests().filter((r) => r.method === 'PUT' && r.target.startsWith(`/${bucket}/${key}?`));
    assert.equal(puts.length, 1, `PUT requests for ${key} seen by the relay: ${JSON.stringify(rec.requests())}`);
    return puts[0].headers;
  }

  async function assertStored(key, data, contentType) {
    const got = await oss.get(key);
    assert.equal(got.content.length, data.length, `stored size of ${key}`);
    assert.ok(got.content.equals(data), `stored bytes of ${key} differ from the uploaded file`);
    assert.equal(got.res.headers.etag, etagOf(data));
    assert.equal(got.res.headers['content-type'], contentType);
  }

  /** Runs one of the small client programs and parses its output; a transport error fails. */
  async function runClient(cmd, args, opts) {
    const r = await runProgram(cmd, args, opts);
    assert.equal(r.code, 0, `${cmd} ${args.map((a) => (a.startsWith('http') ? '<url>' : a)).join(' ')} ` +
      `exited ${r.code} (${r.signal ?? ''})\nstderr: ${r.stderr.slice(-4000)}\nstdout: ${r.stdout.toString().slice(0, 2000)}`);
    return { ...parseProgramOutput(r.stdout), stderr: r.stderr };
  }

  // ------------------------------------------------------------------ Go build (shared)
  let goBinary = null;
  async function buildGo() {
    if (goBinary) return goBinary;
    const dir = path.join(tmp, 'go');
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(here, 'upload.go'), path.join(dir, 'upload.go'));
    const env = {
      ...process.env,
      // A cache that outlives the run keeps later runs fast; the GOPATH is this run's own.
      GOCACHE: process.env.GOCACHE || path.join(os.tmpdir(), 'ossd-it-gocache'),
      GOPATH: path.join(dir, 'gopath'),
      GOFLAGS: '',
      GOPROXY: 'off',
      GOTOOLCHAIN: 'local',
      GO111MODULE: 'off',
      CGO_ENABLED: '0',
    };
    const r = await runProgram('go', ['build', '-o', path.join(dir, 'upload'), 'upload.go'], { cwd: dir, env, timeoutMs: 400000 });
    assert.equal(r.code, 0, `go build upload.go failed:\n${r.stderr}`);
    goBinary = path.join(dir, 'upload');
    return goBinary;
  }

  let libcurlBinary = null;
  async function buildLibcurl() {
    if (libcurlBinary) return libcurlBinary;
    const out = path.join(tmp, 'upload_libcurl');
    const r = await runProgram('g++', ['-std=c++17', '-O1', '-o', out, path.join(here, 'upload_libcurl.cpp'), '-lcurl'],
      { timeoutMs: 180000 });
    assert.equal(r.code, 0, `g++ upload_libcurl.cpp -lcurl failed (libcurl4-openssl-dev missing?):\n${r.stderr}`);
    libcurlBinary = out;
    return out;
  }

  const javaArgs = (url, f, type) => ['-XX:TieredStopAtLevel=1', path.join(here, 'Upload.java'), url, f, ...(type ? [type] : [])];

  // ------------------------------------------------------------------ one test per client

  for (const via of SIGNERS) describe(`upload a multi-MiB file signed with ${via}, read it back byte for byte`, () => {
    test('curl -T (Expect: 100-continue)', async (t) => {
      if (!await needClient(t, 'curl', () => probeCommand('curl'))) return;
      const key = `clients/${via}/curl.bin`;
      const data = seededBytes(key, UPLOAD_SIZE);
      rec.clear();
      const url = await signPutVia(via, key);
      const r = await curl(['--expect100-timeout', '20', '-T', file('curl.bin', data), url], { maxTimeSec: 60 });
      assert.equal(r.status, 200, showResult(r));
      assert.equal(r.info.size_upload, data.length);
      assert.ok(r.info.time_total < 15, `upload took ${r.info.time_total}s: was 100 Continue sent?`);
      assert.equal(r.headers.etag, etagOf(data));
      const h = putHead(key);
      assert.equal(h.expect, '100-continue');
      assert.equal(h['content-length'], String(data.length));
      assert.equal(h['content-type'], undefined);
      await assertStored(key, data, OCTET);
    });

    test('Python requests.put(url, data=open(f, "rb"))', async (t) => {
      let python = null;
      if (!await needClient(t, 'python-requests', async () => {
        // The first of python3 (PATH) and Debian's /usr/bin/python3 that has requests.
        const tried = [];
        for (const cand of ['python3', '/usr/bin/python3']) {
          const missing = await probeCommand(cand, ['-c', 'import requests']);
          if (!missing) { python = cand; return null; }
          tried.push(missing);
        }
        return tried.join('; ');
      })) return;
      const key = `clients/${via}/python.bin`;
      const data = seededBytes(key, UPLOAD_SIZE);
      rec.clear();
      const url = await signPutVia(via, key);
      const r = await runClient(python, [path.join(here, 'upload.py'), url, file('python.bin', data)]);
      t.diagnostic(r.stderr.trim());
      assert.equal(r.status, 200, showResult(r));
      assert.equal(r.headers.etag, etagOf(data));
      const h = putHead(key);
      assert.equal(h['content-length'], String(data.length));
      assert.equal(h['transfer-encoding'], undefined);
      assert.equal(h['content-type'], undefined);
      await assertStored(key, data, OCTET);
    });

    test('Go net/http with an *os.File body (Transfer-Encoding: chunked)', async (t) => {
      if (!await needClient(t, 'go', () => probeCommand('go', ['version']))) return;
      const bin = await buildGo();
      const key = `clients/${via}/go.bin`;
      const data = seededBytes(key, UPLOAD_SIZE);
      rec.clear();
      const url = await signPutVia(via, key);
      const r = await runClient(bin, [url, file('go.bin', data)]);
      t.diagnostic(r.stderr.trim());
      assert.equal(r.status, 200, showResult(r));
      assert.equal(r.headers.etag, etagOf(data));
      const h = putHead(key);
      assert.equal(h['transfer-encoding'], 'chunked', 'Go sends a file body chunked (clients.md)');
      assert.equal(h['content-length'], undefined);
      assert.equal(h['content-type'], undefined);
      await assertStored(key, data, OCTET);
    });

    test('Node axios with fs.createReadStream and Content-Type: application/octet-stream (chunked)', async (t) => {
      let axios;
      try {
        ({ default: axios } = await import('axios'));
      } catch (err) {
        throw new Error(`axios is not installed (cd tests/integration && npm ci): ${err.message}`);
      }
      const key = `clients/${via}/axios.bin`;
      const data = seededBytes(key, UPLOAD_SIZE);
      rec.clear();
      const url = await signPutVia(via, key, OCTET);
      const f = file('axios.bin', data);
      const res = await axios.put(url, createReadStream(f), {
        headers: { 'Content-Type': OCTET },
        maxBodyLength: Infinity,
        maxContentLength: Infinity,
        timeout: 60000,
        validateStatus: () => true,
        responseType: 'text',
        proxy: false,
      });
      t.diagnostic(`axios ${axios.VERSION}`);
      assert.equal(res.status, 200, `status ${res.status}\n${res.data}`);
      assert.equal(res.headers.etag, etagOf(data));
      const h = putHead(key);
      assert.equal(h['transfer-encoding'], 'chunked', 'axios sends a stream chunked (clients.md)');
      assert.equal(h['content-length'], undefined);
      assert.equal(h['content-type'], OCTET);
      await assertStored(key, data, OCTET);
    });

    test('Java HttpURLConnection, Content-Type signed, setFixedLengthStreamingMode', async (t) => {
      if (!await needClient(t, 'java', () => probeCommand('java', ['-version']))) return;
      const key = `clients/${via}/java.bin`;
      const data = seededBytes(key, UPLOAD_SIZE);
      rec.clear();
      const url = await signPutVia(via, key, OCTET);
      const r = await runClient('java', javaArgs(url, file('java.bin', data), OCTET), { timeoutMs: 120000 });
      t.diagnostic(r.stderr.trim());
      assert.equal(r.status, 200, showResult(r));
      assert.equal(r.headers.etag, etagOf(data));
      const h = putHead(key);
      assert.equal(h['content-length'], String(data.length));
      assert.equal(h['content-type'], OCTET);
      assert.equal(h.expect, undefined, 'HttpURLConnection sends no Expect by default');
      await assertStored(key, data, OCTET);
    });

    test('C++ libcurl CURLOPT_UPLOAD + CURLOPT_READDATA (FILE*) + CURLOPT_INFILESIZE_LARGE', async (t) => {
      if (!await needClient(t, 'g++', () => probeCommand('g++'))) return;
      if (!await needClient(t, 'libcurl', () => probeFile('/usr/include/x86_64-linux-gnu/curl/curl.h') &&
        probeFile('/usr/include/curl/curl.h'))) return;
      const bin = await buildLibcurl();
      const key = `clients/${via}/libcurl.bin`;
      const data = seededBytes(key, UPLOAD_SIZE);
      rec.clear();
      const url = await signPutVia(via, key);
      const r = await runClient(bin, [url, file('libcurl.bin', data)]);
      t.diagnostic(r.stderr.trim());
      assert.equal(r.status, 200, showResult(r));
      assert.equal(r.headers.etag, etagOf(data));
      assert.ok(r.statusLines.some((l) => /^HTTP\/1\.1 100\b/.test(l)), `no 100 Continue: ${r.statusLines}`);
      const h = putHead(key);
      assert.equal(h.expect, '100-continue');
      assert.equal(h['content-length'], String(data.length));
      assert.equal(h['content-type'], undefined);
      assert.equal(h['user-agent'], undefined, 'libcurl sends no User-Agent (clients.md)');
      await assertStored(key, data, OCTET);
    });
  });

  // ------------------------------------------------------------------ browser

  describe('headless Chromium fetch(PUT, File) from another origin (CORS)', { skip: BROWSER_SKIP }, () => {
    let browser;
    let page;
    let pageServer;
    let pageOrigin;
    const served = new Map(); // path -> Buffer the page can fetch from its own origin
    let unavailable = null;

    before(async () => {
      const missing = probeFile(CHROMIUM);
      if (missing) { unavailable = missing; return; }
      let chromium;
      try {
        ({ chromium } = await import('playwright-core'));
      } catch (err) {
        throw new Error(`playwright-core is not installed (cd tests/integration && npm ci): ${err.message}`);
      }
      pageServer = http.createServer((req, res) => {
        const body = req.url === '/' ? Buffer.from('<!doctype html><title>upload</title><p>upload page</p>') : served.get(req.url);
        if (!body) { res.writeHead(404).end(); return; }
        res.writeHead(200, { 'Content-Type': req.url === '/' ? 'text/html' : OCTET, 'Content-Length': body.length });
        res.end(body);
      });
      await new Promise((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
      pageOrigin = `http://127.0.0.1:${pageServer.address().port}`;
      await oss.putBucketCORS(bucket, [{
        allowedOrigin: '*',
        allowedMethod: ['PUT', 'GET'],
        allowedHeader: '*',
        exposeHeader: ['ETag', 'x-oss-request-id'],
      }]);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60000 });
      page = await browser.newPage();
      page.setDefaultTimeout(60000);
      await page.goto(`${pageOrigin}/`);
    });
    after(async () => {
      await browser?.close().catch(() => {});
      if (pageServer) await new Promise((resolve) => pageServer.close(resolve));
    });

    async function ready(t) {
      if (unavailable) return needClient(t, 'chromium', () => unavailable);
      return true;
    }

    /** In the page: fetch `dataPath` from the page's origin, PUT it as a File to `url`. */
    function browserPut(url, dataPath, type) {
      return page.evaluate(async ({ url, dataPath, type }) => {
        const data = await (await fetch(dataPath)).arrayBuffer();
        const f = new File([data], 'a.bin', { type });
        try {
          const r = await fetch(url, { method: 'PUT', body: f });
          return {
            status: r.status,
            etag: r.headers.get('ETag'),
            requestId: r.headers.get('x-oss-request-id'),
            text: await r.text(),
            sent: f.size,
          };
        } catch (err) {
          return { error: String(err) };
        }
      }, { url, dataPath, type });
    }

    for (const via of SIGNERS) test(`upload a multi-MiB File after an OPTIONS preflight (URL from ${via}); ETag readable; bytes identical`, async (t) => {
      if (!await ready(t)) return;
      t.diagnostic(`chromium ${browser.version()}`);
      const key = `clients/${via}/browser.bin`;
      const data = seededBytes(key, UPLOAD_SIZE);
      served.set(`/${via}-browser.bin`, data);
      rec.clear();
      // A File picked from disk with an unknown extension has type application/octet-stream
      // (clients.md), and Chromium sends it as Content-Type: the URL is signed with it.
      const url = await signPutVia(via, key, OCTET);
      const r = await browserPut(url, `/${via}-browser.bin`, OCTET);
      assert.equal(r.error, undefined, `fetch failed in the page (CORS?): ${r.error}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.sent, data.length);
      assert.equal(r.etag, etagOf(data), 'ETag must be readable (exposed) by the page');
      assert.match(r.requestId || '', /^[0-9A-F]{24}$/, 'x-oss-request-id must be exposed');
      const reqs = rec.requests();
      const pre = reqs.find((q) => q.method === 'OPTIONS');
      assert.ok(pre, `no preflight seen: ${JSON.stringify(reqs)}`);
      assert.equal(pre.headers['access-control-request-method'], 'PUT');
      assert.equal(pre.headers['access-control-request-headers'], 'content-type');
      assert.equal(pre.headers.origin, pageOrigin);
      const h = putHead(key);
      assert.equal(h['content-length'], String(data.length));
      assert.equal(h['content-type'], OCTET);
      assert.equal(h.origin, pageOrigin);
      await assertStored(key, data, OCTET);
    });

    test('a refused upload: the page can read the 403 and its error document', async (t) => {
      if (!await ready(t)) return;
      const key = 'clients/browser-refused.bin';
      served.set('/small.bin', seededBytes(key, 1000));
      const url = await signPut(key, OCTET);
      const tampered = url.replace(/x-oss-signature=([0-9a-f])/, (m, c) => `x-oss-signature=${c === '0' ? '1' : '0'}`);
      const r = await browserPut(tampered, '/small.bin', OCTET);
      assert.equal(r.error, undefined, `fetch failed in the page: error responses need CORS headers (clients.md): ${r.error}`);
      assert.equal(r.status, 403);
      assert.equal(xmlField(r.text, 'Code'), 'SignatureDoesNotMatch', r.text);
      assert.equal(xmlField(r.text, 'RequestId'), r.requestId);
    });
  });

  // ------------------------------------------------------------------ the URL's life

  describe('presigned URL rules', () => {
    test('the same URL used three times: every upload succeeds, the last content wins', async () => {
      const key = 'clients/reused.bin';
      const url = await signPut(key, undefined, 3600, directSigner);
      const versions = [seededBytes('v1', 2 * MiB + 1), seededBytes('v2', 1 * MiB + 7), seededBytes('v3', 3 * MiB + 3)];
      for (const [i, data] of versions.entries()) {
        const r = await curl(['--expect100-timeout', '20', '-T', file(`reused${i}.bin`, data), url], { maxTimeSec: 60 });
        assert.equal(r.status, 200, `use ${i + 1}: ${showResult(r)}`);
        assert.equal(r.headers.etag, etagOf(data), `use ${i + 1}`);
      }
      await assertStored(key, versions[2], OCTET);
    });

    test('an expired URL -> 403 AccessDenied "Request has expired." (EC 0002-00000236)', async () => {
      const key = 'clients/expired.bin';
      const url = await signPut(key, undefined, 1, directSigner);
      await new Promise((resolve) => setTimeout(resolve, 2200));
      const r = await curl(['--expect100-timeout', '20', '-T', file('expired.bin', Buffer.from('late')), url]);
      assert.equal(r.status, 403, showResult(r));
      assertErrorXml(r.body, r.headers, { code: 'AccessDenied', message: 'Request has expired.', ec: '0002-00000236' });
      const head = await oss.head(key).catch((e) => e);
      assert.equal(head.status, 404, 'nothing may be stored by an expired URL');
    });

    test('a tampered URL -> 403 SignatureDoesNotMatch with CanonicalRequest and StringToSign', async () => {
      const key = 'clients/tampered.bin';
      const url = await signPut(key, undefined, 3600, directSigner);
      const tampered = url.replace(/x-oss-signature=([0-9a-f])/, (m, c) => `x-oss-signature=${c === '0' ? '1' : '0'}`);
      assert.notEqual(tampered, url);
      const r = await curl(['--expect100-timeout', '20', '-T', file('tampered.bin', seededBytes(key, 5000)), tampered]);
      assert.equal(r.status, 403, showResult(r));
      assertErrorXml(r.body, r.headers, { code: 'SignatureDoesNotMatch', ec: '0002-00000201' });
      const canonical = xmlField(r.body, 'CanonicalRequest') || '';
      const sts = xmlField(r.body, 'StringToSign') || '';
      assert.ok(canonical.startsWith(`PUT\n/${bucket}/clients/tampered.bin\n`), `CanonicalRequest: ${canonical}`);
      assert.ok(canonical.endsWith('\nUNSIGNED-PAYLOAD'), `CanonicalRequest: ${canonical}`);
      assert.ok(sts.startsWith('OSS4-HMAC-SHA256\n'), `StringToSign: ${sts}`);
      assert.ok(sts.includes('/oss/aliyun_v4_request\n'), `StringToSign: ${sts}`);
      const head = await oss.head(key).catch((e) => e);
      assert.equal(head.status, 404);
    });

    test('URL signed without Content-Type, sent with Content-Type: text/plain -> 403, canonical request shows it', async () => {
      const key = 'clients/typed.txt';
      const url = await signPut(key, undefined, 3600, directSigner);
      const r = await curl(['--expect100-timeout', '20', '-H', 'Content-Type: text/plain', '-T', file('typed.txt', Buffer.from('hello')), url]);
      assert.equal(r.status, 403, showResult(r));
      assertErrorXml(r.body, r.headers, { code: 'SignatureDoesNotMatch' });
      const canonical = xmlField(r.body, 'CanonicalRequest') || '';
      assert.ok(canonical.includes('content-type:text/plain'), `CanonicalRequest: ${canonical}`);
    });

    test('an upload that outlives its URL (expires 2 s, transfer ~4 s) -> 200, object complete', async () => {
      const key = 'clients/slow.bin';
      const data = seededBytes(key, 1 * MiB);
      const url = await signPut(key, undefined, 2, directSigner);
      // 256 KiB/s over 1 MiB: about 4 s, well past the URL's 2 s.
      const r = await curl(['--expect100-timeout', '20', '--limit-rate', '256k', '-T', file('slow.bin', data), url], { maxTimeSec: 60 });
      assert.equal(r.status, 200, (xmlField(r.body, 'Message') === 'Request has expired.'
        ? 'the URL expired before curl even connected (machine too slow to start curl within ~1 s?)\n' : '') + showResult(r));
      assert.ok(r.info.time_total >= 3, `transfer lasted only ${r.info.time_total}s; the test needs it to outlive the URL`);
      assert.equal(r.info.size_upload, data.length);
      await assertStored(key, data, OCTET);
      // The URL had indeed expired by the end of the transfer.
      const again = await curl(['--expect100-timeout', '20', '-T', file('slow2.bin', Buffer.from('x')), url]);
      assert.equal(again.status, 403, showResult(again));
      assert.equal(xmlField(again.body, 'Code'), 'AccessDenied');
    });

    test('presigned GET with response-content-disposition -> that Content-Disposition', async () => {
      const key = 'clients/download.txt';
      const data = Buffer.from('download me\n');
      await oss.put(key, data);
      const disposition = 'attachment; filename="a b.txt"';
      const url = await directSigner.signatureUrlV4('GET', 60, { queries: { 'response-content-disposition': disposition } }, key);
      const r = await curl([url]);
      assert.equal(r.status, 200, showResult(r));
      assert.equal(r.headers['content-disposition'], disposition);
      assert.ok(r.body.equals(data));
    });

    test('Java HttpURLConnection (no Expect) sending 20 MiB to a tampered URL gets the 403, not a reset', async (t) => {
      if (!await needClient(t, 'java', () => probeCommand('java', ['-version']))) return;
      const key = 'clients/java-refused.bin';
      const big = file('java-refused.bin', Buffer.alloc(20 * MiB, 0x5a));
      const url = await signPut(key, OCTET, 3600, directSigner);
      const tampered = url.replace(/x-oss-signature=([0-9a-f])/, (m, c) => `x-oss-signature=${c === '0' ? '1' : '0'}`);
      const r = await runProgram('java', javaArgs(tampered, big, OCTET), { timeoutMs: 120000 });
      assert.equal(r.code, 0, `Java saw a transport error instead of the 403 (ossd must drain a refused body):\n${r.stderr}`);
      const out = parseProgramOutput(r.stdout);
      assert.equal(out.status, 403, showResult(out));
      assertErrorXml(out.body, out.headers, { code: 'SignatureDoesNotMatch', ec: '0002-00000201' });
      const head = await oss.head(key).catch((e) => e);
      assert.equal(head.status, 404);
    });
  });
});
