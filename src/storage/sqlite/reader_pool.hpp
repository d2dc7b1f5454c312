// A fixed pool of read-only connections, so that GETs and listings never queue behind the
// writer's fsync (in WAL mode a reader sees the last committed state without taking a lock).
//
// Thread-safety: acquire() may be called from any thread; it blocks while every connection
// is leased. A Lease gives one thread exclusive use of one connection until it is destroyed.
#pragma once

#include "storage/sqlite/sqlite_db.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ossd::storage::sqlite {

class ReaderPool {
 public:
  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.give_back(std::move(conn_)); }
    Connection& operator*() { return *conn_; }
    Connection* operator->() { return conn_.get(); }

   private:
    ReaderPool& pool_;
    std::unique_ptr<Connection> conn_;
  };

  ReaderPool(const std::string& path, int size) {
    for (int i = 0; i < size; ++i) free_.push_back(std::make_unique<Connection>(path, Connection::Role::Reader));
  }

  Lease acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return !free_.empty(); });
    auto conn = std::move(free_.back());
    free_.pop_back();
    return Lease(*this, std::move(conn));
  }

 private:
  void give_back(std::unique_ptr<Connection> conn) {
    {
      std::lock_guard lock(mu_);
      free_.push_back(std::move(conn));
    }
    cv_.notify_one();
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> free_;  // guarded by mu_
};

// A read transaction: every statement inside sees one snapshot (a listing that seeks several
// times must not see a half-applied batch between seeks).
class ReadTxn {
 public:
  explicit ReadTxn(Connection& conn) : conn_(conn) { conn_.exec("BEGIN"); }
  ReadTxn(const ReadTxn&) = delete;
  ReadTxn& operator=(const ReadTxn&) = delete;
  ~ReadTxn() {
    try {
      conn_.exec("COMMIT");
    } catch (const SqliteError&) {
      // Nothing was written; a failed end of a read transaction loses nothing.
    }
  }

 private:
  Connection& conn_;
};

}  // namespace ossd::storage::sqlite
