// Shared by the browser suites: headless Debian chromium through playwright-core (installed by
// scripts/setup-test-clients.sh and npm ci), ossctl with the integration keys, a small page
// server on another origin, and where screenshots go.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { repoRoot, ROOT_KEY_ID, ROOT_KEY_SECRET } from '../lib/server.mjs';
import { probeFile, needClient } from '../clients/lib.mjs';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const ossctlBin = process.env.OSSCTL_BIN || path.join(repoRoot, 'build/src/cli/ossctl');

/** Runs ossctl against `port` with the integration root key; resolves { code, stdout, stderr }. */
export async function ossctl(port, args) {
  const env = { ...process.env, OSS_ACCESS_KEY_ID: ROOT_KEY_ID, OSS_ACCESS_KEY_SECRET: ROOT_KEY_SECRET,
    OSS_REGION: 'cn-hangzhou', OSS_ENDPOINT: `http://127.0.0.1:${port}` };
  try {
    const { stdout, stderr } = await promisify(execFile)(ossctlBin, args, { env, timeout: 30000 });
    return { code: 0, stdout: stdout.trim(), stderr };
  } catch (err) {
    return { code: err.code, stdout: String(err.stdout || '').trim(), stderr: String(err.stderr || '') };
  }
}

/** `ossctl share upload`'s link, failing the test on a non-zero exit. */
export async function shareUpload(port, uri, extra = []) {
  const r = await ossctl(port, ['share', 'upload', uri, ...extra]);
  if (r.code !== 0) throw new Error(`ossctl share upload failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

/** The form fields carried by an upload link's fragment, in order (without the bucket). */
export function linkFields(link) {
  const params = new URLSearchParams(new URL(link).hash.slice(1));
  return [...params].filter(([name]) => name !== 'bucket');
}

/** "20241112T083238Z" for a Date. */
export function basicIso(date) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Launches chromium, or returns { unavailable } with the reason when it is not installed (the
 * test then skips only if setup-test-clients.sh recorded that it could not install it).
 */
export async function launchChromium() {
  const missing = probeFile(CHROMIUM);
  if (missing) return { unavailable: missing };
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    throw new Error(`playwright-core is not installed (cd tests/integration && npm ci): ${err.message}`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60000 });
  return { browser };
}

export async function ready(t, launched) {
  if (launched.unavailable) return needClient(t, 'chromium', () => launched.unavailable);
  return true;
}

/** Folder for screenshots: $OSSD_TEST_OUTPUT_DIR, else tests/integration/output (gitignored). */
export function outputDir() {
  const dir = process.env.OSSD_TEST_OUTPUT_DIR || path.join(repoRoot, 'tests/integration/output');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Serves `pages` (path -> HTML string) on 127.0.0.1: an origin other than ossd's. */
export async function startPageServer(pages) {
  const server = http.createServer((req, res) => {
    const body = pages.get(req.url.split('?')[0]);
    if (body === undefined) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
