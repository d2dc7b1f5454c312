// Alibaba Cloud RPC signature 1.0 (docs/admin-api.md "Signature"): the signing scheme of the
// RAM/STS-shaped admin API. Pure functions, thread-safe; the server verifies with the same
// functions the SDK signs with, and tests/unit/auth/rpc_signature_test.cpp pins them to the
// bytes ali-oss's STS client (lib/sts.js _getSignature) produces.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ossd::auth {

using RpcParams = std::vector<std::pair<std::string, std::string>>;

// RFC 3986 percent-encoding: A-Z a-z 0-9 - _ . ~ kept, every other byte %XY (uppercase),
// so space is %20, '*' is %2A and '/' is %2F.
std::string rpc_percent_encode(std::string_view s);

// Parameters except "Signature", sorted by name in byte order (stable for equal names),
// each percentEncode(name)=percentEncode(value), joined with '&'.
std::string rpc_canonicalized_query(const RpcParams& params);

// METHOD & percentEncode("/") & percentEncode(canonicalized query); METHOD as given
// (uppercased, as ali-oss does).
std::string rpc_string_to_sign(std::string_view method, const RpcParams& params);

// base64(HMAC-SHA1(secret + "&", string_to_sign)).
std::string rpc_signature(std::string_view secret, std::string_view string_to_sign);

}  // namespace ossd::auth
