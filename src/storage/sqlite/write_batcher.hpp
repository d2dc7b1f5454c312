// Group commit for the single SQLite writer connection.
//
// With synchronous=FULL every COMMIT costs one fsync of the WAL (~2-3 ms on ext4), which caps
// one-transaction-per-PUT at a few hundred PUTs per second no matter how many threads call
// in. WriteBatcher lets concurrent mutations share that fsync: the first caller to arrive
// becomes the leader, takes every operation queued so far, runs them in one transaction (each
// inside its own SAVEPOINT so a failing operation undoes only itself), commits once, and wakes
// the followers with their results. A lone caller simply commits its own transaction.
//
// Thread-safety: run() may be called from any thread; the connection is only touched by the
// current leader.
#pragma once

#include "storage/sqlite/sqlite_db.hpp"
#include "storage/types.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace ossd::storage::sqlite {

class WriteBatcher {
 public:
  // An operation reads and writes through the connection and returns its status; anything
  // other than Ok rolls back what it did. It may throw SqliteError (mapped to a Status).
  using Op = std::function<Status(Connection&)>;

  explicit WriteBatcher(Connection& conn) : conn_(conn) {}

  // Returns only once the operation's effects are durable (Ok) or undone (anything else).
  Status run(const Op& op);

 private:
  struct Pending {
    const Op* op;
    Status result = Status::IoError;
    bool done = false;
  };

  void execute(std::vector<Pending*>& batch);
  void run_one(Pending& p);
  void rollback_quietly();

  Connection& conn_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Pending*> queue_;  // guarded by mu_
  bool leader_active_ = false;   // guarded by mu_
};

// Maps a SQLite failure to the storage Status vocabulary.
Status status_from_sqlite(const SqliteError& e);

}  // namespace ossd::storage::sqlite
