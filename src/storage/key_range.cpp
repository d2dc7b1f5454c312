#include "storage/key_range.hpp"

namespace ossd::storage {

std::optional<std::string> prefix_successor(std::string_view prefix) {
  std::string out(prefix);
  while (!out.empty() && static_cast<unsigned char>(out.back()) == 0xFF) out.pop_back();
  if (out.empty()) return std::nullopt;
  out.back() = static_cast<char>(static_cast<unsigned char>(out.back()) + 1);
  return out;
}

std::string immediate_successor(std::string_view s) {
  std::string out(s);
  out.push_back('\0');
  return out;
}

std::optional<std::string_view> common_prefix_of(std::string_view key, std::string_view prefix,
                                                 std::string_view delimiter) {
  if (delimiter.empty() || key.size() < prefix.size()) return std::nullopt;
  const auto pos = key.find(delimiter, prefix.size());
  if (pos == std::string_view::npos) return std::nullopt;
  return key.substr(0, pos + delimiter.size());
}

}  // namespace ossd::storage
