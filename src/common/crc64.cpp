#include "common/crc64.hpp"

#include <isa-l/crc64.h>

#include <array>

namespace ossd {
namespace {

// The reflected ECMA-182 polynomial (CRC-64/XZ).
constexpr uint64_t kPolyReflected = 0xC96C5795D7870F42ULL;

using Matrix = std::array<uint64_t, 64>;

uint64_t gf2_times(const Matrix& mat, uint64_t vec) {
  uint64_t sum = 0;
  for (int i = 0; vec != 0; ++i, vec >>= 1) {
    if (vec & 1) sum ^= mat[static_cast<std::size_t>(i)];
  }
  return sum;
}

void gf2_square(Matrix& square, const Matrix& mat) {
  for (std::size_t n = 0; n < 64; ++n) square[n] = gf2_times(mat, mat[n]);
}

}  // namespace

uint64_t crc64_update(uint64_t crc, std::string_view data) {
  // isa-l inverts the seed on entry and the result on exit, so the running CRC chains as is.
  return crc64_ecma_refl(crc, reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

// zlib's crc32_combine method: apply len_b zero bytes to crc_a through repeated squaring of
// the one-zero-bit operator, then xor in crc_b. The pre/post inversion cancels out.
uint64_t crc64_combine(uint64_t crc_a, uint64_t crc_b, uint64_t len_b) {
  if (len_b == 0) return crc_a;
  Matrix odd{};
  Matrix even{};
  odd[0] = kPolyReflected;  // operator for one zero bit
  uint64_t row = 1;
  for (std::size_t n = 1; n < 64; ++n) {
    odd[n] = row;
    row <<= 1;
  }
  gf2_square(even, odd);  // two zero bits
  gf2_square(odd, even);  // four zero bits
  do {
    gf2_square(even, odd);  // first pass: one zero byte
    if (len_b & 1) crc_a = gf2_times(even, crc_a);
    len_b >>= 1;
    if (len_b == 0) break;
    gf2_square(odd, even);
    if (len_b & 1) crc_a = gf2_times(odd, crc_a);
    len_b >>= 1;
  } while (len_b != 0);
  return crc_a ^ crc_b;
}

}  // namespace ossd
