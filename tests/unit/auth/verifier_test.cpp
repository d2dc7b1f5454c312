// verify() error paths of spec a.5, b.4, c.2, c.3, (e) and g.2 rule 5, one check at a time.
// Valid requests come from our own client signers; each case breaks one thing.
#include "auth/verifier.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "auth/presign.hpp"
#include "vector_support.hpp"

namespace ossd::auth {
namespace {

constexpr int64_t kNow = 1731400358;  // 2024-11-12T08:32:38Z

struct Req {
  std::string method = "GET", bucket = "b", key = "k.txt", host = "b.oss-cn-hangzhou.aliyuncs.com";
  QueryPairs query;
  Headers headers;
  RequestView view() const { return {method, bucket, key, &query, &headers, host}; }
};

class VerifierTest : public ::testing::Test {
 protected:
  Result<Identity> run(const Req& r, int64_t now = kNow) {
    return verify(r.view(), keys_, {"cn-hangzhou", now});
  }

  Error fail(const Req& r, int64_t now = kNow) {
    auto res = run(r, now);
    EXPECT_FALSE(res.has_value());
    return res.has_value() ? Error() : res.error();
  }

  SignOptions options() const {
    SignOptions o;
    o.bucket = "b";
    o.key = "k.txt";
    o.signing_time_s = kNow;
    return o;
  }

  Req v4_header(const SignOptions& o, const Credentials& c = {"ak", "sk", ""}) {
    Req r;
    Signed s = sign_v4_header(c, o);
    r.headers = o.headers;
    for (const auto& [k, v] : s.headers_to_add) r.headers.add(k, v);
    r.headers.add("Authorization", s.authorization);
    r.query = o.queries;
    return r;
  }

  Req with_auth(std::string authorization) {
    Req r = v4_header(options());
    r.headers.set("Authorization", std::move(authorization));
    return r;
  }

  Req presigned(const SignOptions& o, bool v4 = true, const Credentials& c = {"ak", "sk", ""}) {
    auto s = v4 ? presign_v4(c, o) : presign_v1(c, o);
    auto url = testing::normalize_url(s.value().url);
    Req r;
    r.query = url.query;
    r.headers = o.headers;
    return r;
  }

  KeyLookup keys_ =
      testing::key_lookup({{"ak", "sk"}, {"STS.tmp", "sk2"}}, {{"STS.tmp", "token-1"}});
};

void expect_error(const Error& e, int status, std::string_view code, std::string_view ec) {
  EXPECT_EQ(e.http_status(), status);
  EXPECT_EQ(e.code_string(), code);
  if (!ec.empty()) {
    EXPECT_EQ(e.ec_or_default(), ec);
  }
}

TEST_F(VerifierTest, AnonymousIsSuccess) {
  Req r;
  auto id = run(r);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->scheme, Scheme::Anonymous);
  EXPECT_FALSE(is_signed(r.view()));
  r.host = "b.oss-us-west-1.aliyuncs.com";
  Error e = fail(r);
  expect_error(e, 403, "AccessDenied", "");
  EXPECT_EQ(e.message_or_default().substr(0, 42), "The bucket you are attempting to access mu");
}

TEST_F(VerifierTest, V4HeaderValid) {
  Req r = v4_header(options());
  auto id = run(r);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->scheme, Scheme::V4Header);
  EXPECT_EQ(id->principal, "principal-ak");
  EXPECT_TRUE(is_signed(r.view()));
}

TEST_F(VerifierTest, V4HeaderMalformedAuthorization) {
  const std::string cred = "Credential=ak/20241112/cn-hangzhou/oss/aliyun_v4_request";
  const std::string sig = "Signature=" + std::string(64, 'a');
  const std::pair<std::string, std::string> cases[] = {
      {cred, "0002-00000202"},
      {cred + "," + sig + ",a=1,b=2", "0002-00000202"},
      {cred + ",Signature", "0002-00000203"},
      {cred + ",Foo=1", "0002-00000204"},
      {"AdditionalHeaders=host, " + sig, "0002-00000205"},
      {cred + ",Signature=", "0002-00000208"},
      {cred + ",AdditionalHeaders=," + sig, "0002-00000209"},
      {cred + ",AdditionalHeaders=host;," + sig, "0002-00000210"},
      {"Credential=ak/20241112/cn-hangzhou/oss," + sig, "0002-00000213"},
      {"Credential=ak/20241112/cn-hangzhou/oss/aws4_request," + sig, "0002-00000213"},
      {"Credential=ak/20241340/cn-hangzhou/oss/aliyun_v4_request," + sig, "0002-00000212"},
      {"Credential=ak/20241112/cn-hangzhou/s3/aliyun_v4_request," + sig, "0002-00000227"},
      {"Credential=ak/20241112/cn-beijing/oss/aliyun_v4_request," + sig, "0002-00000226"},
  };
  for (const auto& [auth, ec] : cases) {
    Error e = fail(with_auth("OSS4-HMAC-SHA256 " + auth));
    expect_error(e, 400, "InvalidArgument", ec);
  }
}

TEST_F(VerifierTest, V4HeaderHostInOtherRegion) {
  Req r = v4_header(options());
  r.host = "b.oss-cn-beijing-internal.aliyuncs.com";
  Error e = fail(r);
  expect_error(e, 400, "InvalidArgument", "0002-00000226");
  EXPECT_EQ(e.message_or_default(), "Invalid signing region in Authorization header.");
}

TEST_F(VerifierTest, V4HeaderDateAndSkew) {
  Req r = v4_header(options());
  r.headers.remove("x-oss-date");
  expect_error(fail(r), 400, "InvalidArgument", "0002-00000503");
  r.headers.add("x-oss-date", "2024-11-12T08:32:38Z");
  expect_error(fail(r), 400, "InvalidArgument", "0002-00000502");
  Req ok = v4_header(options());
  EXPECT_TRUE(run(ok, kNow + 900).has_value());
  EXPECT_TRUE(run(ok, kNow - 900).has_value());
  Error e = fail(ok, kNow - 901);
  expect_error(e, 403, "RequestTimeTooSkewed", "0002-00000504");
  ASSERT_EQ(e.fields.size(), 3u);
  EXPECT_EQ(e.fields[0],
            (std::pair<std::string, std::string>{"RequestTime", "2024-11-12T08:32:38.000Z"}));
  EXPECT_EQ(e.fields[1],
            (std::pair<std::string, std::string>{"ServerTime", "2024-11-12T08:17:37.000Z"}));
  EXPECT_EQ(e.fields[2],
            (std::pair<std::string, std::string>{"MaxAllowedSkewMilliseconds", "900000"}));
}

TEST_F(VerifierTest, V4HeaderPayloadAndAdditionalHeaders) {
  Req r = v4_header(options());
  r.headers.set("x-oss-content-sha256", "abc");
  expect_error(fail(r), 400, "InvalidArgument", "0002-00000214");
  SignOptions o = options();
  o.headers.add("Range", "bytes=0-1");
  o.additional_headers = {"range"};
  Req ok = v4_header(o);
  EXPECT_TRUE(run(ok).has_value());
  ok.headers.remove("range");
  expect_error(fail(ok), 400, "InvalidArgument", "0002-00000211");
}

TEST_F(VerifierTest, V4HeaderUnknownKeyAndMismatch) {
  Req r = v4_header(options(), {"nobody", "sk", ""});
  Error e = fail(r);
  expect_error(e, 403, "InvalidAccessKeyId", "0002-00000902");
  EXPECT_EQ(e.fields.at(0), (std::pair<std::string, std::string>{"OSSAccessKeyId", "nobody"}));
  Req bad = v4_header(options(), {"ak", "wrong", ""});
  Error m = fail(bad);
  expect_error(m, 403, "SignatureDoesNotMatch", "0002-00000201");
  ASSERT_EQ(m.fields.size(), 5u);
  const char* names[] = {"OSSAccessKeyId", "SignatureProvided", "StringToSign", "StringToSignBytes",
                         "CanonicalRequest"};
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(m.fields[i].first, names[i]);
  EXPECT_EQ(m.fields[3].second.substr(0, 12), "4F 53 53 34 ");  // "OSS4"
  EXPECT_EQ(m.fields[3].second.back(), ' ');
  EXPECT_EQ(m.fields[4].second.substr(0, 14), "GET\n/b/k.txt\n\n");
}

TEST_F(VerifierTest, StsTokenRules) {
  SignOptions o = options();
  EXPECT_TRUE(run(v4_header(o, {"STS.tmp", "sk2", "token-1"})).has_value());
  expect_error(fail(v4_header(o, {"STS.tmp", "sk2", ""})), 403, "InvalidAccessKeyId", "");
  expect_error(fail(v4_header(o, {"STS.tmp", "sk2", "token-2"})), 403, "InvalidSecurityToken",
               "0002-00000006");
  keys_ = [](std::string_view, std::optional<std::string_view>) { return KeyRecord{"sk2", "p", "token-1", kNow - 1}; };
  Error e = fail(v4_header(o, {"STS.tmp", "sk2", "token-1"}));
  expect_error(e, 403, "SecurityTokenExpired", "0002-00000007");
  EXPECT_EQ(e.fields.at(0), (std::pair<std::string, std::string>{"SecurityToken", "token-1"}));
  EXPECT_TRUE(run(presigned(o, true, {"STS.tmp", "sk2", "token-1"}), kNow - 2).has_value());
  EXPECT_TRUE(run(presigned(o, false, {"STS.tmp", "sk2", "token-1"}), kNow - 2).has_value());
}

TEST_F(VerifierTest, V4QueryWindowIsInclusive) {
  SignOptions o = options();
  o.expires_s = 60;
  Req r = presigned(o);
  EXPECT_TRUE(run(r, kNow - 900).has_value());
  EXPECT_TRUE(run(r, kNow + 60).has_value());
  expect_error(fail(r, kNow - 901), 403, "AccessDenied", "0002-00000235");
  Error e = fail(r, kNow + 61);
  expect_error(e, 403, "AccessDenied", "0002-00000236");
  EXPECT_EQ(e.message_or_default(), "Request has expired.");
  EXPECT_EQ(e.fields.at(0),
            (std::pair<std::string, std::string>{"Expires", "2024-11-12T08:33:38.000Z"}));
}

TEST_F(VerifierTest, V4QueryParameterErrors) {
  Req r = presigned(options());
  auto with = [&](std::string_view name, std::string value) {
    Req copy = r;
    for (auto& [k, v] : copy.query) {
      if (k == name) v = value;
    }
    return copy;
  };
  expect_error(fail(with("x-oss-signature-version", "OSS2")), 400, "InvalidArgument", "");
  expect_error(fail(with("x-oss-credential", "ak/2024/cn-hangzhou/oss/aliyun_v4_request")), 400,
               "InvalidArgument", "0002-00000223");
  expect_error(fail(with("x-oss-credential", "ak/cn-hangzhou/oss/aliyun_v4_request")), 400,
               "InvalidArgument", "0002-00000224");
  expect_error(fail(with("x-oss-expires", "1h")), 400, "InvalidArgument", "0002-00000232");
  expect_error(fail(with("x-oss-expires", "0")), 400, "InvalidArgument", "0002-00000232");
  expect_error(fail(with("x-oss-date", "yesterday")), 403, "AccessDenied", "0002-00000502");
  Req both = r;
  both.headers.add("Authorization", "OSS ak:abc=");
  expect_error(fail(both), 400, "InvalidArgument", "");
}

TEST_F(VerifierTest, V1Header) {
  Signed s = sign_v1_header({"ak", "sk", ""}, options());
  Req r;
  r.headers = s.headers_to_add;
  r.headers.add("Authorization", s.authorization);
  auto id = run(r);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->scheme, Scheme::V1Header);
  Req no_date = r;
  no_date.headers.remove("x-oss-date");
  expect_error(fail(no_date), 403, "AccessDenied", "0002-00000503");
  // Date is the fallback date line (accepted in crosscheck xc-v1-doc-example); here it is bad.
  no_date.headers.add("Date", "not a date");
  expect_error(fail(no_date), 403, "AccessDenied", "0002-00000502");
  expect_error(fail(r, kNow + 901), 403, "RequestTimeTooSkewed", "");
  Req other = r;
  other.host = "b.oss-us-west-1.aliyuncs.com";
  expect_error(fail(other), 403, "AccessDenied", "");
  Req malformed = r;
  malformed.headers.set("Authorization", "OSS ak");
  expect_error(fail(malformed), 400, "InvalidArgument", "");
  malformed.headers.set("Authorization", "AWS4-HMAC-SHA256 Credential=x");
  expect_error(fail(malformed), 400, "InvalidArgument", "");
  Req wrong = r;
  wrong.headers.set("Authorization", "OSS ak:AAAA");
  Error e = fail(wrong);
  expect_error(e, 403, "SignatureDoesNotMatch", "0002-00000040");
  EXPECT_EQ(e.fields.size(), 4u);  // no CanonicalRequest in V1
}

TEST_F(VerifierTest, V1Query) {
  SignOptions o = options();
  o.expires_s = 60;
  Req r = presigned(o, false);
  EXPECT_EQ(run(r, kNow + 60).value().scheme, Scheme::V1Query);
  Error e = fail(r, kNow + 61);
  expect_error(e, 403, "AccessDenied", "");
  EXPECT_EQ(e.message_or_default(), "Request has expired.");
  EXPECT_EQ(e.fields.at(1).first, "ServerTime");
  for (auto& [k, v] : r.query) {
    if (k == "Expires") v = "soon";
  }
  expect_error(fail(r), 403, "AccessDenied", "0002-00000070");
  Req missing;
  missing.query = {{"OSSAccessKeyId", "ak"}, {"Expires", "1"}};
  expect_error(fail(missing), 403, "AccessDenied", "");
}

// Which copy of a repeated signature field was verified must never be a question: a request
// that repeats one is refused before any copy is looked at, even when each copy is valid.
TEST_F(VerifierTest, RepeatedAuthenticationFieldsAreRefused) {
  Req twice = v4_header(options());
  ASSERT_TRUE(run(twice).has_value());
  twice.headers.add("Authorization", std::string(twice.headers.get("authorization")));
  expect_error(fail(twice), 400, "InvalidArgument", "");

  Req two_dates = v4_header(options());
  two_dates.headers.add("x-oss-date", std::string(two_dates.headers.get("x-oss-date")));
  expect_error(fail(two_dates), 400, "InvalidArgument", "");

  for (bool v4 : {true, false}) {
    SignOptions o = options();
    o.expires_s = 60;
    const Req good = presigned(o, v4);
    ASSERT_TRUE(run(good).has_value());
    const std::vector<std::string> names =
        v4 ? std::vector<std::string>{"x-oss-signature", "x-oss-credential", "x-oss-date", "x-oss-expires",
                                      "x-oss-signature-version"}
           : std::vector<std::string>{"Signature", "OSSAccessKeyId", "Expires"};
    for (const auto& name : names) {
      Req r = good;
      auto it = std::find_if(r.query.begin(), r.query.end(), [&](const auto& kv) { return kv.first == name; });
      ASSERT_NE(it, r.query.end()) << name;
      r.query.emplace_back(name, it->second);  // the same value again: still ambiguous
      Error e = fail(r);
      expect_error(e, 400, "InvalidArgument", "");
      EXPECT_NE(e.message_or_default().find(name), std::string::npos) << e.message_or_default();
    }
  }
}

}  // namespace
}  // namespace ossd::auth
