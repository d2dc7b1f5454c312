// Writes an api::Response on a Beast stream: one header block serialised by serialize_head,
// then small bodies (and small objects) in the same write, large object bodies with sendfile(2)
// on plain TCP when the blob is a file, otherwise streamed from their DataReader through one
// fixed buffer (bounded memory); HEAD without a body. Internal to http/ (used by session.cpp).
#pragma once

#include "api/request.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"
#include "http/connection_io.hpp"
#include "http/request_id.hpp"
#include "http/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/sendfile.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <type_traits>
#include <vector>

namespace ossd::http {

namespace detail {

constexpr std::size_t kResponseChunk = 256 * 1024;
// Object bodies up to this size are read whole and sent with their header in one write (one
// syscall instead of three for a 4 KiB GET; inline objects are at most 64 KiB anyway).
constexpr uint64_t kSmallBody = 64 * 1024;
// sendfile(2) moves at most this much per call, so one large GET cannot hold the event loop
// for long when the socket never fills.
constexpr std::size_t kSendfileChunk = 4 * 1024 * 1024;
constexpr auto kSendTimeout = std::chrono::seconds(120);  // a reader that stops reading

// Whether a field may be written as is. api/ refuses line breaks where a client controls a
// value (response-* overrides); this is the last guard against response splitting: a field
// that fails it is dropped (Beast 1.81 does not check either).
inline bool writable_field(std::string_view name, std::string_view value) {
  return !iequals(name, "Content-Length") && name.find_first_of("\r\n:") == std::string_view::npos &&
         value.find_first_of("\r\n") == std::string_view::npos;
}

// The status line and header block of every response, serialised into one string and written
// ahead of the body (one writev with a small body), without building a Beast message: Beast's
// fields cost one allocation per header field (measured in docs/performance.md, "Round 3").
// `length` is the body's size; a HEAD answer (omit_body) announces the header api/ put in
// Content-Length if any. No Content-Length on 1xx, 204 and 304 (RFC 9110 8.6).
inline std::string serialize_head(const api::Response& r, const api::Request& req, bool keep_alive, uint64_t length) {
  const auto status = static_cast<boost::beast::http::status>(r.status);
  std::string out;
  out.reserve(512);
  out.append("HTTP/1.1 ").append(std::to_string(r.status)).append(" ");
  out.append(boost::beast::http::obsolete_reason(status)).append("\r\n");
  for (const auto& [name, value] : r.headers)
    if (writable_field(name, value)) out.append(name).append(": ").append(value).append("\r\n");
  out.append("Server: AliyunOSS\r\nDate: ").append(format_rfc1123(now_s())).append("\r\n");
  out.append("x-oss-request-id: ").append(req.request_id).append("\r\n");
  if (!keep_alive) out.append("Connection: close\r\n");
  if (r.status >= 200 && r.status != 204 && r.status != 304) {
    auto announced = r.omit_body ? r.headers.find("Content-Length") : std::nullopt;
    std::string value = announced && writable_field("x", *announced) ? std::string(*announced) : std::to_string(length);
    out.append("Content-Length: ").append(value).append("\r\n");
  }
  out.append("\r\n");
  return out;
}

// Sends `length` bytes of `fd` from `offset` on a plain TCP socket with sendfile(2): the bytes
// go from the page cache to the socket without a copy through user space (docs/performance.md,
// "sendfile"). Waits for the socket to drain when it is full; a peer that reads nothing for
// kSendTimeout has the wait cancelled. Throws on a broken connection or a short file.
inline boost::asio::awaitable<void> send_file(boost::beast::tcp_stream& s, int fd, uint64_t offset, uint64_t length) {
  namespace net = boost::asio;
  auto& sock = s.socket();
  if (!sock.native_non_blocking()) sock.native_non_blocking(true);
  net::steady_timer timer(sock.get_executor());
  while (length > 0) {
    off_t off = static_cast<off_t>(offset);
    ssize_t n = ::sendfile(sock.native_handle(), fd, &off, std::min<uint64_t>(length, kSendfileChunk));
    if (n > 0) {
      offset += static_cast<uint64_t>(n);
      length -= static_cast<uint64_t>(n);
      continue;
    }
    if (n == 0) throw std::runtime_error("object data unreadable");  // the file is shorter than its metadata
    if (errno == EINTR) continue;
    if (errno != EAGAIN) throw boost::system::system_error(errno, boost::system::system_category());
    timer.expires_after(kSendTimeout);
    timer.async_wait([&sock](boost::system::error_code ec) {
      if (!ec) sock.cancel();
    });
    auto [ec] = co_await sock.async_wait(net::socket_base::wait_write, net::as_tuple(net::use_awaitable));
    timer.cancel();
    if (ec) throw boost::system::system_error(ec);
  }
}

// TCP_CORK for the lifetime of the object (plain TCP only).
class Cork {
 public:
  explicit Cork(int fd) : fd_(fd) { set(1); }
  Cork(const Cork&) = delete;
  Cork& operator=(const Cork&) = delete;
  ~Cork() { set(0); }

 private:
  void set(int on) const { ::setsockopt(fd_, IPPROTO_TCP, TCP_CORK, &on, sizeof on); }
  int fd_;
};

}  // namespace detail

// Returns the body bytes written. Throws on a broken connection or an unreadable blob.
template <class Stream>
boost::asio::awaitable<uint64_t> write_response(Stream& s, api::Response& r, const api::Request& req, bool keep_alive) {
  namespace net = boost::asio;
  set_timeout(s);
  if (r.omit_body) {
    std::string head = detail::serialize_head(r, req, keep_alive, r.stream ? r.stream_length : r.body.size());
    co_await net::async_write(s, net::buffer(head), net::use_awaitable);
    co_return 0;
  }
  if (r.stream && r.stream_length <= detail::kSmallBody) {
    r.body.resize(r.stream_length);
    for (uint64_t got = 0; got < r.stream_length;) {
      int64_t n = r.stream->read_at(r.stream_offset + got, std::span<char>(r.body.data() + got, r.stream_length - got));
      if (n <= 0) throw std::runtime_error("object data unreadable");
      got += static_cast<uint64_t>(n);
    }
    r.stream.reset();  // sent below as a small body
  }
  if (!r.stream) {
    std::string head = detail::serialize_head(r, req, keep_alive, r.body.size());
    std::array<net::const_buffer, 2> both{net::buffer(head), net::buffer(r.body)};
    co_await net::async_write(s, both, net::use_awaitable);
    co_return r.body.size();
  }
  std::string head = detail::serialize_head(r, req, keep_alive, r.stream_length);
  if constexpr (std::is_same_v<Stream, boost::beast::tcp_stream>) {
    if (int fd = r.stream->native_fd(); fd >= 0) {
      // Corked, the header leaves in the body's first segment and sendfile's pieces fill whole
      // segments (nginx's tcp_nopush); uncorking pushes the tail.
      detail::Cork cork(s.socket().native_handle());
      co_await net::async_write(s, net::buffer(head), net::use_awaitable);
      co_await detail::send_file(s, fd, r.stream_offset, r.stream_length);
      co_return r.stream_length;
    }
  }
  co_await net::async_write(s, net::buffer(head), net::use_awaitable);
  std::vector<char> buf(std::min<uint64_t>(detail::kResponseChunk, std::max<uint64_t>(r.stream_length, 1)));
  uint64_t sent = 0;
  while (sent < r.stream_length) {
    uint64_t want = std::min<uint64_t>(buf.size(), r.stream_length - sent);
    int64_t n = r.stream->read_at(r.stream_offset + sent, std::span<char>(buf.data(), want));
    if (n <= 0) throw std::runtime_error("object data unreadable");
    set_timeout(s);  // a deadline per piece: a long download is not cut at kIdleTimeout
    co_await net::async_write(s, net::buffer(buf.data(), static_cast<std::size_t>(n)), net::use_awaitable);
    sent += static_cast<uint64_t>(n);
  }
  co_return sent;
}

// An OSS error for a request that could not be parsed or served; the connection closes after
// it. `req` names the request when there was one (its request id, method and Host). Never
// throws: a connection that cannot take the answer is simply closed.
template <class Stream>
boost::asio::awaitable<void> write_protocol_error(Stream& s, SessionEnv& env, const Error& error,
                                                  const api::Request& req) {
  try {
    api::Response r = env.service.error_response(req, error);
    co_await write_response(s, r, req, false);
  } catch (...) {
  }
}

template <class Stream>
boost::asio::awaitable<void> write_protocol_error(Stream& s, SessionEnv& env, const Error& error) {
  api::Request req;
  req.method = "GET";
  req.request_id = new_request_id();
  co_await write_protocol_error(s, env, error, req);
}

}  // namespace ossd::http
