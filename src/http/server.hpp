// The HTTP(S) front end: accepts connections and runs one coroutine per connection on one of
// the event loops (one io_context and one thread per core, connections dealt out in turn);
// blocking work (fsync, metadata commits) runs on
// a separate small pool so a slow disk never stalls the network threads.
// This folder is the only one that includes Beast or Asio (docs/architecture.md).
#pragma once

#include "api/service.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace ossd::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 9000;      // 0: pick a free port
  int network_threads = 0;   // 0: one per core
  int blocking_threads = 8;
  std::string tls_cert_file;  // both set: serve HTTPS only
  std::string tls_key_file;
  bool access_log = true;     // one JSON line per request on stderr
  // Connections held at once; at the limit (or when accept(2) runs out of descriptors) the
  // acceptor pauses and new connections wait in the listen backlog. 0: derived from the
  // descriptor limit (connection_limit.hpp).
  int max_connections = 0;
};

class Server {
 public:
  Server(ServerConfig config, api::Service& service);
  ~Server();
  // Binds and starts listening; throws std::runtime_error when the address is unusable.
  void start();
  uint16_t port() const;
  int max_connections() const;
  // Runs until stop() (or SIGINT/SIGTERM when install_signal_handlers() was called).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ossd::http
