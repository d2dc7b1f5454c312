// The connection loop. Beast traps this file works around (shared/STACK.md section 1):
// - the header parser's default body_limit (1 MiB) is checked against Content-Length while
//   the header is parsed, so it is lifted before reading; we count body bytes ourselves;
// - the read buffer is reserved up front, or Beast reads 512 bytes per recv();
// - buffers belong to the connection, never thread_local (coroutines hop threads);
// - no braced lists of string literals inside co_await operands (GCC 12 bug).
#include "http/session.hpp"

#include "common/encoding.hpp"
#include "common/time.hpp"
#include "http/access_log.hpp"
#include "http/digest_pipeline.hpp"
#include "http/request_id.hpp"
#include "http/response_writer.hpp"

#include <type_traits>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <span>

namespace ossd::http {
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;  // 8 KB of user metadata plus auth headers
constexpr std::size_t kIoBufferSize = 256 * 1024;
constexpr auto kIdleTimeout = std::chrono::seconds(120);
// A refused upload is read (and discarded) up to this much before the error is sent, so
// clients that write the whole body before reading (JDK, .NET) see the 403, not a reset.
constexpr uint64_t kDrainLimit = 64ull * 1024 * 1024;

constexpr auto kTuple = net::as_tuple(net::use_awaitable);

// Body buffers of an upload whose digest runs beside the read (read_body_split).
constexpr int kSplitBuffers = 4;

// The connection's body buffers, each allocated when first used and left uninitialised: an
// idle keep-alive connection then costs a few KiB, not kIoBufferSize (measured by bench/load
// idle connections: 1,000 idle connections cost 286 MiB when every connection zero-filled its
// own buffer up front). Buffer 0 serves every body; the others only split uploads, so a
// connection that made one keeps 1 MiB for its next ones.
class BodyBuffer {
 public:
  std::span<char> get(int which = 0) {
    auto& data = data_[which];
    if (!data) data.reset(new char[kIoBufferSize]);  // NOLINT: default-init on purpose
    return {data.get(), kIoBufferSize};
  }

 private:
  std::unique_ptr<char[]> data_[kSplitBuffers];
};

std::string to_upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

template <class Stream>
void set_timeout(Stream& s) {
  beast::get_lowest_layer(s).expires_after(kIdleTimeout);
}

api::Request to_api_request(const bhttp::request_parser<bhttp::empty_body>& parser, const std::string& remote) {
  const auto& h = parser.get();
  api::Request r;
  r.method = to_upper_ascii(h.method_string());
  std::string_view target = h.target();
  auto q = target.find('?');
  r.raw_path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) r.raw_query = std::string(target.substr(q + 1));
  for (const auto& field : h) r.headers.add(std::string(field.name_string()), std::string(field.value()));
  r.remote_address = remote;
  r.request_id = new_request_id();
  if (parser.content_length()) r.content_length = *parser.content_length();
  r.chunked = parser.chunked();
  return r;
}

// Reads one piece of the body into `buf`; returns its size (0 when the parser only consumed
// framing, e.g. a chunk header). Throws on a broken connection.
template <class Stream>
net::awaitable<std::size_t> read_piece(Stream& s, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::buffer_body>& p,
                                       std::span<char> buf) {
  p.get().body().data = buf.data();
  p.get().body().size = buf.size();
  set_timeout(s);
  auto [ec, n] = co_await bhttp::async_read(s, buffer, p, kTuple);
  if (ec == bhttp::error::need_buffer) ec = {};
  if (ec) throw boost::system::system_error(ec);
  co_return buf.size() - p.get().body().size;
}

// Reads the body through `buf`, handing each piece to `sink`; stops early when the sink
// returns false. Returns the bytes read; throws on a broken connection.
template <class Stream, class Sink>
net::awaitable<uint64_t> read_body(Stream& s, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::buffer_body>& p,
                                   BodyBuffer& body_buffer, Sink sink) {
  std::span<char> buf = body_buffer.get();
  uint64_t total = 0;
  while (!p.is_done()) {
    std::size_t got = co_await read_piece(s, buffer, p, buf);
    total += got;
    if (got > 0 && !sink(std::span<const char>(buf.data(), got))) break;
  }
  co_return total;
}

// read_body for a handler that digests separately: the loop receives and stores (on_data)
// while a pool thread digests the pieces before, from a ring of kSplitBuffers buffers, so one
// upload's MD5 runs beside its receive and write. Stops at the first on_data error (into
// `failed`). Every digest() has returned when this returns or throws.
template <class Stream>
net::awaitable<uint64_t> read_body_split(Stream& s, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::buffer_body>& p,
                                         BodyBuffer& body_buffer, SessionEnv& env, api::BodyHandler& handler,
                                         std::optional<Error>& failed) {
  DigestPipeline digests(co_await net::this_coro::executor, env.blocking_pool, handler);
  uint64_t total = 0;
  std::exception_ptr broken;
  try {
    while (!p.is_done()) {
      const uint64_t n = digests.pushed();
      // The buffer's previous piece (number n - kSplitBuffers) must be digested first.
      if (n >= kSplitBuffers) co_await digests.wait_digested(n - kSplitBuffers + 1);
      std::span<char> buf = body_buffer.get(static_cast<int>(n % kSplitBuffers));
      std::size_t got = co_await read_piece(s, buffer, p, buf);
      if (got == 0) continue;
      total += got;
      std::span<const char> piece(buf.data(), got);
      if (auto ok = handler.on_data(piece); !ok) {
        failed = ok.error();
        break;
      }
      digests.push(piece);
    }
  } catch (...) {
    broken = std::current_exception();  // a broken connection: still wait for the pool
  }
  co_await digests.wait_digested(digests.pushed());
  if (broken) std::rethrow_exception(broken);
  co_return total;
}

// Discards up to kDrainLimit bytes of an unwanted body. True if the whole body was read
// (the connection can be kept alive).
template <class Stream>
net::awaitable<bool> drain(Stream& s, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::buffer_body>& p,
                           BodyBuffer& buf, uint64_t& bytes_in) {
  uint64_t budget = kDrainLimit;
  bytes_in += co_await read_body(s, buffer, p, buf, [&](std::span<const char> b) {
    budget = b.size() >= budget ? 0 : budget - b.size();
    return budget > 0;
  });
  co_return p.is_done();
}

// Runs `fn` on the blocking pool and resumes here afterwards. Exceptions become InternalError.
template <class Fn>
net::awaitable<api::Response> on_pool(SessionEnv& env, const api::Request& req, Fn fn) {
  co_return co_await net::co_spawn(
      env.blocking_pool,
      [&]() -> net::awaitable<api::Response> {
        try {
          co_return fn();
        } catch (const std::exception&) {
          co_return env.service.error_response(req, ErrorCode::InternalError);
        }
      },
      net::use_awaitable);
}

struct Outcome {
  api::Response response;
  bool keep_alive = true;
  uint64_t bytes_in = 0;
};

// Handles one request whose header has been read. Throws when the connection broke.
template <class Stream>
net::awaitable<Outcome> handle(Stream& s, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::empty_body>& hp,
                               BodyBuffer& buf, SessionEnv& env, const api::Request& req, api::Prepared& prep) {
  Outcome out;
  out.keep_alive = hp.get().keep_alive();
  bool has_body = hp.chunked() || (hp.content_length() && *hp.content_length() > 0);
  bool expect_continue = iequals(hp.get()[bhttp::field::expect], "100-continue");

  if (prep.response) {
    out.response = std::move(*prep.response);
    if (has_body && expect_continue) {
      out.keep_alive = false;  // the body was never asked for: answer and close
    } else if (has_body) {
      bhttp::request_parser<bhttp::buffer_body> bp{std::move(hp)};
      if (!co_await drain(s, buffer, bp, buf, out.bytes_in)) out.keep_alive = false;
    }
    co_return out;
  }

  if (has_body && expect_continue) {
    bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, hp.get().version()};
    co_await bhttp::async_write(s, cont, net::use_awaitable);
  }
  bhttp::request_parser<bhttp::buffer_body> bp{std::move(hp)};
  bp.body_limit(boost::none);
  std::optional<Error> failed;
  auto sink = [&](std::span<const char> b) {
    auto ok = prep.handler->on_data(b);
    if (!ok) failed = ok.error();
    return ok.has_value();
  };
  if (prep.handler->digest_separately()) {
    out.bytes_in = co_await read_body_split(s, buffer, bp, buf, env, *prep.handler, failed);
  } else {
    out.bytes_in = co_await read_body(s, buffer, bp, buf, sink);
  }
  if (failed) {
    prep.handler.reset();  // drops the temporary blob
    out.response = env.service.error_response(req, *failed);
    if (!co_await drain(s, buffer, bp, buf, out.bytes_in)) out.keep_alive = false;
    co_return out;
  }
  auto* handler = prep.handler.get();
  out.response = co_await on_pool(env, req, [handler] { return handler->finish(); });
  co_return out;
}

template <class Stream>
net::awaitable<void> session_loop(Stream& s, SessionEnv& env, std::string remote) {
  beast::flat_buffer buffer;
  buffer.reserve(kIoBufferSize);
  BodyBuffer buf;
  for (;;) {
    bhttp::request_parser<bhttp::empty_body> hp;
    hp.header_limit(kHeaderLimit);
    hp.body_limit(boost::none);
    set_timeout(s);
    auto [ec, n] = co_await bhttp::async_read_header(s, buffer, hp, kTuple);
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout) co_return;
    if (ec) {
      if (ec == bhttp::error::header_limit) co_await write_protocol_error(s, env, ErrorCode::RequestHeaderTooLarge);
      else if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category()) co_await write_protocol_error(s, env, ErrorCode::InvalidRequest);
      co_return;
    }
    auto started = std::chrono::steady_clock::now();
    api::Request req = to_api_request(hp, remote);
    req.secure = !std::is_same_v<Stream, beast::tcp_stream>;  // acs:SecureTransport
    api::Prepared prep;
    try {
      prep = env.service.prepare(req);
    } catch (const std::exception&) {
      prep.response = env.service.error_response(req, ErrorCode::InternalError);
    }
    Outcome out = co_await handle(s, buffer, hp, buf, env, req, prep);
    prep.handler.reset();
    for (const auto& [name, value] : prep.extra_headers) out.response.headers.set(name, value);
    if (out.response.close) out.keep_alive = false;
    uint64_t bytes_out = co_await write_response(s, out.response, req, out.keep_alive);
    if (env.access_log) {
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      write_access_log({req.request_id, req.remote_address, req.method, prep.operation, prep.bucket, prep.key,
                        out.response.status, out.bytes_in, bytes_out, ms});
    }
    if (!out.keep_alive) co_return;
  }
}

template <class Stream>
std::string remote_of(Stream& s) {
  boost::system::error_code ec;
  auto ep = beast::get_lowest_layer(s).socket().remote_endpoint(ec);
  return ec ? std::string("-") : ep.address().to_string() + ":" + std::to_string(ep.port());
}

}  // namespace

net::awaitable<void> run_session(beast::tcp_stream stream, SessionEnv& env) {
  try {
    co_await session_loop(stream, env, remote_of(stream));
  } catch (const std::exception&) {
    // A broken connection (client went away mid-body): the handler's temporary data was
    // dropped with it; nothing to answer.
  }
  boost::system::error_code ec;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
}

net::awaitable<void> run_tls_session(beast::ssl_stream<beast::tcp_stream> stream, SessionEnv& env) {
  try {
    set_timeout(stream);
    co_await stream.async_handshake(net::ssl::stream_base::server, net::use_awaitable);
    co_await session_loop(stream, env, remote_of(stream));
    set_timeout(stream);
    // A peer that closes without close_notify is normal for HTTP clients: the error is ignored.
    [[maybe_unused]] auto [ec] = co_await stream.async_shutdown(kTuple);
  } catch (const std::exception&) {
    // Handshake or connection failure: nothing to answer on a broken TLS stream.
  }
}

}  // namespace ossd::http
