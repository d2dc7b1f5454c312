// GenerationCache (src/storage/sqlite/bucket_cache.hpp): hits, cached absence, and the ticket
// that keeps a read which raced with a write from caching the old value.
#include "storage/sqlite/bucket_cache.hpp"

#include <gtest/gtest.h>

namespace ossd::storage::sqlite {
namespace {

TEST(GenerationCache, CachesValuesAndAbsence) {
  GenerationCache<std::string> cache;
  int loads = 0;
  auto load_a = [&]() -> std::optional<std::string> { ++loads; return std::string("A"); };
  auto load_none = [&]() -> std::optional<std::string> { ++loads; return std::nullopt; };
  EXPECT_EQ(read_through(cache, "a", load_a), "A");
  EXPECT_EQ(read_through(cache, "a", load_a), "A");
  EXPECT_EQ(read_through(cache, "b", load_none), std::nullopt);
  EXPECT_EQ(read_through(cache, "b", load_none), std::nullopt);
  EXPECT_EQ(loads, 2);
  cache.invalidate("a");
  EXPECT_EQ(read_through(cache, "a", load_a), "A");
  EXPECT_EQ(loads, 3);
  cache.invalidate_all();
  EXPECT_EQ(read_through(cache, "b", load_none), std::nullopt);
  EXPECT_EQ(loads, 4);
}

TEST(GenerationCache, AReadThatRacedWithAWriteIsNotCached) {
  GenerationCache<std::string> cache;
  // The loader runs "during" a write to another key: the old value it read must not stick.
  auto racing = [&]() -> std::optional<std::string> {
    cache.invalidate("other");
    return std::string("old");
  };
  EXPECT_EQ(read_through(cache, "k", racing), "old");
  uint64_t ticket = 0;
  EXPECT_FALSE(cache.get("k", ticket).has_value());  // not cached
  cache.put("k", std::string("new"), ticket);
  auto hit = cache.get("k", ticket);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(*hit, std::optional<std::string>("new"));
}

TEST(GenerationCache, StaysBounded) {
  GenerationCache<int> cache;
  for (std::size_t i = 0; i < GenerationCache<int>::kMaxEntries + 10; ++i) {
    read_through(cache, std::to_string(i), [] { return std::optional<int>(1); });
  }
  uint64_t ticket = 0;
  EXPECT_FALSE(cache.get("0", ticket).has_value());  // emptied when it filled up
  EXPECT_TRUE(cache.get(std::to_string(GenerationCache<int>::kMaxEntries + 9), ticket).has_value());
}

}  // namespace
}  // namespace ossd::storage::sqlite
