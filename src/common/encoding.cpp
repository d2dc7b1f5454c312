#include "common/encoding.hpp"

#include <openssl/evp.h>

#include <cstdint>

namespace ossd {
namespace {

constexpr char kHexLower[] = "0123456789abcdef";
constexpr char kHexUpper[] = "0123456789ABCDEF";

std::string hex_with(std::string_view bytes, const char* digits) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 0x0F]);
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// Length of the UTF-8 sequence led by `c` and the smallest code point it may encode
// (to reject overlong forms); 0 for a byte that cannot start a sequence.
int utf8_lead(unsigned char c, uint32_t& min_cp, uint32_t& cp) {
  if (c < 0x80) {
    cp = c;
    min_cp = 0;
    return 1;
  }
  if ((c & 0xE0) == 0xC0) {
    cp = c & 0x1F;
    min_cp = 0x80;
    return 2;
  }
  if ((c & 0xF0) == 0xE0) {
    cp = c & 0x0F;
    min_cp = 0x800;
    return 3;
  }
  if ((c & 0xF8) == 0xF0) {
    cp = c & 0x07;
    min_cp = 0x10000;
    return 4;
  }
  return 0;
}

}  // namespace

std::string hex_lower(std::string_view bytes) { return hex_with(bytes, kHexLower); }
std::string hex_upper(std::string_view bytes) { return hex_with(bytes, kHexUpper); }

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  if (text.empty()) return std::string();
  // EVP_DecodeBlock skips whitespace and does not report padding, so validate first.
  std::size_t pad = 0;
  if (text.back() == '=') pad = text[text.size() - 2] == '=' ? 2 : 1;
  for (std::size_t i = 0; i < text.size() - pad; ++i) {
    if (!is_base64_char(text[i])) return std::nullopt;
  }
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

// Sized exactly before it is filled: signature checks encode every query key and value, and
// a reserve of 3x (plus push_back's capacity checks) showed as 16 % of V4 verification.
std::string uri_encode(std::string_view s, bool keep_slash) {
  auto plain = [keep_slash](unsigned char c) { return is_unreserved(c) || (keep_slash && c == '/'); };
  std::size_t escaped = 0;
  for (unsigned char c : s) escaped += plain(c) ? 0 : 1;
  if (escaped == 0) return std::string(s);
  std::string out(s.size() + 2 * escaped, '\0');
  char* o = out.data();
  for (unsigned char c : s) {
    if (plain(c)) {
      *o++ = static_cast<char>(c);
    } else {
      *o++ = '%';
      *o++ = kHexUpper[c >> 4];
      *o++ = kHexUpper[c & 0x0F];
    }
  }
  return out;
}

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;  // truncated escape
      int hi = hex_value(s[i + 1]);
      int lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    uint32_t min_cp = 0;
    uint32_t cp = 0;
    int len = utf8_lead(static_cast<unsigned char>(s[i]), min_cp, cp);
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) return false;
    for (int k = 1; k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min_cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(len);
  }
  return true;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace ossd
