// An in-memory copy of bucket rows and per-bucket config documents ("cors", "policy"...), so
// that the per-request reads (every object request looks its bucket up; authorisation reads
// the bucket's policy) cost a hash lookup instead of a SQLite query on the network thread
// (measured: see docs/performance.md, "bucket cache").
//
// Assumption: ONE process owns the database (embedded mode). The SqliteMetaStore invalidates
// an entry after each of its own writes to buckets or bucket_configs; a second process writing
// the same file would not be seen until this one restarts.
//
// Absent entries are cached too (a GET on a missing bucket stays cheap). The cache is bounded:
// past kMaxEntries it is simply emptied (buckets are few; this only guards against a flood of
// random bucket names).
//
// Race with writers: a reader that misses takes a ticket (the current generation) before it
// queries SQLite and inserts its result only if no write finished in between; a writer bumps
// the generation after its commit. A stale row can therefore never be cached after the write
// that replaced it.
//
// Thread-safety: every method may be called from any thread (one mutex; hits are a hash lookup).
#pragma once

#include "storage/types.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace ossd::storage::sqlite {

template <class Value>
class GenerationCache {
 public:
  static constexpr std::size_t kMaxEntries = 10000;

  // Some(entry) on a hit (the entry itself may be "absent"); nullopt on a miss, with `ticket`
  // set for put().
  std::optional<std::optional<Value>> get(const std::string& key, uint64_t& ticket) {
    std::lock_guard lock(mu_);
    auto it = map_.find(key);
    if (it != map_.end()) return it->second;
    ticket = generation_;
    return std::nullopt;
  }

  void put(const std::string& key, const std::optional<Value>& value, uint64_t ticket) {
    std::lock_guard lock(mu_);
    if (ticket != generation_) return;  // a write finished since the read began
    if (map_.size() >= kMaxEntries) map_.clear();
    map_.emplace(key, value);
  }

  // Called after a write that may have changed `key` (invalidate_all: any entry).
  void invalidate(const std::string& key) {
    std::lock_guard lock(mu_);
    ++generation_;
    map_.erase(key);
  }
  void invalidate_all() {
    std::lock_guard lock(mu_);
    ++generation_;
    map_.clear();
  }

 private:
  std::mutex mu_;
  uint64_t generation_ = 0;                                    // guarded by mu_
  std::unordered_map<std::string, std::optional<Value>> map_;  // guarded by mu_
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

// The key of a per-bucket config document: bucket names cannot contain '/', so this is unique.
inline std::string config_cache_key(const std::string& bucket, const std::string& name) {
  return bucket + "/" + name;
}

}  // namespace ossd::storage::sqlite
