// Who the SDK signs as and where it sends requests. Plain values; thread-safe to copy and read.
// Resolving these from flags, environment and files is the caller's business (ossctl does it in
// src/cli/config.cpp); the SDK reads no environment itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ossd::sdk {

struct Credentials {
  std::string access_key_id;
  std::string access_key_secret;
  std::string security_token;  // STS only; signed as x-oss-security-token
};

struct ClientOptions {
  Credentials credentials;
  // Region id. "oss-cn-hangzhou" is accepted as well as "cn-hangzhou" (ali-oss vs Go v2 spelling).
  std::string region = "cn-hangzhou";
  // "http://127.0.0.1:9000", "https://oss-cn-hangzhou.aliyuncs.com" or a bare host (https).
  // Empty: https://oss-<region>.aliyuncs.com.
  std::string endpoint;
  // nullopt: path-style when the endpoint host is an IP literal or "localhost" (what ossd and
  // Go v2 do), virtual-hosted otherwise.
  std::optional<bool> path_style;
  bool cname = false;            // the endpoint is a custom domain bound to the bucket
  long connect_timeout_ms = 10000;
  bool verify_tls = true;
};

// "oss-cn-hangzhou" -> "cn-hangzhou"; other values unchanged.
std::string region_id(std::string_view region);

// Endpoint split into the scheme and "host[:port]" the signer needs.
struct EndpointParts {
  std::string scheme;  // "http" or "https"
  std::string host;    // "127.0.0.1:9000"
};
EndpointParts split_endpoint(const ClientOptions& options);

// True for IP literals (v4 or [v6]) and "localhost", with or without a port.
bool is_path_style_host(std::string_view host);
bool effective_path_style(const ClientOptions& options);

}  // namespace ossd::sdk
