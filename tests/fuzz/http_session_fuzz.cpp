// libFuzzer target: the fuzz input is what a client sends on one connection. It goes through
// the real session loop (http/session_loop.hpp: head scan, RequestParser, chunked bodies,
// 100-continue, pipelining, the connection guard) over Beast's in-memory test stream, into a
// real api::Service over SQLite and local files in a temporary folder. The input ends in EOF
// (the client half-closes), so every session ends and the target returns.
//
// What counts as a crash: anything the sanitizers see, and any exception that leaves
// run_session_on() (it must catch everything: issue 11).
//
// Seeds (tests/fuzz/corpus/http_session/) are real requests signed with the integration tests'
// root key at 2025-01-01T00:00:00Z, the time this target freezes the clock at, so the signed
// ones pass authentication and reach the handlers: bucket "fuzz" exists from the start.
#include "api/service.hpp"
#include "common/time.hpp"
#include "http/session_loop.hpp"
#include "identity/registry.hpp"
#include "identity/secret_box.hpp"
#include "storage/local/local_data_store.hpp"
#include "storage/sqlite/sqlite_meta_store.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/_experimental/test/stream.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>

namespace {

using namespace ossd;

constexpr int64_t kSeedTimeMs = 1735689600000;  // 2025-01-01T00:00:00Z
constexpr const char* kRootKeyId = "LTAI5tOssdIntegrationKey01";  // tests/integration/lib/server.mjs
constexpr const char* kRootSecret = "OssdIntegrationSecret0123456789abcd";
constexpr const char* kOwner = "1000000000000001";

// The server side of every run: stores, identities and service, made once per process.
struct World {
  std::filesystem::path dir;
  std::unique_ptr<storage::MetaStore> meta;
  std::unique_ptr<storage::DataStore> data;
  std::unique_ptr<identity::Registry> identities;
  std::unique_ptr<api::Service> service;
  boost::asio::thread_pool pool{2};
  std::unique_ptr<http::SessionEnv> env;

  World() {
    char tmpl[] = "/tmp/ossd-fuzz-http-XXXXXX";
    if (!::mkdtemp(tmpl)) std::abort();
    dir = tmpl;
    static const std::filesystem::path made = dir;  // removed when the fuzzer exits
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(made, ec);
    });
    set_frozen_now_ms(kSeedTimeMs);
    meta = storage::open_sqlite_meta_store((dir / "meta.sqlite").string());
    data = storage::open_local_data_store(dir.string());
    identity::SecretBox box(identity::load_or_create_master_key((dir / "master.key").string()));
    identities = std::make_unique<identity::Registry>(*meta, box, kOwner, kRootKeyId, kRootSecret);
    api::ServiceConfig config;
    config.router.region = "cn-hangzhou";
    config.owner_id = kOwner;
    config.identities = identities.get();
    auto* ids = identities.get();
    service = std::make_unique<api::Service>(
        *meta, *data, config,
        [ids](std::string_view id, std::optional<std::string_view> token) { return ids->find_key(id, token); });
    storage::BucketInfo bucket;
    bucket.name = "fuzz";
    bucket.region = "cn-hangzhou";
    bucket.owner = kOwner;
    bucket.created_ms = kSeedTimeMs;
    meta->create_bucket(bucket);
    env = std::make_unique<http::SessionEnv>(http::SessionEnv{*service, pool, false});
  }
};

World& world() {
  static World* w = new World();  // never destroyed: the pool and stores outlive every run
  return *w;
}

boost::asio::awaitable<void> serve(boost::beast::test::stream& server, http::SessionEnv& env) {
  const http::ConnectionInfo info{"127.0.0.1:1", false};
  co_await http::run_session_on(server, env, info);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  world();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  World& w = world();
  boost::asio::io_context ioc;
  boost::beast::test::stream server(ioc);
  boost::beast::test::stream client(ioc);
  server.connect(client);
  server.append(std::string_view(reinterpret_cast<const char*>(bytes), size));
  server.close_remote();  // the session reads the input, then EOF; its answers still go to `client`
  boost::asio::co_spawn(ioc, serve(server, *w.env), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& x) {
      std::fprintf(stderr, "exception left run_session_on: %s\n", x.what());
    } catch (...) {
      std::fprintf(stderr, "exception left run_session_on\n");
    }
    std::abort();
  });
  ioc.run();
  return 0;
}
