// PostObject policy signing (spec/auth.md d.1-d.3). The HMACs are auth/'s: V4 signs the base64
// policy with the same signing key as a request (a.4), V1 with the request signature's
// HMAC-SHA1 (c.1); only the string to sign differs.
#include "ossd/post_policy.hpp"

#include <boost/json.hpp>

#include "auth/v1.hpp"
#include "auth/v4.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"

namespace ossd::sdk {
namespace {

namespace json = boost::json;

json::value condition_json(const PolicyCondition& c) {
  using Kind = PolicyCondition::Kind;
  auto strings = [](const std::vector<std::string>& v) {
    json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
  };
  switch (c.kind) {
    case Kind::Exact: return json::object{{c.field, c.value}};
    case Kind::Eq: return json::array{"eq", "$" + c.field, c.value};
    case Kind::StartsWith: return json::array{"starts-with", "$" + c.field, c.value};
    case Kind::ContentLengthRange: return json::array{"content-length-range", c.min, c.max};
    case Kind::In: return json::array{"in", "$" + c.field, strings(c.values)};
    case Kind::NotIn: return json::array{"not-in", "$" + c.field, strings(c.values)};
  }
  return nullptr;
}

bool is_bucket_condition(const PolicyCondition& c) {
  return (c.kind == PolicyCondition::Kind::Exact || c.kind == PolicyCondition::Kind::Eq) &&
         to_lower(c.field) == "bucket";
}

// The V4 form fields that the policy must also pin (d.3), in ali-oss's order.
std::vector<std::pair<std::string, std::string>> v4_auth_fields(const Credentials& creds,
                                                                const std::string& region,
                                                                int64_t signing_time_s) {
  std::vector<std::pair<std::string, std::string>> f;
  f.emplace_back("x-oss-signature-version", std::string(auth::kV4Algorithm));
  f.emplace_back("x-oss-credential", creds.access_key_id + "/" +
                                         auth::v4_scope(format_yyyymmdd(signing_time_s), region));
  if (!creds.security_token.empty()) f.emplace_back("x-oss-security-token", creds.security_token);
  f.emplace_back("x-oss-date", format_iso8601_basic(signing_time_s));
  return f;
}

std::string policy_json(const PostPolicyRequest& r, int64_t expiration_s,
                        const std::vector<std::pair<std::string, std::string>>& pinned) {
  json::array conditions;
  std::size_t i = 0;
  if (!pinned.empty() && !r.conditions.empty() && is_bucket_condition(r.conditions[0])) {
    conditions.push_back(condition_json(r.conditions[0]));
    i = 1;
  }
  for (const auto& [name, value] : pinned) conditions.push_back(json::object{{name, value}});
  for (; i < r.conditions.size(); ++i) conditions.push_back(condition_json(r.conditions[i]));
  json::object doc;
  doc["expiration"] = format_iso8601_ms(expiration_s * 1000);
  doc["conditions"] = std::move(conditions);
  return json::serialize(doc);
}

}  // namespace

PolicyCondition PolicyCondition::exact(std::string field, std::string value) {
  return {Kind::Exact, std::move(field), std::move(value), {}, 0, 0};
}
PolicyCondition PolicyCondition::eq(std::string field, std::string value) {
  return {Kind::Eq, std::move(field), std::move(value), {}, 0, 0};
}
PolicyCondition PolicyCondition::starts_with(std::string field, std::string prefix) {
  return {Kind::StartsWith, std::move(field), std::move(prefix), {}, 0, 0};
}
PolicyCondition PolicyCondition::content_length_range(int64_t min, int64_t max) {
  return {Kind::ContentLengthRange, "", "", {}, min, max};
}
PolicyCondition PolicyCondition::in(std::string field, std::vector<std::string> values) {
  return {Kind::In, std::move(field), "", std::move(values), 0, 0};
}
PolicyCondition PolicyCondition::not_in(std::string field, std::vector<std::string> values) {
  return {Kind::NotIn, std::move(field), "", std::move(values), 0, 0};
}

Result<PostForm> sign_post_policy(const ClientOptions& options, const PostPolicyRequest& r) {
  const Credentials& creds = options.credentials;
  if (creds.access_key_id.empty() || creds.access_key_secret.empty()) {
    return local_error(Error::kInvalidArgument, "a PostObject policy needs an AccessKey id and secret");
  }
  if (r.conditions.empty()) {
    return local_error(Error::kInvalidArgument, "a PostObject policy needs at least one condition");
  }
  const bool v4 = r.version == SignatureVersion::V4;
  if (r.expires_s < 1 || (v4 && r.expires_s > kMaxV4ExpiresSeconds)) {
    return local_error(Error::kInvalidArgument,
                       "policy expiry must be 1.." + std::to_string(kMaxV4ExpiresSeconds) +
                           " seconds for V4 (at least 1 for V1)");
  }
  const int64_t t = r.signing_time_s != 0 ? r.signing_time_s : now_s();
  const std::string region = region_id(options.region);
  PostForm form;
  form.expiration_s = t + r.expires_s;
  const auto pinned = v4 ? v4_auth_fields(creds, region, t)
                         : std::vector<std::pair<std::string, std::string>>{};
  form.policy_json = policy_json(r, form.expiration_s, pinned);
  const std::string policy = base64_encode(form.policy_json);
  if (v4) {
    // The string to sign is the base64 policy itself (d.3), signed with the a.4 key.
    const std::string key = auth::v4_signing_key(creds.access_key_secret,
                                                 format_yyyymmdd(t), region);
    form.fields.emplace_back("policy", policy);
    for (const auto& f : pinned) {
      if (f.first != "x-oss-security-token") form.fields.push_back(f);
    }
    form.fields.emplace_back("x-oss-signature", auth::v4_signature(key, policy));
  } else {
    form.fields.emplace_back("OSSAccessKeyId", creds.access_key_id);
    form.fields.emplace_back("policy", policy);
    form.fields.emplace_back("Signature", auth::v1_signature(creds.access_key_secret, policy));
  }
  if (!creds.security_token.empty()) form.fields.emplace_back("x-oss-security-token", creds.security_token);
  return form;
}

std::vector<PolicyCondition> upload_conditions(const std::string& bucket, const std::string& prefix,
                                               int64_t max_size) {
  return {PolicyCondition::exact("bucket", bucket), PolicyCondition::starts_with("key", prefix),
          PolicyCondition::content_length_range(0, max_size)};
}

}  // namespace ossd::sdk
