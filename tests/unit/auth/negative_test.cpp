// negative.json: requests the server must refuse, with the expected status, Code, EC, message
// and extra elements (spec f).
#include <gtest/gtest.h>

#include "vector_support.hpp"

namespace ossd::auth::testing {
namespace {

using boost::json::object;

class NegativeVectors : public ::testing::TestWithParam<Vector> {};

TEST_P(NegativeVectors, RefusedWithExpectedError) {
  const object& v = GetParam().json;
  const object& out = obj(v, "output");
  const object& req = obj(out, "request");
  const object& server = obj(out, "server_config");
  const object& expect = obj(out, "expect");
  std::map<std::string, std::string> secrets;
  for (const auto& [k, s] : obj(server, "access_keys")) secrets[std::string(k)] = text_of(s);
  ServerRequest r =
      server_request_from_url(str(req, "method"), str(req, "url"),
                              headers_from(obj(req, "headers")), str(v, "server_bucket"));
  auto result = verify(r.view(), key_lookup(secrets),
                       {str(server, "region"), out.at("server_now_unix").as_int64()});
  ASSERT_FALSE(result.has_value());
  const Error& e = result.error();
  EXPECT_EQ(e.http_status(), expect.at("status").as_int64());
  EXPECT_EQ(e.code_string(), str(expect, "code"));
  if (has(expect, "ec")) {
    EXPECT_EQ(e.ec_or_default(), str(expect, "ec"));
  }
  if (has(expect, "message")) {
    EXPECT_EQ(e.message_or_default(), str(expect, "message"));
  }
  std::map<std::string, std::string> fields(e.fields.begin(), e.fields.end());
  if (auto it = expect.find("extra_elements"); it != expect.end()) {
    for (const auto& el : it->value().as_array()) {
      std::string name(el.as_string());
      name = name.substr(0, name.find(' '));
      EXPECT_TRUE(fields.count(name)) << "missing <" << name << ">";
    }
  }
  if (fields.count("MaxAllowedSkewMilliseconds")) {
    EXPECT_EQ(fields["MaxAllowedSkewMilliseconds"], "900000");
  }
  if (e.code == ErrorCode::SignatureDoesNotMatch && has(out, "server_rule_canonical_request") &&
      fields.count("CanonicalRequest")) {
    EXPECT_EQ(fields["CanonicalRequest"], str(out, "server_rule_canonical_request"));
  }
}

INSTANTIATE_TEST_SUITE_P(Vectors, NegativeVectors,
                         ::testing::ValuesIn(load_vectors("negative.json")),
                         [](const auto& info) { return case_name(info.param.id); });

}  // namespace
}  // namespace ossd::auth::testing
