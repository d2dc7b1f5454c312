#include "storage/sqlite/object_row.hpp"

#include <sqlite3.h>

#include <bit>
#include <charconv>

namespace ossd::storage::sqlite {
namespace {

bool read_netstring(std::string_view& text, std::string& out) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::size_t len = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + colon, len);
  if (ec != std::errc() || end != text.data() + colon) return false;
  if (text.size() - colon - 1 < len) return false;
  out.assign(text.substr(colon + 1, len));
  text.remove_prefix(colon + 1 + len);
  return true;
}

void append_netstring(std::string& out, std::string_view s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

}  // namespace

std::string encode_pairs(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) {
    append_netstring(out, name);
    append_netstring(out, value);
  }
  return out;
}

bool decode_pairs(std::string_view text, std::vector<std::pair<std::string, std::string>>& out) {
  out.clear();
  while (!text.empty()) {
    std::pair<std::string, std::string> pair;
    if (!read_netstring(text, pair.first) || !read_netstring(text, pair.second)) return false;
    out.push_back(std::move(pair));
  }
  return true;
}

ObjectMeta read_object_row(const Stmt& stmt, const std::string& bucket) {
  ObjectMeta m;
  m.bucket = bucket;
  m.key = stmt.column_string(0);
  m.size = static_cast<uint64_t>(stmt.column_int(1));
  m.etag = stmt.column_string(2);
  // SQL has no unsigned 64-bit type: the CRC is stored bit-for-bit as a signed integer.
  m.crc64 = std::bit_cast<uint64_t>(stmt.column_int(3));
  m.content_type = stmt.column_string(4);
  m.last_modified_ms = stmt.column_int(5);
  m.object_type = stmt.column_string(6);
  m.storage_class = stmt.column_string(7);
  m.acl = stmt.column_string(8);
  if (!decode_pairs(stmt.column_view(9), m.headers) || !decode_pairs(stmt.column_view(10), m.user_meta)) {
    throw SqliteError(SQLITE_CORRUPT, "malformed header list in object row");
  }
  m.data_ref = stmt.column_string(11);
  return m;
}

void bind_object_row(Stmt& stmt, const ObjectMeta& m) {
  stmt.bind_text(1, m.bucket)
      .bind_blob(2, m.key)
      .bind_int(3, static_cast<int64_t>(m.size))
      .bind_text(4, m.etag)
      .bind_int(5, std::bit_cast<int64_t>(m.crc64))
      .bind_text(6, m.content_type)
      .bind_int(7, m.last_modified_ms)
      .bind_text(8, m.object_type)
      .bind_text(9, m.storage_class)
      .bind_text(10, m.acl)
      .bind_blob(11, encode_pairs(m.headers))
      .bind_blob(12, encode_pairs(m.user_meta))
      .bind_text(13, m.data_ref);
}

}  // namespace ossd::storage::sqlite
