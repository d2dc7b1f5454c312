#include "http/digest_pipeline.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ossd::http {
namespace net = boost::asio;

void DigestPipeline::push(std::span<const char> piece) {
  ++pushed_;
  std::lock_guard lock(mu_);
  queue_.push_back(piece);
  if (draining_) return;
  draining_ = true;
  net::post(pool_, [this] { drain(); });
}

// After the critical section that empties the queue, `this` may already be gone (the loop
// saw the last piece digested), so that section decides everything and nothing follows it.
void DigestPipeline::drain() {
  std::unique_lock lock(mu_);
  for (;;) {
    std::span<const char> piece = queue_.front();
    lock.unlock();
    bool threw = false;
    try {
      handler_.digest(piece);
    } catch (...) {
      threw = true;  // an exception would end the pool thread, and the process with it
    }
    lock.lock();
    failed_ = failed_ || threw;
    queue_.pop_front();
    ++digested_;
    if (wanted_ != 0 && digested_ >= wanted_) {
      wanted_ = 0;
      // Runs on the loop while the coroutine is suspended in wait_digested(): it set wanted_
      // and started waiting in one step on that same thread.
      net::post(wake_.get_executor(), [this] { wake_.cancel(); });
    }
    if (queue_.empty()) {
      draining_ = false;
      return;
    }
  }
}

net::awaitable<void> DigestPipeline::wait_digested(uint64_t count) {
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (digested_ >= count) co_return;
      wanted_ = count;
    }
    wake_.expires_at(net::steady_timer::time_point::max());
    co_await wake_.async_wait(net::as_tuple(net::use_awaitable));
  }
}

}  // namespace ossd::http
