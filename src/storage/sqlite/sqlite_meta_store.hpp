// The embedded MetaStore: one SQLite database file in WAL mode with synchronous=FULL.
//
// Concurrency: one writer connection fed through group commit (write_batcher.hpp) and a small
// pool of reader connections (reader_pool.hpp), so reads never wait for a commit's fsync.
// Read calls that hit an SQLite error (I/O error, corruption) throw std::runtime_error rather
// than report "not found"; mutating calls map errors to Status.
//
// Single-process assumption (embedded mode): this process is the only writer of the file.
// Bucket rows, per-bucket config documents and object rows are cached in memory, invalidated by this
// store's own writes (generation_cache.hpp); a change made by another process is not seen until
// restart. Tools that write the database (bench/tools/populate.cpp) run before ossd starts.
#pragma once

#include "storage/meta_store.hpp"

#include <memory>
#include <string>

namespace ossd::storage {

// Opens (creating if needed) the database at `path`, applies the schema and checks its
// version. Throws std::runtime_error if the file cannot be opened, is not a database, or was
// written by a newer schema version.
std::unique_ptr<MetaStore> open_sqlite_meta_store(const std::string& path);

}  // namespace ossd::storage
