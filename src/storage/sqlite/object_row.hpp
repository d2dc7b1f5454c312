// How an ObjectMeta maps onto a row of the objects table (schema/schema.hpp).
#pragma once

#include "storage/sqlite/sqlite_db.hpp"
#include "storage/types.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ossd::storage::sqlite {

// The columns read_object_row expects, in order, as a literal to paste into SQL.
#define OSSD_OBJECT_COLUMNS                                                                  \
  "key, size, etag, crc64, content_type, last_modified_ms, object_type, storage_class, acl, " \
  "headers, user_meta, data_ref"

inline constexpr int kObjectColumnCount = 12;

// Builds an ObjectMeta from OSSD_OBJECT_COLUMNS starting at column 0. Throws SqliteError
// (SQLITE_CORRUPT) if the encoded header lists are malformed.
ObjectMeta read_object_row(const Stmt& stmt, const std::string& bucket);

// Binds parameters 1..13: bucket, then OSSD_OBJECT_COLUMNS in order.
void bind_object_row(Stmt& stmt, const ObjectMeta& meta);

// Header lists are stored as netstrings, "<len>:<bytes>" for each name then value: binary
// safe, order preserving, and trivially parsed by any backend.
std::string encode_pairs(const std::vector<std::pair<std::string, std::string>>& pairs);
bool decode_pairs(std::string_view text, std::vector<std::pair<std::string, std::string>>& out);

}  // namespace ossd::storage::sqlite
