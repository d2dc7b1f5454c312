// The authorization table of issue 5: identity x operation x resource, each row with the answer
// real OSS gives, run against the real ossd through ali-oss (signed callers) and plain fetch
// (anonymous). Identities are made through the RAM RPC API; the role session through ali-oss's
// own OSS.STS client. Setup is done by the root account; rows never change what later rows read
// (PUTs write fresh keys, DELETEs name absent keys: authorization is decided before existence).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, skipWithoutOssd, client, OSS, REGION } from '../lib/server.mjs';
import { rpcOk, createUser, createRoleIssuer, trustPolicy, allow } from '../lib/rpc.mjs';

const skip = skipWithoutOssd();

// Buckets: PRIV private, PUBR public-read, PUBRW public-read-write, BP private + bucket policy.
const PRIV = 'iam-priv', PUBR = 'iam-pubr', PUBRW = 'iam-pubrw', BP = 'iam-bp';

// [label, op, bucket, key]. op: get | put | head | del | list | list:<prefix>
const RESOURCES = {
  R1: ['put', PRIV, 'uploads/new.txt'],
  R2: ['put', PRIV, 'docs/new.txt'],
  R3: ['get', PRIV, 'docs/b.txt'],
  R4: ['get', PRIV, 'public-obj.txt'],   // object ACL public-read in a private bucket
  R5: ['del', PRIV, 'uploads/absent.txt'],
  R6: ['list:docs/', PRIV, ''],
  R7: ['list', PRIV, ''],
  R8: ['get', PUBR, 'x.txt'],
  R9: ['get', PUBR, 'private-obj.txt'],  // object ACL private in a public-read bucket
  R10: ['put', PUBRW, 'new.txt'],
  R11: ['get', BP, 'shared/s.txt'],      // bucket policy: Allow GetObject to user "nobody"
  R12: ['head', BP, 'public/p.txt'],     // bucket policy: Allow GetObject to Principal *
  R13: ['del', BP, 'other/absent.txt'],  // bucket policy: Deny DeleteObject to Principal *
};

// Expected answers, one letter per resource R1..R13: A = allowed, D = denied (403).
const EXPECTED = {
  //          R1 R2 R3 R4 R5 R6 R7 R8 R9 R10 R11 R12 R13
  root:     'A  A  A  A  A  A  A  A  A  A   A   A   A',   // owner; a Principal-* Deny without Condition spares the owner
  uploader: 'A  D  D  A  D  D  D  A  D  A   D   A   D',   // oss:PutObject on priv/uploads/* only; ACLs still grant
  reader:   'D  D  A  A  D  A  A  A  D  A   D   A   D',   // Get + List on priv
  admin:    'A  A  A  A  D  A  A  A  A  A   A   A   D',   // oss:* but Deny DeleteObject on priv/*; bucket-policy Deny
  nobody:   'D  D  D  A  D  D  D  A  D  A   A   A   D',   // no policy; named in BP's bucket policy
  iponly:   'D  D  A  A  D  D  D  A  D  A   D   A   D',   // GetObject on priv/* from 127.0.0.1/32
  ipother:  'D  D  D  A  D  D  D  A  D  A   D   A   D',   // same, from 10.0.0.0/8: never matches
  lister:   'D  D  D  A  D  A  D  A  D  A   D   A   D',   // ListObjects with oss:Prefix StringLike docs/*
  session:  'D  D  A  A  D  D  D  D  D  D   D   D   D',   // role oss:* on priv, session policy GetObject on priv/*
  anonymous:'D  D  D  A  D  D  D  A  D  A   D   A   D',   // ACLs and Principal-* statements only
};

describe('authorization matrix (issue 5): identity x action x resource', { skip }, () => {
  let srv;
  const callers = {};

  before(async () => {
    srv = await startServer();
    const root = (bucket) => client(srv, bucket);
    await root().putBucket(PRIV);
    await root().putBucket(PUBR, { acl: 'public-read' });
    await root().putBucket(PUBRW, { acl: 'public-read-write' });
    await root().putBucket(BP);
    await root(PRIV).put('docs/b.txt', Buffer.from('b'));
    await root(PRIV).put('public-obj.txt', Buffer.from('p'));
    await root(PRIV).putACL('public-obj.txt', 'public-read');
    await root(PUBR).put('x.txt', Buffer.from('x'));
    await root(PUBR).put('private-obj.txt', Buffer.from('q'), { headers: { 'x-oss-object-acl': 'private' } });
    await root(BP).put('shared/s.txt', Buffer.from('s'));
    await root(BP).put('public/p.txt', Buffer.from('p'));

    const res = (b, k = '') => `acs:oss:*:*:${b}${k}`;
    const users = {
      uploader: { up: allow(['oss:PutObject'], [res(PRIV, '/uploads/*')]) },
      reader: { rd: allow(['oss:GetObject', 'oss:ListObjects'], [res(PRIV), res(PRIV, '/*')]) },
      admin: {
        adm: {
          Version: '1',
          Statement: [
            { Effect: 'Allow', Action: 'oss:*', Resource: '*' },
            { Effect: 'Deny', Action: 'oss:DeleteObject', Resource: res(PRIV, '/*') },
          ],
        },
      },
      nobody: {},
      iponly: { ip1: allow('oss:GetObject', res(PRIV, '/*'), { Condition: { IpAddress: { 'acs:SourceIp': '127.0.0.1/32' } } }) },
      ipother: { ip2: allow('oss:GetObject', res(PRIV, '/*'), { Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } } }) },
      lister: { ls: allow('oss:ListObjects', res(PRIV), { Condition: { StringLike: { 'oss:Prefix': 'docs/*' } } }) },
    };
    for (const [name, policies] of Object.entries(users)) {
      const u = await createUser(srv, name, policies);
      callers[name] = { ...u, client: (bucket) => client(srv, bucket, { accessKeyId: u.keyId, accessKeySecret: u.secret }) };
    }

    await client(srv).putBucketPolicy(BP, {
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['oss:GetObject'], Principal: [callers.nobody.id], Resource: [`acs:oss:*:*:${BP}/shared/*`] },
        { Effect: 'Allow', Action: ['oss:GetObject'], Principal: ['*'], Resource: [`acs:oss:*:*:${BP}/public/*`] },
        { Effect: 'Deny', Action: ['oss:DeleteObject'], Principal: ['*'], Resource: [`acs:oss:*:*:${BP}/*`] },
      ],
    });

    // A role with oss:* on PRIV, assumed through ali-oss's STS client with a narrowing session policy.
    const account = (await rpcOk(srv, { Action: 'GetCallerIdentity' })).AccountId;
    await rpcOk(srv, { Action: 'CreateRole', RoleName: 'app', AssumeRolePolicyDocument: trustPolicy(`acs:ram::${account}:root`) });
    await rpcOk(srv, { Action: 'CreatePolicy', PolicyName: 'app-all', PolicyDocument: JSON.stringify(allow('oss:*', [res(PRIV), res(PRIV, '/*')])) });
    await rpcOk(srv, { Action: 'AttachPolicyToRole', PolicyType: 'Custom', PolicyName: 'app-all', RoleName: 'app' });
    const issuer = await createRoleIssuer(srv);  // the root account may not assume roles
    const sts = new OSS.STS({ accessKeyId: issuer.keyId, accessKeySecret: issuer.secret, endpoint: srv.endpoint });
    const { credentials } = await sts.assumeRole(`acs:ram::${account}:role/app`, allow('oss:GetObject', res(PRIV, '/*')), 900, 'matrix');
    callers.session = {
      client: (bucket) => client(srv, bucket, {
        accessKeyId: credentials.AccessKeyId, accessKeySecret: credentials.AccessKeySecret, stsToken: credentials.SecurityToken,
      }),
    };
    callers.root = { client: (bucket) => client(srv, bucket) };
  });

  after(async () => { await srv?.stop(); });

  async function signed(who, op, bucket, key) {
    const c = callers[who].client(bucket);
    try {
      if (op === 'get') await c.get(key);
      else if (op === 'head') await c.head(key);
      else if (op === 'put') await c.put(key, Buffer.from(`by ${who}`));
      else if (op === 'del') await c.delete(key);
      else if (op.startsWith('list')) {
        const prefix = op.split(':')[1];
        await c.list(prefix ? { prefix, 'max-keys': 10 } : { 'max-keys': 10 });
      }
      return { status: 200 };
    } catch (err) {
      return { status: err.status, code: err.code };
    }
  }

  async function anonymous(op, bucket, key) {
    const url = new URL(`${srv.endpoint}/${bucket}/${key}`);
    if (op.startsWith('list:')) url.searchParams.set('prefix', op.split(':')[1]);
    const method = { get: 'GET', head: 'HEAD', put: 'PUT', del: 'DELETE', list: 'GET' }[op.split(':')[0]];
    const res = await fetch(url, { method, body: method === 'PUT' ? 'anon' : undefined });
    const body = await res.text();
    return { status: res.status, code: /<Code>([^<]+)<\/Code>/.exec(body)?.[1] };
  }

  let rows = 0;
  for (const [who, line] of Object.entries(EXPECTED)) {
    const answers = line.split(/\s+/);
    assert.equal(answers.length, Object.keys(RESOURCES).length, `row ${who}`);
    Object.entries(RESOURCES).forEach(([label, [op, bucket, key]], i) => {
      const want = answers[i];
      rows += 1;
      test(`${who} ${op} ${bucket}/${key} -> ${want === 'A' ? 'allowed' : 'AccessDenied'} (${label})`, async () => {
        const got = who === 'anonymous' ? await anonymous(op, bucket, key) : await signed(who, op, bucket, key);
        if (want === 'A') {
          assert.ok(got.status >= 200 && got.status < 300, `expected success, got ${got.status} ${got.code}`);
        } else {
          assert.equal(got.status, 403, `expected 403, got ${got.status} ${got.code}`);
          if (op !== 'head') assert.equal(got.code, 'AccessDenied');
        }
      });
    });
  }
  test('the table has at least 100 rows', () => assert.ok(rows >= 100, `${rows} rows`));
});
