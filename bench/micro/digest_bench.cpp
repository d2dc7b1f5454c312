// The hashing a PUT does on its body: MD5 (the ETag) and CRC-64/ECMA (x-oss-hash-crc64ecma),
// fed in 64 KiB pieces as a streaming upload delivers them. Items are MiB.
#include <benchmark/benchmark.h>

#include <string>

#include "common/crc64.hpp"
#include "common/digest.hpp"

namespace ossd {
namespace {

constexpr std::size_t kMiB = 1 << 20;
constexpr std::size_t kPiece = 64 * 1024;

std::string one_mib() {
  std::string s(kMiB, '\0');
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<char>(i * 2654435761u >> 13);
  return s;
}

void BM_Md5Crc64PerMiB(benchmark::State& state) {
  const std::string data = one_mib();
  for (auto _ : state) {
    Md5 md5;
    uint64_t crc = 0;
    for (std::size_t off = 0; off < data.size(); off += kPiece) {
      std::string_view piece(data.data() + off, kPiece);
      md5.update(piece);
      crc = crc64_update(crc, piece);
    }
    benchmark::DoNotOptimize(md5.finish());
    benchmark::DoNotOptimize(crc);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * kMiB);
}

void BM_Md5PerMiB(benchmark::State& state) {
  const std::string data = one_mib();
  for (auto _ : state) {
    Md5 md5;
    for (std::size_t off = 0; off < data.size(); off += kPiece) md5.update({data.data() + off, kPiece});
    benchmark::DoNotOptimize(md5.finish());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * kMiB);
}

void BM_Crc64PerMiB(benchmark::State& state) {
  const std::string data = one_mib();
  for (auto _ : state) {
    uint64_t crc = 0;
    for (std::size_t off = 0; off < data.size(); off += kPiece) crc = crc64_update(crc, {data.data() + off, kPiece});
    benchmark::DoNotOptimize(crc);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * kMiB);
}

BENCHMARK(BM_Md5Crc64PerMiB)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Md5PerMiB)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Crc64PerMiB)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace ossd
