// ossd: flags and environment -> stores -> service -> HTTP server. Wiring only, no logic.
#include "api/service.hpp"
#include "common/digest.hpp"
#include "common/time.hpp"
#include "http/server.hpp"
#include "server/root_credentials.hpp"
#include "storage/local/local_data_store.hpp"
#include "storage/sqlite/sqlite_meta_store.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <unordered_set>

namespace {

struct Options {
  std::string address = "127.0.0.1:9000";
  std::string data = "./data";
  std::string region = "cn-hangzhou";
  std::vector<std::string> domains;
  std::string tls_cert, tls_key;
  std::string test_now;
  int max_connections = 0;
  bool quiet = false;
};

void add_flags(CLI::App& app, Options& o) {
  app.add_option("--address", o.address, "host:port to listen on (port 0 picks a free one)")
      ->envname("OSSD_ADDRESS")->capture_default_str();
  app.add_option("--data", o.data, "data folder: metadata database and object files")
      ->envname("OSSD_DATA")->capture_default_str();
  app.add_option("--region", o.region, "region id this server answers for (signatures are scoped to it)")
      ->envname("OSSD_REGION")->capture_default_str();
  app.add_option("--domain", o.domains,
                 "extra base domain for virtual-hosted addressing, <bucket>.<domain> (repeatable; "
                 "'localhost' and oss-<region>.aliyuncs.com are always accepted)")
      ->envname("OSSD_DOMAINS")->delimiter(',');
  app.add_option("--tls-cert", o.tls_cert, "PEM certificate chain: serve HTTPS (with --tls-key)")->envname("OSSD_TLS_CERT");
  app.add_option("--tls-key", o.tls_key, "PEM private key for --tls-cert")->envname("OSSD_TLS_KEY");
  app.add_option("--test-now", o.test_now,
                 "TESTING AID: freeze the server clock at this time (e.g. 20241112T083238Z) so recorded "
                 "signed requests can be replayed; never use in production")
      ->envname("OSSD_TEST_NOW");
  app.add_option("--max-connections", o.max_connections,
                 "connections held at once; at the limit new ones wait in the listen backlog "
                 "(0: half the file descriptors left free at start-up)")
      ->envname("OSSD_MAX_CONNECTIONS")->check(CLI::NonNegativeNumber)->capture_default_str();
  app.add_flag("--quiet", o.quiet, "no access log on stderr")->envname("OSSD_QUIET");
  app.footer(
      "Root credentials: OSSD_ROOT_ACCESS_KEY_ID and OSSD_ROOT_ACCESS_KEY_SECRET; when unset, a key pair is\n"
      "generated on first start, kept in the data folder and printed once.");
}

std::pair<std::string, uint16_t> split_address(const std::string& a) {
  auto colon = a.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--address must be host:port");
  std::string host = a.substr(0, colon);
  if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
  return {host, static_cast<uint16_t>(std::stoi(a.substr(colon + 1)))};
}

bool holds_any_file(const std::filesystem::path& dir) {
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file()) return true;
  return false;
}

// The orphan sweep deletes every blob the metadata does not name, so it must never run
// against a metadata database that is not this data folder's own: a new (empty) database
// next to existing blobs means meta.sqlite was lost or replaced, and sweeping would delete
// every object. Refuse to start instead.
void check_metadata_matches_data(ossd::storage::MetaStore& meta, const std::filesystem::path& data_dir) {
  if (meta.get_setting("owner_id")) return;  // set on the first start of this database
  if (holds_any_file(data_dir / "objects"))
    throw std::runtime_error("the metadata database " + (data_dir / "meta.sqlite").string() +
                             " is new but " + (data_dir / "objects").string() +
                             " holds object data: refusing to start, because the orphan sweep would delete it. "
                             "Restore meta.sqlite, or move objects/ away to start empty.");
}

// Removes blobs that no metadata references and temporary files of interrupted uploads.
void sweep_orphans(ossd::storage::MetaStore& meta, ossd::storage::DataStore& data) {
  std::unordered_set<std::string> live;
  meta.for_each_data_ref([&](const std::string& ref) { live.insert(ref); });
  std::size_t removed = data.sweep_orphans([&](const std::string& ref) { return live.count(ref) > 0; });
  if (removed > 0) std::cerr << "ossd: removed " << removed << " orphaned file(s) left by an interrupted write\n";
}

int serve(const Options& o) {
  if (!o.test_now.empty()) {
    auto t = ossd::parse_iso8601_basic(o.test_now);
    if (!t) throw std::runtime_error("--test-now must look like 20241112T083238Z");
    ossd::set_frozen_now_ms(*t * 1000);
  }
  std::filesystem::create_directories(o.data);
  auto meta = ossd::storage::open_sqlite_meta_store((std::filesystem::path(o.data) / "meta.sqlite").string());
  check_metadata_matches_data(*meta, o.data);
  auto data = ossd::storage::open_local_data_store(o.data);
  sweep_orphans(*meta, *data);
  ossd::identity::SecretBox box(
      ossd::identity::load_or_create_master_key((std::filesystem::path(o.data) / "master.key").string()));
  auto root = ossd::server::load_root_credentials(*meta, box);
  ossd::identity::Registry identities(*meta, box, root.owner_id, root.access_key_id, root.access_key_secret);

  ossd::api::ServiceConfig sc;
  sc.router.region = o.region;
  for (const auto& d : o.domains) sc.router.domains.push_back(d);
  sc.owner_id = root.owner_id;
  sc.identities = &identities;
  ossd::api::Service service(*meta, *data, sc,
                             [&identities](std::string_view id, std::optional<std::string_view> token) {
                               return identities.find_key(id, token);
                             });

  auto [host, port] = split_address(o.address);
  ossd::http::ServerConfig hc;
  hc.host = host;
  hc.port = port;
  hc.tls_cert_file = o.tls_cert;
  hc.tls_key_file = o.tls_key;
  hc.access_log = !o.quiet;
  hc.max_connections = o.max_connections;
  ossd::http::Server server(hc, service);
  server.start();
  std::string scheme = o.tls_cert.empty() ? "http" : "https";
  std::cout << "ossd listening on " << scheme << "://" << host << ":" << server.port() << std::endl;
  server.run();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ossd: an Alibaba Cloud OSS-compatible object store"};
  Options o;
  add_flags(app, o);
  CLI11_PARSE(app, argc, argv);
  try {
    return serve(o);
  } catch (const std::exception& e) {
    std::cerr << "ossd: " << e.what() << "\n";
    return 1;
  }
}
