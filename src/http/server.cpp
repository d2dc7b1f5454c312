#include "http/server.hpp"

#include "http/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <csignal>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ossd::http {
namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

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

  net::awaitable<void> accept_loop() {
    for (;;) {
      // Round robin over the loops; only the acceptor's loop runs this coroutine.
      net::io_context& loop = *loops[next_loop++ % loops.size()];
      auto [ec, socket] = co_await acceptor->async_accept(loop, net::as_tuple(net::use_awaitable));
      if (ec == net::error::operation_aborted) co_return;
      if (ec) continue;  // e.g. EMFILE: keep serving the connections we have
      socket.set_option(tcp::no_delay(true));
      if (tls) {
        co_spawn(loop, run_tls_session(beast::ssl_stream<beast::tcp_stream>(std::move(socket), *tls), env), net::detached);
      } else {
        co_spawn(loop, run_session(beast::tcp_stream(std::move(socket)), env), net::detached);
      }
    }
  }
};

Server::Server(ServerConfig config, api::Service& service) : impl_(std::make_unique<Impl>(std::move(config), service)) {}

Server::~Server() { stop(); }

void Server::start() {
  // sendfile(2) (response_writer.hpp) has no MSG_NOSIGNAL: a client that closes mid-body
  // would otherwise kill the process with SIGPIPE instead of failing that one write (EPIPE).
  std::signal(SIGPIPE, SIG_IGN);
  impl_->load_tls();
  auto address = net::ip::make_address(impl_->config.host);
  tcp::endpoint ep{address, impl_->config.port};
  auto& a = *impl_->acceptor;
  a.open(ep.protocol());
  a.set_option(net::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(net::socket_base::max_listen_connections);
  co_spawn(*impl_->loops[0], impl_->accept_loop(), net::detached);
  impl_->signals->async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) stop();
  });
}

uint16_t Server::port() const { return impl_->acceptor->local_endpoint().port(); }

void Server::run() {
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl_->loops.size(); ++i) threads.emplace_back([this, i] { impl_->loops[i]->run(); });
  impl_->loops[0]->run();
  for (auto& t : threads) t.join();
  impl_->pool.join();
}

void Server::stop() {
  if (!impl_) return;
  for (auto& loop : impl_->loops) loop->stop();
}

}  // namespace ossd::http
