// ossctl, the C++ SDK's command-line client, against the real ossd: bucket and object commands
// (a 5 MiB round trip through the streaming libcurl transport), OSS errors on stderr, and
// `ossctl sign` URLs used by curl, including the Content-Type pitfall of auth.md (h.1).
// OSSCTL_BIN overrides the binary (default build/src/cli/ossctl under the repo root).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startServer, bucketName, skipWithoutOssd, repoRoot, ROOT_KEY_ID, ROOT_KEY_SECRET, REGION,
} from '../lib/server.mjs';
import { curl } from '../lib/curl.mjs';
import { etagOf, seededBytes, xmlField, REQUEST_ID } from '../lib/check.mjs';

const ossctlBin = process.env.OSSCTL_BIN || path.join(repoRoot, 'build/src/cli/ossctl');
const MiB = 1024 * 1024;

function skipReason() {
  const noOssd = skipWithoutOssd();
  if (noOssd) return noOssd;
  if (existsSync(ossctlBin) || process.env.OSSD_REQUIRE_BIN === '1') return false;
  return `ossctl binary not found at ${ossctlBin} (build it or set OSSCTL_BIN)`;
}

describe('ossctl against ossd', { skip: skipReason(), timeout: 120000 }, () => {
  let srv;
  let tmp;
  let env;

  before(async () => {
    srv = await startServer();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ossd-it-ossctl-'));
    // A clean HOME so a developer's ~/.ossctl.conf cannot leak in; keys via the environment.
    env = { PATH: process.env.PATH, HOME: tmp };
    env.OSS_ACCESS_KEY_ID = ROOT_KEY_ID;
    env.OSS_ACCESS_KEY_SECRET = ROOT_KEY_SECRET;
    env.OSS_REGION = REGION;
    env.OSS_ENDPOINT = srv.endpoint;
  });
  after(async () => {
    await srv?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Runs ossctl; resolves { code, stdout, stderr } (never rejects on a non-zero exit). */
  function ossctl(args, extraEnv = env) {
    return new Promise((resolve, reject) => {
      const child = spawn(ossctlBin, args, { env: extraEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => { stdout += d; });
      child.stderr.on('data', (d) => { stderr += d; });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  async function ok(args) {
    const r = await ossctl(args);
    assert.equal(r.code, 0, `ossctl ${args.join(' ')}\n${r.stderr}`);
    return r;
  }

  function file(name, bytes) {
    const p = path.join(tmp, name);
    writeFileSync(p, bytes);
    return p;
  }

  test('mb, cp up 5 MiB, ls, stat, cp down byte for byte, rm, rb', async () => {
    const bucket = bucketName('ossctl');
    const data = seededBytes('ossctl-5mib', 5 * MiB);
    const local = file('up.bin', data);
    await ok(['mb', `oss://${bucket}`]);
    await ok(['cp', local, `oss://${bucket}/dir/five.bin`]);

    const ls = await ok(['ls', `oss://${bucket}`]);
    const line = ls.stdout.split('\n').find((l) => l.endsWith(`oss://${bucket}/dir/five.bin`));
    assert.ok(line, ls.stdout);
    assert.match(line, new RegExp(`\\s${5 * MiB}\\s`));
    assert.ok(line.includes(etagOf(data)), line);
    assert.equal(ls.stderr, '1 object(s), 5242880 byte(s)\n', 'no progress bar when stderr is a pipe');
    assert.ok((await ok(['ls'])).stdout.includes(`oss://${bucket}\n`));

    const stat = await ok(['stat', `oss://${bucket}/dir/five.bin`]);
    assert.match(stat.stdout, new RegExp(`^Size: ${5 * MiB}$`, 'm'));
    assert.match(stat.stdout, new RegExp(`^ETag: ${etagOf(data)}$`, 'm'));

    const down = path.join(tmp, 'down.bin');
    await ok(['cp', `oss://${bucket}/dir/five.bin`, down]);
    assert.ok(readFileSync(down).equals(data), 'downloaded bytes differ');

    await ok(['rm', `oss://${bucket}/dir/five.bin`]);
    assert.ok(!(await ok(['ls', `oss://${bucket}`])).stdout.includes('five.bin'));
    await ok(['rb', `oss://${bucket}`]);
    assert.ok(!(await ok(['ls'])).stdout.includes(`oss://${bucket}\n`));
  });

  test('errors print Code, Message and RequestId and exit 1', async () => {
    const bucket = bucketName('ossctl-err');
    await ok(['mb', `oss://${bucket}`]);
    const r = await ossctl(['stat', `oss://${bucket}/missing`]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Code: NoSuchKey/);
    assert.match(r.stderr, /Message: \S/);
    const id = /RequestId: (\S+)/.exec(r.stderr);
    assert.ok(id && REQUEST_ID.test(id[1]), r.stderr);
    const gone = await ossctl(['rb', `oss://${bucket}-nope`]);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /Code: NoSuchBucket/);
    const down = await ossctl(['cp', `oss://${bucket}/missing`, path.join(tmp, 'never.bin')]);
    assert.equal(down.code, 1);
    assert.ok(!existsSync(path.join(tmp, 'never.bin')), 'no file left behind by a failed download');
  });

  test('credentials and endpoint from --config when the environment has none', async () => {
    const conf = file('ossctl.conf', [
      '# test config', `access_key_id = ${ROOT_KEY_ID}`, `access_key_secret = ${ROOT_KEY_SECRET}`,
      `region = ${REGION}`, `endpoint = ${srv.endpoint}`, ''].join('\n'));
    const bare = { PATH: process.env.PATH, HOME: tmp };
    const bucket = bucketName('ossctl-conf');
    const made = await ossctl(['--config', conf, 'mb', `oss://${bucket}`], bare);
    assert.equal(made.code, 0, made.stderr);
    // Flags beat the file: a wrong secret on the command line must be used, and fail.
    const wrong = await ossctl(['--config', conf, '--access-key-id', ROOT_KEY_ID,
      '--access-key-secret', 'wrong', 'ls', `oss://${bucket}`], bare);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /Code: SignatureDoesNotMatch/);
    const none = await ossctl(['ls'], bare);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no credentials/);
  });

  test('sign PUT: curl -T uploads through the URL and the object reads back', async () => {
    const bucket = bucketName('ossctl-sign');
    await ok(['mb', `oss://${bucket}`]);
    const data = seededBytes('ossctl-sign-put', 200 * 1024 + 3);
    const url = (await ok(['sign', 'PUT', `oss://${bucket}/signed/a b.bin`, '--expires', '10m']))
      .stdout.trim();
    assert.ok(url.startsWith(`${srv.endpoint}/${bucket}/signed/a%20b.bin?`), url);
    assert.match(url, /x-oss-expires=600&/);
    const put = await curl(['-T', file('signed.bin', data), url]);
    assert.equal(put.status, 200, put.body.toString());
    assert.equal(put.headers.etag, etagOf(data));
    const getUrl = (await ok(['sign', 'GET', `oss://${bucket}/signed/a b.bin`])).stdout.trim();
    const got = await curl([getUrl]);
    assert.equal(got.status, 200);
    assert.ok(got.body.equals(data), 'bytes read back differ');
  });

  test('sign PUT --content-type: works with that header, 403 SignatureDoesNotMatch without', async () => {
    const bucket = bucketName('ossctl-ct');
    await ok(['mb', `oss://${bucket}`]);
    const url = (await ok(['sign', 'PUT', `oss://${bucket}/typed.bin`,
      '--content-type', 'application/octet-stream'])).stdout.trim();
    const body = file('typed.bin', Buffer.from('typed body'));
    const without = await curl(['-T', body, url]);
    assert.equal(without.status, 403);
    assert.equal(xmlField(without.body.toString(), 'Code'), 'SignatureDoesNotMatch');
    const withHeader = await curl(['-T', body, '-H', 'Content-Type: application/octet-stream', url]);
    assert.equal(withHeader.status, 200, withHeader.body.toString());
    // --header Content-Type:T is the same thing.
    const url2 = (await ok(['sign', 'PUT', `oss://${bucket}/typed2.bin`,
      '--header', 'Content-Type: text/plain'])).stdout.trim();
    const put2 = await curl(['-T', body, '-H', 'Content-Type: text/plain', url2]);
    assert.equal(put2.status, 200, put2.body.toString());
  });

  test('sign GET --query response-content-disposition=attachment', async () => {
    const bucket = bucketName('ossctl-q');
    await ok(['mb', `oss://${bucket}`]);
    await ok(['cp', file('report.txt', Buffer.from('report')), `oss://${bucket}/report.txt`]);
    const url = (await ok(['sign', 'GET', `oss://${bucket}/report.txt`,
      '--query', 'response-content-disposition=attachment'])).stdout.trim();
    const r = await curl([url]);
    assert.equal(r.status, 200, r.body.toString());
    assert.equal(r.headers['content-disposition'], 'attachment');
    assert.equal(r.body.toString(), 'report');
  });

  test('sign --expires 8d is refused before any URL is made', async () => {
    const r = await ossctl(['sign', 'PUT', 'oss://b/k', '--expires', '8d']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /7 days \(604800 s\)/);
    const max = await ok(['sign', 'GET', 'oss://b/k', '--expires', '7d']);
    assert.match(max.stdout, /x-oss-expires=604800&/);
  });

  test('sign --date makes the URL reproducible', async () => {
    const args = ['sign', 'GET', 'oss://b/k', '--date', '20241112T083238Z', '--expires', '3600'];
    const a = await ok(args);
    const b = await ok(args);
    assert.equal(a.stdout, b.stdout);
    assert.match(a.stdout, /x-oss-date=20241112T083238Z&/);
    assert.equal(a.stdout.trim().split('\n').length, 1, 'exactly one line on stdout');
  });
});
