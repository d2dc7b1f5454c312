// The two transports' entry points (plain TCP, TLS) and the non-template helpers of the
// connection loop in session_loop.hpp.
#include "http/session.hpp"

#include "http/request_id.hpp"
#include "http/session_loop.hpp"

#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>

#include <type_traits>

namespace ossd::http {
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

namespace {

// After our last answer, what the client still sends is read and dropped for a moment before
// the socket closes: closing with unread bytes makes the kernel send a reset, which can
// destroy the answer before the client reads it (a refused upload, a refused framing).
// Nothing read here is parsed.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 1024 * 1024;

std::string to_upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

net::awaitable<void> linger_close(beast::tcp_stream& stream) {
  boost::system::error_code ec;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  stream.expires_after(kLingerTime);
  char sink[16 * 1024];
  for (std::size_t total = 0; total < kLingerBytes;) {
    auto [read_ec, n] = co_await stream.async_read_some(net::buffer(sink), kTuple);
    if (read_ec) co_return;
    total += n;
  }
}

std::string remote_of(const beast::tcp_stream& s) {
  boost::system::error_code ec;
  auto ep = s.socket().remote_endpoint(ec);
  return ec ? std::string("-") : ep.address().to_string() + ":" + std::to_string(ep.port());
}

}  // namespace

api::Request to_api_request(RequestParser& parser, const ConnectionInfo& info) {
  api::Request r;
  r.method = to_upper_ascii(parser.method());
  std::string_view target = parser.target();
  auto q = target.find('?');
  r.raw_path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) r.raw_query = std::string(target.substr(q + 1));
  r.headers = std::move(parser.headers());
  r.remote_address = info.remote;
  r.secure = info.secure;
  r.request_id = new_request_id();
  // A chunked body's length is unknown: a Content-Length beside it was dropped (request_head.hpp).
  if (!parser.chunked() && parser.content_length()) r.content_length = *parser.content_length();
  r.chunked = parser.chunked();
  return r;
}

std::optional<ErrorCode> answer_for(const boost::system::error_code& ec) {
  if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) return ErrorCode::RequestHeaderTooLarge;
  if (ec == bhttp::error::partial_message || ec == bhttp::error::end_of_stream) return std::nullopt;
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) return ErrorCode::InvalidRequest;
  if (ec == std::errc::not_enough_memory) return ErrorCode::InternalError;
  return std::nullopt;  // reset, timeout, ...: the peer cannot read an answer
}

std::optional<Error> refusal_of(const HeadScan& scan) {
  switch (scan.state) {
    case HeadState::too_large: return Error(ErrorCode::RequestHeaderTooLarge);
    case HeadState::malformed: return Error(ErrorCode::InvalidRequest, "The request head is malformed (bare CR or LF, or a folded header line).");
    case HeadState::incomplete:
    case HeadState::complete: break;
  }
  if (scan.framing == Framing::unsupported) return Error(ErrorCode::NotImplemented).with("Header", "Transfer-Encoding");
  return std::nullopt;
}

bool is_disconnect(const boost::system::error_code& ec) {
  return ec == net::error::eof || ec == net::error::connection_reset || ec == net::error::broken_pipe ||
         ec == net::error::connection_aborted || ec == net::error::operation_aborted ||
         ec == net::error::not_connected || ec == beast::error::timeout || ec == net::ssl::error::stream_truncated;
}

void log_session_failure(const RequestInFlight& request, const ConnectionInfo& info, std::string_view what) {
  try {
    write_failure_log({request.request_id.empty() ? std::string_view("-") : std::string_view(request.request_id),
                       info.remote, what});
  } catch (...) {
    // Out of memory while logging: the guard must still not throw.
  }
}

net::awaitable<void> run_session(beast::tcp_stream stream, SessionEnv& env) {
  const ConnectionInfo info{remote_of(stream), false};
  co_await run_session_on(stream, env, info);
  co_await linger_close(stream);
}

net::awaitable<void> run_tls_session(beast::ssl_stream<beast::tcp_stream> stream, SessionEnv& env) {
  set_timeout(stream);
  auto [ec] = co_await stream.async_handshake(net::ssl::stream_base::server, kTuple);
  if (ec) co_return;  // not TLS, or a peer that left: nothing to answer on a broken TLS stream
  const ConnectionInfo info{remote_of(beast::get_lowest_layer(stream)), true};
  co_await run_session_on(stream, env, info);
  set_timeout(stream);
  // A peer that closes without close_notify is normal for HTTP clients: the error is ignored.
  [[maybe_unused]] auto [shutdown_ec] = co_await stream.async_shutdown(kTuple);
}

}  // namespace ossd::http
