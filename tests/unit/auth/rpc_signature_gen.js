// Produces the expected values in rpc_signature_test.cpp from ali-oss's own STS signer
// (lib/sts.js _getSignature). Run from the repo root:
//   node tests/unit/auth/rpc_signature_gen.js
// It captures the exact string ali-oss feeds to HMAC-SHA1 by wrapping crypto.createHmac.
'use strict';
const path = require('path');
const crypto = require('crypto');
const STS = require(path.join(__dirname, '../../integration/node_modules/ali-oss/lib/sts.js'));

const realCreateHmac = crypto.createHmac;
let captured = null;
crypto.createHmac = (alg, key) => {
  const h = realCreateHmac(alg, key);
  const update = h.update.bind(h);
  h.update = (data) => { captured = data; return update(data); };
  return h;
};

const common = {
  Format: 'JSON', Version: '2015-04-01', AccessKeyId: 'testid',
  SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0',
  SignatureNonce: '0.123456789', Timestamp: '2026-01-02T03:04:05Z',
};
const cases = [
  { name: 'AssumeRole', method: 'POST', secret: 'testsecret',
    params: { Action: 'AssumeRole', RoleArn: 'acs:ram::1234567890:role/reader',
              RoleSessionName: 'app', DurationSeconds: '3600', ...common } },
  { name: 'AwkwardValues', method: 'POST', secret: 'sec/ret+=*~',
    params: { Action: 'CreateUser', UserName: 'a b*c~d/e=f&g+h', DisplayName: 'Zoë 名字 ',
              Comments: "!'()*-._~:@", ...common, Version: '2015-05-01' } },
  { name: 'PolicyJsonGet', method: 'get', secret: 'S3cr3t',
    params: { Action: 'CreatePolicy', PolicyName: 'read-only',
              PolicyDocument: '{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObject"],"Resource":["acs:oss:*:*:b/*"]}]}',
              ...common, Version: '2015-05-01', SecurityToken: 'tok=en/x+y' } },
  { name: 'EmptyValueAndCaseOrder', method: 'POST', secret: '',
    params: { b: '', B: '1', a: 'x', Action: 'ListUsers', _z: '2', ...common } },
];
const sts = new STS({ accessKeyId: 'testid', accessKeySecret: 'unused' });
for (const c of cases) {
  captured = null;
  const sig = sts._getSignature(c.method, c.params, c.secret);
  console.log(JSON.stringify({ name: c.name, method: c.method, secret: c.secret,
    params: Object.entries(c.params), stringToSign: captured, signature: sig }));
}
