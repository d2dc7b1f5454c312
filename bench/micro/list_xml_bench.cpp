// Rendering one ListObjects page of 1,000 entries (the body of every max-keys=1000 listing).
#include <benchmark/benchmark.h>

#include <cstdio>

#include "oss/xml/list_xml.hpp"

namespace ossd::xml {
namespace {

storage::ListPage page_of(int n) {
  storage::ListPage page;
  for (int i = 0; i < n; ++i) {
    storage::ObjectMeta m;
    char key[64];
    std::snprintf(key, sizeof key, "dir%04d/object-%07d.dat", i / 1000, i);
    m.bucket = "bench";
    m.key = key;
    m.size = 4096 + i;
    m.etag = "5EB63BBBE01EEED093CB22BB8F5ACDC3";
    m.last_modified_ms = 1731400358000 + i;
    page.objects.push_back(std::move(m));
  }
  page.truncated = true;
  page.next_marker = page.objects.back().key;
  return page;
}

ListObjectsParams params() {
  ListObjectsParams p;
  p.bucket = "bench";
  p.max_keys = 1000;
  p.owner_id = "1234567890123456";
  return p;
}

void BM_RenderListObjectsV1Page1000(benchmark::State& state) {
  const auto page = page_of(1000);
  const auto p = params();
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string xml = render_list_objects_v1(p, page);
    bytes = xml.size();
    benchmark::DoNotOptimize(xml);
  }
  state.SetItemsProcessed(state.iterations() * 1000);  // entries per second
  state.SetBytesProcessed(state.iterations() * bytes);
}

void BM_RenderListObjectsV2Page1000(benchmark::State& state) {
  const auto page = page_of(1000);
  const auto p = params();
  for (auto _ : state) {
    std::string xml = render_list_objects_v2(p, page, "token");
    benchmark::DoNotOptimize(xml);
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}

BENCHMARK(BM_RenderListObjectsV1Page1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RenderListObjectsV2Page1000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace ossd::xml
