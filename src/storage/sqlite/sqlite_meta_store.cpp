#include "storage/sqlite/sqlite_meta_store.hpp"

#include "storage/key_range.hpp"
#include "storage/schema/schema.hpp"
#include "storage/sqlite/generation_cache.hpp"
#include "storage/sqlite/listing.hpp"
#include "storage/sqlite/object_row.hpp"
#include "storage/sqlite/reader_pool.hpp"
#include "storage/sqlite/write_batcher.hpp"

#include <optional>

namespace ossd::storage::sqlite {
namespace {

// Enough for concurrent GETs and listings on a small server; each costs one file handle
// and SQLite's page cache.
constexpr int kReaderConnections = 4;

#define OSSD_BUCKET_COLUMNS "name, region, acl, storage_class, data_redundancy, owner, created_ms"

BucketInfo read_bucket_row(const Stmt& s) {
  return BucketInfo{s.column_string(0), s.column_string(1), s.column_string(2), s.column_string(3),
                    s.column_string(4), s.column_string(5), s.column_int(6)};
}

std::string get_setting_on(Connection& c, std::string_view name) {
  auto s = c.prepare("SELECT value FROM settings WHERE name = ?1");
  s.bind_text(1, name);
  return s.step() ? s.column_string(0) : std::string();
}

void put_setting_on(Connection& c, std::string_view name, std::string_view value) {
  auto s = c.prepare(
      "INSERT INTO settings (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET value = excluded.value");
  s.bind_text(1, name).bind_text(2, value);
  s.step();
}

// Creates the tables on first open and refuses a database from a newer ossd, whose schema
// this code would misread.
void apply_schema(Connection& c) {
  c.exec("BEGIN IMMEDIATE");
  c.exec(schema::render_schema(schema::Dialect::Sqlite));
  const std::string found = get_setting_on(c, schema::kSchemaVersionSetting);
  if (found.empty()) {
    put_setting_on(c, schema::kSchemaVersionSetting, std::to_string(schema::kSchemaVersion));
  } else if (found != std::to_string(schema::kSchemaVersion)) {
    c.exec("ROLLBACK");
    throw std::runtime_error("metadata schema version " + found + " is not supported (expected " +
                             std::to_string(schema::kSchemaVersion) + ")");
  }
  c.exec("COMMIT");
}

class SqliteMetaStore final : public MetaStore {
 public:
  // REQUIRES: apply_schema(*writer) done, so that readers open a complete database.
  SqliteMetaStore(std::unique_ptr<Connection> writer, const std::string& path)
      : writer_(std::move(writer)), batcher_(*writer_), readers_(path, kReaderConnections) {}

  Status create_bucket(const BucketInfo& b) override {
    InvalidateAfter done(buckets_, b.name);
    return batcher_.run([&](Connection& c) {
      auto s = c.prepare("INSERT INTO buckets (" OSSD_BUCKET_COLUMNS
                         ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (name) DO NOTHING");
      s.bind_text(1, b.name).bind_text(2, b.region).bind_text(3, b.acl).bind_text(4, b.storage_class);
      s.bind_text(5, b.data_redundancy).bind_text(6, b.owner).bind_int(7, b.created_ms);
      s.step();
      return c.changes() == 1 ? Status::Ok : Status::AlreadyExists;
    });
  }

  std::optional<BucketInfo> get_bucket(const std::string& name) override {
    return read_through(buckets_, name, [&]() -> std::optional<BucketInfo> {
      auto conn = readers_.acquire();
      auto s = conn->prepare("SELECT " OSSD_BUCKET_COLUMNS " FROM buckets WHERE name = ?1");
      s.bind_text(1, name);
      if (!s.step()) return std::nullopt;
      return read_bucket_row(s);
    });
  }

  Status delete_bucket(const std::string& name) override {
    InvalidateAfter done(buckets_, name);
    InvalidateAfter configs_done(configs_);
    return batcher_.run([&](Connection& c) {
      {
        auto any = c.prepare("SELECT 1 FROM objects WHERE bucket = ?1 LIMIT 1");
        any.bind_text(1, name);
        if (any.step()) return Status::NotEmpty;
      }
      auto configs = c.prepare("DELETE FROM bucket_configs WHERE bucket = ?1");
      configs.bind_text(1, name);
      configs.step();
      auto s = c.prepare("DELETE FROM buckets WHERE name = ?1");
      s.bind_text(1, name);
      s.step();
      return c.changes() == 1 ? Status::Ok : Status::NotFound;
    });
  }

  std::optional<std::string> get_bucket_config(const std::string& bucket, const std::string& name) override {
    return read_through(configs_, bucket_scoped_key(bucket, name), [&]() -> std::optional<std::string> {
      auto conn = readers_.acquire();
      auto s = conn->prepare("SELECT value FROM bucket_configs WHERE bucket = ?1 AND name = ?2");
      s.bind_text(1, bucket).bind_text(2, name);
      if (!s.step()) return std::nullopt;
      return s.column_string(0);
    });
  }

  Status put_bucket_config(const std::string& bucket, const std::string& name, const std::string& value) override {
    InvalidateAfter done(configs_, bucket_scoped_key(bucket, name));
    return batcher_.run([&](Connection& c) {
      auto exists = c.prepare("SELECT 1 FROM buckets WHERE name = ?1");
      exists.bind_text(1, bucket);
      if (!exists.step()) return Status::NotFound;
      if (value.empty()) {
        auto s = c.prepare("DELETE FROM bucket_configs WHERE bucket = ?1 AND name = ?2");
        s.bind_text(1, bucket).bind_text(2, name);
        s.step();
        return Status::Ok;
      }
      auto s = c.prepare("INSERT INTO bucket_configs (bucket, name, value) VALUES (?1, ?2, ?3)"
                         " ON CONFLICT (bucket, name) DO UPDATE SET value = excluded.value");
      s.bind_text(1, bucket).bind_text(2, name).bind_text(3, value);
      s.step();
      return Status::Ok;
    });
  }

  std::vector<BucketInfo> list_buckets(const std::string& prefix, const std::string& marker, int max) override {
    const auto upper = prefix_successor(prefix);
    auto conn = readers_.acquire();
    auto s = conn->prepare("SELECT " OSSD_BUCKET_COLUMNS " FROM buckets WHERE name > ?1 AND name >= ?2"
                           " AND (?3 IS NULL OR name < ?3) ORDER BY name LIMIT ?4");
    s.bind_text(1, marker).bind_text(2, prefix).bind_int(4, static_cast<int64_t>(max) + 1);
    if (upper) s.bind_text(3, *upper);
    std::vector<BucketInfo> out;
    while (s.step()) out.push_back(read_bucket_row(s));
    return out;
  }

  Status update_bucket_acl(const std::string& name, const std::string& acl) override {
    InvalidateAfter done(buckets_, name);
    return batcher_.run([&](Connection& c) {
      auto s = c.prepare("UPDATE buckets SET acl = ?2 WHERE name = ?1");
      s.bind_text(1, name).bind_text(2, acl);
      s.step();
      return c.changes() == 1 ? Status::Ok : Status::NotFound;
    });
  }

  std::optional<ObjectMeta> get_object(const std::string& bucket, const std::string& key) override {
    return read_through(objects_, bucket_scoped_key(bucket, key), [&]() -> std::optional<ObjectMeta> {
      auto conn = readers_.acquire();
      auto s = conn->prepare("SELECT " OSSD_OBJECT_COLUMNS ", inline_data FROM objects WHERE bucket = ?1 AND key = ?2");
      s.bind_text(1, bucket).bind_blob(2, key);
      if (!s.step()) return std::nullopt;
      ObjectMeta m = read_object_row(s, bucket);
      m.inline_data = s.column_string(kObjectColumnCount);
      return m;
    });
  }

  Status update_object_acl(const std::string& bucket, const std::string& key, const std::string& acl) override {
    InvalidateAfter done(objects_, bucket_scoped_key(bucket, key));
    return batcher_.run([&](Connection& c) {
      auto s = c.prepare("UPDATE objects SET acl = ?3 WHERE bucket = ?1 AND key = ?2");
      s.bind_text(1, bucket).bind_blob(2, key).bind_text(3, acl);
      s.step();
      return c.changes() == 1 ? Status::Ok : Status::NotFound;
    });
  }

  Status put_object(const ObjectMeta& meta, bool forbid_overwrite, std::string* replaced_data_ref) override;
  Status delete_object(const std::string& bucket, const std::string& key, std::string* deleted_data_ref) override;

  ListPage list_objects(const std::string& bucket, const ListQuery& query) override {
    auto conn = readers_.acquire();
    ReadTxn txn(*conn);
    return list_objects_page(*conn, bucket, query);
  }

  void for_each_data_ref(const std::function<void(const std::string&)>& fn) override {
    auto conn = readers_.acquire();
    ReadTxn txn(*conn);
    auto s = conn->prepare("SELECT data_ref FROM objects WHERE data_ref <> ''");
    while (s.step()) fn(s.column_string(0));
  }

  std::optional<std::string> get_setting(const std::string& name) override {
    auto conn = readers_.acquire();
    auto s = conn->prepare("SELECT value FROM settings WHERE name = ?1");
    s.bind_text(1, name);
    if (!s.step()) return std::nullopt;
    return s.column_string(0);
  }

  Status put_setting(const std::string& name, const std::string& value) override {
    return batcher_.run([&](Connection& c) {
      put_setting_on(c, name, value);
      return Status::Ok;
    });
  }

 private:
  // Invalidates a cache entry when the write that may change it has finished (committed,
  // refused or thrown): generation_cache.hpp explains why after, not before.
  template <class Value>
  class InvalidateAfter {
   public:
    InvalidateAfter(GenerationCache<Value>& cache, std::string key) : cache_(cache), key_(std::move(key)) {}
    explicit InvalidateAfter(GenerationCache<Value>& cache) : cache_(cache), all_(true) {}
    InvalidateAfter(const InvalidateAfter&) = delete;
    InvalidateAfter& operator=(const InvalidateAfter&) = delete;
    ~InvalidateAfter() {
      if (all_) cache_.invalidate_all();
      else cache_.invalidate(key_);
    }

   private:
    GenerationCache<Value>& cache_;
    std::string key_;
    bool all_ = false;
  };

  std::unique_ptr<Connection> writer_;  // used only by the batcher's current leader
  WriteBatcher batcher_;
  ReaderPool readers_;
  // Single-process assumption: see generation_cache.hpp.
  GenerationCache<BucketInfo> buckets_;
  GenerationCache<std::string> configs_;
  // Object rows with their inline bytes (<= 64 KiB each): 100,000 rows or 32 MiB at most.
  GenerationCache<ObjectMeta> objects_{100000, 32u << 20};
};

struct Current {
  std::string etag;
  std::string data_ref;
};

std::optional<Current> find_current(Connection& c, const std::string& bucket, const std::string& key) {
  auto s = c.prepare("SELECT etag, data_ref FROM objects WHERE bucket = ?1 AND key = ?2");
  s.bind_text(1, bucket).bind_blob(2, key);
  if (!s.step()) return std::nullopt;
  return Current{s.column_string(0), s.column_string(1)};
}

Status SqliteMetaStore::put_object(const ObjectMeta& meta, bool forbid_overwrite, std::string* replaced_data_ref) {
  InvalidateAfter done(objects_, bucket_scoped_key(meta.bucket, meta.key));
  std::string replaced;
  Status st = batcher_.run([&](Connection& c) {
    const auto cur = find_current(c, meta.bucket, meta.key);
    if (cur && forbid_overwrite) return Status::PreconditionFailed;
    if (meta.expected_etag && (!cur || cur->etag != *meta.expected_etag)) return Status::PreconditionFailed;
    auto s = c.prepare("INSERT INTO objects (bucket, " OSSD_OBJECT_COLUMNS
                       ", inline_data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
                       " ON CONFLICT (bucket, key) DO UPDATE SET size = excluded.size, etag = excluded.etag,"
                       " crc64 = excluded.crc64, content_type = excluded.content_type,"
                       " last_modified_ms = excluded.last_modified_ms, object_type = excluded.object_type,"
                       " storage_class = excluded.storage_class, acl = excluded.acl, headers = excluded.headers,"
                       " user_meta = excluded.user_meta, data_ref = excluded.data_ref, inline_data = excluded.inline_data");
    bind_object_row(s, meta);
    s.bind_blob(14, meta.inline_data);
    s.step();
    // A metadata-only rewrite (copy-in-place) keeps the same blob: never hand it out for deletion.
    replaced = cur && cur->data_ref != meta.data_ref ? cur->data_ref : std::string();
    return Status::Ok;
  });
  if (st == Status::Ok && replaced_data_ref) *replaced_data_ref = std::move(replaced);
  return st;
}

Status SqliteMetaStore::delete_object(const std::string& bucket, const std::string& key,
                                      std::string* deleted_data_ref) {
  InvalidateAfter done(objects_, bucket_scoped_key(bucket, key));
  std::string deleted;
  Status st = batcher_.run([&](Connection& c) {
    auto s = c.prepare("DELETE FROM objects WHERE bucket = ?1 AND key = ?2 RETURNING data_ref");
    s.bind_text(1, bucket).bind_blob(2, key);
    if (!s.step()) return Status::NotFound;
    deleted = s.column_string(0);
    while (s.step()) {
    }
    return Status::Ok;
  });
  if (st == Status::Ok && deleted_data_ref) *deleted_data_ref = std::move(deleted);
  return st;
}

}  // namespace

}  // namespace ossd::storage::sqlite

namespace ossd::storage {

std::unique_ptr<MetaStore> open_sqlite_meta_store(const std::string& path) {
  auto writer = std::make_unique<sqlite::Connection>(path, sqlite::Connection::Role::Writer);
  sqlite::apply_schema(*writer);
  return std::make_unique<sqlite::SqliteMetaStore>(std::move(writer), path);
}

}  // namespace ossd::storage
