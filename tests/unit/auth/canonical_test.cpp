// Canonical forms, ali-oss ordering, signing-key chain and client signers, case by case.
#include "auth/canonical.hpp"

#include <gtest/gtest.h>

#include "auth/locale_order.hpp"
#include "auth/presign.hpp"
#include "auth/v4.hpp"
#include "common/encoding.hpp"

namespace ossd::auth {
namespace {

TEST(Canonical, V4Uri) {
  EXPECT_EQ(v4_canonical_uri("", ""), "/");
  EXPECT_EQ(v4_canonical_uri("b", ""), "/b/");
  EXPECT_EQ(v4_canonical_uri("b", "a+b=c&d.txt"), "/b/a%2Bb%3Dc%26d.txt");
  EXPECT_EQ(v4_canonical_uri("b", "a//b///c.txt"), "/b/a//b///c.txt");
  EXPECT_EQ(v4_canonical_uri("b", "a%2Fb"), "/b/a%252Fb");
}

TEST(Canonical, V4QueryByteOrderAndEmptyValues) {
  QueryPairs q = {{"Zeta", "1"},
                  {"alpha", "2"},
                  {"acl", ""},
                  {"x-oss-process", "image/resize,w_200"},
                  {"x-oss-signature", "sig"}};
  EXPECT_EQ(v4_canonical_query(q, {}, "x-oss-signature"),
            "Zeta=1&acl&alpha=2&x-oss-process=image%2Fresize%2Cw_200");
  EXPECT_EQ(v4_canonical_query(q, {true, true}, "x-oss-signature"),
            "acl=&alpha=2&x-oss-process=image%2Fresize%2Cw_200&Zeta=1");
  EXPECT_EQ(v4_canonical_query({}), "");
  // ties on the key sort by value
  EXPECT_EQ(v4_canonical_query({{"k", "b"}, {"k", "a"}}), "k=a&k=b");
}

TEST(Canonical, LocaleCompareLikeIcuRoot) {
  EXPECT_LT(locale_compare("alpha", "Zeta"), 0);
  EXPECT_LT(locale_compare("a_b", "a-b"), 0);
  EXPECT_LT(locale_compare("a", "A"), 0);
  EXPECT_LT(locale_compare("A", "b"), 0);
  EXPECT_LT(locale_compare("x-oss-date", "x-oss-expires"), 0);
  EXPECT_LT(locale_compare("9", "a"), 0);
  EXPECT_LT(locale_compare("ab", "abc"), 0);
  EXPECT_EQ(locale_compare("same", "same"), 0);
  EXPECT_GT(locale_compare("Zeta", "x-oss-signature-version"), 0);
}

TEST(Canonical, V4HeadersSignedSetTrimAndJoin) {
  Headers h;
  h.add("Content-Type", " text/plain ");
  h.add("X-Oss-Meta-A", "1");
  h.add("x-oss-meta-a", "2");
  h.add("Range", "bytes=0-1");
  h.add("User-Agent", "x");
  h.add("x-oss-empty", "");
  EXPECT_EQ(v4_canonical_headers(h, {}),
            "content-type:text/plain\nx-oss-empty:\nx-oss-meta-a:1,2\n");
  EXPECT_EQ(v4_canonical_headers(h, {"range"}),
            "content-type:text/plain\nrange:bytes=0-1\nx-oss-empty:\nx-oss-meta-a:1,2\n");
}

TEST(Canonical, AdditionalHeadersNormalised) {
  Headers h;
  h.add("Cache-Control", "no-cache");
  h.add("Content-Length", "11");
  h.add("Content-Type", "text/plain");
  auto names = normalize_additional_headers({"Content-Length", "x-oss-meta-a", "content-type",
                                             "Cache-Control", "content-length", "Absent"},
                                            h);
  EXPECT_EQ(join_names(names), "cache-control;content-length");
  EXPECT_EQ(split_names("a;b").size(), 2u);
  EXPECT_TRUE(split_names("").empty());
  EXPECT_EQ(split_names("host;").size(), 2u);
}

TEST(Canonical, V1ResourceAndSubresources) {
  QueryPairs q = {
      {"uploadId", "0004B98"}, {"partNumber", "1"}, {"prefix", "a/"}, {"x-oss-anything", "v"}};
  EXPECT_EQ(v1_canonical_resource("b", "big/video.mp4", q),
            "/b/big/video.mp4?partNumber=1&uploadId=0004B98&x-oss-anything=v");
  EXPECT_EQ(v1_canonical_resource("b", "", {{"acl", ""}}), "/b/?acl");
  EXPECT_EQ(v1_canonical_resource("", "", {{"max-keys", "10"}}), "/");
  EXPECT_EQ(v1_canonical_resource("b", "中文/a b+c.txt", {}), "/b/中文/a b+c.txt");
  EXPECT_TRUE(is_v1_subresource("response-content-disposition"));
  EXPECT_FALSE(is_v1_subresource("continuation"));
  EXPECT_FALSE(is_v1_subresource("ACL"));  // case-sensitive
}

TEST(SigningKey, ChainMatchesVectorDebug) {
  // v4h-put-buffer's debug.signing_key_chain_hex.signing_key
  EXPECT_EQ(
      hex_lower(v4_signing_key("OssdVectorSecret0123456789abcdefGHIJ", "20241112", "cn-hangzhou")),
      "4a9ba7e514afff0acc5d874f4c1656f8f463bd4711e507a8342590ac73e73978");
  // a cached key is the same key
  EXPECT_EQ(v4_signing_key("s", "20241112", "cn-hangzhou"),
            v4_signing_key("s", "20241112", "cn-hangzhou"));
  EXPECT_NE(v4_signing_key("s", "20241112", "cn-hangzhou"),
            v4_signing_key("s", "20241113", "cn-hangzhou"));
}

TEST(Presign, V4RefusesExpiresOutOfRange) {
  SignOptions o;
  o.bucket = "b";
  o.key = "k";
  o.signing_time_s = 1731400358;
  o.expires_s = 604801;
  EXPECT_FALSE(presign_v4({"ak", "sk", ""}, o).has_value());
  o.expires_s = 0;
  EXPECT_FALSE(presign_v4({"ak", "sk", ""}, o).has_value());
  o.expires_s = 604800;
  EXPECT_TRUE(presign_v4({"ak", "sk", ""}, o).has_value());
}

TEST(Presign, V4EscapesLikeGoAndAddsHost) {
  SignOptions o;
  o.bucket = "b";
  o.key = "tilde~file(1)!*'.txt";
  o.scheme = "http";
  o.signing_time_s = 1731400358;
  o.additional_headers = {"Host"};
  auto s = presign_v4({"ak", "sk", "tok"}, o);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->url.substr(0, 70),
            "http://b.oss-cn-hangzhou.aliyuncs.com/tilde~file%281%29%21%2A%27.txt?x");
  EXPECT_NE(s->url.find("x-oss-additional-headers=host&"), std::string::npos);
  EXPECT_NE(s->url.find("x-oss-security-token=tok&x-oss-signature="), std::string::npos);
  EXPECT_NE(s->canonical_request.find("\nhost:b.oss-cn-hangzhou.aliyuncs.com\n\nhost\n"),
            std::string::npos);
}

TEST(Presign, PathStyleAndServiceLevel) {
  SignOptions o;
  o.bucket = "b";
  o.key = "dir/f";
  o.endpoint = "localhost:9000";
  o.path_style = true;
  EXPECT_EQ(request_host(o), "localhost:9000");
  EXPECT_EQ(request_path(o), "/b/dir/f");
  o.bucket.clear();
  o.key.clear();
  EXPECT_EQ(request_path(o), "/");
}

TEST(Presign, V4HeaderWithToken) {
  SignOptions o;
  o.method = "PUT";
  o.bucket = "b";
  o.key = "k";
  o.signing_time_s = 1731400358;
  Signed s = sign_v4_header({"ak", "sk", "tok"}, o);
  EXPECT_EQ(s.headers_to_add.get("x-oss-date"), "20241112T083238Z");
  EXPECT_EQ(s.headers_to_add.get("x-oss-content-sha256"), "UNSIGNED-PAYLOAD");
  EXPECT_EQ(s.headers_to_add.get("x-oss-security-token"), "tok");
  EXPECT_EQ(
      s.authorization.rfind(
          "OSS4-HMAC-SHA256 Credential=ak/20241112/cn-hangzhou/oss/aliyun_v4_request,Signature=",
          0),
      0u);
  EXPECT_NE(s.canonical_request.find("x-oss-security-token:tok\n"), std::string::npos);
}

}  // namespace
}  // namespace ossd::auth
