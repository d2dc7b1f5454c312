#include "storage/local/background_io.hpp"

#include <unistd.h>

namespace ossd::storage::local {

bool SyncedFile::wait_idle() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [&] { return !busy_; });
  return !failed_;
}

BackgroundIo::BackgroundIo(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

BackgroundIo::~BackgroundIo() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  for (auto& t : threads_) t.join();
}

void BackgroundIo::sync(const std::shared_ptr<SyncedFile>& file) {
  {
    std::lock_guard lock(file->mu_);
    if (file->busy_) return;
    file->busy_ = true;
  }
  post([file] {
    bool ok = ::fdatasync(file->fd()) == 0;
    {
      std::lock_guard lock(file->mu_);
      file->busy_ = false;
      if (!ok) file->failed_ = true;
    }
    file->idle_.notify_all();
  });
}

void BackgroundIo::unlink(std::string path) {
  post([path = std::move(path)] { ::unlink(path.c_str()); });  // ENOENT is fine
}

void BackgroundIo::post(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(task));
  }
  work_.notify_one();
}

void BackgroundIo::run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mu_);
      work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

}  // namespace ossd::storage::local
