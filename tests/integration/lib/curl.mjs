// Runs the real curl binary and returns what it saw: final status, final response headers,
// body bytes and curl's own transfer report (-w '%{json}': size_upload, time_total, ...).
// Every call is bounded by --max-time. Interim responses (100 Continue) are skipped.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, openSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * @param {string[]} args curl arguments (URL included)
 * @param {object} [opts]
 * @param {string} [opts.stdinFile] file fed to curl's standard input (for `-T -`)
 * @param {number} [opts.maxTimeSec] hard bound on the whole transfer
 * @returns {Promise<{status:number, headers:Record<string,string>, body:Buffer, info:object, stderr:string}>}
 */
export async function curl(args, opts = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ossd-curl-'));
  const headerFile = path.join(dir, 'headers');
  const bodyFile = path.join(dir, 'body');
  const maxTime = String(opts.maxTimeSec ?? 30);
  let stdinFd = null;
  try {
    if (opts.stdinFile) stdinFd = openSync(opts.stdinFile, 'r');
    const full = ['-sS', '--max-time', maxTime, '-D', headerFile, '-o', bodyFile, '-w', '%{json}', ...args];
    const { stdout, stderr, code } = await run('curl', full, stdinFd);
    let info = {};
    try { info = JSON.parse(stdout); } catch { /* curl failed before writing the report */ }
    if (code !== 0 && !info.http_code) {
      throw new Error(`curl exited ${code}: ${stderr}\nargs: ${args.join(' ')}`);
    }
    let rawHeaders = '';
    try { rawHeaders = readFileSync(headerFile, 'latin1'); } catch { /* no response */ }
    let body = Buffer.alloc(0);
    try { body = readFileSync(bodyFile); } catch { /* no body */ }
    return { status: Number(info.http_code), headers: lastHeaderBlock(rawHeaders), body, info, stderr, exitCode: code };
  } finally {
    if (stdinFd !== null) closeSync(stdinFd);
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd, args, stdinFd) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: [stdinFd ?? 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

/** Headers of the last response in a -D dump (lowercased names; repeated names joined by ", "). */
export function lastHeaderBlock(raw) {
  const blocks = raw.split(/\r?\n\r?\n/).filter((b) => /^HTTP\//.test(b.trim()));
  const headers = {};
  if (!blocks.length) return headers;
  const lines = blocks[blocks.length - 1].trim().split(/\r?\n/);
  headers[':status-line'] = lines[0];
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}
