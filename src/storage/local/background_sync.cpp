#include "storage/local/background_sync.hpp"

#include <unistd.h>

namespace ossd::storage::local {

bool SyncedFile::wait_idle() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [&] { return !busy_; });
  return !failed_;
}

BackgroundSync::BackgroundSync(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

BackgroundSync::~BackgroundSync() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  for (auto& t : threads_) t.join();
}

void BackgroundSync::request(const std::shared_ptr<SyncedFile>& file) {
  {
    std::lock_guard lock(file->mu_);
    if (file->busy_) return;
    file->busy_ = true;
  }
  {
    std::lock_guard lock(mu_);
    queue_.push_back(file);
  }
  work_.notify_one();
}

void BackgroundSync::run() {
  for (;;) {
    std::shared_ptr<SyncedFile> file;
    {
      std::unique_lock lock(mu_);
      work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      file = std::move(queue_.front());
      queue_.pop_front();
    }
    bool ok = ::fdatasync(file->fd()) == 0;
    {
      std::lock_guard lock(file->mu_);
      file->busy_ = false;
      if (!ok) file->failed_ = true;
    }
    file->idle_.notify_all();
  }
}

}  // namespace ossd::storage::local
