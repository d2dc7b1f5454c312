#include "storage/sqlite/listing.hpp"

#include "storage/key_range.hpp"
#include "storage/sqlite/object_row.hpp"

#include <optional>

namespace ossd::storage::sqlite {
namespace {

constexpr const char* kScanBounded =
    "SELECT " OSSD_OBJECT_COLUMNS " FROM objects WHERE bucket = ?1 AND key >= ?2 AND key < ?3 ORDER BY key";
constexpr const char* kScanOpen =
    "SELECT " OSSD_OBJECT_COLUMNS " FROM objects WHERE bucket = ?1 AND key >= ?2 ORDER BY key";

// The inclusive lower bound of the scan, or nullopt when nothing can follow start_after.
std::optional<std::string> first_lower_bound(const ListQuery& q) {
  if (q.start_after < q.prefix) return q.prefix;
  // start_after inside a common prefix: that group was returned (as the prefix) on an
  // earlier page or sorts before the marker, so the scan resumes after the whole group.
  if (q.start_after.starts_with(q.prefix)) {
    if (auto cp = common_prefix_of(q.start_after, q.prefix, q.delimiter)) return prefix_successor(*cp);
  }
  return immediate_successor(q.start_after);
}

}  // namespace

ListPage list_objects_page(Connection& conn, const std::string& bucket, const ListQuery& q) {
  ListPage page;
  auto lower = first_lower_bound(q);
  if (!lower) return page;
  const auto upper = prefix_successor(q.prefix);
  Stmt scan = conn.prepare(upper ? kScanBounded : kScanOpen);
  scan.bind_text(1, bucket).bind_blob(2, *lower);
  if (upper) scan.bind_blob(3, *upper);

  int count = 0;
  std::string last;
  while (scan.step()) {
    const std::string_view key = scan.column_view(0);
    if (count >= q.max_keys) {
      page.truncated = true;  // one more entry exists beyond the page
      break;
    }
    ++count;
    const auto cp = common_prefix_of(key, q.prefix, q.delimiter);
    if (!cp) {
      page.objects.push_back(read_object_row(scan, bucket));
      last = page.objects.back().key;
      continue;
    }
    last.assign(*cp);
    page.common_prefixes.push_back(last);
    // Skip the rest of the group with one new seek rather than stepping over its keys.
    const auto next = prefix_successor(last);
    if (!next) break;
    scan.reset();
    scan.bind_blob(2, *next);
  }
  if (page.truncated) page.next_marker = last;
  return page;
}

}  // namespace ossd::storage::sqlite
