// STS (issue 5): ali-oss's own OSS.STS client calls AssumeRole on ossd; ali-oss with the
// temporary credentials (stsToken) puts and gets; a presigned URL made from them works until
// the TOKEN expires, even when the URL's own expiry is later. Time is moved with --test-now on
// a restart over the same data folder (the token is self-contained and signed with the data
// folder's master key), never with a sleep.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer, skipWithoutOssd, client, OSS } from '../lib/server.mjs';
import { rpc, rpcOk, createUser, createRoleIssuer, trustPolicy, allow } from '../lib/rpc.mjs';

const BUCKET = 'sts-bucket';
const t0 = Math.floor(Date.now() / 1000);
const basic = (s) => new Date(s * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

describe('STS AssumeRole and temporary credentials', { skip: skipWithoutOssd(), timeout: 120000 }, () => {
  let srv, account, issuer, creds, putUrl, getUrl;

  before(async () => {
    srv = await startServer({ args: ['--test-now', basic(t0)], keepData: true });
    await client(srv).putBucket(BUCKET);
    account = (await rpcOk(srv, { Action: 'GetCallerIdentity' })).AccountId;
    await rpcOk(srv, { Action: 'CreateRole', RoleName: 'web-upload', MaxSessionDuration: '3600',
      AssumeRolePolicyDocument: trustPolicy(`acs:ram::${account}:root`) });
    await rpcOk(srv, { Action: 'CreatePolicy', PolicyName: 'web-upload-objects',
      PolicyDocument: JSON.stringify(allow(['oss:PutObject', 'oss:GetObject'], [`acs:oss:*:*:${BUCKET}/*`])) });
    await rpcOk(srv, { Action: 'AttachPolicyToRole', PolicyType: 'Custom', PolicyName: 'web-upload-objects', RoleName: 'web-upload' });
    issuer = await createRoleIssuer(srv);  // the app server's RAM user that hands out STS credentials
  });

  after(async () => { await srv?.stop(); rmSync(srv.dataDir, { recursive: true, force: true }); });

  test('ali-oss OSS.STS assumeRole returns STS.* credentials that expire DurationSeconds later', async () => {
    const sts = new OSS.STS({ accessKeyId: issuer.keyId, accessKeySecret: issuer.secret, endpoint: srv.endpoint });
    const r = await sts.assumeRole(`acs:ram::${account}:role/web-upload`, null, 900, 'browser-1');
    creds = r.credentials;
    assert.match(creds.AccessKeyId, /^STS\./);
    assert.ok(creds.AccessKeySecret && creds.SecurityToken);
    assert.equal(Date.parse(creds.Expiration) / 1000, t0 + 900);
  });

  test('ali-oss with stsToken puts and gets; the role policy still limits it', async () => {
    const tmp = client(srv, BUCKET, { accessKeyId: creds.AccessKeyId, accessKeySecret: creds.AccessKeySecret, stsToken: creds.SecurityToken });
    await tmp.put('a.txt', Buffer.from('via sts'));
    assert.equal((await tmp.get('a.txt')).content.toString(), 'via sts');
    await assert.rejects(tmp.delete('a.txt'), (e) => e.status === 403 && e.code === 'AccessDenied');
    await assert.rejects(tmp.list(), (e) => e.status === 403 && e.code === 'AccessDenied');
  });

  test('presigned URLs made with the temporary credentials work (V4 PUT, V1 GET)', async () => {
    const tmp = client(srv, BUCKET, { accessKeyId: creds.AccessKeyId, accessKeySecret: creds.AccessKeySecret, stsToken: creds.SecurityToken });
    putUrl = await tmp.signatureUrlV4('PUT', 3600, {}, 'presigned.txt');
    assert.match(putUrl, /x-oss-security-token=/);
    const put = await fetch(putUrl, { method: 'PUT', body: Buffer.from('presigned with sts') });
    assert.equal(put.status, 200, await put.text());
    const v1 = client(srv, BUCKET, { accessKeyId: creds.AccessKeyId, accessKeySecret: creds.AccessKeySecret, stsToken: creds.SecurityToken, authorizationV4: false });
    getUrl = v1.signatureUrl('presigned.txt', { expires: 3600 });
    assert.match(getUrl, /security-token=/);
    const get = await fetch(getUrl);
    assert.equal(await get.text(), 'presigned with sts');
  });

  test('a forged token -> 403 InvalidSecurityToken; no token -> 403 InvalidAccessKeyId', async () => {
    const forged = creds.SecurityToken.slice(0, -4) + (creds.SecurityToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const bad = client(srv, BUCKET, { accessKeyId: creds.AccessKeyId, accessKeySecret: creds.AccessKeySecret, stsToken: forged });
    await assert.rejects(bad.get('a.txt'), (e) => e.status === 403 && e.code === 'InvalidSecurityToken');
    const none = client(srv, BUCKET, { accessKeyId: creds.AccessKeyId, accessKeySecret: creds.AccessKeySecret });
    await assert.rejects(none.get('a.txt'), (e) => e.status === 403 && e.code === 'InvalidAccessKeyId');
  });

  test('AssumeRole refuses a duration outside 900..MaxSessionDuration, an unknown role, the root account, and callers without sts:AssumeRole', async () => {
    const arn = `acs:ram::${account}:role/web-upload`;
    const asIssuer = { keyId: issuer.keyId, secret: issuer.secret };
    let r = await rpc(srv, { Action: 'AssumeRole', RoleArn: arn, RoleSessionName: 's1', DurationSeconds: '899' }, asIssuer);
    assert.equal(r.status, 400);
    assert.equal(r.json.Code, 'InvalidParameter.DurationSeconds');
    r = await rpc(srv, { Action: 'AssumeRole', RoleArn: arn, RoleSessionName: 's1', DurationSeconds: '3601' }, asIssuer);
    assert.equal(r.json.Code, 'InvalidParameter.DurationSeconds');
    r = await rpc(srv, { Action: 'AssumeRole', RoleArn: `acs:ram::${account}:role/nope`, RoleSessionName: 's1' }, asIssuer);
    assert.equal(r.json.Code, 'EntityNotExist.Role');
    // As on Alibaba Cloud, the account's own (root) key may not assume roles.
    r = await rpc(srv, { Action: 'AssumeRole', RoleArn: arn, RoleSessionName: 's1' });
    assert.equal(r.status, 403);
    assert.equal(r.json.Code, 'NoPermission');
    assert.equal(r.json.Message, 'Roles may not be assumed by root accounts.');
    const plain = await createUser(srv, 'no-sts');
    r = await rpc(srv, { Action: 'AssumeRole', RoleArn: arn, RoleSessionName: 's1' }, { keyId: plain.keyId, secret: plain.secret });
    assert.equal(r.status, 403);
    assert.equal(r.json.Code, 'NoPermission');
    const allowed = await createUser(srv, 'may-assume', { 'assume-web': allow('sts:AssumeRole', `acs:ram::${account}:role/web-upload`) });
    r = await rpc(srv, { Action: 'AssumeRole', RoleArn: arn, RoleSessionName: 's2', DurationSeconds: '900' }, { keyId: allowed.keyId, secret: allowed.secret });
    assert.equal(r.status, 200, JSON.stringify(r.json));
  });

  test('the role\'s trust policy decides who may assume it: one named user, a Deny, a malformed document', async () => {
    await rpcOk(srv, { Action: 'CreateRole', RoleName: 'only-alice', AssumeRolePolicyDocument: trustPolicy(`acs:ram::${account}:user/alice`) });
    const alice = await createUser(srv, 'alice', { 'alice-assume': allow('sts:AssumeRole', '*') });
    const arn = `acs:ram::${account}:role/only-alice`;
    let r = await rpc(srv, { Action: 'AssumeRole', RoleArn: arn, RoleSessionName: 'a1' }, { keyId: alice.keyId, secret: alice.secret });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    // The issuer holds sts:AssumeRole on every role, but this role does not trust it.
    r = await rpc(srv, { Action: 'AssumeRole', RoleArn: arn, RoleSessionName: 'i1' }, { keyId: issuer.keyId, secret: issuer.secret });
    assert.equal(r.status, 403, JSON.stringify(r.json));
    assert.equal(r.json.Code, 'NoPermission');
    assert.match(r.json.Message, /trust policy/);
    // A Deny naming the caller wins over the account-wide Allow.
    await rpcOk(srv, { Action: 'CreateRole', RoleName: 'not-issuer', AssumeRolePolicyDocument: JSON.stringify({ Version: '1', Statement: [
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${account}:root`] } },
      { Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { RAM: `acs:ram::${account}:user/${issuer.name}` } }] }) });
    r = await rpc(srv, { Action: 'AssumeRole', RoleArn: `acs:ram::${account}:role/not-issuer`, RoleSessionName: 'i2' }, { keyId: issuer.keyId, secret: issuer.secret });
    assert.equal(r.json.Code, 'NoPermission');
    r = await rpc(srv, { Action: 'AssumeRole', RoleArn: `acs:ram::${account}:role/not-issuer`, RoleSessionName: 'a2' }, { keyId: alice.keyId, secret: alice.secret });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    // UpdateRole changes who is trusted (and the maximum session); a bad document is refused whole.
    const upd = await rpc(srv, { Action: 'UpdateRole', RoleName: 'only-alice',
      NewAssumeRolePolicyDocument: trustPolicy(`acs:ram::${account}:user/alice`, `acs:ram::${account}:user/${issuer.name}`),
      NewMaxSessionDuration: '7200', NewDescription: 'alice and the issuer' });
    assert.equal(upd.status, 200, JSON.stringify(upd.json));
    assert.equal(Number(upd.json.Role.MaxSessionDuration), 7200);
    assert.equal(upd.json.Role.Description, 'alice and the issuer');
    r = await rpc(srv, { Action: 'AssumeRole', RoleArn: arn, RoleSessionName: 'i3', DurationSeconds: '7200' }, { keyId: issuer.keyId, secret: issuer.secret });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    r = await rpc(srv, { Action: 'UpdateRole', RoleName: 'only-alice', NewAssumeRolePolicyDocument: '{"Version":"1","Statement":[{}]}' });
    assert.equal(r.json.Code, 'MalformedPolicyDocument');
    assert.match((await rpc(srv, { Action: 'GetRole', RoleName: 'only-alice' })).json.Role.AssumeRolePolicyDocument, new RegExp(issuer.name));
    r = await rpc(srv, { Action: 'UpdateRole', RoleName: 'nobody', NewDescription: 'x' });
    assert.equal(r.json.Code, 'EntityNotExist.Role');
    // A trust policy without a Principal is refused when the role is created.
    r = await rpc(srv, { Action: 'CreateRole', RoleName: 'broken', AssumeRolePolicyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }) });
    assert.equal(r.status, 400);
    assert.equal(r.json.Code, 'MalformedPolicyDocument');
    assert.match(r.json.Message, /Principal/);
  });

  test('an inline session Policy narrows the role: PutObject only on uploads/', async () => {
    const sts = new OSS.STS({ accessKeyId: issuer.keyId, accessKeySecret: issuer.secret, endpoint: srv.endpoint });
    const { credentials: c } = await sts.assumeRole(`acs:ram::${account}:role/web-upload`,
      allow('oss:PutObject', `acs:oss:*:*:${BUCKET}/uploads/*`), 900, 'narrow');
    const tmp = client(srv, BUCKET, { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, stsToken: c.SecurityToken });
    await tmp.put('uploads/ok.txt', Buffer.from('ok'));
    await assert.rejects(tmp.put('elsewhere.txt', Buffer.from('no')), (e) => e.status === 403);
    await assert.rejects(tmp.get('uploads/ok.txt'), (e) => e.status === 403);
  });

  test('after the token expires (server clock +1000 s) the same presigned URLs fail with SecurityTokenExpired', async () => {
    const dataDir = srv.dataDir;
    await srv.stop();
    srv = await startServer({ dataDir, args: ['--test-now', basic(t0 + 1000)] });
    const moved = (u) => u.replace(/127\.0\.0\.1:\d+|localhost:\d+/, `localhost:${srv.port}`);
    for (const url of [putUrl, getUrl]) {
      const res = await fetch(moved(url), url === putUrl ? { method: 'PUT', body: Buffer.from('late') } : {});
      const body = await res.text();
      assert.equal(res.status, 403, body);
      assert.match(body, /<Code>SecurityTokenExpired<\/Code>/);
    }
    // (A header-signed SDK call made now would first meet RequestTimeTooSkewed: the server's
    // clock is 1000 s ahead of the client's. The URLs carry their own validity window.)
    rmSync(dataDir, { recursive: true, force: true });
  });
});
