// ListObjects over the objects table: ordered range scans with prefix folding.
#pragma once

#include "storage/sqlite/sqlite_db.hpp"
#include "storage/types.hpp"

#include <string>

namespace ossd::storage::sqlite {

// One page of `bucket` as MetaStore::list_objects describes it. Run inside a ReadTxn.
// Cost is O(page size) seeks, not O(keys under the prefix): after folding a key into a common
// prefix the scan re-seeks past the whole group instead of stepping over its keys.
ListPage list_objects_page(Connection& conn, const std::string& bucket, const ListQuery& query);

}  // namespace ossd::storage::sqlite
