#include "auth/rpc_signature.hpp"

#include <algorithm>

#include "common/digest.hpp"
#include "common/encoding.hpp"

namespace ossd::auth {

std::string rpc_percent_encode(std::string_view s) {
  // OSS UriEncode without keep_slash is exactly RFC 3986's unreserved set.
  return uri_encode(s, /*keep_slash=*/false);
}

std::string rpc_canonicalized_query(const RpcParams& params) {
  std::vector<const std::pair<std::string, std::string>*> sorted;
  sorted.reserve(params.size());
  for (const auto& p : params) {
    if (p.first != "Signature") sorted.push_back(&p);
  }
  // std::string compares as unsigned bytes (char_traits<char>::compare), the order the
  // Alibaba Cloud SDKs use; ali-oss's Array.sort() agrees for the ASCII names that occur.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string out;
  for (const auto* p : sorted) {
    if (!out.empty()) out += '&';
    out += rpc_percent_encode(p->first);
    out += '=';
    out += rpc_percent_encode(p->second);
  }
  return out;
}

std::string rpc_string_to_sign(std::string_view method, const RpcParams& params) {
  std::string out;
  for (char c : method) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  out += '&';
  out += rpc_percent_encode("/");
  out += '&';
  out += rpc_percent_encode(rpc_canonicalized_query(params));
  return out;
}

std::string rpc_signature(std::string_view secret, std::string_view string_to_sign) {
  std::string key(secret);
  key += '&';
  return base64_encode(hmac_sha1(key, string_to_sign));
}

}  // namespace ossd::auth
