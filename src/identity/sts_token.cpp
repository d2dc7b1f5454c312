#include "identity/sts_token.hpp"

#include "common/digest.hpp"
#include "common/encoding.hpp"

#include <boost/json.hpp>

namespace ossd::identity {
namespace {

constexpr std::string_view kPrefix = "ossd1.";
namespace json = boost::json;

}  // namespace

std::string mint_sts_token(const StsClaims& c, std::string_view mac_key) {
  json::object o;
  o["k"] = c.access_key_id;
  o["r"] = c.role;
  o["s"] = c.session;
  if (!c.policy.empty()) o["p"] = c.policy;
  o["i"] = c.issued_s;
  o["e"] = c.expires_s;
  std::string body = std::string(kPrefix) + base64_encode(json::serialize(o));
  return body + "." + base64_encode(hmac_sha256(mac_key, body));
}

std::optional<StsClaims> parse_sts_token(std::string_view token, std::string_view mac_key) {
  if (!token.starts_with(kPrefix)) return std::nullopt;
  auto dot = token.rfind('.');
  if (dot <= kPrefix.size()) return std::nullopt;
  std::string_view body = token.substr(0, dot);
  if (!constant_time_equals(base64_encode(hmac_sha256(mac_key, body)), token.substr(dot + 1))) return std::nullopt;
  auto text = base64_decode(body.substr(kPrefix.size()));
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  json::value v = json::parse(*text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const json::object& o = v.as_object();
  auto str = [&](const char* k) -> std::string {
    const json::value* f = o.if_contains(k);
    return f && f->is_string() ? std::string(f->as_string()) : std::string();
  };
  auto num = [&](const char* k) -> int64_t {
    const json::value* f = o.if_contains(k);
    return f && f->is_int64() ? f->as_int64() : 0;
  };
  StsClaims c{str("k"), str("r"), str("s"), str("p"), num("i"), num("e")};
  if (c.access_key_id.empty() || c.role.empty() || c.expires_s == 0) return std::nullopt;
  return c;
}

std::string sts_secret(std::string_view access_key_id, std::string_view secret_key) {
  // 30 characters like a permanent AccessKeySecret; base64 of the MAC minus its padding.
  return base64_encode(hmac_sha256(secret_key, access_key_id)).substr(0, 30);
}

}  // namespace ossd::identity
