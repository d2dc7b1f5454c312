// The upload page (served by ossd at /_ossd/upload). The link's fragment carries the bucket and
// a signed PostObject policy (made by `ossctl share upload`); the fragment never leaves the
// browser, so the signature reaches no server log. Each file is sent as its own PostObject
// (multipart/form-data POST to /<bucket>, same origin) with key = prefix + file name.
'use strict';

const PAGE_PARAMS = new Set(['bucket']);  // fragment parameters that are not form fields
const PARALLEL = 3;                       // uploads running at once

const $ = (id) => document.getElementById(id);

// "10 MiB", "1.5 KiB", "12 B".
function formatBytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  const text = Number.isInteger(n) ? String(n) : n.toFixed(1);
  return `${text} ${units[i]}`;
}

function decodePolicy(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

// What the link allows: { bucket, fields: [[name, value]...], prefix, maxSize, expiresAt }.
// Throws when the fragment is missing or damaged.
function readLink(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const bucket = params.get('bucket');
  const policyText = params.get('policy');
  if (!bucket || !policyText) throw new Error('incomplete');
  const policy = decodePolicy(policyText);
  const expiresAt = Date.parse(policy.expiration);
  if (!Array.isArray(policy.conditions) || Number.isNaN(expiresAt)) throw new Error('bad policy');
  let prefix = '';
  let maxSize = Infinity;
  for (const c of policy.conditions) {
    if (!Array.isArray(c)) continue;
    if (c[0] === 'starts-with' && String(c[1]).toLowerCase() === '$key') prefix = String(c[2]);
    if (c[0] === 'content-length-range') maxSize = Number(c[2]);
  }
  const fields = [...params].filter(([name]) => !PAGE_PARAMS.has(name));
  return { bucket, fields, prefix, maxSize, expiresAt };
}

const expiredText = (link) =>
  `This link has expired (it was valid until ${new Date(link.expiresAt).toLocaleString()}). ` +
  'Ask the sender for a new link.';
const tooLargeText = (link) => `File too large (limit ${formatBytes(link.maxSize)})`;

// OSS's error document (<Error><Code/><Message/>...) in words a recipient understands.
function explain(link, file, status, xmlText) {
  let code = '';
  let message = '';
  try {
    const doc = new DOMParser().parseFromString(xmlText || '', 'application/xml');
    code = doc.querySelector('Error > Code')?.textContent ?? '';
    message = doc.querySelector('Error > Message')?.textContent ?? '';
  } catch { /* not XML: fall through to the status */ }
  let words;
  if (status === 0) words = 'Network error: the server could not be reached.';
  else if (/policy expired/i.test(message)) words = expiredText(link);
  else if (code === 'EntityTooLarge' || (/content-length-range/i.test(message) && file.size > link.maxSize)) words = tooLargeText(link);
  else if (code === 'EntityTooSmall' || /content-length-range/i.test(message)) words = 'File too small for this link.';
  else if (/policy condition failed/i.test(message)) words = "Not allowed by the link's policy.";
  else if (code === 'SignatureDoesNotMatch') words = 'This link is damaged or was changed (signature does not match).';
  else if (code === 'InvalidAccessKeyId') words = "The link's access key is not valid any more.";
  else if (code === 'NoSuchBucket') words = 'The destination bucket does not exist.';
  else if (code === 'FileAlreadyExists') words = 'A file with this name already exists there.';
  else if (code === 'AccessDenied') words = `Access denied: ${message}`;
  else words = message || `Upload failed (HTTP ${status}).`;
  return { words, code: code ? `${code}${message ? ': ' + message : ''}` : `HTTP ${status}` };
}

function announce(text) { $('status').textContent = text; }

// One list entry per file: name, size, progress bar, percentage and a message line.
function addItem(file) {
  const li = document.createElement('li');
  li.className = 'item';
  li.dataset.state = 'queued';
  li.innerHTML =
    '<div class="item-head"><span class="item-name"></span><span class="item-size"></span></div>' +
    '<div class="item-bar"><progress max="100" value="0"></progress><span class="item-percent">0 %</span></div>' +
    '<p class="item-message">Waiting…</p>';
  li.querySelector('.item-name').textContent = file.name;
  li.querySelector('.item-size').textContent = formatBytes(file.size);
  li.querySelector('progress').setAttribute('aria-label', `Upload progress of ${file.name}`);
  $('list').append(li);
  $('list-title').hidden = false;
  return li;
}

function setProgress(li, percent) {
  li.querySelector('progress').value = percent;
  li.querySelector('.item-percent').textContent = `${percent} %`;
}

function finish(li, file, ok, words, code) {
  li.dataset.state = ok ? 'done' : 'failed';
  li.classList.add(ok ? 'done' : 'failed');
  const p = li.querySelector('.item-message');
  p.textContent = words;
  if (code) {
    const small = document.createElement('span');
    small.className = 'item-code';
    small.textContent = ` (${code})`;
    p.append(small);
  }
  announce(`${file.name}: ${words}`);
}

function upload(link, file, li) {
  if (Date.now() >= link.expiresAt) return Promise.resolve(finish(li, file, false, expiredText(link)));
  if (file.size > link.maxSize) return Promise.resolve(finish(li, file, false, tooLargeText(link)));
  const form = new FormData();
  for (const [name, value] of link.fields) form.append(name, value);
  form.append('key', link.prefix + file.name);  // must precede the file (spec d)
  form.append('file', file);                    // must be the last field
  li.dataset.state = 'uploading';
  li.querySelector('.item-message').textContent = 'Uploading…';
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/${encodeURIComponent(link.bucket)}`);
    xhr.upload.onprogress = (e) => {
      // 100 % is shown only once the server has accepted the file.
      if (e.lengthComputable) setProgress(li, Math.min(99, Math.floor((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        setProgress(li, 100);
        finish(li, file, true, `Uploaded as ${link.prefix}${file.name}`);
      } else {
        const { words, code } = explain(link, file, xhr.status, xhr.responseText);
        finish(li, file, false, words, code);
      }
      resolve();
    };
    xhr.onerror = () => {
      const { words } = explain(link, file, 0, '');
      finish(li, file, false, words);
      resolve();
    };
    xhr.send(form);
  });
}

// Uploads the files, PARALLEL at a time.
async function uploadAll(link, files) {
  const queue = [...files].map((file) => ({ file, li: addItem(file) }));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await upload(link, next.file, next.li);
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

function showLinkError(text) {
  $('summary').hidden = true;
  $('picker').hidden = true;
  const box = $('link-error');
  box.textContent = text;
  box.hidden = false;
}

function describe(link) {
  const where = document.createElement('code');
  where.textContent = `${link.bucket}/${link.prefix}`;
  const summary = $('summary');
  summary.textContent = 'Files go to ';
  summary.append(where, `. This link works until ${new Date(link.expiresAt).toLocaleString()}.`);
  $('limit').textContent = Number.isFinite(link.maxSize) ? `Up to ${formatBytes(link.maxSize)} per file` : '';
}

function start() {
  let link;
  try {
    link = readLink(location.hash);
  } catch {
    showLinkError('This link is incomplete or damaged. Ask the sender for a new link.');
    return;
  }
  if (Date.now() >= link.expiresAt) {
    showLinkError(expiredText(link));
    return;
  }
  describe(link);
  $('picker').hidden = false;
  const input = $('files');
  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = '';  // the same file may be picked again
    uploadAll(link, files);
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('dragging'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    uploadAll(link, e.dataTransfer.files);
  });
}

document.addEventListener('DOMContentLoaded', start);
