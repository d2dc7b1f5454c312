#include "common/encoding.hpp"

#include <gtest/gtest.h>

namespace ossd {
namespace {

TEST(Encoding, Hex) {
  EXPECT_EQ(hex_lower(std::string("\x00\xab\xff", 3)), "00abff");
  EXPECT_EQ(hex_upper(std::string("\x00\xab\xff", 3)), "00ABFF");
  EXPECT_EQ(hex_lower(""), "");
}

TEST(Encoding, Base64RoundTrip) {
  const char* cases[][2] = {
      {"", ""},        {"f", "Zg=="},        {"fo", "Zm8="},
      {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"hello world", "aGVsbG8gd29ybGQ="}};
  for (auto& c : cases) {
    EXPECT_EQ(base64_encode(c[0]), c[1]) << c[0];
    auto d = base64_decode(c[1]);
    ASSERT_TRUE(d.has_value()) << c[1];
    EXPECT_EQ(*d, c[0]);
  }
  std::string bin("\x00\x01\xfe\xff", 4);
  EXPECT_EQ(base64_decode(base64_encode(bin)).value(), bin);
}

TEST(Encoding, Base64Strict) {
  for (const char* bad :
       {"Zg", "Zg=", "Z===", "Zm 9v", "Zm9v\n", "Zg=a", "Z=g=", "Zm9*", "====", "Zm9vYg=\n"}) {
    EXPECT_FALSE(base64_decode(bad).has_value()) << bad;
  }
}

TEST(Encoding, UriEncode) {
  EXPECT_EQ(uri_encode("a+b=c&d.txt"), "a%2Bb%3Dc%26d.txt");
  EXPECT_EQ(uri_encode("tilde~file(1)!*'.txt"), "tilde~file%281%29%21%2A%27.txt");
  EXPECT_EQ(
      uri_encode("/examplebucket/中文目录/文件 名.txt", true),
      "/examplebucket/%E4%B8%AD%E6%96%87%E7%9B%AE%E5%BD%95/%E6%96%87%E4%BB%B6%20%E5%90%8D.txt");
  EXPECT_EQ(uri_encode("a/b"), "a%2Fb");
  EXPECT_EQ(uri_encode("a/b", true), "a/b");
  EXPECT_EQ(uri_encode("AZaz09-._~"), "AZaz09-._~");
}

TEST(Encoding, PercentDecode) {
  EXPECT_EQ(percent_decode("a%2Bb%2Fc%25", false).value(), "a+b/c%");
  EXPECT_EQ(percent_decode("a+b", false).value(), "a+b");
  EXPECT_EQ(percent_decode("a+b", true).value(), "a b");
  EXPECT_EQ(percent_decode("%e4%B8%ad", false).value(), "\xe4\xb8\xad");
  EXPECT_EQ(percent_decode("a%252Fb", false).value(), "a%2Fb");  // decoded once only
  for (const char* bad : {"%", "%4", "%G1", "abc%2", "%%"}) {
    EXPECT_FALSE(percent_decode(bad, false).has_value()) << bad;
  }
}

TEST(Encoding, Utf8) {
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("中文/文件 名.txt"));
  EXPECT_TRUE(is_valid_utf8("\xf0\x9f\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(is_valid_utf8("\xe4\xb8"));      // truncated
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // > U+10FFFF
}

TEST(Encoding, CaseAndTrim) {
  EXPECT_EQ(to_lower("X-Oss-Meta-A"), "x-oss-meta-a");
  EXPECT_TRUE(iequals("Content-Type", "content-type"));
  EXPECT_FALSE(iequals("Content-Type", "content-typ"));
  EXPECT_EQ(trim("  a b \t"), "a b");
  EXPECT_EQ(trim("   "), "");
}

}  // namespace
}  // namespace ossd
