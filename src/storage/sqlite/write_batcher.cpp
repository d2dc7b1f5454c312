#include "storage/sqlite/write_batcher.hpp"

#include <sqlite3.h>

namespace ossd::storage::sqlite {
namespace {

// Bounds the time followers wait behind one leader and the size of one transaction.
constexpr std::size_t kMaxBatch = 256;

}  // namespace

Status status_from_sqlite(const SqliteError& e) {
  switch (e.code()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Status::Busy;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Status::Corrupt;
    case SQLITE_CONSTRAINT: return Status::NotFound;  // only the bucket foreign key can fire
    default: return Status::IoError;
  }
}

Status WriteBatcher::run(const Op& op) {
  Pending self{&op};
  std::unique_lock lock(mu_);
  queue_.push_back(&self);
  while (!self.done) {
    if (leader_active_) {
      cv_.wait(lock);
      continue;
    }
    leader_active_ = true;
    std::vector<Pending*> batch;
    const std::size_t n = std::min(queue_.size(), kMaxBatch);
    batch.assign(queue_.begin(), queue_.begin() + n);
    queue_.erase(queue_.begin(), queue_.begin() + n);
    lock.unlock();
    execute(batch);
    lock.lock();
    for (Pending* p : batch) p->done = true;
    leader_active_ = false;
    cv_.notify_all();
  }
  return self.result;
}

void WriteBatcher::execute(std::vector<Pending*>& batch) {
  try {
    // IMMEDIATE takes the write lock up front, so no operation fails half-way with BUSY.
    conn_.exec("BEGIN IMMEDIATE");
  } catch (const SqliteError& e) {
    for (Pending* p : batch) p->result = status_from_sqlite(e);
    return;
  }
  try {
    for (Pending* p : batch) run_one(*p);
    // The one fsync the whole batch shares; nothing is reported Ok before it returns.
    conn_.exec("COMMIT");
  } catch (const SqliteError& e) {
    rollback_quietly();
    for (Pending* p : batch) {
      if (p->result == Status::Ok) p->result = status_from_sqlite(e);
    }
  } catch (const std::exception&) {
    rollback_quietly();
    for (Pending* p : batch) p->result = Status::IoError;
  }
}

void WriteBatcher::rollback_quietly() {
  try {
    conn_.exec("ROLLBACK");
  } catch (const std::exception&) {
    // Already gone: SQLite rolls the transaction back itself on some I/O errors.
  }
}

void WriteBatcher::run_one(Pending& p) {
  conn_.exec("SAVEPOINT op");
  try {
    p.result = (*p.op)(conn_);
  } catch (const SqliteError& e) {
    p.result = status_from_sqlite(e);
  } catch (const std::exception&) {
    p.result = Status::IoError;
  }
  // A failed operation must leave no trace inside the shared transaction.
  if (p.result != Status::Ok) conn_.exec("ROLLBACK TO op");
  conn_.exec("RELEASE op");
}

}  // namespace ossd::storage::sqlite
