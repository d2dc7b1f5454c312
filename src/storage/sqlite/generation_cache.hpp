// In-memory copies of rows the SqliteMetaStore reads on every request, so that a hit costs a
// hash lookup instead of a SQLite query on the network thread: bucket rows and per-bucket config
// documents ("cors", "policy"...), and object rows with their inline bytes (measured: see
// docs/performance.md, round 2 and "Round 3").
//
// Assumption: ONE process owns the database (embedded mode). The SqliteMetaStore invalidates
// an entry after each of its own writes; a second process writing the same file would not be
// seen until this one restarts.
//
// Absent entries are cached too (a GET on a missing bucket or key stays cheap). The cache is
// bounded in entries and in bytes (keys, strings and inline bodies, as counted by
// cache_footprint()): an entry that would pass either bound empties the cache first. Simple,
// and a hot set that fits stays cached; a working set larger than the budget falls back to
// SQLite for most reads, which is what it cost before the cache.
//
// Race with writers: a reader that misses takes a ticket (the current generation) before it
// queries SQLite and inserts its result only if no write finished in between; a writer bumps
// the generation after its commit. A stale row can therefore never be cached after the write
// that replaced it.
//
// Thread-safety: every method may be called from any thread (one mutex; hits are a hash lookup
// and a copy).
#pragma once

#include "storage/types.hpp"

#include <cstdint>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace ossd::storage::sqlite {

// Approximate heap bytes an entry holds, for the byte bound. Declared before the template so
// that its calls find every overload.
inline std::size_t cache_footprint(const std::string& s) { return sizeof(s) + s.size(); }
inline std::size_t cache_footprint(const BucketInfo& b) {
  return sizeof(b) + b.name.size() + b.region.size() + b.acl.size() + b.owner.size();
}
inline std::size_t cache_footprint(const ObjectMeta& m) {
  std::size_t n = sizeof(m) + m.bucket.size() + m.key.size() + m.etag.size() + m.content_type.size() +
                  m.data_ref.size() + m.inline_data.size();
  for (const auto& [k, v] : m.headers) n += 2 * sizeof(std::string) + k.size() + v.size();
  for (const auto& [k, v] : m.user_meta) n += 2 * sizeof(std::string) + k.size() + v.size();
  return n;
}
template <class T>
std::size_t cache_footprint(const T& v) {
  return sizeof(v);
}

template <class Value>
class GenerationCache {
 public:
  static constexpr std::size_t kDefaultMaxEntries = 10000;

  explicit GenerationCache(std::size_t max_entries = kDefaultMaxEntries,
                           std::size_t max_bytes = std::numeric_limits<std::size_t>::max())
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

  // Some(entry) on a hit (the entry itself may be "absent"); nullopt on a miss, with `ticket`
  // set for put().
  std::optional<std::optional<Value>> get(const std::string& key, uint64_t& ticket) {
    std::lock_guard lock(mu_);
    auto it = map_.find(key);
    if (it != map_.end()) return it->second.value;
    ticket = generation_;
    return std::nullopt;
  }

  void put(const std::string& key, const std::optional<Value>& value, uint64_t ticket) {
    const std::size_t cost = kEntryOverhead + key.size() + (value ? cache_footprint(*value) : 0);
    std::lock_guard lock(mu_);
    if (ticket != generation_) return;  // a write finished since the read began
    if (cost > max_bytes_ / 8) return;  // one entry never takes more than an eighth of the budget
    if (map_.size() >= max_entries_ || bytes_ + cost > max_bytes_) clear();
    if (map_.emplace(key, Entry{value, cost}).second) bytes_ += cost;
  }

  // Called after a write that may have changed `key` (invalidate_all: any entry).
  void invalidate(const std::string& key) {
    std::lock_guard lock(mu_);
    ++generation_;
    auto it = map_.find(key);
    if (it == map_.end()) return;
    bytes_ -= it->second.cost;
    map_.erase(it);
  }
  void invalidate_all() {
    std::lock_guard lock(mu_);
    ++generation_;
    clear();
  }

  std::size_t bytes() const {
    std::lock_guard lock(mu_);
    return bytes_;
  }

 private:
  // The hash node, the key's string and bookkeeping: roughly what an entry costs beyond its value.
  static constexpr std::size_t kEntryOverhead = 96;
  struct Entry {
    std::optional<Value> value;
    std::size_t cost = 0;
  };
  void clear() {
    map_.clear();
    bytes_ = 0;
  }

  const std::size_t max_entries_, max_bytes_;
  mutable std::mutex mu_;
  uint64_t generation_ = 0;                      // guarded by mu_
  std::size_t bytes_ = 0;                        // guarded by mu_
  std::unordered_map<std::string, Entry> map_;  // guarded by mu_
};

// Reads through `cache`: `load()` (a SQLite query returning std::optional<Value>) on a miss.
template <class Value, class Load>
std::optional<Value> read_through(GenerationCache<Value>& cache, const std::string& key, Load load) {
  uint64_t ticket = 0;
  if (auto hit = cache.get(key, ticket)) return std::move(*hit);
  std::optional<Value> loaded = load();
  cache.put(key, loaded, ticket);
  return loaded;
}

// The key of a per-bucket config document or of an object: bucket names cannot contain '/', so
// "<bucket>/<name>" is unique.
inline std::string bucket_scoped_key(const std::string& bucket, const std::string& name) {
  return bucket + "/" + name;
}

}  // namespace ossd::storage::sqlite
