#include "http/request_head.hpp"

#include "common/encoding.hpp"

namespace ossd::http {
namespace {

// Calls fn(line) for each field line of a complete head (after the request line, before the
// empty line), without its CRLF; stops early when fn returns false.
template <class Fn>
void for_each_field_line(std::string_view head, Fn fn) {
  std::size_t pos = head.find("\r\n");
  while (pos != std::string_view::npos) {
    pos += 2;
    std::size_t next = head.find("\r\n", pos);
    if (next == std::string_view::npos || next == pos) return;  // the empty line ends the head
    if (!fn(head.substr(pos, next - pos))) return;
    pos = next;
  }
}

bool is_field(std::string_view line, std::string_view name) {
  return line.size() > name.size() && line[name.size()] == ':' && iequals(line.substr(0, name.size()), name);
}

std::string_view field_value(std::string_view line) {
  return trim(line.substr(line.find(':') + 1));
}

// RFC 9112 5.2: a server may refuse obs-fold; refusing keeps Beast's reading of the fields and
// ours the same.
bool has_obs_fold(std::string_view head) {
  bool fold = false;
  for_each_field_line(head, [&](std::string_view line) {
    fold = line.front() == ' ' || line.front() == '\t';
    return !fold;
  });
  return fold;
}

}  // namespace

bool has_bare_line_end(std::string_view bytes, std::size_t from) {
  // A CR that ended the checked part may have its LF first in the new part.
  if (from > 0 && bytes[from - 1] == '\r') --from;
  for (std::size_t i = from; i < bytes.size(); ++i) {
    if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) return true;
    if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] != '\n') return true;
  }
  return false;
}

HeadScan HeadScanner::scan(std::string_view buffered) {
  const std::size_t end = std::min(buffered.size(), limit_);
  for (; scanned_ < end; ++scanned_) {
    const std::size_t i = scanned_;
    const char c = buffered[i];
    const bool after_cr = i > 0 && buffered[i - 1] == '\r';
    if (c != '\n') {
      if (after_cr) return {HeadState::malformed};
      continue;
    }
    if (!after_cr) return {HeadState::malformed};
    if (i >= 3 && buffered[i - 2] == '\n' && buffered[i - 3] == '\r') {
      std::string_view head = buffered.substr(0, i + 1);
      if (has_obs_fold(head)) return {HeadState::malformed};
      return {HeadState::complete, head.size(), framing_of(head)};
    }
  }
  if (buffered.size() >= limit_) return {HeadState::too_large};
  return {HeadState::incomplete};
}

// RFC 9112 6.1: a server that receives a transfer coding it does not understand answers 501;
// the only coding ossd understands is "chunked" alone, in one field. 6.3: with both framings,
// Transfer-Encoding wins (and the connection closes after the answer).
Framing framing_of(std::string_view head) {
  int encodings = 0;
  bool only_chunked = true;
  bool has_length = false;
  for_each_field_line(head, [&](std::string_view line) {
    if (is_field(line, "transfer-encoding")) {
      ++encodings;
      only_chunked = only_chunked && iequals(field_value(line), "chunked");
    } else if (is_field(line, "content-length")) {
      has_length = true;
    }
    return true;
  });
  if (encodings == 0) return Framing::by_length;
  if (encodings > 1 || !only_chunked) return Framing::unsupported;
  return has_length ? Framing::chunked_over_length : Framing::chunked;
}

std::string without_content_length(std::string_view head) {
  std::string out;
  out.reserve(head.size());
  std::size_t first_end = head.find("\r\n") + 2;
  out.append(head.substr(0, first_end));
  for_each_field_line(head, [&](std::string_view line) {
    if (!is_field(line, "content-length")) out.append(line).append("\r\n");
    return true;
  });
  out.append("\r\n");
  return out;
}

}  // namespace ossd::http
