// The metadata schema shared by every SQL MetaStore (SQLite now, PostgreSQL later).
//
// The statements are written once, in SQL both engines accept, with three placeholders for
// the few spots where they differ (see render_schema): 64-bit integers, byte strings and
// table options. Object keys are byte strings so that ORDER BY key is memcmp order (the order
// ListObjects must return) and keys that are not valid UTF-8 round-trip unchanged.
// docs/on-disk-format.md describes every column.
#pragma once

#include <string>
#include <string_view>

namespace ossd::storage::schema {

// Stored in settings under kSchemaVersionSetting; bumped with each migration.
inline constexpr int kSchemaVersion = 1;
inline constexpr std::string_view kSchemaVersionSetting = "schema_version";

// {i64}: 64-bit signed integer. {bytes}: byte string compared with memcmp.
// {table_opts}: storage options after the closing parenthesis.
inline constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS settings (
  name  TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
){table_opts};

CREATE TABLE IF NOT EXISTS buckets (
  name            TEXT NOT NULL PRIMARY KEY,
  region          TEXT NOT NULL,
  acl             TEXT NOT NULL,
  storage_class   TEXT NOT NULL,
  data_redundancy TEXT NOT NULL,
  owner           TEXT NOT NULL,
  created_ms      {i64} NOT NULL
){table_opts};

CREATE TABLE IF NOT EXISTS objects (
  bucket           TEXT NOT NULL REFERENCES buckets (name),
  key              {bytes} NOT NULL,
  size             {i64} NOT NULL,
  etag             TEXT NOT NULL,
  crc64            {i64} NOT NULL,
  content_type     TEXT NOT NULL,
  last_modified_ms {i64} NOT NULL,
  object_type      TEXT NOT NULL,
  storage_class    TEXT NOT NULL,
  acl              TEXT NOT NULL,
  headers          {bytes} NOT NULL,
  user_meta        {bytes} NOT NULL,
  data_ref         TEXT NOT NULL,
  inline_data      {bytes} NOT NULL,
  PRIMARY KEY (bucket, key)
){table_opts};

CREATE TABLE IF NOT EXISTS bucket_configs (
  bucket TEXT NOT NULL REFERENCES buckets (name),
  name   TEXT NOT NULL,
  value  TEXT NOT NULL,
  PRIMARY KEY (bucket, name)
){table_opts};
)sql";

enum class Dialect { Sqlite, Postgres };

// kSchemaV1 with the placeholders filled in for one engine.
inline std::string render_schema(Dialect dialect) {
  const bool lite = dialect == Dialect::Sqlite;
  // STRICT makes SQLite reject a wrongly typed bind instead of silently storing it;
  // WITHOUT ROWID clusters rows by primary key, so a listing is one ordered B-tree walk.
  const std::string_view subs[][2] = {
      {"{i64}", lite ? "INTEGER" : "BIGINT"},
      {"{bytes}", lite ? "BLOB" : "BYTEA"},
      {"{table_opts}", lite ? " STRICT, WITHOUT ROWID" : ""},
  };
  std::string out(kSchemaV1);
  for (const auto& sub : subs) {
    for (auto pos = out.find(sub[0]); pos != std::string::npos; pos = out.find(sub[0], pos)) {
      out.replace(pos, sub[0].size(), sub[1]);
      pos += sub[1].size();
    }
  }
  return out;
}

}  // namespace ossd::storage::schema
