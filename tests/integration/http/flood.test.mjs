// Issue 11, part 6: connection floods. Under `ulimit -n 64`, 150 idle connections used to make
// the accept loop spin (accept(2) failing with EMFILE at once, again and again: 3 CPU-seconds in
// 3 s). Now ossd stops accepting at its limit (--max-connections, derived from the descriptor
// limit) or on EMFILE for a moment at a time, keeps serving the connections it has, and
// recovers by itself when the flood goes away.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ossdBin, ROOT_KEY_ID, ROOT_KEY_SECRET, startServer, client, bucketName, skipWithoutOssd } from '../lib/server.mjs';
import { signedTarget, assertServes } from './raw.mjs';

const CLK_TCK = 100;  // Linux USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s

/** ossd under `ulimit -n <files>` (lib/server.mjs cannot wrap the binary): { port, pid, logLines, stop }. */
async function startLimited(files, args = []) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ossd-flood-'));
  const child = spawn('bash', ['-c', `ulimit -n ${files} && exec "$0" "$@"`, ossdBin,
    '--address', '127.0.0.1:0', '--data', dataDir, ...args], {
    env: { ...process.env, OSSD_ROOT_ACCESS_KEY_ID: ROOT_KEY_ID, OSSD_ROOT_ACCESS_KEY_SECRET: ROOT_KEY_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // As lib/server.mjs does: a test process that ends never leaves ossd behind.
  const killOnExit = () => { try { child.kill('SIGKILL'); } catch { /* gone */ } };
  process.on('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const logLines = [];
  createInterface({ input: child.stderr }).on('line', (l) => logLines.push(l));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('ossd did not start')), 15000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`ossd exited (${code}): ${logLines.join('\n')}`)); });
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    port, pid: child.pid, child, logLines,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** CPU seconds (user + system) the process has used. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Opens `n` connections that send nothing; resolves once each is connected (or failed). */
async function idleConnections(port, n) {
  const sockets = [];
  await Promise.all(Array.from({ length: n }, () => new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', resolve);
    s.on('error', resolve);
    sockets.push(s);
  })));
  return sockets;
}

/** A connection to send requests on and read answers from, one at a time. */
function connection(port) {
  const s = net.connect(port, '127.0.0.1');
  let received = '';
  s.on('data', (d) => { received += d.toString('latin1'); });
  s.on('error', () => {});
  return {
    socket: s,
    /** Sends `request`; resolves with the text received within `ms` that holds a whole answer, or ''. */
    ask(request, ms, wanted = /\r\n\r\n[^]*<\/|\r\n\r\ncontent$/) {
      received = '';
      s.write(request);
      return new Promise((resolve) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (wanted.test(received) || Date.now() - started > ms) { clearInterval(poll); resolve(received); }
        }, 20);
      });
    },
  };
}

async function waitFor(what, fn, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    try { return await fn(); } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms: ${err.message}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A bucket with one object 'obj' ("content"): its ali-oss client and a raw signed GET of it. */
async function objectToGet(srv, prefix) {
  const bucket = bucketName(prefix);
  const oss = client(srv, bucket);
  await oss.putBucket(bucket);
  await oss.put('obj', Buffer.from('content'));
  return { oss, get: `GET ${await signedTarget(oss, 'GET', 'obj')} HTTP/1.1\r\nHost: localhost\r\n\r\n` };
}

describe('connection floods', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  const stops = [];
  after(async () => { for (const stop of stops) await stop(); });

  // Twice: with the default limit (the acceptor pauses at --max-connections, before the
  // descriptors run out), and with a limit above the descriptors (accept(2) fails with EMFILE:
  // the case that spun).
  for (const [what, args] of [['default --max-connections', []], ['--max-connections 1000 (EMFILE)', ['--max-connections', '1000']]]) {
    test(`ulimit -n 64, ${what}, 150 idle connections: no spinning, open connections served, recovery`, async () => {
      const srv = await startLimited(64, args);
      stops.push(srv.stop);
      const { oss, get } = await objectToGet(srv, 'flood');
      const held = connection(srv.port);
      assert.match(await held.ask(get, 5000), /^HTTP\/1\.1 200 [^]*\r\n\r\ncontent$/);
      const descriptorsBefore = readdirSync(`/proc/${srv.pid}/fd`).length;

      const flood = await idleConnections(srv.port, 150);
      const cpu0 = cpuSeconds(srv.pid);
      await new Promise((r) => setTimeout(r, 3000));
      const used = cpuSeconds(srv.pid) - cpu0;
      assert.ok(used < 0.5, `ossd used ${used} CPU-seconds in 3 s under the flood (the spin used 3)`);
      if (!args.length) assert.ok(readdirSync(`/proc/${srv.pid}/fd`).length < 64, 'ossd kept descriptors free');

      // The connection it had before the flood is still served, with a file-backed GET too.
      assert.match(await held.ask(get, 5000), /^HTTP\/1\.1 200 [^]*\r\n\r\ncontent$/);
      assert.ok(srv.logLines.some((l) => /"level":"warning".*(max-connections|accept)/.test(l)), srv.logLines.join('\n'));

      flood.forEach((s) => s.destroy());
      await waitFor('a new connection is served after the flood', () => assertServes(oss), 15000);
      await waitFor('descriptors are given back', () => {
        assert.ok(readdirSync(`/proc/${srv.pid}/fd`).length <= descriptorsBefore + 2);
      }, 10000);
      held.socket.destroy();
      assert.equal(srv.child.exitCode, null);
    });
  }

  test('--max-connections 4: a fifth connection waits in the backlog, then is served when one closes', async () => {
    const srv = await startServer({ args: ['--max-connections', '4'] });
    stops.push(srv.stop);
    const { oss, get } = await objectToGet(srv, 'maxconn');
    // ali-oss's own keep-alive connection counts too: the idle ones fill (at least) the rest.
    const idle = await idleConnections(srv.port, 4);
    await new Promise((r) => setTimeout(r, 500));
    const fifth = connection(srv.port);
    assert.equal(await fifth.ask(get, 1500), '', 'the fifth connection must not be served while four are open');
    idle.forEach((s) => s.destroy());
    assert.match(await fifth.ask('', 5000), /^HTTP\/1\.1 200 [^]*\r\n\r\ncontent$/);
    fifth.socket.destroy();
  });
});
