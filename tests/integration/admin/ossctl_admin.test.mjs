// `ossctl admin` against the real ossd (docs/admin-api.md, docs/ossctl.md "admin"): the user,
// key, policy and role lifecycles, the RAM error codes for unknown, duplicate and still-referenced
// entities, NoPermission for a caller that is not root, and the keys and STS credentials it hands
// out working (and being limited) with ali-oss.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, bucketName, client } from '../lib/server.mjs';
import { createRoleIssuer } from '../lib/rpc.mjs';
import {
  skipReason, envFor, ossctl, ossctlBin, run, errorOf, fieldsOf, varsOf, readPolicy,
} from './helpers.mjs';

describe('ossctl admin against ossd', { skip: skipReason(), timeout: 180000 }, () => {
  let srv;
  let tmp;
  let root;  // ossctl environment with the root keys
  let issuer;  // ... with a RAM user's keys allowed sts:AssumeRole (the root account may not assume roles)
  let bucket;
  let account;

  before(async () => {
    srv = await startServer();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ossd-it-admin-'));
    root = envFor(srv, tmp);
    bucket = bucketName('admin');
    const oss = client(srv, bucket);
    await oss.putBucket(bucket);
    await oss.put('docs/a.txt', Buffer.from('hello'));
    const who = await ok(['admin', '--json', 'whoami']);
    account = JSON.parse(who.stdout).AccountId;
    const vendor = await createRoleIssuer(srv);
    issuer = envFor(srv, tmp, { id: vendor.keyId, secret: vendor.secret });
  });
  after(async () => {
    await srv?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function ok(args, env = root, stdin = null) {
    const r = await ossctl(args, env, stdin);
    assert.equal(r.code, 0, `ossctl ${args.join(' ')}\n${r.stderr}`);
    return r;
  }

  /** Expects exit 1 with the given RAM/STS error code (a RegExp for "one of"). */
  async function refused(args, code, env = root) {
    const r = await ossctl(args, env);
    assert.equal(r.code, 1, `ossctl ${args.join(' ')} should fail\n${r.stdout}${r.stderr}`);
    const e = errorOf(r);
    if (code instanceof RegExp) assert.match(e.code || '', code, r.stderr);
    else assert.equal(e.code, code, r.stderr);
    assert.ok(e.requestId, `RequestId printed\n${r.stderr}`);
    return e;
  }

  function file(name, text) {
    const p = path.join(tmp, name);
    writeFileSync(p, text);
    return p;
  }

  async function json(args, env = root) {
    return JSON.parse((await ok(['admin', '--json', ...args], env)).stdout);
  }

  test('whoami as root: the account', async () => {
    const id = await json(['whoami']);
    assert.ok(id.RequestId, JSON.stringify(id));
    assert.match(id.AccountId, /^\d+$/, JSON.stringify(id));
    assert.equal(id.IdentityType, 'Account');
    assert.equal(id.Arn, `acs:ram::${account}:root`);
    const human = fieldsOf((await ok(['admin', 'whoami'])).stdout);
    assert.equal(human.AccountId, account);
    assert.equal(human.IdentityType, 'Account');
  });

  test('user lifecycle, duplicate and unknown users', async () => {
    const created = await json(['user', 'create', 'alice', '--display-name', 'Alice A', '--comments', 'tests']);
    assert.equal(created.User.UserName, 'alice');
    assert.equal(created.User.DisplayName, 'Alice A');
    assert.equal(created.User.Comments, 'tests');
    assert.match(created.User.UserId, /\S/);
    assert.match(created.User.CreateDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const shown = await json(['user', 'show', 'alice']);
    assert.equal(shown.User.UserId, created.User.UserId);
    const human = fieldsOf((await ok(['admin', 'user', 'show', 'alice'])).stdout);
    assert.equal(human.UserName, 'alice');
    assert.equal(human.DisplayName, 'Alice A');

    const list = await json(['user', 'ls']);
    assert.ok(Array.isArray(list.Users.User), JSON.stringify(list));
    assert.ok(list.Users.User.some((u) => u.UserName === 'alice'));
    assert.equal(list.IsTruncated, false);
    assert.match((await ok(['admin', 'user', 'ls'])).stdout, /^alice\s/m);

    await refused(['admin', 'user', 'create', 'alice'], 'EntityAlreadyExists.User');
    await refused(['admin', 'user', 'show', 'nobody'], 'EntityNotExist.User');
    await refused(['admin', 'user', 'rm', 'nobody'], 'EntityNotExist.User');
    await refused(['admin', 'key', 'create', 'nobody'], 'EntityNotExist.User');

    await ok(['admin', 'user', 'rm', 'alice']);
    await refused(['admin', 'user', 'show', 'alice'], 'EntityNotExist.User');
    assert.ok(!(await json(['user', 'ls'])).Users.User.some((u) => u.UserName === 'alice'));
  });

  test("a user's key works with ali-oss for what its policy allows, and only while Active", async () => {
    await ok(['admin', 'user', 'create', 'reader']);
    const key = await json(['key', 'create', 'reader']);
    assert.equal(key.AccessKey.Status, 'Active');
    assert.match(key.AccessKey.AccessKeyId, /\S{8,}/);
    assert.match(key.AccessKey.AccessKeySecret, /\S{16,}/);
    const keyId = key.AccessKey.AccessKeyId;
    const asReader = client(srv, bucket, { accessKeyId: keyId, accessKeySecret: key.AccessKey.AccessKeySecret });

    // No policy yet: nothing is allowed.
    await assert.rejects(asReader.get('docs/a.txt'), (e) => e.status === 403 && e.code === 'AccessDenied');

    const policyFile = file('read.json', JSON.stringify(readPolicy(bucket, ['oss:GetObject', 'oss:ListObjects'])));
    const policy = await json(['policy', 'create', 'read-docs', policyFile, '--description', 'read the test bucket']);
    assert.equal(policy.Policy.PolicyName, 'read-docs');
    assert.equal(policy.Policy.PolicyType, 'Custom');
    assert.equal(policy.Policy.DefaultVersion, 'v1');
    assert.equal(policy.Policy.Description, 'read the test bucket');
    await ok(['admin', 'policy', 'attach', 'read-docs', '--user', 'reader']);

    const got = await asReader.get('docs/a.txt');
    assert.equal(got.content.toString(), 'hello');
    const listed = await asReader.listV2({ prefix: 'docs/' });
    assert.deepEqual(listed.objects.map((o) => o.name), ['docs/a.txt']);
    await assert.rejects(asReader.put('docs/b.txt', Buffer.from('no')),
      (e) => e.status === 403 && e.code === 'AccessDenied');

    const keys = await json(['key', 'ls', 'reader']);
    assert.deepEqual(keys.AccessKeys.AccessKey.map((k) => [k.AccessKeyId, k.Status]), [[keyId, 'Active']]);
    assert.ok(!('AccessKeySecret' in keys.AccessKeys.AccessKey[0]), 'ListAccessKeys never returns secrets');

    await ok(['admin', 'key', 'disable', 'reader', keyId]);
    assert.match((await ok(['admin', 'key', 'ls', 'reader'])).stdout, new RegExp(`^${keyId}\\s+Inactive`, 'm'));
    await assert.rejects(asReader.get('docs/a.txt'), (e) => e.status === 403);
    await ok(['admin', 'key', 'enable', 'reader', keyId]);
    assert.equal((await asReader.get('docs/a.txt')).content.toString(), 'hello');

    // Delete conflicts: a user with keys, then with policies; a policy still attached.
    await refused(['admin', 'user', 'rm', 'reader'], 'DeleteConflict.User.AccessKey');
    await refused(['admin', 'key', 'rm', 'reader', 'LTAInotakey000000'], /^EntityNotExist\.User\.AccessKey$|^EntityNotExist\.AccessKey$/);
    await ok(['admin', 'key', 'rm', 'reader', keyId]);
    await assert.rejects(asReader.get('docs/a.txt'), (e) => e.status === 403 && e.code === 'InvalidAccessKeyId');
    await refused(['admin', 'user', 'rm', 'reader'], 'DeleteConflict.User.Policy');
    await refused(['admin', 'policy', 'rm', 'read-docs'], 'DeleteConflict.Policy.User');

    const attached = await json(['policy', 'ls', '--user', 'reader']);
    assert.deepEqual(attached.Policies.Policy.map((p) => p.PolicyName), ['read-docs']);
    await ok(['admin', 'policy', 'detach', 'read-docs', '--user', 'reader']);
    assert.deepEqual((await json(['policy', 'ls', '--user', 'reader'])).Policies.Policy, []);
    await ok(['admin', 'user', 'rm', 'reader']);
    await ok(['admin', 'policy', 'rm', 'read-docs']);
    await refused(['admin', 'policy', 'show', 'read-docs'], 'EntityNotExist.Policy');
  });

  test('policy create from stdin, show, ls; malformed documents and unknown policies', async () => {
    const doc = readPolicy(bucket, ['oss:GetObject']);
    await ok(['admin', 'policy', 'create', 'from-stdin', '-'], root, JSON.stringify(doc));
    const shown = await json(['policy', 'show', 'from-stdin']);
    assert.equal(shown.Policy.PolicyName, 'from-stdin');
    assert.equal(shown.DefaultPolicyVersion.VersionId, 'v1');
    assert.equal(shown.DefaultPolicyVersion.IsDefaultVersion, true);
    assert.deepEqual(JSON.parse(shown.DefaultPolicyVersion.PolicyDocument), doc);
    const human = await ok(['admin', 'policy', 'show', 'from-stdin']);
    assert.match(human.stdout, /^PolicyName: +from-stdin$/m);
    assert.match(human.stdout, /"oss:GetObject"/);
    assert.ok((await json(['policy', 'ls'])).Policies.Policy.some((p) => p.PolicyName === 'from-stdin'));
    await refused(['admin', 'policy', 'create', 'from-stdin', file('again.json', JSON.stringify(doc))],
      'EntityAlreadyExists.Policy');

    await refused(['admin', 'policy', 'create', 'broken', file('broken.json', '{"Version":"1","Statement":[')],
      /^(InvalidParameter\.PolicyDocument|MalformedPolicyDocument)/);
    await refused(['admin', 'policy', 'attach', 'no-such-policy', '--user', 'nobody'], /^EntityNotExist\./);
    await ok(['admin', 'user', 'create', 'carol']);
    await refused(['admin', 'policy', 'attach', 'no-such-policy', '--user', 'carol'], 'EntityNotExist.Policy');
    await ok(['admin', 'user', 'rm', 'carol']);
    await ok(['admin', 'policy', 'rm', 'from-stdin']);
    await refused(['admin', 'policy', 'rm', 'from-stdin'], 'EntityNotExist.Policy');
  });

  test('a caller that is not root gets NoPermission', async () => {
    await ok(['admin', 'user', 'create', 'mallory']);
    const key = (await json(['key', 'create', 'mallory'])).AccessKey;
    const env = envFor(srv, tmp, { id: key.AccessKeyId, secret: key.AccessKeySecret });
    await refused(['admin', 'user', 'ls'], 'NoPermission', env);
    await refused(['admin', 'user', 'create', 'mallory2'], 'NoPermission', env);
    await refused(['admin', 'key', 'create', 'mallory'], 'NoPermission', env);
    // Who they are is not a secret to themselves.
    const me = await json(['whoami'], env);
    assert.equal(me.IdentityType, 'RAMUser');
    assert.equal(me.AccountId, account);
    assert.equal(me.Arn, `acs:ram::${account}:user/mallory`);
    await ok(['admin', 'key', 'rm', 'mallory', key.AccessKeyId]);
    await ok(['admin', 'user', 'rm', 'mallory']);
  });

  test('role lifecycle and sts assume-role credentials used by ali-oss', async () => {
    const role = await json(['role', 'create', 'bucket-reader', '--max-session', '7200']);
    assert.equal(role.Role.RoleName, 'bucket-reader');
    assert.equal(role.Role.Arn, `acs:ram::${account}:role/bucket-reader`);
    assert.equal(Number(role.Role.MaxSessionDuration), 7200);
    assert.match(role.Role.RoleId, /\S/);
    const trust = JSON.parse(role.Role.AssumeRolePolicyDocument);
    assert.equal(trust.Statement[0].Action, 'sts:AssumeRole');
    assert.deepEqual(trust.Statement[0].Principal, { RAM: [`acs:ram::${account}:root`] });
    await refused(['admin', 'role', 'create', 'bucket-reader'], 'EntityAlreadyExists.Role');
    assert.ok((await json(['role', 'ls'])).Roles.Role.some((r) => r.RoleName === 'bucket-reader'));
    const shown = fieldsOf((await ok(['admin', 'role', 'show', 'bucket-reader'])).stdout);
    assert.equal(shown.Arn, role.Role.Arn);
    await refused(['admin', 'role', 'show', 'nobody'], 'EntityNotExist.Role');

    await ok(['admin', 'policy', 'create', 'role-read', file('role-read.json',
      JSON.stringify(readPolicy(bucket, ['oss:GetObject', 'oss:ListObjects'])))]);
    await ok(['admin', 'policy', 'attach', 'role-read', '--role', 'bucket-reader']);
    assert.deepEqual((await json(['policy', 'ls', '--role', 'bucket-reader'])).Policies.Policy.map((p) => p.PolicyName),
      ['role-read']);

    // By name (ossctl builds the ARN) and by ARN; eval-able lines on stdout.
    await refused(['admin', 'sts', 'assume-role', 'bucket-reader'], 'NoPermission');  // as root
    const r = await ok(['admin', 'sts', 'assume-role', 'bucket-reader', '--session', 'it', '--duration', '900'], issuer);
    const vars = varsOf(r.stdout);
    assert.deepEqual(Object.keys(vars), ['OSS_ACCESS_KEY_ID', 'OSS_ACCESS_KEY_SECRET', 'OSS_SESSION_TOKEN']);
    assert.match(vars.OSS_ACCESS_KEY_ID, /^STS\./);
    const sts = await json(['sts', 'assume-role', role.Role.Arn, '--session', 'json'], issuer);
    assert.match(sts.Credentials.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const expiresIn = Date.parse(sts.Credentials.Expiration) - Date.now();
    assert.ok(expiresIn > 3500e3 && expiresIn <= 3600e3 + 5e3, `default 3600 s, got ${expiresIn} ms`);
    assert.equal(sts.AssumedRoleUser.Arn, `acs:ram::${account}:role/bucket-reader/json`);
    assert.match(sts.AssumedRoleUser.AssumedRoleId, /:json$/);

    const asRole = client(srv, bucket, {
      accessKeyId: vars.OSS_ACCESS_KEY_ID,
      accessKeySecret: vars.OSS_ACCESS_KEY_SECRET,
      stsToken: vars.OSS_SESSION_TOKEN,
    });
    assert.equal((await asRole.get('docs/a.txt')).content.toString(), 'hello');
    await assert.rejects(asRole.put('docs/c.txt', Buffer.from('no')),
      (e) => e.status === 403 && e.code === 'AccessDenied');

    // A session policy narrows the role further: no ListObjects.
    const narrow = file('narrow.json', JSON.stringify(readPolicy(bucket, ['oss:GetObject'])));
    const narrowVars = varsOf((await ok(['admin', 'sts', 'assume-role', 'bucket-reader', '--policy', narrow], issuer)).stdout);
    const asNarrow = client(srv, bucket, {
      accessKeyId: narrowVars.OSS_ACCESS_KEY_ID,
      accessKeySecret: narrowVars.OSS_ACCESS_KEY_SECRET,
      stsToken: narrowVars.OSS_SESSION_TOKEN,
    });
    assert.equal((await asNarrow.get('docs/a.txt')).content.toString(), 'hello');
    await assert.rejects(asNarrow.listV2({ prefix: 'docs/' }), (e) => e.status === 403);

    // whoami with the STS credentials.
    const stsEnv = envFor(srv, tmp, {
      id: vars.OSS_ACCESS_KEY_ID, secret: vars.OSS_ACCESS_KEY_SECRET, token: vars.OSS_SESSION_TOKEN,
    });
    const me = await json(['whoami'], stsEnv);
    assert.equal(me.IdentityType, 'AssumedRoleUser');
    assert.equal(me.Arn, `acs:ram::${account}:assumed-role/bucket-reader/it`);

    // Durations outside 900..MaxSessionDuration.
    await refused(['admin', 'sts', 'assume-role', 'bucket-reader', '--duration', '600'], /^InvalidParameter/, issuer);
    await refused(['admin', 'sts', 'assume-role', 'bucket-reader', '--duration', '7201'], /^InvalidParameter/, issuer);
    await refused(['admin', 'sts', 'assume-role', `acs:ram::${account}:role/nobody`], 'EntityNotExist.Role', issuer);

    await refused(['admin', 'role', 'rm', 'bucket-reader'], 'DeleteConflict.Role.Policy');
    await ok(['admin', 'policy', 'detach', 'role-read', '--role', 'bucket-reader']);
    await ok(['admin', 'role', 'rm', 'bucket-reader']);
    await ok(['admin', 'policy', 'rm', 'role-read']);
    await refused(['admin', 'role', 'show', 'bucket-reader'], 'EntityNotExist.Role');
  });

  test('role update: a new trust policy decides who may assume; description and maximum session change', async () => {
    await ok(['admin', 'role', 'create', 'updatable', '--description', 'first']);
    await ok(['admin', 'sts', 'assume-role', 'updatable', '--duration', '900'], issuer);  // the account trusts itself
    const onlyOther = file('trust-other.json', JSON.stringify({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${account}:user/someone-else`] } }],
    }));
    const updated = await json(['role', 'update', 'updatable', '--trust', onlyOther, '--description', 'second',
      '--max-session', '7200']);
    assert.equal(updated.Role.Description, 'second');
    assert.equal(Number(updated.Role.MaxSessionDuration), 7200);
    assert.deepEqual(JSON.parse(updated.Role.AssumeRolePolicyDocument).Statement[0].Principal.RAM,
      [`acs:ram::${account}:user/someone-else`]);
    await refused(['admin', 'sts', 'assume-role', 'updatable'], 'NoPermission', issuer);
    // Only the description: the trust policy and maximum stay.
    const described = await json(['role', 'update', 'updatable', '--description', '']);
    assert.equal(described.Role.Description ?? '', '');
    assert.equal(Number(described.Role.MaxSessionDuration), 7200);
    await refused(['admin', 'sts', 'assume-role', 'updatable'], 'NoPermission', issuer);
    await refused(['admin', 'role', 'update', 'updatable', '--trust', file('bad-trust.json', '{"Version":"1"}')],
      /^MalformedPolicyDocument/);
    await refused(['admin', 'role', 'update', 'nobody', '--description', 'x'], 'EntityNotExist.Role');
    const none = await ossctl(['admin', 'role', 'update', 'updatable'], root);
    assert.equal(none.code, 2, 'nothing to change is a usage error');
    await ok(['admin', 'role', 'rm', 'updatable']);
  });

  test('sts assume-role --export lines work with eval in a shell', async () => {
    await ok(['admin', 'role', 'create', 'shell-role']);
    const script = `eval "$("$OSSCTL" admin sts assume-role shell-role --session sh --export)" && ` +
      '"$OSSCTL" admin --json whoami';
    const r = await run('bash', ['-c', script], { ...issuer, OSSCTL: ossctlBin });
    assert.equal(r.code, 0, r.stderr);
    const me = JSON.parse(r.stdout);
    assert.equal(me.IdentityType, 'AssumedRoleUser');
    assert.equal(me.Arn, `acs:ram::${account}:assumed-role/shell-role/sh`);
    await ok(['admin', 'role', 'rm', 'shell-role']);
  });

  test('usage errors exit 2 without sending anything', async () => {
    const r = await ossctl(['admin', 'policy', 'attach', 'p'], root);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--user USER or --role ROLE/);
    assert.equal((await ossctl(['admin', 'key', 'disable', 'onlyuser'], root)).code, 2);
    assert.equal((await ossctl(['admin', 'sts', 'assume-role', 'r', '--duration', 'soon'], root)).code, 2);
  });
});
