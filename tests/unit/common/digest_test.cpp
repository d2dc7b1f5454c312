#include "common/digest.hpp"

#include <gtest/gtest.h>

#include "common/encoding.hpp"

namespace ossd {
namespace {

TEST(Digest, KnownValues) {
  EXPECT_EQ(base64_encode(md5("hello world")), "XrY7u+Ae7tCTyyK7j1rNww==");
  EXPECT_EQ(hex_lower(sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(hex_lower(sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // RFC 4231 test case 2
  EXPECT_EQ(hex_lower(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // RFC 2202 test case 2
  EXPECT_EQ(hex_lower(hmac_sha1("Jefe", "what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

TEST(Digest, Md5IncrementalMatchesOneShot) {
  std::string data;
  for (int i = 0; i < 10000; ++i) data.push_back(static_cast<char>(i * 31));
  Md5 m;
  for (std::size_t off = 0; off < data.size(); off += 777)
    m.update(std::string_view(data).substr(off, 777));
  EXPECT_EQ(m.finish(), md5(data));
  Md5 moved = Md5();
  moved.update("hello world");
  Md5 other(std::move(moved));
  EXPECT_EQ(base64_encode(other.finish()), "XrY7u+Ae7tCTyyK7j1rNww==");
}

TEST(Digest, ConstantTimeEquals) {
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "ab"));
  EXPECT_TRUE(constant_time_equals("", ""));
}

TEST(Digest, RandomBytes) {
  EXPECT_EQ(random_bytes(16).size(), 16u);
  EXPECT_NE(random_bytes(16), random_bytes(16));
  EXPECT_TRUE(random_bytes(0).empty());
}

}  // namespace
}  // namespace ossd
