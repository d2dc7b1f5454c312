// The keep-alive loop of one connection, for any stream type (plain TCP, TLS, or the
// in-memory stream of tests/fuzz/http_session_fuzz.cpp): read a head, let api/ prepare the
// request, honour Expect: 100-continue, stream the body into the handler, write the answer.
//
// run_session_on() is THE guard of a connection (issue 11): whatever is thrown while one
// request is served (Beast, Asio, OpenSSL, pugixml, SQLite, Boost.JSON or our own code) ends
// there. It logs one line with the request id, answers 500 InternalError when no byte of an
// answer has been written yet, and closes that connection only; every other connection keeps
// being served. Reading never throws (connection_io.hpp), so expected failures (malformed
// framing, a peer that leaves) are answered or closed in the loop without reaching the guard.
// Internal to http/.
#pragma once

#include "common/encoding.hpp"
#include "http/access_log.hpp"
#include "http/connection_io.hpp"
#include "http/digest_pipeline.hpp"
#include "http/response_writer.hpp"
#include "http/session.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <string>

namespace ossd::http {

struct ConnectionInfo {
  std::string remote = "-";  // peer address:port, for api/ and the logs
  bool secure = false;       // arrived over TLS (acs:SecureTransport)
};

// What the guard needs to know about the request being served when something throws.
struct RequestInFlight {
  std::string request_id;  // empty between requests
  std::string method, host;
  bool answering = false;  // bytes of an answer may have left: no second answer
};

api::Request to_api_request(RequestParser& parser, const ConnectionInfo& info);
// What to answer when a head or body could not be read to its end: an OSS error while the
// client can still read one, nullopt when the connection itself is gone.
std::optional<ErrorCode> answer_for(const boost::system::error_code& ec);
// The answer to a head refused before parsing (HeadScanner), nullopt when it is acceptable.
std::optional<Error> refusal_of(const HeadScan& scan);
// Whether an exception's error code only says that the peer went away (not worth a log line).
bool is_disconnect(const boost::system::error_code& ec);
void log_session_failure(const RequestInFlight& request, const ConnectionInfo& info, std::string_view what);

namespace detail {

// A refused upload is read (and discarded) up to this much before the error is sent, so
// clients that write the whole body before reading (JDK, .NET) see the 403, not a reset.
constexpr uint64_t kDrainLimit = 64ull * 1024 * 1024;

// Discards up to kDrainLimit bytes of an unwanted body. True if the whole body was read
// (the connection can be kept alive).
template <class Stream>
boost::asio::awaitable<bool> drain(Stream& s, boost::beast::flat_buffer& buffer, RequestParser& p, BodyBuffer& buf,
                                   uint64_t& bytes_in) {
  uint64_t budget = kDrainLimit;
  BodyRead r = co_await read_body(s, buffer, p, buf, [&](std::span<const char> b) {
    budget = b.size() >= budget ? 0 : budget - b.size();
    return budget > 0;
  });
  bytes_in += r.bytes;
  co_return !r.ec && p.is_done();
}

// read_body for a handler that digests separately: the loop receives and stores (on_data)
// while a pool thread digests the pieces before, from a ring of BodyBuffer::kSplitBuffers
// buffers, so one upload's MD5 runs beside its receive and write. Stops at the first on_data
// error (into `failed`). Every digest() has returned when this returns or throws.
template <class Stream>
boost::asio::awaitable<BodyRead> read_body_split(Stream& s, boost::beast::flat_buffer& buffer, RequestParser& p,
                                                 BodyBuffer& body_buffer, SessionEnv& env, api::BodyHandler& handler,
                                                 std::optional<Error>& failed) {
  constexpr int kRing = BodyBuffer::kSplitBuffers;
  DigestPipeline digests(co_await boost::asio::this_coro::executor, env.blocking_pool, handler);
  BodyRead out;
  std::exception_ptr thrown;
  try {
    while (!p.is_done()) {
      const uint64_t n = digests.pushed();
      // The buffer's previous piece (number n - kRing) must be digested first.
      if (n >= kRing) co_await digests.wait_digested(n - kRing + 1);
      std::span<char> buf = body_buffer.get(static_cast<int>(n % kRing));
      Piece piece = co_await read_piece(s, buffer, p, buf);
      out.bytes += piece.size;
      if (piece.ec) {
        out.ec = piece.ec;
        break;
      }
      if (piece.size == 0) continue;
      std::span<const char> bytes(buf.data(), piece.size);
      if (auto ok = handler.on_data(bytes); !ok) {
        failed = ok.error();
        break;
      }
      digests.push(bytes);
    }
  } catch (...) {
    thrown = std::current_exception();  // the pool may still read our buffers: wait first
  }
  co_await digests.wait_digested(digests.pushed());
  if (thrown) std::rethrow_exception(thrown);
  if (digests.failed()) throw std::runtime_error("digesting an upload failed");
  co_return out;
}

// Runs `fn` on the blocking pool and resumes here afterwards; what it throws is rethrown here.
template <class Fn>
boost::asio::awaitable<api::Response> on_pool(SessionEnv& env, Fn fn) {
  co_return co_await boost::asio::co_spawn(
      env.blocking_pool, [&]() -> boost::asio::awaitable<api::Response> { co_return fn(); },
      boost::asio::use_awaitable);
}

struct Outcome {
  api::Response response;
  bool keep_alive = true;
  bool gone = false;  // the connection broke while reading: nothing can be answered
  uint64_t bytes_in = 0;
};

// The body could not be read to its end (`ec`): answer with an error and close, or just close.
inline void body_failed(Outcome& out, SessionEnv& env, const api::Request& req, api::Prepared& prep,
                        boost::system::error_code ec) {
  prep.handler.reset();  // drops the temporary blob
  out.keep_alive = false;
  if (auto code = answer_for(ec)) out.response = env.service.error_response(req, *code);
  else out.gone = true;
}

// The answer was decided before the body (an error, or a request without one).
template <class Stream>
boost::asio::awaitable<void> skip_body(Stream& s, boost::beast::flat_buffer& buffer, RequestParser& p,
                                       BodyBuffer& buf, const api::Request& req, Outcome& out) {
  if (p.is_done()) co_return;
  if (iequals(req.headers.get("expect"), "100-continue")) {
    out.keep_alive = false;  // the body was never asked for: answer and close
    co_return;
  }
  const bool whole = co_await drain(s, buffer, p, buf, out.bytes_in);
  if (!whole) out.keep_alive = false;
}

// Handles one request whose head has been parsed.
template <class Stream>
boost::asio::awaitable<Outcome> handle(Stream& s, boost::beast::flat_buffer& buffer, RequestParser& p,
                                       BodyBuffer& buf, SessionEnv& env, const api::Request& req,
                                       api::Prepared& prep) {
  Outcome out;
  out.keep_alive = p.keep_alive();
  if (prep.response) {
    out.response = std::move(*prep.response);
    co_await skip_body(s, buffer, p, buf, req, out);
    co_return out;
  }
  if (!p.is_done() && iequals(req.headers.get("expect"), "100-continue")) {
    set_timeout(s);
    co_await boost::asio::async_write(s, boost::asio::buffer(std::string_view("HTTP/1.1 100 Continue\r\n\r\n")),
                                      boost::asio::use_awaitable);
  }
  std::optional<Error> failed;
  auto sink = [&](std::span<const char> b) {
    auto ok = prep.handler->on_data(b);
    if (!ok) failed = ok.error();
    return ok.has_value();
  };
  // (No co_await inside a condition or ?: here: GCC 12 miscompiles some of those.)
  BodyRead r;
  if (prep.handler->digest_separately()) r = co_await read_body_split(s, buffer, p, buf, env, *prep.handler, failed);
  else r = co_await read_body(s, buffer, p, buf, sink);
  out.bytes_in = r.bytes;
  if (r.ec) {
    body_failed(out, env, req, prep, r.ec);
  } else if (failed) {
    prep.handler.reset();  // drops the temporary blob
    out.response = env.service.error_response(req, *failed);
    const bool whole = co_await drain(s, buffer, p, buf, out.bytes_in);
    if (!whole) out.keep_alive = false;
  } else {
    auto* handler = prep.handler.get();
    out.response = co_await on_pool(env, [handler] { return handler->finish(); });
  }
  co_return out;
}

// Serves one request whose head `p` holds; false when the connection must close.
template <class Stream>
boost::asio::awaitable<bool> serve(Stream& s, boost::beast::flat_buffer& buffer, RequestParser& p, BodyBuffer& buf,
                                   SessionEnv& env, const ConnectionInfo& info, RequestInFlight& now,
                                   Framing framing) {
  auto started = std::chrono::steady_clock::now();
  api::Request req = to_api_request(p, info);
  now = {req.request_id, req.method, std::string(req.headers.get("host")), false};
  api::Prepared prep = env.service.prepare(req);
  Outcome out = co_await handle(s, buffer, p, buf, env, req, prep);
  if (out.gone) co_return false;
  prep.handler.reset();
  for (const auto& [name, value] : prep.extra_headers) out.response.headers.set(name, value);
  // RFC 9112 6.3: a request framed by chunked despite a Content-Length may have been framed
  // differently by an intermediary: answer it, then close.
  if (out.response.close || framing == Framing::chunked_over_length) out.keep_alive = false;
  now.answering = true;
  uint64_t bytes_out = co_await write_response(s, out.response, req, out.keep_alive);
  if (env.access_log) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    write_access_log({req.request_id, req.remote_address, req.method, prep.operation, prep.bucket, prep.key,
                      out.response.status, out.bytes_in, bytes_out, ms});
  }
  co_return out.keep_alive;
}

template <class Stream>
boost::asio::awaitable<void> session_loop(Stream& s, SessionEnv& env, const ConnectionInfo& info,
                                          RequestInFlight& now) {
  boost::beast::flat_buffer buffer(kConnectionBufferLimit);
  buffer.reserve(kIoBufferSize);
  BodyBuffer body;
  for (;;) {
    now = {};
    HeadRead head = co_await read_head(s, buffer);
    if (head.ec) {
      // A peer that half-closed in the middle of a head can still read why it was refused.
      if (head.partial && head.ec == boost::asio::error::eof) co_await write_protocol_error(s, env, ErrorCode::InvalidRequest);
      co_return;
    }
    // Nothing after a refused head is parsed: the connection closes (no request smuggling).
    if (auto refusal = refusal_of(head.scan)) {
      co_await write_protocol_error(s, env, *refusal);
      co_return;
    }
    RequestParser parser(kHeaderLimit);
    if (auto ec = parse_head(parser, buffer, head.scan)) {
      co_await write_protocol_error(s, env, answer_for(ec).value_or(ErrorCode::InvalidRequest));
      co_return;
    }
    const bool keep_alive = co_await serve(s, buffer, parser, body, env, info, now, head.scan.framing);
    if (!keep_alive) co_return;
  }
}

}  // namespace detail

// Serves requests on `s` until the peer leaves, a request asks to close, or something fails;
// never throws (see the top of this file).
// `info` is taken by reference (the caller awaits this): GCC 12 destroys a by-value aggregate
// parameter of a coroutine twice when the caller passes a temporary.
template <class Stream>
boost::asio::awaitable<void> run_session_on(Stream& s, SessionEnv& env, const ConnectionInfo& info) {
  RequestInFlight now;
  std::string failure;
  try {
    co_await detail::session_loop(s, env, info, now);
    co_return;
  } catch (const boost::system::system_error& e) {
    if (is_disconnect(e.code())) co_return;
    failure = e.what();
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "unknown exception";
  }
  log_session_failure(now, info, failure);
  if (now.answering || now.request_id.empty()) co_return;
  api::Request req;
  req.request_id = now.request_id;
  req.method = now.method;
  req.headers.add("Host", now.host);
  co_await write_protocol_error(s, env, ErrorCode::InternalError, req);
}

}  // namespace ossd::http
