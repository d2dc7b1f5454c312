// Data-driven runner over tests/vectors/*.json: one parameterised test per file, one
// named case per vector. Server side: the verifier accepts each signed request and computes the
// SDK's canonical request / string to sign. Client side: our signers reproduce the SDK's output.
#include <gtest/gtest.h>

#include "auth/v1.hpp"
#include "auth/v4.hpp"
#include "vector_support.hpp"

namespace ossd::auth::testing {
namespace {

using boost::json::object;

struct Expected {
  std::string canonical_request;  // empty for V1
  std::string string_to_sign;
};

// Verifies with the right key, then with a wrong one to read back (from the
// SignatureDoesNotMatch body) the canonical request and string to sign the verifier computed.
void expect_verifies(const ServerRequest& r, const std::string& ak, const std::string& secret,
                     const std::string& token, const VerifyConfig& config, const Expected& expected,
                     Scheme scheme) {
  std::map<std::string, std::string> tokens;
  if (!token.empty()) tokens[ak] = token;
  auto ok = verify(r.view(), key_lookup({{ak, secret}}, tokens), config);
  ASSERT_TRUE(ok.has_value()) << ok.error().code_string() << ": " << ok.error().message_or_default()
                              << " "
                              << (ok.error().fields.size() > 2 ? ok.error().fields[2].second : "");
  EXPECT_EQ(ok->scheme, scheme);
  EXPECT_EQ(ok->access_key_id, ak);
  auto bad = verify(r.view(), key_lookup({{ak, secret + "x"}}, tokens), config);
  ASSERT_FALSE(bad.has_value());
  const Error err = bad.error();  // result::error() returns a copy
  ASSERT_EQ(err.code, ErrorCode::SignatureDoesNotMatch);
  std::map<std::string, std::string> fields(err.fields.begin(), err.fields.end());
  EXPECT_EQ(fields["StringToSign"], expected.string_to_sign);
  if (!expected.canonical_request.empty()) {
    EXPECT_EQ(fields["CanonicalRequest"], expected.canonical_request);
  }
}

ServerRequest presigned_request(const object& v) {
  const object& req = obj(obj(v, "output"), "request");
  return server_request(str(req, "method"), str(req, "host"), str(req, "raw_path"),
                        str(req, "raw_query"), headers_from(obj(req, "headers_to_send")),
                        str(v, "server_bucket"));
}

ServerRequest header_request(const object& v) {
  const object& req = obj(obj(v, "output"), "request");
  return server_request(str(req, "method"), str(req, "host_header"), str(req, "raw_path"),
                        str(req, "raw_query"), headers_from(obj(req, "headers")),
                        str(v, "server_bucket"));
}

VerifyConfig config_for(const object& input, int64_t now) {
  return {region_id(str(input, "region")), now};
}

SignOptions v4_presign_options(const object& input) {
  SignOptions o = client_options(input);
  o.method = str(input, "method");
  o.expires_s = std::stoll(str(input, "expires", "3600"));
  o.headers = headers_from(obj(input, "headers"));
  for (const auto& [k, v] : obj(input, "queries"))
    o.queries.emplace_back(std::string(k), text_of(v));
  if (auto it = input.find("additional_headers"); it != input.end()) {
    for (const auto& n : it->value().as_array()) o.additional_headers.emplace_back(n.as_string());
  }
  return o;
}

Credentials creds_of(const object& input) {
  return {str(input, "access_key_id"), str(input, "access_key_secret"),
          str(input, "security_token")};
}

// Same URL after decoding, ignoring the value of `ignore` (a query parameter).
void expect_same_url(std::string_view mine, std::string_view theirs,
                     const std::string& ignore = "") {
  NormalUrl a = normalize_url(mine), b = normalize_url(theirs);
  for (auto* u : {&a, &b}) {
    for (auto& [k, v] : u->query) {
      if (k == ignore) v.clear();
    }
  }
  EXPECT_EQ(a, b) << mine << "\nvs\n" << theirs;
}

class V4PresignVectors : public ::testing::TestWithParam<Vector> {};

TEST_P(V4PresignVectors, ServerAcceptsAndClientReproduces) {
  const object& v = GetParam().json;
  const object& input = obj(v, "input");
  const object& out = obj(v, "output");
  const int64_t now = obj(v, "validity").at("sample_valid_now_unix").as_int64();
  ServerRequest r = presigned_request(v);
  expect_verifies(r, str(input, "access_key_id"), str(input, "access_key_secret"),
                  str(input, "security_token"), config_for(input, now),
                  {str(out, "canonical_request"), str(out, "string_to_sign")}, Scheme::V4Query);
  auto signed_url = presign_v4(creds_of(input), v4_presign_options(input));
  ASSERT_TRUE(signed_url.has_value());
  EXPECT_EQ(signed_url->canonical_request, str(out, "canonical_request"));
  EXPECT_EQ(signed_url->signature, str(out, "signature"));
  expect_same_url(signed_url->url, str(out, "url"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, V4PresignVectors,
                         ::testing::ValuesIn(load_vectors("v4_presign.json")),
                         [](const auto& info) { return case_name(info.param.id); });

class SdkDivergenceVectors : public ::testing::TestWithParam<Vector> {};

// ali-oss's URL verifies through the h.9 fallback; our signer emits the byte-order form.
TEST_P(SdkDivergenceVectors, ServerAcceptsAliOssFormAndClientSignsByteOrder) {
  const object& v = GetParam().json;
  const object& input = obj(v, "input");
  const object& out = obj(v, "output");
  const object& div = obj(v, "divergence");
  const int64_t now = obj(v, "validity").at("sample_valid_now_unix").as_int64();
  ServerRequest r = presigned_request(v);
  expect_verifies(
      r, str(input, "access_key_id"), str(input, "access_key_secret"), "", config_for(input, now),
      {str(div, "server_rule_canonical_request"), str(div, "server_rule_string_to_sign")},
      Scheme::V4Query);
  std::string ali_query = v4_canonical_query(r.query, {true, true}, "x-oss-signature");
  EXPECT_NE(str(out, "canonical_request").find("\n" + ali_query + "\n"), std::string::npos)
      << ali_query;
  auto signed_url = presign_v4(creds_of(input), v4_presign_options(input));
  ASSERT_TRUE(signed_url.has_value());
  EXPECT_EQ(signed_url->canonical_request, str(div, "server_rule_canonical_request"));
  EXPECT_EQ(signed_url->signature, str(div, "server_rule_signature"));
  expect_same_url(signed_url->url, str(out, "url"), "x-oss-signature");
}

INSTANTIATE_TEST_SUITE_P(Vectors, SdkDivergenceVectors,
                         ::testing::ValuesIn(load_vectors("sdk_divergences.json")),
                         [](const auto& info) { return case_name(info.param.id); });

SignOptions v1_presign_options(const object& input) {
  SignOptions o = client_options(input);
  const object& opts = obj(input, "options");
  o.method = str(opts, "method", "GET");
  o.expires_s = std::stoll(str(opts, "expires", "1800"));
  for (const auto& [k, val] : opts) {
    std::string name(k);
    if (name == "Content-Type" || name == "Content-MD5" || name.starts_with("x-oss-"))
      o.headers.add(name, text_of(val));
  }
  if (has(opts, "process")) o.queries.emplace_back("x-oss-process", str(opts, "process"));
  for (const auto& [k, val] : obj(opts, "response"))
    o.queries.emplace_back("response-" + std::string(k), text_of(val));
  for (const auto& [k, val] : obj(opts, "subResource"))
    o.queries.emplace_back(std::string(k), text_of(val));
  if (has(opts, "trafficLimit"))
    o.queries.emplace_back("x-oss-traffic-limit", str(opts, "trafficLimit"));
  return o;
}

class V1PresignVectors : public ::testing::TestWithParam<Vector> {};

TEST_P(V1PresignVectors, ServerAcceptsAndClientReproduces) {
  const object& v = GetParam().json;
  const object& input = obj(v, "input");
  const object& out = obj(v, "output");
  const int64_t now = obj(v, "validity").at("sample_valid_now_unix").as_int64();
  ServerRequest r = presigned_request(v);
  expect_verifies(r, str(input, "access_key_id"), str(input, "access_key_secret"),
                  str(input, "security_token"), config_for(input, now),
                  {"", str(out, "string_to_sign")}, Scheme::V1Query);
  auto signed_url = presign_v1(creds_of(input), v1_presign_options(input));
  ASSERT_TRUE(signed_url.has_value());
  EXPECT_EQ(signed_url->string_to_sign, str(out, "string_to_sign"));
  EXPECT_EQ(signed_url->signature, str(out, "signature"));
  expect_same_url(signed_url->url, str(out, "url"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, V1PresignVectors,
                         ::testing::ValuesIn(load_vectors("v1_presign.json")),
                         [](const auto& info) { return case_name(info.param.id); });

// Client options for re-signing a captured request: same method, resource, query and headers.
SignOptions resign_options(const object& input, const ServerRequest& r) {
  SignOptions o;
  o.method = r.method;
  o.bucket = r.bucket;
  o.key = r.key;
  o.region = region_id(str(input, "region"));
  o.signing_time_s = unix_of(str(input, "time"));
  o.queries = r.query;
  o.headers = r.headers;
  o.headers.remove("authorization");
  return o;
}

std::vector<std::string> additional_from(std::string_view authorization) {
  auto pos = authorization.find("AdditionalHeaders=");
  if (pos == std::string_view::npos) return {};
  std::string_view rest = authorization.substr(pos + 18);
  return split_names(rest.substr(0, rest.find(',')));
}

class V4HeaderVectors : public ::testing::TestWithParam<Vector> {};

TEST_P(V4HeaderVectors, ServerAcceptsAndClientReproduces) {
  const object& v = GetParam().json;
  const object& input = obj(v, "input");
  const object& out = obj(v, "output");
  ServerRequest r = header_request(v);
  expect_verifies(r, str(input, "access_key_id"), str(input, "access_key_secret"),
                  str(input, "security_token"), config_for(input, unix_of(str(input, "time"))),
                  {str(out, "canonical_request"), str(out, "string_to_sign")}, Scheme::V4Header);
  SignOptions o = resign_options(input, r);
  o.additional_headers = additional_from(str(out, "authorization"));
  Signed s = sign_v4_header(creds_of(input), o);
  EXPECT_EQ(s.canonical_request, str(out, "canonical_request"));
  EXPECT_EQ(s.authorization, str(out, "authorization"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, V4HeaderVectors,
                         ::testing::ValuesIn(load_vectors("v4_header.json")),
                         [](const auto& info) { return case_name(info.param.id); });

class V1HeaderVectors : public ::testing::TestWithParam<Vector> {};

TEST_P(V1HeaderVectors, ServerAcceptsAndClientReproduces) {
  const object& v = GetParam().json;
  const object& input = obj(v, "input");
  const object& out = obj(v, "output");
  ServerRequest r = header_request(v);
  expect_verifies(r, str(input, "access_key_id"), str(input, "access_key_secret"),
                  str(input, "security_token"), config_for(input, unix_of(str(input, "time"))),
                  {"", str(out, "string_to_sign")}, Scheme::V1Header);
  Signed s = sign_v1_header(creds_of(input), resign_options(input, r));
  EXPECT_EQ(s.string_to_sign, str(out, "string_to_sign"));
  EXPECT_EQ(s.authorization, str(out, "authorization"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, V1HeaderVectors,
                         ::testing::ValuesIn(load_vectors("v1_header.json")),
                         [](const auto& info) { return case_name(info.param.id); });

}  // namespace
}  // namespace ossd::auth::testing
