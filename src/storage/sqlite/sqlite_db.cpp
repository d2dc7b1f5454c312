#include "storage/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

namespace ossd::storage::sqlite {
namespace {

// Long enough to ride out a checkpoint or another process holding the lock briefly; a
// request that still cannot get the lock reports Busy rather than hanging.
constexpr int kBusyTimeoutMs = 5000;

[[noreturn]] void throw_error(sqlite3* db, int rc, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw SqliteError(rc & 0xFF, msg);
}

}  // namespace

Stmt::~Stmt() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Stmt& Stmt::bind_int(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) throw_error(sqlite3_db_handle(stmt_), rc, "bind");
  return *this;
}

Stmt& Stmt::bind_text(int index, std::string_view value) {
  int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) throw_error(sqlite3_db_handle(stmt_), rc, "bind");
  return *this;
}

Stmt& Stmt::bind_blob(int index, std::string_view value) {
  // A zero-length blob must still be a BLOB (not NULL): "" is a valid key bound.
  int rc = sqlite3_bind_blob64(stmt_, index, value.empty() ? "" : value.data(), value.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) throw_error(sqlite3_db_handle(stmt_), rc, "bind");
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_error(sqlite3_db_handle(stmt_), rc, "step");
}

void Stmt::reset() { sqlite3_reset(stmt_); }

int64_t Stmt::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }

std::string_view Stmt::column_view(int index) const {
  // blob() before bytes(): the documented order that avoids a type conversion.
  const void* p = sqlite3_column_blob(stmt_, index);
  int n = sqlite3_column_bytes(stmt_, index);
  return p ? std::string_view(static_cast<const char*>(p), n) : std::string_view();
}

Connection::Connection(const std::string& path, Role role) {
  // NOMUTEX: each connection is confined to one thread at a time by our own locking.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (role == Role::Writer) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc & 0xFF, msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  if (role == Role::Writer) {
    // WAL: readers never block the writer and vice versa. synchronous=FULL: every commit
    // fsyncs the WAL, so an acknowledged PUT survives power loss, not just kill -9.
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  } else {
    exec("PRAGMA query_only=ON;");
  }
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Stmt Connection::prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return Stmt(it->second);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) fail(rc, sql);
  cache_.emplace(sql, stmt);
  return Stmt(stmt);
}

void Connection::exec(const std::string& sql) {
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(rc, sql);
}

int Connection::changes() const { return sqlite3_changes(db_); }

void Connection::fail(int rc, std::string_view what) const { throw_error(db_, rc, what); }

}  // namespace ossd::storage::sqlite
