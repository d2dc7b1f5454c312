// The local DataStore's slow file-system calls that no request has to wait for, on two helper
// threads:
// - fdatasync of large blobs while they are still being written. On the machines measured, a
//   file's fdatasync costs about as much whether its writeback was started early or not (the
//   virtual disk flushes the host's cache then): 0.22-0.41 s for 256 MiB, all of it after the
//   last byte. Syncing every kSyncEvery bytes while the network thread goes on receiving leaves
//   the commit's own fdatasync only the last stretch (docs/performance.md, "Round 4": a paced
//   300 MB/s writer went from 211-240 to 283-291 MB/s durable).
// - unlink of blobs replaced or deleted: ~200 ms for 256 MiB on a file system mounted with
//   `discard`, which an overwrite or DeleteObject would otherwise wait for.
#pragma once

#include "storage/local/posix_file.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace ossd::storage::local {

inline constexpr uint64_t kSyncEvery = 32ull * 1024 * 1024;

// A file open for writing whose data may be synced by BackgroundIo. Shared between its
// writer and the sync queue, so a writer dropped mid-sync never blocks: the descriptor is
// closed by whichever lets go last.
class SyncedFile {
 public:
  explicit SyncedFile(Fd fd) : fd_(std::move(fd)) {}
  int fd() const { return fd_.get(); }
  Fd& owned_fd() { return fd_; }
  // Blocks until no background sync of this file is queued or running (never on a network
  // thread: commit() runs on the blocking pool). False if any background sync failed: after a
  // failed fdatasync the kernel may report the next one as a success, so the failure is kept.
  bool wait_idle();

 private:
  friend class BackgroundIo;
  Fd fd_;
  std::mutex mu_;
  std::condition_variable idle_;
  bool busy_ = false;
  bool failed_ = false;
};

class BackgroundIo {
 public:
  explicit BackgroundIo(int threads);
  ~BackgroundIo();  // runs what is queued, then joins
  BackgroundIo(const BackgroundIo&) = delete;
  BackgroundIo& operator=(const BackgroundIo&) = delete;

  // Queues one fdatasync of `file` unless one is already queued or running (then the data
  // written since is left to the next request or to the commit). Never blocks.
  void sync(const std::shared_ptr<SyncedFile>& file);
  // Queues unlink(path). A crash before it runs leaves an unreferenced file, which the
  // store's start-up sweep removes. Never blocks.
  void unlink(std::string path);

 private:
  void post(std::function<void()> task);
  void run();

  std::mutex mu_;
  std::condition_variable work_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ossd::storage::local
