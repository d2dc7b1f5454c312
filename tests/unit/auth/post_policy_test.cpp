// PostObject form authentication (docs/spec/auth.md d, e): the four ali-oss policies of
// vectors/post_policy.json verify with the SDK's keys at the frozen time; then every rule of
// d.1-d.4 and the STS rules of (e) on forms signed here with ossd's own V1/V4 primitives.
#include <gtest/gtest.h>

#include "auth/post_policy.hpp"
#include "auth/v1.hpp"
#include "auth/v4.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"
#include "vector_support.hpp"

namespace ossd::auth::testing {
namespace {

using boost::json::object;

// A value that satisfies one policy condition (for the vectors, whose forms list only the
// auth fields): the exact value, the prefix plus a name, the first allowed value.
void satisfy(const boost::json::value& c, FormFields& fields, std::string& key) {
  std::string field, value;
  if (c.is_object()) {
    field = c.as_object().begin()->key();
    value = text_of(c.as_object().begin()->value());
  } else {
    const auto& a = c.as_array();
    std::string op(a[0].as_string());
    if (op == "content-length-range") return;
    field = std::string(a[1].as_string()).substr(1);
    if (op == "eq") value = text_of(a[2]);
    if (op == "starts-with") value = text_of(a[2]) + "photo.png";
    if (op == "in") value = text_of(a[2].as_array()[0]);
  }
  if (field == "bucket") return;
  if (field == "key") {
    key = value;
  } else if (!form_value(fields, field)) {
    fields.emplace_back(field, value);
  }
}

class PostPolicyVectors : public ::testing::TestWithParam<Vector> {};

TEST_P(PostPolicyVectors, VerifiesWithTheSdkKeysAtTheFrozenTime) {
  const object& v = GetParam().json;
  const object& input = obj(v, "input");
  const object& output = obj(v, "output");
  FormFields fields;
  for (const auto& [k, val] : obj(output, "form_fields")) fields.emplace_back(std::string(k), text_of(val));
  std::string key;
  for (const auto& c : obj(input, "policy").at("conditions").as_array()) satisfy(c, fields, key);
  const std::string ak = str(input, "access_key_id");
  std::map<std::string, std::string> tokens;
  if (has(input, "security_token")) tokens[ak] = str(input, "security_token");
  const VerifyConfig config{region_id(str(input, "region")), unix_of(str(input, "time"))};
  const std::string bucket = str(input, "bucket");
  const PostForm form{fields, bucket, key};

  auto ok = verify_post(form, key_lookup({{ak, str(input, "access_key_secret")}}, tokens), config);
  ASSERT_TRUE(ok.has_value()) << ok.error().code_string() << ": " << ok.error().message_or_default();
  EXPECT_EQ(ok->who.access_key_id, ak);
  EXPECT_EQ(ok->who.scheme, str(input, "version") == "v4" ? Scheme::V4Header : Scheme::V1Header);
  ASSERT_TRUE(ok->policy.has_value());
  EXPECT_EQ(ok->policy->conditions.size(), obj(input, "policy").at("conditions").as_array().size());

  // With a wrong secret: SignatureDoesNotMatch, and the string to sign is the base64 policy.
  auto bad = verify_post(form, key_lookup({{ak, str(input, "access_key_secret") + "x"}}, tokens), config);
  ASSERT_FALSE(bad.has_value());
  const Error err = bad.error();
  EXPECT_EQ(err.code, ErrorCode::SignatureDoesNotMatch);
  std::map<std::string, std::string> f(err.fields.begin(), err.fields.end());
  EXPECT_EQ(f["StringToSign"], str(output, "string_to_sign"));
  EXPECT_EQ(f["SignatureProvided"], str(output, "signature"));
}

INSTANTIATE_TEST_SUITE_P(PostPolicy, PostPolicyVectors, ::testing::ValuesIn(load_vectors("post_policy.json")),
                         [](const auto& info) { return case_name(info.param.id); });

// ---- forms signed here -------------------------------------------------------------------

constexpr std::string_view kAk = "LTAI5tPostPolicyTestKey";
constexpr std::string_view kSecret = "PostPolicyTestSecret0123456789";
constexpr std::string_view kStsAk = "STS.PostPolicyTemporaryId";
constexpr std::string_view kStsSecret = "PostPolicyTemporarySecret";
constexpr std::string_view kStsToken = "CAIS+post/token==";
constexpr int64_t kNow = 1731400358;  // 2024-11-12T08:32:38Z

KeyLookup keys(int64_t token_expires = 0) {
  return [token_expires](std::string_view id, std::optional<std::string_view>) -> std::optional<KeyRecord> {
    if (id == kAk) return KeyRecord{std::string(kSecret), "root", std::nullopt, 0};
    if (id == kStsAk) return KeyRecord{std::string(kStsSecret), "role", std::string(kStsToken), token_expires};
    return std::nullopt;
  };
}

std::string b64(std::string_view json) { return base64_encode(json); }

std::string policy_json(std::string conditions, std::string expiration = "2024-11-12T09:32:38.000Z") {
  return R"({"expiration":")" + expiration + R"(","conditions":[)" + conditions + "]}";
}

FormFields v1_form(const std::string& json, std::string_view ak = kAk, std::string_view secret = kSecret) {
  std::string policy = b64(json);
  return {{"key", "user/eric/a.txt"}, {"OSSAccessKeyId", std::string(ak)}, {"policy", policy},
          {"Signature", v1_signature(secret, policy)}};
}

struct V4Form {
  std::string ak = std::string(kAk), secret = std::string(kSecret), region = "cn-hangzhou";
  std::string date = "20241112T083238Z", day = "20241112";
  std::string extra_conditions;
  std::optional<std::string> token;
  bool pin_v4_fields = true;

  std::string credential() const { return ak + "/" + day + "/" + region + "/oss/aliyun_v4_request"; }
  FormFields fields() const {
    std::string conditions = R"({"bucket":"examplebucket"})";
    if (pin_v4_fields) {
      conditions += R"(,{"x-oss-signature-version":"OSS4-HMAC-SHA256"},{"x-oss-credential":")" + credential() +
                    R"("},{"x-oss-date":")" + date + R"("})";
    }
    if (token) conditions += R"(,{"x-oss-security-token":")" + *token + R"("})";
    conditions += extra_conditions;
    std::string policy = b64(policy_json(conditions));
    FormFields f = {{"key", "user/eric/a.txt"},
                    {"policy", policy},
                    {"x-oss-signature-version", "OSS4-HMAC-SHA256"},
                    {"x-oss-credential", credential()},
                    {"x-oss-date", date},
                    {"x-oss-signature", v4_signature(v4_signing_key(secret, day, region), policy)}};
    if (token) f.emplace_back("x-oss-security-token", *token);
    return f;
  }
};

Result<PostAuth> verify(const FormFields& fields, std::string_view key = "user/eric/a.txt", int64_t now = kNow,
                        const KeyLookup& lookup = keys()) {
  return verify_post(PostForm{fields, "examplebucket", key}, lookup, VerifyConfig{"cn-hangzhou", now});
}

std::string field_of(const Error& e, std::string_view name) {
  for (const auto& [k, v] : e.fields)
    if (k == name) return v;
  return "";
}

// Dropping any one of `names` from a complete form: 400 InvalidArgument naming that field.
void expect_each_one_required(const FormFields& full, std::initializer_list<std::string_view> names) {
  for (std::string_view drop : names) {
    SCOPED_TRACE(std::string(drop));
    FormFields f;
    std::copy_if(full.begin(), full.end(), std::back_inserter(f), [&](const auto& kv) { return kv.first != drop; });
    auto r = verify(f);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(field_of(r.error(), "ArgumentName"), drop);
  }
}

TEST(PostPolicyTest, AnonymousWithoutAuthFields) {
  FormFields fields = {{"key", "a.txt"}, {"success_action_status", "201"}};
  auto r = verify(fields, "a.txt");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->who.scheme, Scheme::Anonymous);
  EXPECT_FALSE(r->policy.has_value());
}

TEST(PostPolicyTest, V1AcceptsAndFieldNamesAreCaseInsensitive) {
  FormFields fields = v1_form(policy_json(R"(["starts-with","$key","user/eric/"])"));
  for (auto& [k, v] : fields) k = to_lower(k);  // "ossaccesskeyid", "signature"
  auto r = verify(fields);
  ASSERT_TRUE(r.has_value()) << r.error().message_or_default();
  EXPECT_EQ(r->who.access_key_id, kAk);
  EXPECT_EQ(r->who.principal, "root");
}

TEST(PostPolicyTest, OnlySomeV1FieldsIsInvalidArgument) {
  FormFields full = v1_form(policy_json(R"({"bucket":"examplebucket"})"));
  expect_each_one_required(full, {"OSSAccessKeyId", "policy", "Signature"});
  FormFields empty_signature = full;
  empty_signature[3].second = "";
  auto r = verify(empty_signature);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(r.error().ec_or_default(), "0002-00000704");
}

TEST(PostPolicyTest, UnknownAccessKeyId) {
  auto r = verify(v1_form(policy_json(R"({"bucket":"examplebucket"})"), "LTAInobody", kSecret));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidAccessKeyId);
  EXPECT_EQ(field_of(r.error(), "OSSAccessKeyId"), "LTAInobody");
}

TEST(PostPolicyTest, V1SignatureMismatch) {
  FormFields f = v1_form(policy_json(R"({"bucket":"examplebucket"})"), kAk, "wrong-secret");
  auto r = verify(f);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::SignatureDoesNotMatch);
  EXPECT_EQ(r.error().http_status(), 403);
  EXPECT_EQ(field_of(r.error(), "StringToSign"), f[2].second);
}

TEST(PostPolicyTest, Expired) {
  auto r = verify(v1_form(policy_json(R"({"bucket":"examplebucket"})", "2024-11-12T08:32:37.000Z")));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::AccessDenied);
  EXPECT_EQ(r.error().message_or_default(), "Invalid according to Policy: Policy expired.");
  // The expiration second itself is still valid.
  EXPECT_TRUE(verify(v1_form(policy_json(R"({"bucket":"examplebucket"})", "2024-11-12T08:32:38.000Z"))).has_value());
}

struct ConditionCase {
  const char* condition;
  FormFields extra;
  bool holds;
};

TEST(PostPolicyTest, EveryConditionKindHoldsOrFailsWithItsText) {
  const std::vector<ConditionCase> cases = {
      {R"({"bucket":"examplebucket"})", {}, true},
      {R"({"bucket":"otherbucket"})", {}, false},
      {R"(["eq","$key","user/eric/a.txt"])", {}, true},
      {R"(["eq","$key","user/eric/b.txt"])", {}, false},
      {R"(["starts-with","$key","user/eric/"])", {}, true},
      {R"(["starts-with","$key","user/bob/"])", {}, false},
      {R"(["starts-with","$x-oss-meta-a",""])", {}, true},  // "" allows anything, even absent
      {R"(["eq","$success_action_status","201"])", {{"success_action_status", "201"}}, true},
      {R"(["eq","$success_action_status","201"])", {{"success_action_status", "200"}}, false},
      {R"(["eq","$success_action_status","201"])", {}, false},  // absent field
      {R"(["starts-with","$Content-Type","image/"])", {{"content-type", "image/png"}}, true},
      {R"(["starts-with","$content-type","image/"])", {{"Content-Type", "text/plain"}}, false},
      {R"(["in","$content-type",["image/jpg","image/png"]])", {{"Content-Type", "image/png"}}, true},
      {R"(["in","$content-type",["image/jpg","image/png"]])", {{"Content-Type", "image/gif"}}, false},
      {R"(["not-in","$cache-control",["no-cache"]])", {{"Cache-Control", "max-age=1"}}, true},
      {R"(["not-in","$cache-control",["no-cache"]])", {{"Cache-Control", "no-cache"}}, false},
      {R"({"x-oss-meta-uuid":"123"})", {{"x-oss-meta-uuid", "123"}}, true},
      {R"({"x-oss-meta-uuid":"123"})", {{"x-oss-meta-uuid", "1234"}}, false},
      {R"(["eq","$x-oss-meta-price","\\$5"])", {{"x-oss-meta-price", "$5"}}, true},  // \$ is a literal $
      {R"(["content-length-range",1,2])", {}, true},  // checked against the size, not here
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.condition);
    FormFields f = v1_form(policy_json(c.condition));
    f.insert(f.end(), c.extra.begin(), c.extra.end());
    auto r = verify(f);
    ASSERT_EQ(r.has_value(), c.holds) << (r ? "" : r.error().message_or_default());
    if (!c.holds) {
      EXPECT_EQ(r.error().code, ErrorCode::AccessDenied);
      EXPECT_TRUE(r.error().message_or_default().starts_with(
          "Invalid according to Policy: Policy Condition failed: "));
    }
  }
}

TEST(PostPolicyTest, FailedConditionIsEchoedAsJson) {
  auto r = verify(v1_form(policy_json(R"(["starts-with","$key","user/bob/"])")));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message_or_default(),
            R"(Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "user/bob/"])");
}

TEST(PostPolicyTest, MalformedPolicyIsInvalidPolicyDocument) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not base64!", "Invalid Policy: Invalid Base64."},
      {b64("{not json"), "Invalid Policy: Invalid JSON"},
      {b64(R"({"conditions":[{"bucket":"b"}]})"), "Invalid Policy: Invalid JSON: expiration"},
      {b64(R"({"expiration":"2024-11-12T09:32:38.000Z"})"), "Invalid Policy: Invalid JSON: conditions"},
      {b64(R"({"expiration":"2024-11-12T09:32:38.000Z","conditions":[]})"), "Invalid Policy: Invalid JSON: conditions"},
      {b64(R"({"expiration":"tomorrow","conditions":[{"bucket":"b"}]})"), "Invalid Policy: Invalid expiration"},
      {b64(policy_json(R"({"bucket":"b","key":"k"})")),
       "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified."},
      {b64(policy_json(R"(["eq","key","k"])")), "Invalid Policy: Invalid Condition"},
      {b64(policy_json(R"(["matches","$key","k"])")), "Invalid Policy: Invalid Condition: unknown operation"},
      {b64(policy_json(R"(["content-length-range",10,1])")), "Invalid Policy: Invalid content-length-range"},
      {b64(policy_json(R"(["eq","$key"])")), "Invalid Policy: Invalid Condition"},
  };
  for (const auto& [policy, message] : cases) {
    SCOPED_TRACE(policy);
    FormFields f = {{"key", "user/eric/a.txt"}, {"OSSAccessKeyId", std::string(kAk)}, {"policy", policy},
                    {"Signature", v1_signature(kSecret, policy)}};
    auto r = verify(f);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidPolicyDocument);
    EXPECT_EQ(r.error().http_status(), 400);
    EXPECT_TRUE(r.error().message_or_default().starts_with(message)) << r.error().message_or_default();
  }
}

TEST(PostPolicyTest, V4Accepts) {
  auto r = verify(V4Form{}.fields());
  ASSERT_TRUE(r.has_value()) << r.error().message_or_default();
  EXPECT_EQ(r->who.scheme, Scheme::V4Header);
  EXPECT_EQ(r->who.access_key_id, kAk);
}

TEST(PostPolicyTest, V4MissingFieldsAreInvalidArgument) {
  FormFields full = V4Form{}.fields();
  expect_each_one_required(full, {"policy", "x-oss-signature-version", "x-oss-credential", "x-oss-date", "x-oss-signature"});
}

TEST(PostPolicyTest, V4WrongRegionNamesTheCredential) {
  V4Form form;
  form.region = "cn-beijing";
  auto r = verify(form.fields());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(r.error().message_or_default(), "The signing region in credential is invalid.");
  EXPECT_EQ(r.error().ec_or_default(), "0002-00000715");
  EXPECT_EQ(field_of(r.error(), "ArgumentName"), "x-oss-credential");
  EXPECT_EQ(field_of(r.error(), "ArgumentValue"), form.credential());
}

TEST(PostPolicyTest, V4CredentialAndDateShape) {
  V4Form other_day;
  other_day.day = "20241111";
  V4Form bad_product;
  FormFields f = bad_product.fields();
  f[3].second = std::string(kAk) + "/20241112/cn-hangzhou/s3/aliyun_v4_request";
  V4Form bad_date;
  bad_date.date = "2024-11-12T08:32:38Z";
  for (const auto& [fields, ec] : std::vector<std::pair<FormFields, std::string>>{
           {other_day.fields(), "0002-00000710"}, {f, "0002-00000710"}, {bad_date.fields(), "0002-00000709"}}) {
    auto r = verify(fields);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(r.error().ec_or_default(), ec);
  }
  FormFields bad_version = V4Form{}.fields();
  bad_version[2].second = "OSS4-HMAC-SHA1";
  auto r = verify(bad_version);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
}

TEST(PostPolicyTest, V4DateWindow) {
  // 15 minutes of backward skew, 7 days of validity (spec d.3).
  EXPECT_TRUE(verify(V4Form{}.fields(), "user/eric/a.txt", kNow - 900).has_value());
  auto early = verify(V4Form{}.fields(), "user/eric/a.txt", kNow - 901);
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code, ErrorCode::RequestNotValidYet);
  // Checked before the policy (whose own expiration is 1 h after kNow).
  auto late = verify(V4Form{}.fields(), "user/eric/a.txt", kNow + 7 * 86400 + 1);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::RequestExpired);
}

TEST(PostPolicyTest, V4FieldsMustBePinnedByThePolicy) {
  V4Form form;
  form.pin_v4_fields = false;
  auto r = verify(form.fields());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::AccessDenied);
  // Pinned but with another value: an ordinary failed condition.
  V4Form other;
  other.extra_conditions = R"(,["eq","$x-oss-date","20241112T000000Z"])";
  auto r2 = verify(other.fields());
  ASSERT_FALSE(r2.has_value());
  EXPECT_EQ(r2.error().code, ErrorCode::AccessDenied);
}

TEST(PostPolicyTest, V4SignatureMismatch) {
  V4Form form;
  form.secret = "wrong";
  auto r = verify(form.fields());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::SignatureDoesNotMatch);
}

TEST(PostPolicyTest, StsV4) {
  V4Form form;
  form.ak = std::string(kStsAk);
  form.secret = std::string(kStsSecret);
  form.token = std::string(kStsToken);
  auto ok = verify(form.fields(), "user/eric/a.txt", kNow, keys(kNow + 3600));
  ASSERT_TRUE(ok.has_value()) << ok.error().message_or_default();
  EXPECT_EQ(ok->who.access_key_id, kStsAk);
  EXPECT_EQ(ok->who.principal, "role");
  EXPECT_EQ(ok->who.security_token, kStsToken);  // the caller is resolved to its session from it

  auto expired = verify(form.fields(), "user/eric/a.txt", kNow, keys(kNow - 1));
  ASSERT_FALSE(expired.has_value());
  EXPECT_EQ(expired.error().code, ErrorCode::SecurityTokenExpired);

  V4Form wrong = form;
  wrong.token = "CAIS+other";
  auto bad = verify(wrong.fields(), "user/eric/a.txt", kNow, keys(kNow + 3600));
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidSecurityToken);

  V4Form missing = form;
  missing.token.reset();
  auto none = verify(missing.fields(), "user/eric/a.txt", kNow, keys(kNow + 3600));
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ErrorCode::InvalidAccessKeyId);
}

TEST(PostPolicyTest, StsTokenMustBePinnedInV4Policies) {
  V4Form form;
  form.ak = std::string(kStsAk);
  form.secret = std::string(kStsSecret);
  FormFields f = form.fields();  // signed without a token condition
  f.emplace_back("x-oss-security-token", std::string(kStsToken));
  auto r = verify(f, "user/eric/a.txt", kNow, keys(kNow + 3600));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::AccessDenied);
}

TEST(PostPolicyTest, StsV1TokenField) {
  FormFields f = v1_form(policy_json(R"({"bucket":"examplebucket"})"), kStsAk, kStsSecret);
  EXPECT_EQ(verify(f, "user/eric/a.txt", kNow, keys(kNow + 60)).error().code, ErrorCode::InvalidAccessKeyId);
  f.emplace_back("x-oss-security-token", std::string(kStsToken));
  EXPECT_TRUE(verify(f, "user/eric/a.txt", kNow, keys(kNow + 60)).has_value());
}

TEST(PostPolicyTest, ContentLengthRange) {
  auto policy = parse_post_policy(
      b64(policy_json(R"(["content-length-range",10,100],["content-length-range","0","50"],{"bucket":"b"})")));
  ASSERT_TRUE(policy.has_value());
  EXPECT_EQ(max_content_length(*policy), 50u);
  EXPECT_TRUE(check_content_length(*policy, 10).has_value());
  EXPECT_TRUE(check_content_length(*policy, 50).has_value());
  EXPECT_EQ(check_content_length(*policy, 51).error().code, ErrorCode::EntityTooLarge);
  EXPECT_EQ(check_content_length(*policy, 9).error().code, ErrorCode::EntityTooSmall);
  auto none = parse_post_policy(b64(policy_json(R"({"bucket":"b"})")));
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(max_content_length(*none).has_value());
  EXPECT_TRUE(check_content_length(*none, 1u << 30).has_value());
}

}  // namespace
}  // namespace ossd::auth::testing
