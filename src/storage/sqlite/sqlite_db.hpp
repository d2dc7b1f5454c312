// Thin RAII layer over the SQLite C API: a Connection owning a cache of prepared statements,
// and Stmt, a borrowed statement that is reset when it goes out of scope.
//
// Thread-safety: a Connection (and its statements) is used by one thread at a time; the
// MetaStore hands connections out through a mutex (writer) or a pool (readers). Errors are
// thrown as SqliteError carrying the SQLite result code; the MetaStore maps them to Status.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace ossd::storage::sqlite {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }  // primary result code (SQLITE_BUSY, SQLITE_IOERR...)

 private:
  int code_;
};

class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Parameters are 1-based, as in SQLite.
  Stmt& bind_int(int index, int64_t value);
  Stmt& bind_text(int index, std::string_view value);
  Stmt& bind_blob(int index, std::string_view value);
  // true while a row is available; false when done. Throws SqliteError on failure.
  bool step();
  // Rewinds so that the statement can be re-bound and run again (used by listing seeks).
  void reset();

  // Columns are 0-based. Views stay valid until the next step() or reset().
  int64_t column_int(int index) const;
  std::string_view column_view(int index) const;
  std::string column_string(int index) const { return std::string(column_view(index)); }

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  enum class Role { Writer, Reader };
  // Opens (creating if needed for a writer) and applies the per-connection pragmas.
  Connection(const std::string& path, Role role);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // `sql` must be a string literal: the statement cache is keyed by its address.
  Stmt prepare(const char* sql);
  void exec(const std::string& sql);  // one or more statements, no results
  int changes() const;

 private:
  [[noreturn]] void fail(int rc, std::string_view what) const;

  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
};

}  // namespace ossd::storage::sqlite
