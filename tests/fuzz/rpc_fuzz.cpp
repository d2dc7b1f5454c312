// The RAM / STS RPC API (api/rpc.cpp, rpc_ram.cpp, rpc_sts.cpp, auth/rpc_signature.cpp),
// driven through its public entry point, api::Service::prepare, as http/ calls it: the input is
// a request (fuzz_request.hpp), GET with the parameters in the query or POST with a form body.
// The service runs on real stores in a scratch folder under /dev/shm, with the clock frozen at
// the seeds' Timestamp and the seeds' key as the root key, so signed seeds reach the actions.
//
// Harness knob: a request that carries the header `x-fuzz-sign` is signed by the harness
// (a fresh SignatureNonce and the right Signature are put first in the query, where the first
// occurrence wins), so mutated parameters still get past the signature into the actions.
// The registry is rebuilt every kRebuildEvery inputs, so state created by mutated
// CreateUser/CreateRole calls stays bounded.
#include "api/service.hpp"
#include "auth/rpc_signature.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"
#include "fuzz_request.hpp"
#include "identity/registry.hpp"
#include "storage/local/local_data_store.hpp"
#include "storage/sqlite/sqlite_meta_store.hpp"

#include <unistd.h>

#include <filesystem>
#include <memory>

namespace {

using namespace ossd;

constexpr int kRebuildEvery = 4096;
constexpr std::string_view kAccount = "1234567890123456";

// One ossd: stores, registry and service, in its own scratch folder.
struct World {
  std::filesystem::path dir;
  std::unique_ptr<storage::MetaStore> meta;
  std::unique_ptr<storage::DataStore> data;
  std::unique_ptr<identity::Registry> registry;
  std::unique_ptr<api::Service> service;

  World() {
    std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    dir = base / ("ossd-rpc-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    meta = storage::open_sqlite_meta_store((dir / "meta.sqlite").string());
    data = storage::open_local_data_store((dir / "data").string());
    registry = std::make_unique<identity::Registry>(*meta, identity::SecretBox(std::string(32, 'k')),
                                                    std::string(kAccount), std::string(fuzz::kAccessKeyId),
                                                    std::string(fuzz::kSecret));
    api::ServiceConfig config;
    config.router.region = std::string(fuzz::kRegion);
    config.owner_id = std::string(kAccount);
    config.identities = registry.get();
    identity::Registry* reg = registry.get();
    service = std::make_unique<api::Service>(*meta, *data, config,
        [reg](std::string_view id, std::optional<std::string_view> token) { return reg->find_key(id, token); });
  }
  ~World() {
    service.reset();
    registry.reset();
    data.reset();
    meta.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

std::unique_ptr<World>& world() {
  static std::unique_ptr<World> w;
  return w;
}

// Puts a fresh nonce and the root key's signature of the request's parameters first.
void sign(fuzz::TextRequest& r) {
  static uint64_t counter = 0;
  std::string nonce = "SignatureNonce=fuzz" + std::to_string(++counter);
  r.query = r.query.empty() ? nonce : nonce + "&" + r.query;
  auth::RpcParams params;
  for (std::string_view raw : {std::string_view(r.query), r.method == "POST" ? std::string_view(r.body) : ""}) {
    auto pairs = api::parse_query(raw);
    if (!pairs) return;
    params.insert(params.end(), pairs->begin(), pairs->end());
  }
  std::string signature = auth::rpc_signature(fuzz::kSecret, auth::rpc_string_to_sign(r.method, params));
  r.query = "Signature=" + auth::rpc_percent_encode(signature) + "&" + r.query;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  set_frozen_now_ms(fuzz::kNowS * 1000);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static int inputs = 0;
  if (inputs++ % kRebuildEvery == 0) {
    world().reset();
    world() = std::make_unique<World>();
  }
  fuzz::TextRequest text = fuzz::parse_text_request(fuzz::as_view(data, size));
  if (text.headers.has("x-fuzz-sign")) {
    text.headers.remove("x-fuzz-sign");
    sign(text);
  }
  api::Request req;
  req.method = text.method;
  req.raw_path = text.path;
  req.raw_query = text.query;
  req.headers = text.headers;
  req.remote_address = "127.0.0.1";
  req.request_id = "0123456789ABCDEF01234567";
  req.content_length = text.body.size();
  api::Prepared p = world()->service->prepare(req);
  if (p.handler && p.handler->on_data(std::span<const char>(text.body.data(), text.body.size())))
    p.response = p.handler->finish();
  if (fuzz::verbose() && p.response)
    std::fprintf(stderr, "%d %s\n", p.response->status, p.response->body.substr(0, 300).c_str());
  return 0;
}
