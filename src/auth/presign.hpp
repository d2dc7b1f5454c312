// CLIENT-side signing for the C++ SDK and ossctl: V4 and V1 presigned URLs and Authorization
// headers (docs/spec/auth.md a, b, c). Follows Go v2 where the SDKs differ: UriEncode for the
// path and query (ali-oss leaves ! ' ( ) * raw), byte-order query sorting and `k` for empty
// values (spec h.9). Offline and pure apart from reading the clock when no time is given.
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "auth/canonical.hpp"
#include "common/headers.hpp"
#include "oss/errors.hpp"

namespace ossd::auth {

inline constexpr int64_t kMaxV4Expires = 604800;  // seven days

struct Credentials {
  std::string access_key_id;
  std::string access_key_secret;
  std::string security_token;  // empty unless STS
};

struct SignOptions {
  std::string method = "GET";
  std::string bucket;                  // empty: service-level request (ListBuckets)
  std::string key;                     // decoded object key; empty: bucket level
  std::string region = "cn-hangzhou";  // region id, without the "oss-" prefix
  std::string endpoint;                // "host[:port]"; empty: oss-<region>.aliyuncs.com
  std::string scheme = "https";
  bool path_style = false;     // http://endpoint/bucket/key instead of http://bucket.endpoint/key
  bool cname = false;          // endpoint is bound to the bucket: http://endpoint/key
  int64_t expires_s = 3600;    // URL validity (V4: duration; V1: added to the signing time)
  int64_t signing_time_s = 0;  // unix seconds; 0: now
  Headers headers;             // headers the request will carry (some of them get signed)
  QueryPairs queries;          // the caller's own query parameters (versionId, x-oss-process...)
  std::vector<std::string> additional_headers;  // V4: extra header names to sign (e.g. host, range)
  std::string product = "oss";
};

// What a signer produced, with its intermediate forms for debugging (ossctl --debug).
struct Signed {
  std::string url;                // presigned URL (empty for header signing)
  std::string authorization;      // Authorization value (empty for URLs)
  Headers headers_to_add;         // x-oss-date, x-oss-content-sha256, x-oss-security-token
  std::string canonical_request;  // V4 only
  std::string string_to_sign;
  std::string signature;
};

// V4 presigned URL (ali-oss signatureUrlV4). Fails with InvalidArgument when expires_s is not in
// 1..604800, like the Go v2 SDK.
Result<Signed> presign_v4(const Credentials& creds, const SignOptions& options);

// V1 presigned URL (ali-oss signatureUrl): Expires = signing time + expires_s.
Result<Signed> presign_v1(const Credentials& creds, const SignOptions& options);

// V4 Authorization header for a request with options.headers and options.queries.
Signed sign_v4_header(const Credentials& creds, const SignOptions& options);

// V1 Authorization header ("OSS ak:signature"); the date goes in x-oss-date as RFC 1123.
Signed sign_v1_header(const Credentials& creds, const SignOptions& options);

// The host and path a request for `options` goes to (also used by the SDK transport).
std::string request_host(const SignOptions& options);
std::string request_path(const SignOptions& options);  // percent-encoded

}  // namespace ossd::auth
