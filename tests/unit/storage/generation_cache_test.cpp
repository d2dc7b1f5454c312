// GenerationCache (src/storage/sqlite/generation_cache.hpp): hits, cached absence, the ticket
// that keeps a read which raced with a write from caching the old value, and the bounds.
#include "storage/sqlite/generation_cache.hpp"

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
  for (std::size_t i = 0; i < GenerationCache<int>::kDefaultMaxEntries + 10; ++i) {
    read_through(cache, std::to_string(i), [] { return std::optional<int>(1); });
  }
  uint64_t ticket = 0;
  EXPECT_FALSE(cache.get("0", ticket).has_value());  // emptied when it filled up
  EXPECT_TRUE(cache.get(std::to_string(GenerationCache<int>::kDefaultMaxEntries + 9), ticket).has_value());
}

TEST(GenerationCache, StaysWithinItsByteBudget) {
  GenerationCache<ObjectMeta> cache(1000000, 1 << 20);  // 1 MiB
  ObjectMeta m;
  m.inline_data.assign(64 * 1024, 'x');
  for (int i = 0; i < 100; ++i) {  // 6.4 MiB of bodies offered
    read_through(cache, "b/k" + std::to_string(i), [&] { return std::optional<ObjectMeta>(m); });
    EXPECT_LE(cache.bytes(), std::size_t{1} << 20);
  }
  uint64_t ticket = 0;
  EXPECT_TRUE(cache.get("b/k99", ticket).has_value());  // the newest entries are kept
  EXPECT_FALSE(cache.get("b/k0", ticket).has_value());
  // An entry larger than an eighth of the budget is never cached.
  m.inline_data.assign(200 * 1024, 'y');
  read_through(cache, "b/big", [&] { return std::optional<ObjectMeta>(m); });
  EXPECT_FALSE(cache.get("b/big", ticket).has_value());
  // Invalidation gives the bytes back.
  cache.invalidate_all();
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(GenerationCache, InvalidateReturnsTheEntrysBytes) {
  GenerationCache<std::string> cache;
  read_through(cache, "a", [] { return std::optional<std::string>(std::string(1000, 'a')); });
  EXPECT_GT(cache.bytes(), 1000u);
  cache.invalidate("a");
  EXPECT_EQ(cache.bytes(), 0u);
}

}  // namespace
}  // namespace ossd::storage::sqlite
