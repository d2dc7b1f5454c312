#include "http/server.hpp"

#include "http/access_log.hpp"
#include "http/connection_limit.hpp"
#include "http/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ossd::http {
namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

namespace {

// How long the acceptor rests when it may not accept: at --max-connections (checked again
// after the pause), or when accept(2) failed for want of descriptors or memory. Retrying at
// once is what spun the accept loop at 100 % CPU under a connection flood (issue 11).
constexpr auto kAcceptPause = std::chrono::milliseconds(50);
// A flood that keeps the server at its limit logs this often at most.
constexpr auto kPauseLogInterval = std::chrono::seconds(60);

bool out_of_resources(const boost::system::error_code& ec) {
  return ec == net::error::no_descriptors || ec == std::errc::too_many_files_open_in_system ||
         ec == net::error::no_buffer_space || ec == net::error::no_memory;
}

std::string what_of(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "unknown exception";
  }
}

void log_server(std::string_view what, std::string_view level = "error") {
  try {
    write_failure_log({"-", "-", what, level});
  } catch (...) {
  }
}

// The last resort: an exception that escaped a handler leaves io_context::run(); the loop logs
// it and runs on, since Asio allows run() to be called again after that. Sessions catch
// everything themselves (session_loop.hpp), so reaching this is a bug worth the log line.
void run_forever(net::io_context& loop) {
  for (;;) {
    try {
      loop.run();
      return;
    } catch (...) {
      log_server("exception escaped to an event loop: " + what_of(std::current_exception()));
    }
  }
}

}  // namespace

// One io_context per network thread, each run by exactly that thread (concurrency hint 1):
// a connection lives on one loop for its whole life, so its handlers never contend for a
// shared scheduler lock or wake another thread (measured: docs/performance.md, "Round 3").
// Other threads may still post to a loop (the blocking pool resumes sessions there): hint 1
// keeps Asio's locking. The acceptor hands new connections to the loops in turn.
struct Server::Impl {
  ServerConfig config;
  std::vector<std::unique_ptr<net::io_context>> loops;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  net::thread_pool pool;
  std::optional<tcp::acceptor> acceptor;
  std::optional<net::ssl::context> tls;
  std::optional<net::signal_set> signals;
  SessionEnv env;
  std::size_t next_loop = 0;
  int max_connections = 1;
  std::atomic<int> connections{0};  // sessions running, on every loop

  Impl(ServerConfig c, api::Service& service)
      : config(std::move(c)), pool(static_cast<std::size_t>(config.blocking_threads)), env{service, pool, config.access_log} {
    for (int i = 0; i < threads(); ++i) {
      loops.push_back(std::make_unique<net::io_context>(1));
      keep_running.push_back(net::make_work_guard(*loops.back()));
    }
    acceptor.emplace(*loops[0]);
    signals.emplace(*loops[0], SIGINT, SIGTERM);
  }

  int threads() const {
    int n = config.network_threads > 0 ? config.network_threads : static_cast<int>(std::thread::hardware_concurrency());
    return n > 0 ? n : 1;
  }

  void load_tls() {
    if (config.tls_cert_file.empty() && config.tls_key_file.empty()) return;
    if (config.tls_cert_file.empty() || config.tls_key_file.empty())
      throw std::runtime_error("--tls-cert and --tls-key must be given together");
    tls.emplace(net::ssl::context::tls_server);
    tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                     net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1);
    tls->use_certificate_chain_file(config.tls_cert_file);
    tls->use_private_key_file(config.tls_key_file, net::ssl::context::pem);
  }

  // Counts the connection for --max-connections until its session ends.
  void start_session(net::io_context& loop, tcp::socket socket) {
    boost::system::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);  // fails only for a peer that already left
    ++connections;
    auto ended = [this](std::exception_ptr e) {
      --connections;
      if (e) log_server("exception escaped a session: " + what_of(e));
    };
    try {
      if (tls) {
        co_spawn(loop, run_tls_session(beast::ssl_stream<beast::tcp_stream>(std::move(socket), *tls), env), ended);
      } else {
        co_spawn(loop, run_session(beast::tcp_stream(std::move(socket)), env), ended);
      }
    } catch (...) {
      ended(std::current_exception());  // e.g. SSL_new out of memory: this connection only
    }
  }

  // Rests kAcceptPause; says why at most once per kPauseLogInterval.
  net::awaitable<void> pause_accepting(net::steady_timer& timer, std::string_view why) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_pause_log >= kPauseLogInterval) {
      log_server(why, "warning");
      last_pause_log = now;
    }
    timer.expires_after(kAcceptPause);
    co_await timer.async_wait(net::as_tuple(net::use_awaitable));
  }

  net::awaitable<void> accept_loop() {
    net::steady_timer timer(*loops[0]);
    for (;;) {
      if (connections.load() >= max_connections) {
        co_await pause_accepting(timer, "--max-connections reached: new connections wait in the backlog");
        continue;
      }
      // Round robin over the loops; only the acceptor's loop runs this coroutine.
      net::io_context& loop = *loops[next_loop++ % loops.size()];
      auto [ec, socket] = co_await acceptor->async_accept(loop, net::as_tuple(net::use_awaitable));
      if (ec == net::error::operation_aborted) co_return;
      if (out_of_resources(ec)) {
        co_await pause_accepting(timer, "accept: " + ec.message() + ": accepting paused, open connections are served");
        continue;
      }
      if (ec) continue;  // e.g. a peer that reset before accept: nothing to retry
      start_session(loop, std::move(socket));
    }
  }

  // The accept loop catches nothing it could throw; should it end by an exception all the
  // same, it is logged and started again rather than leaving a server that accepts nothing.
  void spawn_accept_loop() {
    co_spawn(*loops[0], accept_loop(), [this](std::exception_ptr e) {
      if (!e) return;
      log_server("the accept loop failed and restarts: " + what_of(e));
      spawn_accept_loop();
    });
  }

  std::chrono::steady_clock::time_point last_pause_log{};
};

Server::Server(ServerConfig config, api::Service& service) : impl_(std::make_unique<Impl>(std::move(config), service)) {}

Server::~Server() { stop(); }

void Server::start() {
  // sendfile(2) (response_writer.hpp) has no MSG_NOSIGNAL: a client that closes mid-body
  // would otherwise kill the process with SIGPIPE instead of failing that one write (EPIPE).
  std::signal(SIGPIPE, SIG_IGN);
  long descriptors = raise_descriptor_limit();
  impl_->max_connections = impl_->config.max_connections > 0 ? impl_->config.max_connections
                                                             : default_max_connections(descriptors);
  impl_->load_tls();
  auto address = net::ip::make_address(impl_->config.host);
  tcp::endpoint ep{address, impl_->config.port};
  auto& a = *impl_->acceptor;
  a.open(ep.protocol());
  a.set_option(net::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(net::socket_base::max_listen_connections);
  impl_->spawn_accept_loop();
  impl_->signals->async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) stop();
  });
}

uint16_t Server::port() const { return impl_->acceptor->local_endpoint().port(); }

int Server::max_connections() const { return impl_->max_connections; }

void Server::run() {
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl_->loops.size(); ++i) threads.emplace_back([this, i] { run_forever(*impl_->loops[i]); });
  run_forever(*impl_->loops[0]);
  for (auto& t : threads) t.join();
  impl_->pool.join();
}

void Server::stop() {
  if (!impl_) return;
  for (auto& loop : impl_->loops) loop->stop();
}

}  // namespace ossd::http
