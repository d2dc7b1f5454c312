// Offline signing through the SDK: presigned URLs (V4 by default, V1 on request). No network
// access; the signer's permissions are checked by the server when the URL is used. Pure apart
// from reading the clock when no signing time is given. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ossd/credentials.hpp"
#include "ossd/error.hpp"

namespace ossd::sdk {

inline constexpr int64_t kMaxV4ExpiresSeconds = 604800;  // seven days

enum class SignatureVersion { V4, V1 };

struct PresignRequest {
  std::string method = "GET";
  std::string bucket;
  std::string key;              // decoded key
  int64_t expires_s = 3600;     // V4: 1..604800, else InvalidArgument; V1: added to the time
  int64_t signing_time_s = 0;   // unix seconds; 0: now
  // Headers the user of the URL will send. Content-Type, Content-MD5 and x-oss-* are always
  // signed, so they must then be sent with exactly these values.
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::pair<std::string, std::string>> queries;  // decoded, e.g. versionId
  std::vector<std::string> additional_headers;  // V4: more header names to sign (host, range)
  SignatureVersion version = SignatureVersion::V4;
};

// The presigned URL, for the endpoint, region and addressing style of `options`.
Result<std::string> presign_url(const ClientOptions& options, const PresignRequest& request);

}  // namespace ossd::sdk
