// CRC-64/ECMA-182 as OSS computes it for x-oss-hash-crc64ecma (the CRC-64/XZ variant:
// reflected, init and xorout all ones). Backed by isa-l's crc64_ecma_refl.
#pragma once

#include <cstdint>
#include <string_view>

namespace ossd {

// Continues a CRC: crc64_update(crc64_update(0, a), b) == crc64_update(0, a + b).
uint64_t crc64_update(uint64_t crc, std::string_view data);

// CRC of A+B from crc(A), crc(B) and len(B) (zlib's crc32_combine method), for
// multipart objects whose CRC is derived from their parts.
uint64_t crc64_combine(uint64_t crc_a, uint64_t crc_b, uint64_t len_b);

}  // namespace ossd
