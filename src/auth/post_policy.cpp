// The order of checks (spec d leaves most of it open, UNCONFIRMED): which auth fields are
// present -> V4 credential/date shape -> policy decodes -> key and STS token -> signature ->
// expiration -> conditions. The signature comes before the policy's content so that an
// unauthenticated caller learns nothing about the conditions.
#include "auth/post_policy.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "auth/v1.hpp"
#include "auth/v4.hpp"
#include "auth/verify_internal.hpp"
#include "common/digest.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"

namespace ossd::auth {
namespace {

namespace json = boost::json;
using detail::access_denied;
using detail::invalid_argument;

constexpr int64_t kMaxFormAgeSeconds = 7 * 24 * 3600;  // spec d.3: valid 7 days after x-oss-date
constexpr std::string_view kSignatureEc = "0002-00000705";

Error bad_policy(std::string message) {
  return Error(ErrorCode::InvalidPolicyDocument, "Invalid Policy: " + std::move(message));
}

Error condition_failed(const PolicyCondition& c) {
  return access_denied("Invalid according to Policy: Policy Condition failed: " + c.text, "");
}

// JSON text of one condition, elements separated by ", " as in OSS's error message.
std::string condition_text(const json::value& v) {
  if (!v.is_array()) return json::serialize(v);
  std::string out = "[";
  for (const auto& e : v.as_array()) {
    if (out.size() > 1) out += ", ";
    out += json::serialize(e);
  }
  return out + "]";
}

// A condition value: a string ("\$" is a literal '$', spec d.1) or a number's decimal text.
std::optional<std::string> value_text(const json::value& v) {
  if (v.is_string()) {
    std::string s(v.as_string());
    for (std::size_t at = s.find("\\$"); at != std::string::npos; at = s.find("\\$", at + 1)) s.erase(at, 1);
    return s;
  }
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  return std::nullopt;
}

std::optional<uint64_t> size_of(const json::value& v) {
  if (v.is_int64() && v.as_int64() >= 0) return static_cast<uint64_t>(v.as_int64());
  if (v.is_uint64()) return v.as_uint64();
  if (v.is_string()) {
    auto n = detail::parse_int(v.as_string());
    if (n && *n >= 0) return static_cast<uint64_t>(*n);
  }
  return std::nullopt;
}

// "$key" -> "key"
std::optional<std::string> field_ref(const json::value& v) {
  if (!v.is_string() || !v.as_string().starts_with("$") || v.as_string().size() < 2) return std::nullopt;
  return to_lower(std::string_view(v.as_string()).substr(1));
}

Result<PolicyCondition> parse_condition(const json::value& v) {
  PolicyCondition c;
  c.text = condition_text(v);
  if (v.is_object()) {
    const json::object& o = v.as_object();
    if (o.size() != 1)
      return bad_policy("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
    auto value = value_text(o.begin()->value());
    if (!value) return bad_policy("Invalid Simple-Condition: the value must be a string.");
    c.field = to_lower(std::string_view(o.begin()->key()));
    c.values.push_back(std::move(*value));
    return c;
  }
  if (!v.is_array() || v.as_array().size() != 3 || !v.as_array()[0].is_string())
    return bad_policy("Invalid Condition: " + c.text);
  const json::array& a = v.as_array();
  std::string op = to_lower(std::string_view(a[0].as_string()));
  if (op == "content-length-range") {
    auto min = size_of(a[1]), max = size_of(a[2]);
    if (!min || !max || *min > *max) return bad_policy("Invalid content-length-range: " + c.text);
    c.kind = PolicyCondition::Kind::ContentLengthRange;
    c.min = *min;
    c.max = *max;
    return c;
  }
  auto field = field_ref(a[1]);
  if (!field) return bad_policy("Invalid Condition: " + c.text);
  c.field = std::move(*field);
  if (op == "eq" || op == "starts-with") {
    c.kind = op == "eq" ? PolicyCondition::Kind::Eq : PolicyCondition::Kind::StartsWith;
    auto value = value_text(a[2]);
    if (!value) return bad_policy("Invalid Condition: " + c.text);
    c.values.push_back(std::move(*value));
    return c;
  }
  if (op == "in" || op == "not-in") {
    c.kind = op == "in" ? PolicyCondition::Kind::In : PolicyCondition::Kind::NotIn;
    if (!a[2].is_array()) return bad_policy("Invalid Condition: " + c.text);
    for (const auto& e : a[2].as_array()) {
      auto value = value_text(e);
      if (!value) return bad_policy("Invalid Condition: " + c.text);
      c.values.push_back(std::move(*value));
    }
    return c;
  }
  return bad_policy("Invalid Condition: unknown operation " + json::serialize(a[0]));
}

// The value a condition names: the request's bucket and key, or a form field ("" if absent).
std::string_view value_for(const PostForm& form, std::string_view field) {
  if (field == "bucket") return form.bucket;
  if (field == "key") return form.key;
  return form_value(form.fields, field).value_or("");
}

bool holds(const PolicyCondition& c, std::string_view value) {
  switch (c.kind) {
    case PolicyCondition::Kind::Eq: return value == c.values[0];
    case PolicyCondition::Kind::StartsWith: return value.starts_with(c.values[0]);
    case PolicyCondition::Kind::In:
    case PolicyCondition::Kind::NotIn: {
      bool found = std::find(c.values.begin(), c.values.end(), value) != c.values.end();
      return found == (c.kind == PolicyCondition::Kind::In);
    }
    case PolicyCondition::Kind::ContentLengthRange: return true;  // checked against the size
  }
  return false;
}

Result<void> check_policy(const PostPolicy& policy, const PostForm& form, int64_t now_s) {
  if (now_s > policy.expiration_s) return access_denied("Invalid according to Policy: Policy expired.", "");
  for (const auto& c : policy.conditions)
    if (!holds(c, value_for(form, c.field))) return condition_failed(c);
  return {};
}

// Spec d.3: the V4 fields (and the STS token) must be pinned by the policy. Their values are
// compared by the ordinary condition check; here only their presence.
Result<void> require_condition(const PostPolicy& policy, std::string_view field) {
  for (const auto& c : policy.conditions)
    if (c.field == field && c.kind == PolicyCondition::Kind::Eq) return {};
  return access_denied("Invalid according to Policy: the policy must contain a condition on " + std::string(field) + ".",
                       "");
}

struct Fields {
  std::optional<std::string_view> policy, access_key_id, signature;                 // V1
  std::optional<std::string_view> version, credential, date, v4_signature;          // V4
  std::optional<std::string_view> token;
};

Fields auth_fields(const FormFields& f) {
  return {form_value(f, "policy"),
          form_value(f, "OSSAccessKeyId"),
          form_value(f, "Signature"),
          form_value(f, "x-oss-signature-version"),
          form_value(f, "x-oss-credential"),
          form_value(f, "x-oss-date"),
          form_value(f, "x-oss-signature"),
          form_value(f, "x-oss-security-token")};
}

Error missing_field(std::string_view name, std::string ec) {
  Error e = invalid_argument("The POST form is missing the " + std::string(name) + " field.", std::move(ec));
  e.with("ArgumentName", std::string(name));
  return e;
}

// The key of an id, and (spec e) its valid token; reuses the header verifier's rules.
Result<KeyRecord> key_for(std::string_view access_key_id, std::optional<std::string_view> token,
                          const KeyLookup& keys, const VerifyConfig& config) {
  RequestView view;
  QueryPairs no_query;
  Headers no_headers;
  detail::Context ctx{view, keys, config, no_query, no_headers};
  auto key = detail::find_key(ctx, access_key_id, token);
  if (!key) return key.error();
  if (auto e = detail::check_security_token(*key, token, access_key_id, config.now_s)) return *e;
  return key;
}

Result<PostAuth> verify_v1(const PostForm& form, const Fields& f, const KeyLookup& keys, const VerifyConfig& config) {
  if (!f.policy) return missing_field("policy", "0002-00000702");
  if (!f.access_key_id) return missing_field("OSSAccessKeyId", "0002-00000702");
  if (!f.signature) return missing_field("Signature", "0002-00000703");
  if (f.signature->empty()) return missing_field("Signature", "0002-00000704");
  auto policy = parse_post_policy(*f.policy);
  if (!policy) return policy.error();
  auto key = key_for(*f.access_key_id, f.token, keys, config);
  if (!key) return key.error();
  if (!constant_time_equals(v1_signature(key->secret, *f.policy), *f.signature))
    return detail::signature_mismatch(*f.access_key_id, *f.signature, *f.policy, "", std::string(kSignatureEc));
  if (auto ok = check_policy(*policy, form, config.now_s); !ok) return ok.error();
  return PostAuth{Identity{Scheme::V1Header, std::string(*f.access_key_id), key->principal, key->security_token.value_or("")}, std::move(*policy)};
}

// "<ak>/<yyyymmdd>/<region>/oss/aliyun_v4_request"
std::optional<std::vector<std::string_view>> credential_parts(std::string_view s) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t slash = s.find('/', start);
    parts.push_back(s.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (parts.back().empty()) return std::nullopt;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (parts.size() != 5 || parts[3] != kV4Product || parts[4] != kV4Terminator) return std::nullopt;
  return parts;
}

Result<PostAuth> verify_v4(const PostForm& form, const Fields& f, const KeyLookup& keys, const VerifyConfig& config) {
  if (!f.policy) return missing_field("policy", "0002-00000702");
  if (!f.version) return missing_field("x-oss-signature-version", "0002-00000702");
  if (!f.credential) return missing_field("x-oss-credential", "0002-00000710");
  if (!f.date) return missing_field("x-oss-date", "0002-00000709");
  if (!f.v4_signature) return missing_field("x-oss-signature", "0002-00000703");
  if (f.v4_signature->empty()) return missing_field("x-oss-signature", "0002-00000704");
  if (*f.version != kV4Algorithm) return invalid_argument("x-oss-signature-version is invalid.", "0002-00000702");
  auto credential = credential_parts(*f.credential);
  if (!credential) return invalid_argument("x-oss-credential is invalid.", "0002-00000710");
  const std::string_view access_key_id = (*credential)[0], day = (*credential)[1], region = (*credential)[2];
  if (region != config.region) {
    Error e = invalid_argument("The signing region in credential is invalid.", "0002-00000715");
    e.with("ArgumentName", "x-oss-credential").with("ArgumentValue", std::string(*f.credential));
    return e;
  }
  auto t = parse_iso8601_basic(*f.date);
  if (!t) return invalid_argument("x-oss-date is invalid.", "0002-00000709");
  if (format_yyyymmdd(*t) != day) return invalid_argument("x-oss-credential is invalid.", "0002-00000710");
  if (config.now_s < *t - detail::kMaxSkewSeconds) return Error(ErrorCode::RequestNotValidYet);
  if (config.now_s > *t + kMaxFormAgeSeconds) return detail::request_expired(*t + kMaxFormAgeSeconds, config.now_s, "");
  auto policy = parse_post_policy(*f.policy);
  if (!policy) return policy.error();
  auto key = key_for(access_key_id, f.token, keys, config);
  if (!key) return key.error();
  for (std::string_view pinned : {"x-oss-signature-version", "x-oss-credential", "x-oss-date"})
    if (auto ok = require_condition(*policy, pinned); !ok) return ok.error();
  if (key->security_token)
    if (auto ok = require_condition(*policy, "x-oss-security-token"); !ok) return ok.error();
  const std::string expected = v4_signature(v4_signing_key(key->secret, day, region), *f.policy);
  if (!constant_time_equals(expected, *f.v4_signature))
    return detail::signature_mismatch(access_key_id, *f.v4_signature, *f.policy, "", std::string(kSignatureEc));
  if (auto ok = check_policy(*policy, form, config.now_s); !ok) return ok.error();
  return PostAuth{Identity{Scheme::V4Header, std::string(access_key_id), key->principal, key->security_token.value_or("")}, std::move(*policy)};
}

}  // namespace

std::optional<std::string_view> form_value(const FormFields& fields, std::string_view name) {
  for (const auto& [k, v] : fields)
    if (iequals(k, name)) return std::string_view(v);
  return std::nullopt;
}

Result<PostPolicy> parse_post_policy(std::string_view base64_policy) {
  auto text = base64_decode(base64_policy);
  if (!text) return bad_policy("Invalid Base64.");
  if (!is_valid_utf8(*text)) return bad_policy("Invalid JSON: the policy is not UTF-8.");
  boost::system::error_code ec;
  json::value doc = json::parse(*text, ec);
  if (ec) return bad_policy("Invalid JSON: " + ec.message() + ".");
  if (!doc.is_object()) return bad_policy("Invalid JSON: the policy must be an object.");
  const json::object& o = doc.as_object();
  auto expiration = o.find("expiration");
  auto conditions = o.find("conditions");
  if (expiration == o.end() || !expiration->value().is_string())
    return bad_policy("Invalid JSON: expiration is missing or not a string.");
  if (conditions == o.end() || !conditions->value().is_array() || conditions->value().as_array().empty())
    return bad_policy("Invalid JSON: conditions is missing or empty.");
  PostPolicy p;
  auto t = parse_iso8601(expiration->value().as_string());
  if (!t) return bad_policy("Invalid expiration: " + std::string(expiration->value().as_string()));
  p.expiration_s = *t;
  for (const auto& c : conditions->value().as_array()) {
    auto parsed = parse_condition(c);
    if (!parsed) return parsed.error();
    p.conditions.push_back(std::move(*parsed));
  }
  return p;
}

Result<PostAuth> verify_post(const PostForm& form, const KeyLookup& keys, const VerifyConfig& config) {
  Fields f = auth_fields(form.fields);
  if (f.version || f.credential || f.date || f.v4_signature) return verify_v4(form, f, keys, config);
  if (f.policy || f.access_key_id || f.signature) return verify_v1(form, f, keys, config);
  return PostAuth{};  // anonymous: allowed only where the bucket ACL lets anyone write
}

std::optional<uint64_t> max_content_length(const PostPolicy& policy) {
  std::optional<uint64_t> max;
  for (const auto& c : policy.conditions)
    if (c.kind == PolicyCondition::Kind::ContentLengthRange) max = std::min(max.value_or(c.max), c.max);
  return max;
}

Result<void> check_content_length(const PostPolicy& policy, uint64_t size) {
  for (const auto& c : policy.conditions) {
    if (c.kind != PolicyCondition::Kind::ContentLengthRange) continue;
    if (size > c.max) {
      Error e(ErrorCode::EntityTooLarge);
      e.with("ProposedSize", std::to_string(size)).with("MaxSizeAllowed", std::to_string(c.max));
      return e;
    }
    if (size < c.min) {
      Error e(ErrorCode::EntityTooSmall);
      e.with("ProposedSize", std::to_string(size)).with("MinSizeAllowed", std::to_string(c.min));
      return e;
    }
  }
  return {};
}

}  // namespace ossd::auth
