// Helpers for the real-client tests: which clients this machine has (and whether
// scripts/setup-test-clients.sh said it could not install one), a bounded process runner, the
// parser for the small client programs' output, and a recording TCP relay that shows what each
// client really put on the wire (the request heads of clients.md).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';

export const STATUS_FILE = process.env.OSSD_TEST_CLIENTS_STATUS || '/tmp/ossd-test-clients.status';

/** Reason the setup script recorded for not installing `name`, or null. */
export function setupUnavailable(name) {
  let text = '';
  try { text = readFileSync(STATUS_FILE, 'utf8'); } catch { return null; }
  for (const line of text.split('\n')) {
    const [client, state, ...rest] = line.split(' ');
    if (client === name && state === 'unavailable') return rest.join(' ') || 'unavailable';
  }
  return null;
}

/**
 * Makes sure a client can run. `probe` returns null when it can, else what is missing. A missing
 * client skips the test only when setup-test-clients.sh recorded that it could not install it;
 * otherwise the test fails with the reason (CI must not silently lose a client).
 * @returns {Promise<boolean>} true when the test should go on
 */
export async function needClient(t, name, probe) {
  const missing = await probe();
  if (!missing) return true;
  const reason = setupUnavailable(name);
  if (reason) {
    t.skip(`${name}: scripts/setup-test-clients.sh could not install it: ${reason}`);
    return false;
  }
  throw new Error(`${name} cannot run on this machine: ${missing}. ` +
    'Run scripts/setup-test-clients.sh (as root) to install the test clients.');
}

/**
 * Runs a program with a hard time bound. Resolves { code, signal, stdout (Buffer), stderr }.
 * Rejects only when the program cannot be started or overruns the bound (it is killed then).
 */
export function runProgram(cmd, args, { timeoutMs = 60000, env, cwd, maxOutput = 64 * 1024 * 1024 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: env ?? process.env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let outSize = 0;
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} did not finish within ${timeoutMs} ms\nstderr: ${stderr.slice(-4000)}`));
    }, timeoutMs);
    child.stdout.on('data', (d) => {
      if (outSize < maxOutput) { out.push(d); outSize += d.length; }
    });
    child.stderr.on('data', (d) => { if (stderr.length < 1 << 20) stderr += d; });
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr });
    });
  });
}

/** Whether `cmd args` runs and exits 0 (bounded); returns null or a description of the failure. */
export async function probeCommand(cmd, args = ['--version'], timeoutMs = 20000) {
  try {
    const r = await runProgram(cmd, args, { timeoutMs });
    return r.code === 0 ? null : `\`${cmd} ${args.join(' ')}\` exited ${r.code}: ${r.stderr.trim().slice(0, 300)}`;
  } catch (err) {
    return `\`${cmd}\` cannot be run: ${err.message}`;
  }
}

export const probeFile = (p) => (existsSync(p) ? null : `${p} does not exist`);

/**
 * Output of upload.py / upload.go / Upload.java / upload_libcurl: "STATUS n", "HEADER k: v"
 * lines, an empty line, the body. Header names are lowercased; lines without a colon (libcurl's
 * status lines, including interim 100 Continue) go to statusLines.
 */
export function parseProgramOutput(buf) {
  const sep = buf.indexOf('\n\n');
  const headText = (sep < 0 ? buf : buf.subarray(0, sep)).toString('utf8');
  const body = sep < 0 ? Buffer.alloc(0) : buf.subarray(sep + 2);
  const m = /^STATUS (\d+)$/m.exec(headText);
  const headers = {};
  const statusLines = [];
  for (const line of headText.split('\n')) {
    if (!line.startsWith('HEADER ')) continue;
    const rest = line.slice(7);
    if (/^HTTP\/\d/.test(rest)) { statusLines.push(rest); continue; }
    const i = rest.indexOf(':');
    if (i < 0) continue;
    const k = rest.slice(0, i).trim().toLowerCase();
    const v = rest.slice(i + 1).trim();
    headers[k] = headers[k] === undefined ? v : `${headers[k]}, ${v}`;
  }
  return { status: m ? Number(m[1]) : NaN, headers, statusLines, body };
}

const RECORD_LIMIT = 64 * 1024;
const HEAD_RE = /(?<=^|\n)(GET|PUT|POST|HEAD|DELETE|OPTIONS) (\S+) HTTP\/1\.[01]\r\n((?:[^\r\n]+\r\n)*)\r\n/g;

/**
 * A TCP relay on 127.0.0.1:0 in front of ossd that keeps the first 64 KiB each client connection
 * sends, so a test can check the request heads (Expect, Transfer-Encoding, Content-Type,
 * preflight) of the client it drove. Bytes pass through unchanged, in both directions.
 */
export async function startRecorder(targetPort) {
  const conns = [];
  const sockets = new Set();
  const server = net.createServer((c) => {
    const rec = { chunks: [], size: 0 };
    conns.push(rec);
    const up = net.connect(targetPort, '127.0.0.1');
    c.setNoDelay(true);
    up.setNoDelay(true);
    sockets.add(c); sockets.add(up);
    c.on('data', (d) => {
      if (rec.size < RECORD_LIMIT) {
        const part = d.subarray(0, RECORD_LIMIT - rec.size);
        rec.chunks.push(Buffer.from(part));
        rec.size += part.length;
      }
    });
    c.pipe(up);
    up.pipe(c);
    c.on('error', () => up.destroy());
    up.on('error', () => c.destroy());
    c.on('close', () => { sockets.delete(c); up.destroy(); });
    up.on('close', () => { sockets.delete(up); c.destroy(); });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    clear() { conns.length = 0; },
    /** Request heads seen since the last clear(): [{ method, target, headers }] (names lowercased). */
    requests() {
      const out = [];
      for (const rec of conns) {
        const text = Buffer.concat(rec.chunks).toString('latin1');
        for (const m of text.matchAll(HEAD_RE)) {
          const headers = {};
          for (const line of m[3].split('\r\n')) {
            const i = line.indexOf(':');
            if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
          }
          out.push({ method: m[1], target: m[2], headers });
        }
      }
      return out;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
