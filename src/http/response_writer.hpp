// Writes an api::Response on a Beast stream: small bodies at once, object bodies streamed
// from their DataReader through one fixed buffer (bounded memory), HEAD without a body.
// Internal to http/ (templates used by session.cpp only).
#pragma once

#include "api/request.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"
#include "http/request_id.hpp"
#include "http/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <vector>

namespace ossd::http {

namespace detail {

constexpr std::size_t kResponseChunk = 256 * 1024;

template <class Message>
void copy_headers(const api::Response& r, const api::Request& req, bool keep_alive, Message& m) {
  namespace bhttp = boost::beast::http;
  for (const auto& [name, value] : r.headers)
    if (!iequals(name, "Content-Length")) m.insert(name, value);
  m.set(bhttp::field::server, "AliyunOSS");
  m.set(bhttp::field::date, format_rfc1123(now_s()));
  m.set("x-oss-request-id", req.request_id);
  m.keep_alive(keep_alive);
}

}  // namespace detail

// Returns the body bytes written. Throws on a broken connection or an unreadable blob.
template <class Stream>
boost::asio::awaitable<uint64_t> write_response(Stream& s, api::Response& r, const api::Request& req, bool keep_alive) {
  namespace bhttp = boost::beast::http;
  namespace net = boost::asio;
  auto status = static_cast<bhttp::status>(r.status);
  if (r.omit_body) {
    bhttp::response<bhttp::empty_body> m{status, 11};
    detail::copy_headers(r, req, keep_alive, m);
    if (r.status != 304) {
      auto announced = r.headers.find("Content-Length");
      m.set(bhttp::field::content_length,
            announced ? std::string(*announced) : std::to_string(r.stream ? r.stream_length : r.body.size()));
    }
    bhttp::response_serializer<bhttp::empty_body> sr{m};
    co_await bhttp::async_write_header(s, sr, net::use_awaitable);
    co_return 0;
  }
  if (!r.stream) {
    bhttp::response<bhttp::string_body> m{status, 11};
    detail::copy_headers(r, req, keep_alive, m);
    m.body() = std::move(r.body);
    m.prepare_payload();
    co_await bhttp::async_write(s, m, net::use_awaitable);
    co_return m.body().size();
  }
  bhttp::response<bhttp::buffer_body> m{status, 11};
  detail::copy_headers(r, req, keep_alive, m);
  m.content_length(r.stream_length);
  m.body().data = nullptr;
  m.body().more = true;
  bhttp::response_serializer<bhttp::buffer_body> sr{m};
  co_await bhttp::async_write_header(s, sr, net::use_awaitable);
  std::vector<char> buf(std::min<uint64_t>(detail::kResponseChunk, std::max<uint64_t>(r.stream_length, 1)));
  uint64_t sent = 0;
  while (sent < r.stream_length) {
    uint64_t want = std::min<uint64_t>(buf.size(), r.stream_length - sent);
    int64_t n = r.stream->read_at(r.stream_offset + sent, std::span<char>(buf.data(), want));
    if (n <= 0) throw std::runtime_error("object data unreadable");
    sent += static_cast<uint64_t>(n);
    m.body().data = buf.data();
    m.body().size = static_cast<std::size_t>(n);
    m.body().more = sent < r.stream_length;
    auto [ec, w] = co_await bhttp::async_write(s, sr, net::as_tuple(net::use_awaitable));
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec) throw boost::system::system_error(ec);
  }
  if (!sr.is_done()) {
    m.body().data = nullptr;
    m.body().size = 0;
    m.body().more = false;
    co_await bhttp::async_write(s, sr, net::use_awaitable);
  }
  co_return sent;
}

// An OSS error for a request that could not even be parsed; the connection closes after it.
template <class Stream>
boost::asio::awaitable<void> write_protocol_error(Stream& s, SessionEnv& env, ErrorCode code) {
  api::Request req;
  req.method = "GET";
  req.request_id = new_request_id();
  api::Response r = env.service.error_response(req, code);
  try {
    co_await write_response(s, r, req, false);
  } catch (const std::exception&) {
  }
}

}  // namespace ossd::http
