// A DataReader over bytes held in memory: the inline data of a small object (types.hpp).
#pragma once

#include "storage/data_store.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace ossd::storage {

class MemoryReader final : public DataReader {
 public:
  explicit MemoryReader(std::string bytes) : bytes_(std::move(bytes)) {}
  uint64_t size() const override { return bytes_.size(); }
  int64_t read_at(uint64_t offset, std::span<char> out) override {
    if (offset >= bytes_.size()) return 0;
    std::size_t n = std::min<std::size_t>(out.size(), bytes_.size() - offset);
    std::memcpy(out.data(), bytes_.data() + offset, n);
    return static_cast<int64_t>(n);
  }

 private:
  std::string bytes_;
};

}  // namespace ossd::storage
