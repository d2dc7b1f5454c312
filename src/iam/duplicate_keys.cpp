#include "iam/duplicate_keys.hpp"

#include <set>
#include <vector>

#include <boost/json.hpp>

namespace ossd::iam {
namespace {

// The end (one past the closing quote) of the string token starting at `pos` (an opening quote).
std::size_t string_end(std::string_view s, std::size_t pos) {
  for (std::size_t i = pos + 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return s.size();
}

struct Level {
  bool object;                // false: array
  bool expect_key;            // object: the next string is a key
  std::set<std::string> keys;
};

}  // namespace

std::optional<std::string> find_duplicate_key(std::string_view s) {
  std::vector<Level> stack;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '"') {
      const std::size_t end = string_end(s, i);
      if (!stack.empty() && stack.back().object && stack.back().expect_key) {
        boost::system::error_code ec;
        boost::json::value key = boost::json::parse(s.substr(i, end - i), ec);
        std::string text = (!ec && key.is_string()) ? std::string(key.get_string()) : std::string(s.substr(i, end - i));
        if (!stack.back().keys.insert(text).second) return text;
        stack.back().expect_key = false;
      }
      i = end;
      continue;
    }
    if (c == '{') {
      stack.push_back({true, true, {}});
    } else if (c == '[') {
      stack.push_back({false, false, {}});
    } else if ((c == '}' || c == ']') && !stack.empty()) {
      stack.pop_back();
    } else if (c == ',' && !stack.empty() && stack.back().object) {
      stack.back().expect_key = true;
    }
    ++i;
  }
  return std::nullopt;
}

}  // namespace ossd::iam
