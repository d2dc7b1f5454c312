#include "auth/locale_order.hpp"

#include <array>
#include <vector>

namespace ossd::auth {
namespace {

// Printable ASCII in the order of the CLDR root collation: whitespace, punctuation, symbols,
// currency, digits, then letters (case only matters at the tertiary level).
constexpr std::string_view kRootOrder =
    "\t\n\v\f\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";

struct Weights {
  std::array<int, 256> primary{};
};

Weights build_weights() {
  Weights w;
  for (int c = 0; c < 256; ++c)
    w.primary[static_cast<std::size_t>(c)] = c < 0x20 || c == 0x7F ? 0 : 1000 + c;
  for (std::size_t i = 0; i < kRootOrder.size(); ++i) {
    auto c = static_cast<unsigned char>(kRootOrder[i]);
    w.primary[c] = static_cast<int>(i) + 1;
    if (c >= 'a' && c <= 'z')
      w.primary[static_cast<std::size_t>(c - 'a' + 'A')] = static_cast<int>(i) + 1;
  }
  return w;
}

const Weights& weights() {
  static const Weights w = build_weights();
  return w;
}

// Primary weights, then tertiary (0 lowercase/other, 1 uppercase); weight 0 is ignorable.
void keys(std::string_view s, std::vector<int>& primary, std::vector<int>& tertiary) {
  for (unsigned char c : s) {
    int p = weights().primary[c];
    if (p == 0) continue;
    primary.push_back(p);
    tertiary.push_back(c >= 'A' && c <= 'Z' ? 1 : 0);
  }
}

int compare_seq(const std::vector<int>& a, const std::vector<int>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

}  // namespace

int locale_compare(std::string_view a, std::string_view b) {
  std::vector<int> pa, ta, pb, tb;
  keys(a, pa, ta);
  keys(b, pb, tb);
  if (int r = compare_seq(pa, pb); r != 0) return r;
  if (int r = compare_seq(ta, tb); r != 0) return r;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

}  // namespace ossd::auth
