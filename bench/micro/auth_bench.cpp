// Signature work the server does for every request: V4 and V1 presigned-URL verification
// (auth::verify, with the signing-key cache warm as it is under load) and the V4/V1
// canonicalisation of a request carrying 10 headers. Issue 4 target: V4 verification
// >= 500,000 per second per core.
#include <benchmark/benchmark.h>

#include <stdexcept>
#include <string>

#include "auth/canonical.hpp"
#include "auth/presign.hpp"
#include "auth/verifier.hpp"
#include "common/encoding.hpp"

namespace ossd::auth {
namespace {

constexpr int64_t kSigningTime = 1731400358;  // 2024-11-12T08:32:38Z
const Credentials kCreds{"LTAI5tBenchAccessKey01", "benchSecretKeyForSigning0123456789", ""};

// The request as the verifier sees it once http/ and the router have parsed it.
struct ParsedRequest {
  std::string method, bucket, key, host;
  QueryPairs query;
  Headers headers;
  RequestView view() const { return {method, bucket, key, &query, &headers, host}; }
};

QueryPairs decode_query(std::string_view raw) {
  QueryPairs out;
  while (!raw.empty()) {
    auto amp = raw.find('&');
    std::string_view pair = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view() : raw.substr(amp + 1);
    auto eq = pair.find('=');
    std::string name = percent_decode(pair.substr(0, eq), true).value();
    std::string value =
        eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1), true).value();
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

// A presigned PUT of a 4 KiB object as a browser or SDK sends it, path-style on loopback.
ParsedRequest presigned_put(bool v4) {
  SignOptions o;
  o.method = "PUT";
  o.bucket = "bench";
  o.key = "uploads/2024/11/12/photo-000123.jpg";
  o.endpoint = "127.0.0.1:9000";
  o.scheme = "http";
  o.path_style = true;
  o.signing_time_s = kSigningTime;
  o.expires_s = 3600;
  auto s = v4 ? presign_v4(kCreds, o) : presign_v1(kCreds, o);
  if (!s) throw std::runtime_error("presign failed");
  ParsedRequest r{"PUT", o.bucket, o.key, "127.0.0.1", {}, {}};
  r.query = decode_query(s->url.substr(s->url.find('?') + 1));
  r.headers.add("Host", "127.0.0.1:9000");
  r.headers.add("User-Agent", "aliyun-sdk-js/6.23.0 Chrome 131.0.0.0 on Linux 64-bit");
  r.headers.add("Content-Length", "4096");
  r.headers.add("Accept", "*/*");
  r.headers.add("Connection", "keep-alive");
  return r;
}

KeyLookup one_key() {
  return [](std::string_view id, std::optional<std::string_view>) -> std::optional<KeyRecord> {
    if (id != kCreds.access_key_id) return std::nullopt;
    return KeyRecord{kCreds.access_key_secret, "1234567890123456", std::nullopt, 0};
  };
}

void verify_loop(benchmark::State& state, bool v4) {
  const ParsedRequest req = presigned_put(v4);
  const KeyLookup keys = one_key();
  const VerifyConfig config{"cn-hangzhou", kSigningTime + 60};
  if (!verify(req.view(), keys, config)) state.SkipWithError("the presigned request does not verify");
  for (auto _ : state) {
    auto id = verify(req.view(), keys, config);
    benchmark::DoNotOptimize(id);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_VerifyV4PresignedPut(benchmark::State& state) { verify_loop(state, true); }
void BM_VerifyV1PresignedPut(benchmark::State& state) { verify_loop(state, false); }

// Ten header fields of a header-signed V4 PUT, plus a sub-resource query.
Headers ten_headers() {
  Headers h;
  h.add("Host", "bench.oss-cn-hangzhou.aliyuncs.com");
  h.add("Content-Type", "image/jpeg");
  h.add("Content-MD5", "eB5eJF1ptWaXm4bijSPyxw==");
  h.add("Content-Length", "4096");
  h.add("x-oss-date", "20241112T083238Z");
  h.add("x-oss-content-sha256", "UNSIGNED-PAYLOAD");
  h.add("x-oss-meta-author", "  bench  ");
  h.add("X-OSS-Meta-Project", "ossd");
  h.add("x-oss-storage-class", "Standard");
  h.add("x-oss-object-acl", "private");
  return h;
}

void BM_CanonicalRequestV4TenHeaders(benchmark::State& state) {
  const Headers headers = ten_headers();
  const QueryPairs query = {{"versionId", "CAEQNhiBgMDJgZCA0BYiIGQ4"}, {"acl", ""}};
  const std::vector<std::string> additional = {"host"};
  for (auto _ : state) {
    std::string uri = v4_canonical_uri("bench", "uploads/2024/11/12/photo-000123.jpg");
    std::string q = v4_canonical_query(query);
    std::string h = v4_canonical_headers(headers, additional);
    std::string c = v4_canonical_request("PUT", uri, q, h, "host", "UNSIGNED-PAYLOAD");
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_CanonicalV1TenHeaders(benchmark::State& state) {
  const Headers headers = ten_headers();
  const QueryPairs query = {{"versionId", "CAEQNhiBgMDJgZCA0BYiIGQ4"}, {"acl", ""}};
  for (auto _ : state) {
    std::string h = v1_canonical_oss_headers(headers);
    std::string r = v1_canonical_resource("bench", "uploads/2024/11/12/photo-000123.jpg", query);
    benchmark::DoNotOptimize(h);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_VerifyV4PresignedPut);
BENCHMARK(BM_VerifyV1PresignedPut);
BENCHMARK(BM_CanonicalRequestV4TenHeaders);
BENCHMARK(BM_CanonicalV1TenHeaders);

}  // namespace
}  // namespace ossd::auth
