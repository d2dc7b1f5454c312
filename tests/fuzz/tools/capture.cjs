// Captures real requests sent by ali-oss 6.23.0 (frozen clock) into files under out/<name>.
const RealDate = Date;
const FIXED = RealDate.UTC(2024, 10, 12, 8, 32, 39);
global.Date = class extends RealDate {
  constructor(...a) { if (a.length === 0) super(FIXED); else super(...a); }
  static now() { return FIXED; }
};
const http = require('http');
const fs = require('fs');
const OSS = require('ali-oss');
const { STS } = require('ali-oss');
fs.mkdirSync('out', { recursive: true });
let current = 'x', seq = 0;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    let head = `${req.method} ${req.url} HTTP/1.1\r\n`;
    for (let i = 0; i < req.rawHeaders.length; i += 2) head += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
    fs.writeFileSync(`out/${current}-${seq++}`, Buffer.concat([Buffer.from(head + '\r\n'), ...chunks]));
    if (req.url.includes('Action=') || req.method === 'POST' && !req.headers['content-type']?.startsWith('multipart')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ RequestId: 'r', Credentials: { AccessKeyId: 'STS.x', AccessKeySecret: 's', SecurityToken: 't', Expiration: '2024-11-12T09:32:39Z' } }));
    } else {
      res.writeHead(200, { 'Content-Type': 'application/xml', ETag: '"5EB63BBBE01EEED093CB22BB8F5ACDC3"' });
      res.end('');
    }
  });
});
server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const ep = `http://127.0.0.1:${port}`;
  const base = { accessKeyId: 'LTAI5tOssdVectorKeyId01', accessKeySecret: 'OssdVectorSecret0123456789abcdefGHIJ',
                 region: 'oss-cn-hangzhou', endpoint: ep, bucket: 'examplebucket' };
  const v1 = new OSS(base);
  const v4 = new OSS({ ...base, authorizationV4: true });
  const sts = new OSS({ ...base, authorizationV4: true, stsToken: 'CAISOssdFakeStsToken+/abc=def==', accessKeyId: 'STS.NUgYrLnoC37mZZCNnAbez****' });
  const run = async (name, f) => { current = name; try { await f(); } catch (e) { /* responses are fake */ } };
  for (const [tag, c] of [['v1', v1], ['v4', v4]]) {
    await run(`${tag}-put`, () => c.put('dir/a.txt', Buffer.from('hello world')));
    await run(`${tag}-put-meta`, () => c.put('中文/键 name+%.txt', Buffer.from('x'), { headers: { 'x-oss-meta-author': 'eric', 'Cache-Control': 'no-cache', 'x-oss-object-acl': 'private' } }));
    await run(`${tag}-get-range`, () => c.get('dir/a.txt', { headers: { Range: 'bytes=0-99', 'If-Modified-Since': 'Tue, 12 Nov 2024 08:32:38 GMT', 'If-None-Match': '"5EB63BBBE01EEED093CB22BB8F5ACDC3"' } }));
    await run(`${tag}-head-ifmatch`, () => c.head('dir/a.txt', { headers: { 'If-Match': '"5EB63BBBE01EEED093CB22BB8F5ACDC3"', 'If-Unmodified-Since': 'Tue, 12 Nov 2024 08:32:38 GMT' } }));
    await run(`${tag}-copy`, () => c.copy('dir/b.txt', 'dir/a.txt', { headers: { 'x-oss-copy-source-if-match': '5EB63BBBE01EEED093CB22BB8F5ACDC3', 'x-oss-copy-source-if-modified-since': 'Mon, 11 Nov 2024 08:32:38 GMT' } }));
    await run(`${tag}-delete-multi`, () => c.deleteMulti(['dir/a.txt', 'dir/b.txt', '中文/键 name+%.txt', 'a&b<c>'], { quiet: true }));
    await run(`${tag}-put-cors`, () => c.putBucketCORS('examplebucket', [
      { allowedOrigin: ['http://www.example.com', 'https://*.example.org'], allowedMethod: ['GET', 'PUT', 'POST'], allowedHeader: ['*'], exposeHeader: ['ETag', 'x-oss-request-id'], maxAgeSeconds: '600' },
      { allowedOrigin: '*', allowedMethod: 'HEAD' }]));
    await run(`${tag}-put-bucket`, () => c.putBucket('examplebucket', { StorageClass: 'IA', DataRedundancyType: 'LRS' }));
    await run(`${tag}-put-policy`, () => c.putBucketPolicy('examplebucket', { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:GetObject', 'oss:ListObjects'], Principal: ['*'], Resource: ['acs:oss:*:1234567890123456:examplebucket/*', 'acs:oss:*:1234567890123456:examplebucket'], Condition: { IpAddress: { 'acs:SourceIp': ['192.168.0.0/16'] }, StringLike: { 'oss:Prefix': ['dir/*'] } } }] }));
    await run(`${tag}-list`, () => c.list({ prefix: 'dir/', delimiter: '/', marker: 'dir/a', 'max-keys': 100 }));
    await run(`${tag}-list-v2`, () => c.listV2({ prefix: 'dir/', 'continuation-token': 'abc', 'max-keys': 10 }));
    await run(`${tag}-bucket-info`, () => c.getBucketInfo('examplebucket'));
    await run(`${tag}-put-acl`, () => c.putACL('dir/a.txt', 'public-read'));
    await run(`${tag}-object-meta`, () => c.getObjectMeta('dir/a.txt'));
    await run(`${tag}-delete`, () => c.delete('dir/a.txt'));
    await run(`${tag}-list-buckets`, () => c.listBuckets({ prefix: 'ex' }));
  }
  await run('sts-put', () => sts.put('dir/a.txt', Buffer.from('hello world')));
  await run('v1-url', () => fetch(v1.signatureUrl('dir/a.txt', { expires: 3600, response: { 'content-type': 'text/plain' } })));
  await run('v4-url', async () => fetch(await v4.signatureUrlV4('GET', 3600, { headers: {}, queries: { 'response-content-disposition': 'attachment' } }, 'dir/a.txt')));
  // PostObject forms, as a browser submits them (fields from ali-oss's policy helpers).
  const policy = { expiration: '2024-11-12T09:32:39.000Z', conditions: [['content-length-range', 0, 1048576], { bucket: 'examplebucket' }, ['starts-with', '$key', 'user/'], ['eq', '$success_action_status', '201'], ['in', '$content-type', ['image/jpg', 'text/plain']]] };
  await run('post-v1', async () => {
    const sig = v1.calculatePostSignature(policy);
    const f = new FormData();
    f.append('key', 'user/${filename}'); f.append('OSSAccessKeyId', sig.OSSAccessKeyId); f.append('policy', sig.policy);
    f.append('Signature', sig.Signature); f.append('success_action_status', '201'); f.append('x-oss-meta-a', 'b');
    f.append('file', new Blob(['hello world'], { type: 'text/plain' }), 'a.txt');
    await fetch(`${ep}/examplebucket`, { method: 'POST', body: f });
  });
  await run('post-v4', async () => {
    const { getCredential } = require('ali-oss/lib/common/signUtils');
    const date = new Date();
    const iso = date.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const cred = `LTAI5tOssdVectorKeyId01/${iso.slice(0, 8)}/cn-hangzhou/oss/aliyun_v4_request`;
    const p = { ...policy, conditions: [...policy.conditions, { 'x-oss-signature-version': 'OSS4-HMAC-SHA256' }, { 'x-oss-credential': cred }, { 'x-oss-date': iso }] };
    const signed = v4.signPostObjectPolicyV4(p, date);
    const f = new FormData();
    f.append('key', 'user/a.txt'); f.append('policy', Buffer.from(JSON.stringify(p)).toString('base64'));
    f.append('x-oss-signature-version', 'OSS4-HMAC-SHA256'); f.append('x-oss-credential', cred); f.append('x-oss-date', iso);
    f.append('x-oss-signature', signed); f.append('success_action_status', '201'); f.append('content-type', 'text/plain');
    f.append('file', new Blob(['hello world'], { type: 'text/plain' }), 'a.txt');
    await fetch(`${ep}/examplebucket`, { method: 'POST', body: f });
  });
  const stsClient = new STS({ accessKeyId: 'LTAI5tOssdVectorKeyId01', accessKeySecret: 'OssdVectorSecret0123456789abcdefGHIJ', endpoint: ep + '/' });
  await run('sts-assume-role', () => stsClient.assumeRole('acs:ram::1234567890123456:role/reader', '', 3600, 'session1'));
  await run('sts-assume-role-policy', () => stsClient.assumeRole('acs:ram::1234567890123456:role/reader', { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:GetObject'], Resource: ['acs:oss:*:*:examplebucket/*'] }] }, 900, 'session-2'));
  server.close();
});
