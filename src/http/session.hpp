// One HTTP/1.1 connection: the keep-alive loop, header limits, idle timeouts,
// Expect: 100-continue, streaming request bodies into an api::BodyHandler and streaming
// response bodies out of a storage::DataReader. The loop itself is session_loop.hpp (a template
// over the stream, so tests/fuzz can drive it over an in-memory stream). Internal to http/.
#pragma once

#include "api/service.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace ossd::http {

struct SessionEnv {
  api::Service& service;
  boost::asio::thread_pool& blocking_pool;
  bool access_log = true;
};

// Both never throw: whatever fails while a request is served ends that connection only.
boost::asio::awaitable<void> run_session(boost::beast::tcp_stream stream, SessionEnv& env);
boost::asio::awaitable<void> run_tls_session(boost::beast::ssl_stream<boost::beast::tcp_stream> stream, SessionEnv& env);

}  // namespace ossd::http
