#include "http/server.hpp"

#include "http/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <csignal>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ossd::http {
namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

struct Server::Impl {
  ServerConfig config;
  net::io_context ioc;
  net::thread_pool pool;
  tcp::acceptor acceptor{ioc};
  std::optional<net::ssl::context> tls;
  net::signal_set signals{ioc, SIGINT, SIGTERM};
  SessionEnv env;

  Impl(ServerConfig c, api::Service& service)
      : config(std::move(c)),
        ioc(threads()),
        pool(static_cast<std::size_t>(config.blocking_threads)),
        env{service, pool, config.access_log} {}

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
      auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), net::as_tuple(net::use_awaitable));
      if (ec == net::error::operation_aborted) co_return;
      if (ec) continue;  // e.g. EMFILE: keep serving the connections we have
      socket.set_option(tcp::no_delay(true));
      auto ex = socket.get_executor();
      if (tls) {
        co_spawn(ex, run_tls_session(beast::ssl_stream<beast::tcp_stream>(std::move(socket), *tls), env), net::detached);
      } else {
        co_spawn(ex, run_session(beast::tcp_stream(std::move(socket)), env), net::detached);
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
  auto& a = impl_->acceptor;
  a.open(ep.protocol());
  a.set_option(net::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(net::socket_base::max_listen_connections);
  co_spawn(impl_->ioc, impl_->accept_loop(), net::detached);
  impl_->signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) stop();
  });
}

uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::run() {
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->threads(); ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
  impl_->pool.join();
}

void Server::stop() {
  if (impl_) impl_->ioc.stop();
}

}  // namespace ossd::http
