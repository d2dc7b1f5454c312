// Shared by the admin suites: running ossctl (OSSCTL_BIN) with a clean environment, reading the
// error block it prints, and signing raw RPC requests with ali-oss's own STS signer.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { rpc, RAM_VERSION } from '../lib/rpc.mjs';
import {
  skipWithoutOssd, repoRoot, ROOT_KEY_ID, ROOT_KEY_SECRET, REGION,
} from '../lib/server.mjs';

export const ossctlBin = process.env.OSSCTL_BIN || path.join(repoRoot, 'build/src/cli/ossctl');

export function skipReason() {
  const noOssd = skipWithoutOssd();
  if (noOssd) return noOssd;
  if (existsSync(ossctlBin) || process.env.OSSD_REQUIRE_BIN === '1') return false;
  return `ossctl binary not found at ${ossctlBin} (build it or set OSSCTL_BIN)`;
}

/** The environment ossctl runs with: a clean HOME and the given keys (root by default). */
export function envFor(srv, home, keys = {}) {
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    OSS_ACCESS_KEY_ID: keys.id || ROOT_KEY_ID,
    OSS_ACCESS_KEY_SECRET: keys.secret || ROOT_KEY_SECRET,
    OSS_REGION: REGION,
    OSS_ENDPOINT: srv.endpoint,
  };
  if (keys.token) env.OSS_SESSION_TOKEN = keys.token;
  return env;
}

/** Runs ossctl; resolves { code, stdout, stderr } (never rejects on a non-zero exit). */
export function ossctl(args, env, stdin = null) {
  return run(ossctlBin, args, env, stdin);
}

/** Runs any program the way ossctl() does. */
export function run(program, args, env, stdin = null) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: [stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (stdin !== null) child.stdin.end(stdin);
  });
}

/** The `Code:` / `Message:` / `RequestId:` lines ossctl prints for a refused call. */
export function errorOf(r) {
  const field = (name) => (new RegExp(`^  ${name}: (.*)$`, 'm').exec(r.stderr) || [])[1];
  return { code: field('Code'), message: field('Message'), requestId: field('RequestId') };
}

/** `Name: value` lines (ossctl's field output) as an object. */
export function fieldsOf(stdout) {
  const out = {};
  for (const line of stdout.split('\n')) {
    const m = /^(\w+):\s+(.*)$/.exec(line);
    if (m && !(m[1] in out)) out[m[1]] = m[2];
  }
  return out;
}

/** `NAME=value` lines (sts assume-role) as an object. */
export function varsOf(stdout) {
  return Object.fromEntries(stdout.trim().split('\n').map((l) => {
    const i = l.indexOf('=');
    return [l.slice(0, i), l.slice(i + 1)];
  }));
}

/**
 * A raw RPC request, signed by ali-oss's STS signer (lib/sts.js _getSignature) unless
 * opts.signature is given. Resolves { status, json, text }.
 */
export async function rawRpc(srv, params, opts = {}) {
  return rpc(srv, params, { version: RAM_VERSION, ...opts });
}

export function readPolicy(bucket, actions) {
  return {
    Version: '1',
    Statement: [{
      Effect: 'Allow',
      Action: actions,
      Resource: [`acs:oss:*:*:${bucket}`, `acs:oss:*:*:${bucket}/*`],
    }],
  };
}
