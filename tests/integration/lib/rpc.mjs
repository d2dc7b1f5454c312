// Calls ossd's RAM/STS RPC API the way Alibaba Cloud's RPC clients do: form POST to the endpoint,
// signature 1.0 computed by ali-oss's own STS client code (OSS.STS#_getSignature), so the tests
// sign with the SDK's bytes rather than a re-implementation. docs/admin-api.md.
import crypto from 'node:crypto';
import { OSS, ROOT_KEY_ID, ROOT_KEY_SECRET } from './server.mjs';

export const RAM_VERSION = '2015-05-01';
export const STS_VERSION = '2015-04-01';

/**
 * @returns {Promise<{status:number, json:object|null, text:string, contentType:string|null}>}
 */
export async function rpc(srv, params, opts = {}) {
  const keyId = opts.keyId || ROOT_KEY_ID;
  const secret = opts.secret ?? ROOT_KEY_SECRET;
  const method = opts.method || 'POST';
  const all = {
    Format: 'JSON',
    Version: opts.version || (/^(AssumeRole|GetCallerIdentity)$/.test(params.Action) ? STS_VERSION : RAM_VERSION),
    AccessKeyId: keyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: opts.nonce || crypto.randomUUID(),
    Timestamp: opts.timestamp || new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...params,
  };
  if (opts.version === null) delete all.Version;  // to test the refusal of a call without one
  if (opts.token) all.SecurityToken = opts.token;
  const sts = new OSS.STS({ accessKeyId: keyId, accessKeySecret: secret || 'x' });  // the client refuses an empty secret
  all.Signature = opts.signature || sts._getSignature(method, all, secret);
  const query = new URLSearchParams(all).toString();
  const res = method === 'GET'
    ? await fetch(`${srv.endpoint}/?${query}`)
    : await fetch(`${srv.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: query,
    });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* left null: the caller reports the text */ }
  return { status: res.status, json, text, contentType: res.headers.get('content-type'), headers: res.headers };
}

/** rpc() that throws unless the call succeeded; returns the JSON body. */
export async function rpcOk(srv, params, opts) {
  const r = await rpc(srv, params, opts);
  if (r.status !== 200) throw new Error(`${params.Action} -> ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}

/** Creates a user with one access key and the given custom policies (name -> document). */
export async function createUser(srv, name, policies = {}) {
  const user = (await rpcOk(srv, { Action: 'CreateUser', UserName: name })).User;
  const key = (await rpcOk(srv, { Action: 'CreateAccessKey', UserName: name })).AccessKey;
  for (const [policyName, doc] of Object.entries(policies)) {
    await rpcOk(srv, { Action: 'CreatePolicy', PolicyName: policyName, PolicyDocument: JSON.stringify(doc) });
    await rpcOk(srv, { Action: 'AttachPolicyToUser', PolicyType: 'Custom', PolicyName: policyName, UserName: name });
  }
  return { id: user.UserId, name, keyId: key.AccessKeyId, secret: key.AccessKeySecret };
}

export function allow(actions, resources, extra = {}) {
  return { Version: '1', Statement: [{ Effect: 'Allow', Action: actions, Resource: resources, ...extra }] };
}

/** A role trust policy (AssumeRolePolicyDocument) naming the given RAM principals. */
export function trustPolicy(...principals) {
  return JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: principals } }] });
}

/**
 * A user allowed sts:AssumeRole on every role: the caller of AssumeRole, since the root account
 * may not assume roles (as on Alibaba Cloud). Returns createUser()'s record.
 */
export async function createRoleIssuer(srv, name = 'sts-issuer') {
  return createUser(srv, name, { [`${name}-assume`]: allow('sts:AssumeRole', 'acs:ram:*:*:role/*') });
}
