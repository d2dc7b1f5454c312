#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz/corpus/ (a one-off tool: nothing runs it at build or
test time; tests/fuzz/README.md says how the committed seeds were made).

  make_corpus.py CAPTURE_DIR VECTORS_DIR

CAPTURE_DIR holds the requests that tools/capture.cjs recorded from ali-oss 6.23.0 (frozen
clock 2024-11-12T08:32:39Z); VECTORS_DIR is the auth test vectors folder (ali-oss 6.23.0, same
fake keys). RAM RPC seeds are signed here with the same key (signature 1.0, as ali-oss's STS
client signs). Every seed is a request written as its HTTP/1.1 head and body."""
import base64, hashlib, hmac, json, os, struct, sys, urllib.parse

CAPTURE, VECTORS = sys.argv[1], sys.argv[2]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'corpus')
SECRET = 'OssdVectorSecret0123456789abcdefGHIJ'
OSS_HOST = 'examplebucket.oss-cn-hangzhou.aliyuncs.com'


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def captured(prefix):
    """name -> bytes of the captured requests whose file name starts with prefix."""
    out = {}
    for f in sorted(os.listdir(CAPTURE)):
        if f.startswith(prefix):
            out[f.rsplit('-', 1)[0]] = open(os.path.join(CAPTURE, f), 'rb').read()
    return out


def head_and_body(req):
    head, _, body = req.partition(b'\r\n\r\n')
    return head, body


def request_text(r, host_header=None):
    """A vector's request object as a request head."""
    target = r['raw_path'] + ('?' + r['raw_query'] if r.get('raw_query') else '')
    lines = ['%s %s HTTP/1.1' % (r['method'], target), 'Host: %s' % (host_header or r.get('host_header') or r['host'])]
    for k, v in (r.get('headers') or r.get('headers_to_send') or {}).items():
        lines.append('%s: %s' % (k, v))
    return '\r\n'.join(lines) + '\r\n\r\n'


def vectors(name):
    return json.load(open(os.path.join(VECTORS, name)))['vectors']


def url_request(method, url, headers=None):
    u = urllib.parse.urlsplit(url)
    lines = ['%s %s%s HTTP/1.1' % (method, u.path, '?' + u.query if u.query else ''), 'Host: %s' % u.netloc]
    lines += ['%s: %s' % kv for kv in (headers or {}).items()]
    return '\r\n'.join(lines) + '\r\n\r\n'


def rpc_request(method, params, sign=True):
    """A RAM/STS RPC call signed with signature 1.0 (HMAC-SHA1 over METHOD&%2F&query)."""
    enc = lambda s: urllib.parse.quote(s, safe='-_.~')
    params = dict(params, Format='JSON', AccessKeyId='LTAI5tOssdVectorKeyId01', SignatureMethod='HMAC-SHA1',
                  SignatureVersion='1.0', SignatureNonce='seed-' + params['Action'] + str(len(params)),
                  Timestamp='2024-11-12T08:32:39Z')
    query = '&'.join('%s=%s' % (enc(k), enc(v)) for k, v in sorted(params.items()))
    sts = '%s&%s&%s' % (method, enc('/'), enc(query))
    sig = base64.b64encode(hmac.new((SECRET + '&').encode(), sts.encode(), hashlib.sha1).digest()).decode()
    body = query + ('&Signature=' + enc(sig) if sign else '')
    if method == 'GET':
        return 'GET /?%s HTTP/1.1\r\nHost: localhost\r\n\r\n' % body
    return ('POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n'
            'Content-Length: %d\r\n\r\n%s' % (len(body), body))


def form(fields, boundary='----WebKitFormBoundary7MA4YWxkTrZu0gW', file=b'hello world'):
    parts = []
    for k, v in fields:
        parts.append('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (boundary, k, v))
    body = ''.join(parts).encode() + ('--%s\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
                                     'Content-Type: text/plain\r\n\r\n' % boundary).encode() + file + \
        ('\r\n--%s--\r\n' % boundary).encode()
    head = 'POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\n\r\n' % (
        OSS_HOST, boundary, len(body))
    return head.encode() + body


def main():
    oss = {k: v for k, v in captured('v').items() if not k.endswith('-url')}
    v1 = {k: v for k, v in oss.items() if k.startswith('v1-')}
    v4 = {k: v for k, v in oss.items() if k.startswith('v4-')}
    v4url = captured('v4-url')['v4-url'].replace(b'host: 127.0.0.1', b'host: ' + OSS_HOST.encode() + b'\r\nx-port:')

    # router: every operation shape ali-oss sends, plus the few ossd-specific ones.
    for k, v in v4.items():
        write('router', k, v)
    for k in ('sts-assume-role', 'post-v1'):
        write('router', k, next(iter(captured(k).values())))
    extra = {
        'path-style-localhost': 'GET /examplebucket/dir/a.txt?versionId=null HTTP/1.1\r\nHost: localhost:8080\r\n\r\n',
        'path-style-ip-delete': 'POST /examplebucket/?delete HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-MD5: x\r\n\r\n',
        'sld-bucket-in-host-and-path': 'POST /examplebucket/?delete HTTP/1.1\r\nHost: examplebucket.localhost\r\n\r\n',
        'web-asset': 'GET /_ossd/upload.html HTTP/1.1\r\nHost: localhost\r\n\r\n',
        'options-preflight': 'OPTIONS /dir/a.txt HTTP/1.1\r\nHost: %s\r\nOrigin: http://www.example.com\r\n'
                             'Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: x-oss-meta-a\r\n\r\n' % OSS_HOST,
        'rpc-get': 'GET /?Action=GetCallerIdentity&Version=2015-04-01 HTTP/1.1\r\nHost: localhost\r\n\r\n',
        'unsupported-subresource': 'GET /?lifecycle HTTP/1.1\r\nHost: %s\r\n\r\n' % OSS_HOST,
        'cors-get': 'GET /?cors HTTP/1.1\r\nHost: %s\r\n\r\n' % OSS_HOST,
        'acl-object-get': 'GET /dir/a.txt?acl HTTP/1.1\r\nHost: %s\r\n\r\n' % OSS_HOST,
        'location': 'GET /?location HTTP/1.1\r\nHost: %s\r\n\r\n' % OSS_HOST,
    }
    for k, v in extra.items():
        write('router', k, v)

    # auth_v4 / auth_v1: captured requests and the signing vectors (header and presigned).
    for k, v in v4.items():
        write('auth_v4', k, v)
    write('auth_v4', 'sts-put', captured('sts-put')['sts-put'])
    write('auth_v4', 'v4-url', v4url)
    for v in vectors('v4_header.json'):
        write('auth_v4', v['id'], request_text(v['output']['request']))
    for v in vectors('v4_presign.json')[::3]:
        write('auth_v4', v['id'], request_text(v['output']['request']))
    for k, v in v1.items():
        write('auth_v1', k, v)
    for v in vectors('v1_header.json'):
        write('auth_v1', v['id'], request_text(v['output']['request']))
    for v in vectors('v1_presign.json'):
        write('auth_v1', v['id'], request_text(v['output']['request']))
    for v in vectors('negative.json'):
        target = 'auth_v1' if v['output']['base_kind'].startswith('v1') else 'auth_v4'
        r = v['output']['request']
        write(target, v['id'], url_request(r['method'], r['url'], r.get('headers')))

    # range: header value, then 1 flag byte (x-oss-range-behavior: standard) and the object size.
    for i, (value, size, standard) in enumerate([
            ('bytes=0-99', 1000, 0), ('bytes=-100', 1000, 0), ('bytes=100-', 1000, 1), ('bytes=0-0,5-9', 10, 1),
            ('bytes=999-1000', 1000, 0), ('bytes=-0', 0, 1), (' Bytes=5-2', 10, 1), ('items=0-1', 10, 0),
            ('bytes=18446744073709551615-', 2**64 - 1, 0), ('bytes=-18446744073709551616', 5, 1)]):
        write('range', 'range-%d' % i, value.encode() + bytes([standard]) + struct.pack('<Q', size))

    # conditions: the conditional requests ali-oss sent, and RFC 7232 shapes it does not.
    for k in ('v4-get-range', 'v4-head-ifmatch', 'v4-copy'):
        write('conditions', k, v4[k])
    for i, hdrs in enumerate([
            'If-Match: W/"abc", "5eb63bbbe01eeed093cb22bb8f5acdc3"\r\nIf-None-Match: *',
            'If-None-Match: "a,b", W/"5EB63BBBE01EEED093CB22BB8F5ACDC3"\r\nIf-Modified-Since: Sunday, 06-Nov-94 08:49:37 GMT',
            'If-Unmodified-Since: Sun Nov  6 08:49:37 1994\r\nIf-Modified-Since: 2024-11-12T08:32:38.000Z',
            'x-oss-copy-source-if-none-match: 5EB63BBBE01EEED093CB22BB8F5ACDC3\r\nx-oss-copy-source-if-unmodified-since: Tue, 12 Nov 2024 08:32:38 GMT\r\nx-oss-date: 20241112T083239Z']):
        write('conditions', 'shape-%d' % i, 'GET /dir/a.txt HTTP/1.1\r\nHost: %s\r\n%s\r\n\r\n' % (OSS_HOST, hdrs))

    # xml: the bodies ali-oss sent, and the optional elements it does not send.
    for k in ('v4-delete-multi', 'v4-put-cors', 'v4-put-bucket'):
        write('xml', k, head_and_body(v4[k])[1])
    write('xml', 'delete-not-quiet', '<?xml version="1.0" encoding="UTF-8"?><Delete><Quiet>false</Quiet>'
          '<Object><Key>a&amp;b</Key></Object><Object><Key><![CDATA[x<y]]></Key></Object></Delete>')
    write('xml', 'cors-vary', '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET'
          '</AllowedMethod><AllowedHeader>x-oss-*</AllowedHeader><MaxAgeSeconds>100</MaxAgeSeconds></CORSRule>'
          '<ResponseVary>true</ResponseVary></CORSConfiguration>')
    write('xml', 'bucket-config-empty', '<CreateBucketConfiguration/>')

    # policy: bucket policy ali-oss sent, identity and session policies, trust policies.
    write('policy', 'bucket-policy', head_and_body(v4['v4-put-policy'])[1])
    docs = {
        'identity-read-only': {'Version': '1', 'Statement': [{'Effect': 'Allow', 'Action': ['oss:Get*', 'oss:List*'],
                                                             'Resource': ['acs:oss:*:*:examplebucket', 'acs:oss:*:*:examplebucket/*']}]},
        'identity-deny-not': {'Version': '1', 'Statement': [{'Effect': 'Deny', 'NotAction': 'oss:GetObject',
                                                            'NotResource': 'acs:oss:*:*:examplebucket/public/*'}]},
        'identity-conditions': {'Version': '1', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*', 'Condition': {
            'DateLessThan': {'acs:CurrentTime': '2025-01-01T00:00:00Z'}, 'Bool': {'acs:SecureTransport': 'true'},
            'NumericLessThanEquals': {'oss:MaxKeys': '100'}, 'NotIpAddress': {'acs:SourceIp': ['10.0.0.0/8', '2001:db8::/32']},
            'StringNotLike': {'acs:UserAgent': '*curl*'}, 'StringEqualsIgnoreCase': {'acs:Referer': 'HTTP://WWW.EXAMPLE.COM/'}}}]},
        'bucket-principal-user': {'Version': '1', 'Statement': [{'Effect': 'Deny', 'Action': ['oss:PutObject'],
                                                                'Principal': ['203456789012345678', 'arn:sts::1234567890123456:assumed-role/reader/*'],
                                                                'Resource': 'acs:oss:cn-hangzhou:1234567890123456:examplebucket/dir/*'}]},
        'trust-ram': {'Version': '1', 'Statement': [{'Effect': 'Allow', 'Action': 'sts:AssumeRole',
                                                    'Principal': {'RAM': ['acs:ram::1234567890123456:root']}}]},
        'trust-mixed': {'Version': '1', 'Statement': [
            {'Effect': 'Deny', 'Action': ['sts:AssumeRole'], 'Principal': {'RAM': 'acs:ram::1234567890123456:user/bob'}},
            {'Effect': 'Allow', 'Action': 'sts:*', 'Principal': {'Service': ['ecs.aliyuncs.com']},
             'Condition': {'StringEquals': {'sts:ExternalId': 'x'}}}]},
    }
    for k, v in docs.items():
        write('policy', k, json.dumps(v))

    # post_object: the forms a browser (undici) sent with ali-oss's fields, the vectors' forms;
    # 4 trailing bytes choose how the body is cut.
    for k in ('post-v1', 'post-v4'):
        write('post_object', k, next(iter(captured(k).values())) + struct.pack('<I', 7))
    for i, v in enumerate(vectors('post_policy.json')):
        fields = [('key', 'user/eric/${filename}')] + list(v['output']['form_fields'].items())
        write('post_object', v['id'], form(fields) + struct.pack('<I', 13 + i))
    write('post_object', 'anonymous-quoted-boundary',
          form([('key', 'a.txt'), ('success_action_status', '201')], boundary='a"b').replace(
              b'boundary=a"b', b'boundary="a\\"b"') + struct.pack('<I', 1))

    # rpc: ali-oss's STS client (AssumeRole, POST), RAM calls signed like it, harness-signed ones.
    for k in ('sts-assume-role', 'sts-assume-role-policy'):
        write('rpc', k, next(iter(captured(k).values())))
    trust = json.dumps(docs['trust-ram'])
    policy = json.dumps(docs['identity-read-only'])
    calls = [
        ('GET', {'Action': 'GetCallerIdentity', 'Version': '2015-04-01'}),
        ('POST', {'Action': 'CreateUser', 'Version': '2015-05-01', 'UserName': 'alice', 'DisplayName': 'Alice'}),
        ('POST', {'Action': 'CreateAccessKey', 'Version': '2015-05-01', 'UserName': 'alice'}),
        ('POST', {'Action': 'CreatePolicy', 'Version': '2015-05-01', 'PolicyName': 'read', 'PolicyDocument': policy}),
        ('POST', {'Action': 'AttachPolicyToUser', 'Version': '2015-05-01', 'PolicyType': 'Custom', 'PolicyName': 'read', 'UserName': 'alice'}),
        ('POST', {'Action': 'CreateRole', 'Version': '2015-05-01', 'RoleName': 'reader', 'AssumeRolePolicyDocument': trust, 'MaxSessionDuration': '7200'}),
        ('POST', {'Action': 'UpdateRole', 'Version': '2015-05-01', 'RoleName': 'reader', 'NewMaxSessionDuration': '3600'}),
        ('GET', {'Action': 'ListUsers', 'Version': '2015-05-01'}),
        ('POST', {'Action': 'UpdateAccessKey', 'Version': '2015-05-01', 'UserName': 'alice', 'UserAccessKeyId': 'LTAIx', 'Status': 'Inactive'}),
    ]
    for method, params in calls:
        write('rpc', 'ram-' + params['Action'], rpc_request(method, params))
    for method, params in calls[1:4]:
        text = rpc_request(method, params, sign=False).replace('Host: localhost\r\n', 'Host: localhost\r\nx-fuzz-sign: 1\r\n')
        write('rpc', 'harness-signed-' + params['Action'], text)


main()
