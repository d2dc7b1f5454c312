#include "storage/sqlite/object_row.hpp"

#include <gtest/gtest.h>

namespace ossd::storage::sqlite {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(ObjectRow, PairsRoundTrip) {
  const Pairs cases[] = {
      {},
      {{"", ""}},
      {{"Cache-Control", "no-cache"}, {"x", "a:b:c"}, {"10:", std::string("\0\xff", 2)}},
  };
  for (const auto& pairs : cases) {
    Pairs out{{"stale", "entry"}};
    ASSERT_TRUE(decode_pairs(encode_pairs(pairs), out));
    EXPECT_EQ(out, pairs);
  }
  EXPECT_EQ(encode_pairs({{"ab", "c"}}), "2:ab1:c");
}

TEST(ObjectRow, MalformedPairsAreRejected) {
  Pairs out;
  for (const char* bad : {"2:ab", "2:ab9:c", "x:ab1:c", ":1:a", "3ab1:c", "-1:a1:b"}) {
    EXPECT_FALSE(decode_pairs(bad, out)) << bad;
  }
}

}  // namespace
}  // namespace ossd::storage::sqlite
