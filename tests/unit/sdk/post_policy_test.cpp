// PostObject policies through the public SDK API (ossd/post_policy.hpp) reproduce every ali-oss
// vector of tests/vectors/post_policy.json byte for byte: policy JSON, base64 policy,
// signature and the form fields in order. The vectors' V4 conditions on the auth fields are
// left out of the input: the SDK must add them itself, in the same place.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "common/time.hpp"
#include "ossd/post_policy.hpp"

namespace ossd::sdk {
namespace {

namespace json = boost::json;

json::array load_vectors() {
  std::ifstream in(std::string(OSSD_VECTORS_DIR) + "/post_policy.json");
  std::stringstream text;
  text << in.rdbuf();
  json::value doc = json::parse(text.str());
  return doc.as_object().at("vectors").as_array();
}

std::string field_name(const json::value& v) {
  std::string s(v.as_string());
  return s.starts_with("$") ? s.substr(1) : s;
}

bool is_v4_auth_field(std::string_view name) {
  return name == "x-oss-signature-version" || name == "x-oss-credential" ||
         name == "x-oss-date" || name == "x-oss-security-token";
}

// The vector's condition list as an SDK user writes it (without the V4 auth conditions).
std::vector<PolicyCondition> conditions_of(const json::array& in) {
  std::vector<PolicyCondition> out;
  for (const auto& c : in) {
    if (c.is_object()) {
      const auto& [name, value] = *c.as_object().begin();
      if (!is_v4_auth_field(name)) out.push_back(PolicyCondition::exact(name, std::string(value.as_string())));
      continue;
    }
    const json::array& a = c.as_array();
    const std::string op(a.at(0).as_string());
    auto strings = [](const json::array& values) {
      std::vector<std::string> v;
      for (const auto& s : values) v.emplace_back(s.as_string());
      return v;
    };
    if (op == "eq") out.push_back(PolicyCondition::eq(field_name(a[1]), std::string(a[2].as_string())));
    else if (op == "starts-with") out.push_back(PolicyCondition::starts_with(field_name(a[1]), std::string(a[2].as_string())));
    else if (op == "content-length-range") out.push_back(PolicyCondition::content_length_range(a[1].to_number<int64_t>(), a[2].to_number<int64_t>()));
    else if (op == "in") out.push_back(PolicyCondition::in(field_name(a[1]), strings(a[2].as_array())));
    else if (op == "not-in") out.push_back(PolicyCondition::not_in(field_name(a[1]), strings(a[2].as_array())));
    else ADD_FAILURE() << "unknown condition " << op;
  }
  return out;
}

std::string str(const json::object& o, const char* key) {
  auto it = o.find(key);
  return it == o.end() ? "" : std::string(it->value().as_string());
}

TEST(PostPolicy, ReproducesEveryVector) {
  const json::array vectors = load_vectors();
  ASSERT_EQ(vectors.size(), 4u);
  for (const auto& v : vectors) {
    const json::object& in = v.at("input").as_object();
    const json::object& out = v.at("output").as_object();
    SCOPED_TRACE(std::string(v.at("id").as_string()));
    ClientOptions options;
    options.credentials = {str(in, "access_key_id"), str(in, "access_key_secret"), str(in, "security_token")};
    options.region = str(in, "region");
    PostPolicyRequest request;
    const json::object& policy = in.at("policy").as_object();
    request.conditions = conditions_of(policy.at("conditions").as_array());
    request.signing_time_s = *parse_iso8601(str(in, "time"));
    request.expires_s = *parse_iso8601(str(policy, "expiration")) - request.signing_time_s;
    request.version = str(in, "version") == "v1" ? SignatureVersion::V1 : SignatureVersion::V4;

    auto form = sign_post_policy(options, request);
    ASSERT_TRUE(form) << form.error().to_string();
    EXPECT_EQ(form->policy_json, str(out, "policy_json"));
    std::vector<std::pair<std::string, std::string>> expected;
    for (const auto& [name, value] : out.at("form_fields").as_object())
      expected.emplace_back(name, std::string(value.as_string()));
    EXPECT_EQ(form->fields, expected);
  }
}

TEST(PostPolicy, UploadConditionsPinBucketPrefixAndSize) {
  ClientOptions options;
  options.credentials = {"AK", "SK", ""};
  PostPolicyRequest request;
  request.conditions = upload_conditions("photos", "in/", 10485760);
  request.signing_time_s = 1731400358;  // 2024-11-12T08:32:38Z
  request.expires_s = 3600;
  auto form = sign_post_policy(options, request);
  ASSERT_TRUE(form);
  EXPECT_EQ(form->policy_json,
            R"({"expiration":"2024-11-12T09:32:38.000Z","conditions":[{"bucket":"photos"},)"
            R"({"x-oss-signature-version":"OSS4-HMAC-SHA256"},{"x-oss-credential":"AK/20241112/cn-hangzhou/oss/aliyun_v4_request"},)"
            R"({"x-oss-date":"20241112T083238Z"},["starts-with","$key","in/"],["content-length-range",0,10485760]]})");
  EXPECT_EQ(form->expiration_s, 1731400358 + 3600);
}

TEST(PostPolicy, RefusesWhatOssWouldRefuse) {
  ClientOptions options;
  options.credentials = {"AK", "SK", ""};
  PostPolicyRequest request;
  request.conditions = upload_conditions("b", "", 1);
  request.expires_s = kMaxV4ExpiresSeconds + 1;
  auto too_long = sign_post_policy(options, request);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, Error::kInvalidArgument);
  request.version = SignatureVersion::V1;  // V1 policies have no 7-day limit
  EXPECT_TRUE(sign_post_policy(options, request));
  request.conditions.clear();
  EXPECT_FALSE(sign_post_policy(options, request));
  request.conditions = upload_conditions("b", "", 1);
  options.credentials = {};
  EXPECT_FALSE(sign_post_policy(options, request));
}

}  // namespace
}  // namespace ossd::sdk
