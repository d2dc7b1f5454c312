// The admin API's wire contract (docs/admin-api.md) with raw requests and Alibaba Cloud's own
// client code: RPC signature 1.0 as ali-oss signs it, POST form and GET query, the JSON error
// body, and the checks on keys, timestamps, nonces and parameters. OSS.STS#assumeRole, the
// official client, runs against ossd unchanged.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, skipWithoutOssd, OSS, ROOT_KEY_ID, ROOT_KEY_SECRET,
} from '../lib/server.mjs';
import { rawRpc } from './helpers.mjs';
import { createRoleIssuer, trustPolicy } from '../lib/rpc.mjs';

describe('admin API wire protocol', { skip: skipWithoutOssd(), timeout: 60000 }, () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { await srv?.stop(); });

  /** A 4xx JSON error with every member of the contract. */
  function assertRpcError(r, code, status) {
    assert.ok(r.json, `JSON body expected, got ${r.status} ${r.text}`);
    assert.equal(r.json.Code, code, r.text);
    if (status) assert.equal(r.status, status, r.text);
    assert.ok(r.status >= 400 && r.status < 500, r.text);
    assert.match(r.json.RequestId || '', /\S/, r.text);
    assert.ok('HostId' in r.json, r.text);
    assert.match(r.json.Message || '', /\S/, r.text);
    assert.match(r.contentType || '', /json/, `Content-Type ${r.contentType}`);
  }

  test('POST form and GET query both work and answer JSON with a RequestId', async () => {
    const post = await rawRpc(srv, { Action: 'ListUsers' });
    assert.equal(post.status, 200, post.text);
    assert.match(post.json.RequestId, /\S/);
    assert.deepEqual(post.json.Users.User, []);
    assert.match(post.contentType || '', /json/);
    const get = await rawRpc(srv, { Action: 'GetCallerIdentity' }, { method: 'GET', version: '2015-04-01' });
    assert.equal(get.status, 200, get.text);
    assert.equal(get.json.IdentityType, 'Account');
  });

  test('awkward parameter values survive signing (space, *, ~, UTF-8, /, =)', async () => {
    const r = await rawRpc(srv, {
      Action: 'CreateUser', UserName: 'awk', DisplayName: 'Zoë 名字', Comments: 'a b*c~d/e=f&g+h',
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.User.DisplayName, 'Zoë 名字');
    assert.equal(r.json.User.Comments, 'a b*c~d/e=f&g+h');
    assert.equal((await rawRpc(srv, { Action: 'DeleteUser', UserName: 'awk' })).status, 200);
  });

  test('bad signature: SignatureDoesNotMatch', async () => {
    assertRpcError(await rawRpc(srv, { Action: 'ListUsers' }, { secret: 'not-the-secret' }), 'SignatureDoesNotMatch');
    assertRpcError(await rawRpc(srv, { Action: 'ListUsers' }, { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }),
      'SignatureDoesNotMatch');
  });

  test('unknown key: InvalidAccessKeyId.NotFound', async () => {
    assertRpcError(await rawRpc(srv, { Action: 'ListUsers' }, { keyId: 'LTAInosuchkey0000', secret: 'x' }),
      'InvalidAccessKeyId.NotFound');
  });

  test('timestamp outside ±15 minutes: InvalidTimeStamp.Expired', async () => {
    const old = new Date(Date.now() - 20 * 60e3).toISOString().replace(/\.\d{3}Z$/, 'Z');
    assertRpcError(await rawRpc(srv, { Action: 'ListUsers' }, { timestamp: old }), 'InvalidTimeStamp.Expired');
    const future = new Date(Date.now() + 20 * 60e3).toISOString().replace(/\.\d{3}Z$/, 'Z');
    assertRpcError(await rawRpc(srv, { Action: 'ListUsers' }, { timestamp: future }), 'InvalidTimeStamp.Expired');
  });

  test('a reused SignatureNonce: SignatureNonceUsed', async () => {
    const nonce = `nonce-${Date.now()}-${Math.random()}`;
    assert.equal((await rawRpc(srv, { Action: 'ListUsers' }, { nonce })).status, 200);
    assertRpcError(await rawRpc(srv, { Action: 'ListUsers' }, { nonce }), 'SignatureNonceUsed');
  });

  test('Version: missing -> MissingParameter; not the family\'s (RAM 2015-05-01, STS 2015-04-01) -> InvalidVersion', async () => {
    const missing = await rawRpc(srv, { Action: 'ListUsers' }, { version: null });
    assertRpcError(missing, 'MissingParameter', 400);
    assert.match(missing.json.Message, /Version/);
    for (const [Action, version] of [['ListUsers', '2015-04-01'], ['GetCallerIdentity', '2015-05-01'], ['ListUsers', '2099-01-01']]) {
      const r = await rawRpc(srv, { Action }, { version });
      assertRpcError(r, 'InvalidVersion', 400);
      assert.equal(r.json.Message, 'Specified parameter Version is not valid.');
    }
  });

  test('a missing required parameter: MissingParameter naming it', async () => {
    const r = await rawRpc(srv, { Action: 'CreateUser' });
    assertRpcError(r, 'MissingParameter');
    assert.match(r.json.Message, /UserName/);
  });

  test('keys: at most two per user; an Inactive key is refused; unknown actions', async () => {
    assert.equal((await rawRpc(srv, { Action: 'CreateUser', UserName: 'keys' })).status, 200);
    const first = (await rawRpc(srv, { Action: 'CreateAccessKey', UserName: 'keys' })).json.AccessKey;
    assert.equal((await rawRpc(srv, { Action: 'CreateAccessKey', UserName: 'keys' })).status, 200);
    assertRpcError(await rawRpc(srv, { Action: 'CreateAccessKey', UserName: 'keys' }), 'LimitExceeded.User.AccessKey', 409);
    const asUser = { keyId: first.AccessKeyId, secret: first.AccessKeySecret, version: '2015-04-01' };
    assert.equal((await rawRpc(srv, { Action: 'GetCallerIdentity' }, asUser)).status, 200);
    const off = await rawRpc(srv, {
      Action: 'UpdateAccessKey', UserName: 'keys', UserAccessKeyId: first.AccessKeyId, Status: 'Inactive',
    });
    assert.equal(off.status, 200, off.text);
    const inactive = await rawRpc(srv, { Action: 'GetCallerIdentity' }, asUser);
    assertRpcError(inactive, 'InvalidAccessKeyId.Inactive', 400);
    assert.equal(inactive.json.Message, 'Specified access key is disabled.');
    assertRpcError(await rawRpc(srv, {
      Action: 'UpdateAccessKey', UserName: 'keys', UserAccessKeyId: first.AccessKeyId, Status: 'Off',
    }), 'InvalidParameter.Status', 400);
    assertRpcError(await rawRpc(srv, { Action: 'NoSuchAction' }), 'InvalidAction.NotFound', 404);
  });

  test('ali-oss OSS.STS assumeRole works against ossd (as a RAM user: the root account is refused)', async () => {
    const account = (await rawRpc(srv, { Action: 'GetCallerIdentity' }, { version: '2015-04-01' })).json.AccountId;
    const created = await rawRpc(srv, {
      Action: 'CreateRole', RoleName: 'sts-client', AssumeRolePolicyDocument: trustPolicy(`acs:ram::${account}:root`),
    });
    assert.equal(created.status, 200, created.text);
    const arn = created.json.Role.Arn;
    await assert.rejects(
      new OSS.STS({ accessKeyId: ROOT_KEY_ID, accessKeySecret: ROOT_KEY_SECRET, endpoint: srv.endpoint })
        .assumeRole(arn, null, 900, 'as-root'),
      (e) => e.code === 'NoPermission' && e.status === 403 && /root accounts/.test(e.message),
    );
    const issuer = await createRoleIssuer(srv);
    const sts = new OSS.STS({ accessKeyId: issuer.keyId, accessKeySecret: issuer.secret, endpoint: srv.endpoint });
    // ali-oss sends Timestamp with milliseconds and a Math.random() nonce; both must be accepted.
    const res = await sts.assumeRole(arn, null, 900, 'from-ali-oss');
    assert.match(res.credentials.AccessKeyId, /^STS\./);
    assert.match(res.credentials.SecurityToken, /\S/);
    const expiresIn = Date.parse(res.credentials.Expiration) - Date.now();
    assert.ok(expiresIn > 850e3 && expiresIn <= 905e3, `900 s, got ${expiresIn} ms`);
    await assert.rejects(
      new OSS.STS({ accessKeyId: issuer.keyId, accessKeySecret: 'wrong', endpoint: srv.endpoint })
        .assumeRole(arn, null, 900, 'x'),
      (e) => e.code === 'SignatureDoesNotMatch' && /\S/.test(e.requestId || ''),
    );
    assert.equal((await rawRpc(srv, { Action: 'DeleteRole', RoleName: 'sts-client' })).status, 200);
  });
});
