#include "common/crc64.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ossd {
namespace {

TEST(Crc64, CheckValue) {
  EXPECT_EQ(crc64_update(0, "123456789"), 0x995dc9bbdf1939faULL);
  EXPECT_EQ(crc64_update(0, ""), 0u);
}

TEST(Crc64, UpdateChains) {
  EXPECT_EQ(crc64_update(crc64_update(0, "12345"), "6789"), 0x995dc9bbdf1939faULL);
}

TEST(Crc64, CombineMatchesOneShot) {
  std::string data;
  for (int i = 0; i < 5000; ++i) data.push_back(static_cast<char>((i * 7919) >> 3));
  const uint64_t whole = crc64_update(0, data);
  for (std::size_t split : {0u, 1u, 2u, 7u, 8u, 9u, 1000u, 4095u, 4999u, 5000u}) {
    std::string_view a = std::string_view(data).substr(0, split);
    std::string_view b = std::string_view(data).substr(split);
    EXPECT_EQ(crc64_combine(crc64_update(0, a), crc64_update(0, b), b.size()), whole) << split;
  }
}

TEST(Crc64, CombineThreeParts) {
  std::string p1(100, 'a'), p2(3, 'b'), p3(70000, 'c');
  uint64_t c = crc64_combine(crc64_update(0, p1), crc64_update(0, p2), p2.size());
  c = crc64_combine(c, crc64_update(0, p3), p3.size());
  EXPECT_EQ(c, crc64_update(0, p1 + p2 + p3));
}

}  // namespace
}  // namespace ossd
