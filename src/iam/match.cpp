#include "iam/match.hpp"

namespace ossd::iam {
namespace {

char fold(char c, bool ignore_case) {
  return (ignore_case && c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view subject, bool ignore_case) {
  std::size_t p = 0, s = 0;
  std::size_t star = std::string_view::npos, star_s = 0;  // last `*` seen and where it resumed
  while (s < subject.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_s = s;
    } else if (p < pattern.size() &&
               (pattern[p] == '?' || fold(pattern[p], ignore_case) == fold(subject[s], ignore_case))) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos) {
      // Let the last `*` swallow one more character; earlier stars never need to move.
      p = star + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i], true) != fold(b[i], true)) return false;
  }
  return true;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = fold(c, true);
  return out;
}

}  // namespace ossd::iam
