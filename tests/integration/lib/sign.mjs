// Signature V1 header auth (auth.md c.1, c.2) computed here, independently of ali-oss, for tests
// that must send a request no SDK would build (repeated headers, hostile bodies) with curl.
import crypto from 'node:crypto';
import { ROOT_KEY_ID, ROOT_KEY_SECRET } from './server.mjs';

/**
 * Headers that sign `method /bucket/key?subresource` with V1 for the root key.
 * @returns {string[]} curl -H arguments: Date, Authorization and, when given, Content-MD5 / Content-Type
 */
export function v1Headers({ method, bucket, key = '', subresource = '', body = null, contentType = '' }) {
  const date = new Date().toUTCString();
  const md5 = body === null ? '' : crypto.createHash('md5').update(body).digest('base64');
  const resource = `/${bucket}/${key}${subresource ? `?${subresource}` : ''}`;
  const stringToSign = `${method}\n${md5}\n${contentType}\n${date}\n${resource}`;
  const signature = crypto.createHmac('sha1', ROOT_KEY_SECRET).update(stringToSign).digest('base64');
  const headers = [`Date: ${date}`, `Authorization: OSS ${ROOT_KEY_ID}:${signature}`];
  if (md5) headers.push(`Content-MD5: ${md5}`);
  headers.push(contentType ? `Content-Type: ${contentType}` : 'Content-Type:');  // 'Name:' makes curl send none
  return headers.flatMap((h) => ['-H', h]);
}
