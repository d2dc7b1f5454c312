// Reading one connection: request heads (HeadScanner) and bodies (RequestParser), through the
// connection's buffer, with an idle timeout on every read where the stream has one. Every
// function here reports failure as an error code, never by throwing, and never lets Beast
// parse inside a composed operation: an exception thrown there would leave
// io_context::run() instead of reaching the session's guard (issue 11).
//
// Beast traps this file works around (docs/architecture.md, "Pitfalls"):
// - the parser's default body_limit (1 MiB) refuses uploads: RequestParser lifts it and api/
//   bounds sizes;
// - reads are 64 KiB into a reserved buffer, not 512 bytes per recv();
// - buffers belong to the connection, never thread_local (coroutines hop threads).
// Internal to http/.
#pragma once

#include "http/request_head.hpp"
#include "http/request_parser.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/error.hpp>

#include <chrono>
#include <memory>
#include <span>
#include <string_view>

namespace ossd::http {

constexpr std::size_t kHeaderLimit = 16 * 1024;  // 8 KB of user metadata plus auth headers
constexpr std::size_t kIoBufferSize = 256 * 1024;
// The connection buffer never grows past this: it bounds what an unterminated chunk line or
// trailer section can make the connection hold.
constexpr std::size_t kConnectionBufferLimit = kIoBufferSize;
constexpr std::size_t kReadSize = 64 * 1024;  // per recv(), as Beast's own read loop
constexpr auto kIdleTimeout = std::chrono::seconds(120);
constexpr auto kTuple = boost::asio::as_tuple(boost::asio::use_awaitable);

// Streams with a deadline (beast::tcp_stream, and TLS over it) get one before each read and
// write; an in-memory test stream has none.
template <class Stream>
void set_timeout(Stream& s) {
  if constexpr (requires { boost::beast::get_lowest_layer(s).expires_after(kIdleTimeout); })
    boost::beast::get_lowest_layer(s).expires_after(kIdleTimeout);
}

inline std::string_view buffered(const boost::beast::flat_buffer& buffer) {
  return {static_cast<const char*>(buffer.data().data()), buffer.size()};
}

// One read into the free end of `buffer`; error::buffer_overflow when it is at its limit.
// `renew_deadline`: the read gets a fresh kIdleTimeout (else the deadline set before holds).
template <class Stream>
boost::asio::awaitable<boost::system::error_code> read_more(Stream& s, boost::beast::flat_buffer& buffer,
                                                            bool renew_deadline = true) {
  const std::size_t room = buffer.max_size() - buffer.size();
  if (room == 0) co_return boost::beast::http::error::buffer_overflow;
  if (renew_deadline) set_timeout(s);
  auto [ec, n] = co_await s.async_read_some(buffer.prepare(std::min(room, kReadSize)), kTuple);
  buffer.commit(n);
  co_return ec;
}

struct HeadRead {
  HeadScan scan;
  // Set when the connection ended (or timed out) before a whole head; `partial`: some bytes
  // of a head had arrived.
  boost::system::error_code ec;
  bool partial = false;
};

// Reads until the buffer starts with a whole request head, or a refusal of it. One deadline
// covers the wait and the whole head, so a client that trickles a head a byte at a time
// (slowloris) cannot hold a connection slot for longer than kIdleTimeout.
template <class Stream>
boost::asio::awaitable<HeadRead> read_head(Stream& s, boost::beast::flat_buffer& buffer) {
  HeadScanner scanner(kHeaderLimit);
  set_timeout(s);
  for (;;) {
    HeadScan scan = scanner.scan(buffered(buffer));
    if (scan.state != HeadState::incomplete) co_return HeadRead{scan, {}, false};
    const auto ec = co_await read_more(s, buffer, false);
    if (ec) co_return HeadRead{scan, ec, buffer.size() > 0};
  }
}

// Hands the head at the start of `buffer` to `parser` (without its Content-Length when
// chunked framing wins) and removes it from the buffer.
inline boost::system::error_code parse_head(RequestParser& parser, boost::beast::flat_buffer& buffer,
                                            const HeadScan& scan) {
  std::string_view head = buffered(buffer).substr(0, scan.length);
  std::string stripped;
  if (scan.framing == Framing::chunked_over_length) head = stripped = without_content_length(head);
  boost::system::error_code ec;
  std::size_t used = parser.put(boost::asio::buffer(head.data(), head.size()), ec);
  buffer.consume(scan.length);
  if (ec) return ec;
  // The scan and Beast must agree on the framing, or the body would be read one way and
  // judged another: refuse rather than guess.
  const bool chunked = scan.framing == Framing::chunked || scan.framing == Framing::chunked_over_length;
  if (used != head.size() || !parser.is_header_done() || parser.chunked() != chunked)
    return boost::beast::http::error::bad_transfer_encoding;
  return {};
}

struct Piece {
  std::size_t size = 0;
  boost::system::error_code ec;
};

// Parses body bytes into `dst` from the connection buffer, reading more when the parser needs
// it, until `dst` is full, the body is complete, or an error.
template <class Stream>
boost::asio::awaitable<Piece> read_piece(Stream& s, boost::beast::flat_buffer& buffer, RequestParser& p,
                                         std::span<char> dst) {
  namespace bhttp = boost::beast::http;
  p.set_body_buffer(dst);
  p.eager(true);
  std::size_t checked = 0;  // leading bytes of `buffer` already checked for bare line ends
  for (;;) {
    boost::system::error_code ec;
    if (buffer.size() > 0) {
      const std::size_t used = p.put(buffer.data(), ec);
      buffer.consume(used);
      checked = used >= checked ? 0 : checked - used;
    }
    if (ec == bhttp::error::need_buffer || p.is_done()) co_return Piece{p.body_received(), {}};
    if (ec && ec != bhttp::error::need_more) co_return Piece{p.body_received(), ec};
    // Beast looks for CRLF only, so a chunk line or trailer ended by a bare LF would wait
    // forever: refuse it (RFC 9112 2.2 and 7.1).
    if (p.chunked()) {
      if (has_bare_line_end(buffered(buffer), checked)) co_return Piece{p.body_received(), bhttp::error::bad_chunk};
      checked = buffer.size();
    }
    auto read_ec = co_await read_more(s, buffer);
    if (read_ec == boost::asio::error::eof) read_ec = bhttp::error::partial_message;
    if (read_ec) co_return Piece{p.body_received(), read_ec};
  }
}

// The connection's body buffers, each allocated when first used and left uninitialised: an
// idle keep-alive connection then costs a few KiB, not kIoBufferSize (measured by bench/load
// idle connections: 1,000 idle connections cost 286 MiB when every connection zero-filled its
// own buffer up front). Buffer 0 serves every body; the others only split uploads, so a
// connection that made one keeps 1 MiB for its next ones.
class BodyBuffer {
 public:
  static constexpr int kSplitBuffers = 4;  // the ring of read_body_split

  std::span<char> get(int which = 0) {
    auto& data = data_[which];
    if (!data) data.reset(new char[kIoBufferSize]);  // NOLINT: default-init on purpose
    return {data.get(), kIoBufferSize};
  }

 private:
  std::unique_ptr<char[]> data_[kSplitBuffers];
};

struct BodyRead {
  uint64_t bytes = 0;
  boost::system::error_code ec;  // the body could not be read to its end
};

// Reads the body through one buffer, handing each piece to `sink`; stops early when the sink
// returns false.
template <class Stream, class Sink>
boost::asio::awaitable<BodyRead> read_body(Stream& s, boost::beast::flat_buffer& buffer, RequestParser& p,
                                           BodyBuffer& body_buffer, Sink sink) {
  std::span<char> buf = body_buffer.get();
  BodyRead out;
  while (!p.is_done()) {
    Piece piece = co_await read_piece(s, buffer, p, buf);
    out.bytes += piece.size;
    if (piece.ec) {
      out.ec = piece.ec;
      break;
    }
    if (piece.size > 0 && !sink(std::span<const char>(buf.data(), piece.size))) break;
  }
  co_return out;
}

}  // namespace ossd::http
