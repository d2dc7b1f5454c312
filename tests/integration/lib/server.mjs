// Starts the real ossd binary for one test file and hands out the clients users use against it.
//
// startServer() spawns ossd on 127.0.0.1 with a port chosen by the kernel (--address 127.0.0.1:0),
// a fresh data folder under os.tmpdir() and fixed root keys, waits for the
// `ossd listening on http://127.0.0.1:PORT` line on stdout and returns a handle:
//   { port, endpoint, dataDir, pid, logLines, stop(), kill9(), restart() }
// restart() starts ossd again on the same data folder (a new port: make new clients after it).
// stop() removes the data folder unless { keepData: true } was given.
// The ali-oss factories below build the client configurations of spec/auth.md (g.1).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import OSS from 'ali-oss';

export { OSS };

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
export const ossdBin = process.env.OSSD_BIN || path.join(repoRoot, 'build/src/server/ossd');

export const ROOT_KEY_ID = 'LTAI5tOssdIntegrationKey01';
export const ROOT_KEY_SECRET = 'OssdIntegrationSecret0123456789abcd';
export const REGION = 'oss-cn-hangzhou';

const START_TIMEOUT_MS = 15000;
const STOP_TIMEOUT_MS = 5000;
const MAX_LOG_LINES = 20000;

// Children still alive when the test process exits are killed, so a failed test never leaks ossd.
const live = new Set();
process.on('exit', () => {
  for (const child of live) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

export function ossdAvailable() {
  return existsSync(ossdBin);
}

/**
 * Reason string for node:test `skip` when the binary is not built yet, else false.
 * OSSD_REQUIRE_BIN=1 (for CI) turns a missing binary into failures instead of skips.
 */
export function skipWithoutOssd() {
  if (ossdAvailable() || process.env.OSSD_REQUIRE_BIN === '1') return false;
  return `ossd binary not found at ${ossdBin} (build it or set OSSD_BIN)`;
}

function launch(dataDir, extraArgs, env) {
  const args = ['--address', '127.0.0.1:0', '--data', dataDir, ...extraArgs];
  const child = spawn(ossdBin, args, {
    env: {
      ...process.env,
      OSSD_ROOT_ACCESS_KEY_ID: ROOT_KEY_ID,
      OSSD_ROOT_ACCESS_KEY_SECRET: ROOT_KEY_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  const logLines = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    logLines.push(line);
    if (logLines.length > MAX_LOG_LINES) logLines.splice(0, logLines.length - MAX_LOG_LINES);
  });
  const stdoutLines = [];
  const port = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ossd did not print its listening line within ${START_TIMEOUT_MS} ms\n` +
        `stdout: ${stdoutLines.join('\n')}\nstderr: ${logLines.slice(-20).join('\n')}`));
    }, START_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdoutLines.push(line);
      const m = /ossd listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`ossd exited before listening (code ${code}, signal ${signal})\n` +
        `args: ${args.join(' ')}\nstdout: ${stdoutLines.join('\n')}\nstderr: ${logLines.slice(-20).join('\n')}`));
    });
  });
  return { child, exited, logLines, port };
}

/**
 * @param {object} [opts]
 * @param {string[]} [opts.args] extra ossd flags (--domain, --region, --test-now ...)
 * @param {object} [opts.env] extra environment
 * @param {string} [opts.dataDir] reuse a data folder instead of a fresh one
 * @param {boolean} [opts.keepData] do not delete the data folder in stop()
 */
export async function startServer(opts = {}) {
  const dataDir = opts.dataDir || mkdtempSync(path.join(os.tmpdir(), 'ossd-it-'));
  const extraArgs = opts.args || [];
  const env = opts.env || {};
  const handle = { dataDir, port: 0, endpoint: '', pid: 0, logLines: [], child: null, exited: null };

  async function boot() {
    const run = launch(dataDir, extraArgs, env);
    handle.child = run.child;
    handle.exited = run.exited;
    handle.logLines = run.logLines;
    handle.pid = run.child.pid;
    handle.port = await run.port;
    handle.endpoint = `http://127.0.0.1:${handle.port}`;
  }

  async function halt(signal) {
    const child = handle.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await handle.exited;
    clearTimeout(timer);
  }

  handle.kill9 = () => halt('SIGKILL');
  handle.restart = async () => {
    await halt('SIGTERM');
    await boot();
    return handle;
  };
  handle.stop = async () => {
    await halt('SIGTERM');
    if (!opts.keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  /** Parsed JSON access-log lines (stderr lines that are not JSON are skipped). */
  handle.accessLog = () => handle.logLines.flatMap((l) => {
    try { return [JSON.parse(l)]; } catch { return []; }
  });

  try {
    await boot();
  } catch (err) {
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return handle;
}

// ---------------------------------------------------------------- ali-oss clients

/**
 * Keeps the raw response of failed requests on the error, so tests can compare the body's
 * RequestId with the x-oss-request-id header and read the XML fields ali-oss does not copy.
 */
function instrument(client) {
  const original = client.requestError.bind(client);
  client.requestError = async (result) => {
    const err = await original(result);
    if (result && result.headers) {
      err.responseHeaders = result.headers;
      const data = result.data;
      err.rawBody = Buffer.isBuffer(data) || typeof data === 'string' ? String(data) : '';
    }
    return err;
  };
  return client;
}

const base = (overrides) => ({
  accessKeyId: ROOT_KEY_ID,
  accessKeySecret: ROOT_KEY_SECRET,
  region: REGION,
  timeout: 60000,
  ...overrides,
});

/** What users are told to configure (auth.md g.2): localhost endpoint, path-style, V4. */
export function client(srv, bucket, overrides = {}) {
  return instrument(new OSS(base({
    bucket: bucket || undefined,
    endpoint: `http://localhost:${srv.port}`,
    sldEnable: true,
    authorizationV4: true,
    ...overrides,
  })));
}

/** Same as client() but signing with Signature V1. */
export function clientV1(srv, bucket, overrides = {}) {
  return client(srv, bucket, { authorizationV4: false, ...overrides });
}

/**
 * IP endpoint without sldEnable: ali-oss sends Host <bucket>.oss-cn-hangzhou.aliyuncs.com and
 * the path without the bucket (auth.md g.1). Not usable for service-level calls (listBuckets).
 */
export function clientIP(srv, bucket, overrides = {}) {
  return instrument(new OSS(base({
    bucket: bucket || undefined,
    endpoint: `http://127.0.0.1:${srv.port}`,
    authorizationV4: true,
    ...overrides,
  })));
}

/** IP endpoint with sldEnable: Host <bucket>.oss-cn-hangzhou.aliyuncs.com AND path /<bucket>/key (g.2 rule 6). */
export function clientIPSld(srv, bucket, overrides = {}) {
  return clientIP(srv, bucket, { sldEnable: true, ...overrides });
}

/** Short unique bucket names so parallel test files and repeated runs never collide. */
let bucketCounter = 0;
export function bucketName(prefix) {
  bucketCounter += 1;
  const rand = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${process.pid}-${bucketCounter}-${rand}`.toLowerCase().slice(0, 63);
}
