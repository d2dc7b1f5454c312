// RPC signature 1.0 against the bytes ali-oss's STS client produces. The expected strings and
// signatures come from tests/unit/auth/rpc_signature_gen.js (ali-oss lib/sts.js _getSignature);
// re-run it and paste its output when a case changes.
#include "auth/rpc_signature.hpp"

#include <gtest/gtest.h>

namespace ossd::auth {
namespace {

RpcParams with_common(RpcParams p, std::string version = "2015-04-01") {
  p.insert(p.end(), {{"Format", "JSON"},
                     {"Version", std::move(version)},
                     {"AccessKeyId", "testid"},
                     {"SignatureMethod", "HMAC-SHA1"},
                     {"SignatureVersion", "1.0"},
                     {"SignatureNonce", "0.123456789"},
                     {"Timestamp", "2026-01-02T03:04:05Z"}});
  return p;
}

TEST(RpcSignature, PercentEncodeIsRfc3986) {
  EXPECT_EQ(rpc_percent_encode("a b*c~d/e=f&g+h"), "a%20b%2Ac~d%2Fe%3Df%26g%2Bh");
  EXPECT_EQ(rpc_percent_encode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(rpc_percent_encode("!'()"), "%21%27%28%29");
  EXPECT_EQ(rpc_percent_encode("\xC3\xAB"), "%C3%AB");
  EXPECT_EQ(rpc_percent_encode(""), "");
}

TEST(RpcSignature, AssumeRoleMatchesAliOss) {
  RpcParams p = with_common({{"Action", "AssumeRole"},
                             {"RoleArn", "acs:ram::1234567890:role/reader"},
                             {"RoleSessionName", "app"},
                             {"DurationSeconds", "3600"}});
  const std::string sts = rpc_string_to_sign("POST", p);
  EXPECT_EQ(sts,
            "POST&%2F&AccessKeyId%3Dtestid%26Action%3DAssumeRole%26DurationSeconds%3D3600%26"
            "Format%3DJSON%26RoleArn%3Dacs%253Aram%253A%253A1234567890%253Arole%252Freader%26"
            "RoleSessionName%3Dapp%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D0.123456789%"
            "26SignatureVersion%3D1.0%26Timestamp%3D2026-01-02T03%253A04%253A05Z%26Version%3D2015-"
            "04-01");
  EXPECT_EQ(rpc_signature("testsecret", sts), "V3y5wtScxNIYOE1mHLDptgNiftY=");
}

TEST(RpcSignature, AwkwardValuesMatchAliOss) {
  RpcParams p = with_common({{"Action", "CreateUser"},
                             {"UserName", "a b*c~d/e=f&g+h"},
                             {"DisplayName", "Zo\xC3\xAB \xE5\x90\x8D\xE5\xAD\x97 "},
                             {"Comments", "!'()*-._~:@"}},
                            "2015-05-01");
  const std::string sts = rpc_string_to_sign("POST", p);
  EXPECT_EQ(sts,
            "POST&%2F&AccessKeyId%3Dtestid%26Action%3DCreateUser%26Comments%3D%2521%2527%2528%2529%"
            "252A-._~%253A%2540%26DisplayName%3DZo%25C3%25AB%2520%25E5%2590%258D%25E5%25AD%2597%"
            "2520%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D0.123456789%"
            "26SignatureVersion%3D1.0%26Timestamp%3D2026-01-02T03%253A04%253A05Z%26UserName%3Da%"
            "2520b%252Ac~d%252Fe%253Df%2526g%252Bh%26Version%3D2015-05-01");
  EXPECT_EQ(rpc_signature("sec/ret+=*~", sts), "IvqymszkVOYQ79UETITSmZzUOEI=");
}

TEST(RpcSignature, PolicyJsonWithTokenAndLowercaseMethodMatchesAliOss) {
  RpcParams p = with_common(
      {{"Action", "CreatePolicy"},
       {"PolicyName", "read-only"},
       {"PolicyDocument",
        R"({"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObject"],)"
        R"("Resource":["acs:oss:*:*:b/*"]}]})"}},
      "2015-05-01");
  p.emplace_back("SecurityToken", "tok=en/x+y");
  const std::string sts = rpc_string_to_sign("get", p);
  EXPECT_EQ(sts,
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreatePolicy%26Format%3DJSON%26PolicyDocume"
            "nt%3D%257B%2522Version%2522%253A%25221%2522%252C%2522Statement%2522%253A%255B%257B%"
            "2522Effect%2522%253A%2522Allow%2522%252C%2522Action%2522%253A%255B%2522oss%253AGetO"
            "bject%2522%255D%252C%2522Resource%2522%253A%255B%2522acs%253Aoss%253A%252A%253A%252"
            "A%253Ab%252F%252A%2522%255D%257D%255D%257D%26PolicyName%3Dread-only%26SecurityToken%"
            "3Dtok%253Den%252Fx%252By%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D0.1234567"
            "89%26SignatureVersion%3D1.0%26Timestamp%3D2026-01-02T03%253A04%253A05Z%26Version%3D2"
            "015-05-01");
  EXPECT_EQ(rpc_signature("S3cr3t", sts), "tTO47tomaJ0du75/biCjbeje4SY=");
}

TEST(RpcSignature, ByteOrderEmptyValueAndEmptySecretMatchAliOss) {
  RpcParams p = with_common(
      {{"b", ""}, {"B", "1"}, {"a", "x"}, {"Action", "ListUsers"}, {"_z", "2"}});
  const std::string sts = rpc_string_to_sign("POST", p);
  EXPECT_EQ(sts,
            "POST&%2F&AccessKeyId%3Dtestid%26Action%3DListUsers%26B%3D1%26Format%3DJSON%26Signatu"
            "reMethod%3DHMAC-SHA1%26SignatureNonce%3D0.123456789%26SignatureVersion%3D1.0%26Times"
            "tamp%3D2026-01-02T03%253A04%253A05Z%26Version%3D2015-04-01%26_z%3D2%26a%3Dx%26b%3D");
  EXPECT_EQ(rpc_signature("", sts), "kv5KqKNwSQBHrDF52/A2OuEZVMU=");
}

TEST(RpcSignature, SignatureParameterIsNotSigned) {
  RpcParams p = {{"Action", "GetCallerIdentity"}, {"Signature", "abc="}};
  EXPECT_EQ(rpc_canonicalized_query(p), "Action=GetCallerIdentity");
  EXPECT_EQ(rpc_string_to_sign("POST", p), "POST&%2F&Action%3DGetCallerIdentity");
}

}  // namespace
}  // namespace ossd::auth
