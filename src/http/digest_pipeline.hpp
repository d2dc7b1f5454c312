// The second stage of a large upload: BodyHandler::digest() over each piece, in order, on
// the blocking pool, while the connection's loop goes on receiving and storing the next
// pieces (api/request.hpp). Pieces queue up, so the digesting thread runs them back to back
// instead of waiting for the loop to hand each one over (docs/performance.md, "Round 4":
// one piece in flight left MD5 idle between pieces). Internal to http/.
#pragma once

#include "api/request.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <deque>
#include <mutex>
#include <span>

namespace ossd::http {

class DigestPipeline {
 public:
  DigestPipeline(boost::asio::any_io_executor loop, boost::asio::thread_pool& pool, api::BodyHandler& handler)
      : pool_(pool), handler_(handler), wake_(std::move(loop)) {}
  DigestPipeline(const DigestPipeline&) = delete;
  DigestPipeline& operator=(const DigestPipeline&) = delete;

  // Queues piece number pushed() (0-based). Its bytes must stay untouched until
  // wait_digested() says it is done.
  void push(std::span<const char> piece);
  uint64_t pushed() const { return pushed_; }

  // Resumes on the loop once the first `count` pieces are digested. Before the pipeline is
  // destroyed, wait_digested(pushed()) must have returned: the pool holds `this` until then.
  boost::asio::awaitable<void> wait_digested(uint64_t count);
  // Whether a digest() threw (the pool thread must survive it; the upload must not succeed).
  bool failed() {
    std::lock_guard lock(mu_);
    return failed_;
  }

 private:
  void drain();  // on the pool: digests queued pieces until none is left

  boost::asio::thread_pool& pool_;
  api::BodyHandler& handler_;
  boost::asio::steady_timer wake_;  // touched only on the loop
  uint64_t pushed_ = 0;             // touched only on the loop
  std::mutex mu_;                   // guards what follows
  std::deque<std::span<const char>> queue_;
  bool draining_ = false;
  uint64_t digested_ = 0;
  uint64_t wanted_ = 0;  // the loop waits until digested_ >= wanted_; 0: nobody waits
  bool failed_ = false;
};

}  // namespace ossd::http
