// Finds the end of a request head in the bytes a client sent and decides, before Beast parses
// anything, how the body is framed (RFC 9112 sections 6.1 and 6.3). Pure, no Beast, thread-safe.
//
// Why this exists: Beast 1.81's parser refuses Content-Length together with
// "Transfer-Encoding: chunked" (which ali-oss sends for streams with a known length, and OSS
// accepts), takes "gzip, chunked" as chunked, frames "xchunked" + Content-Length by the length
// (request smuggling), and waits forever on a head with bare LF line ends. So the session scans
// the head here first: it refuses what RFC 9112 lets a server refuse, and hands Beast a head
// whose Content-Length is dropped when chunked framing wins (docs/oss-behaviour.md, "HTTP framing").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ossd::http {

enum class HeadState {
  incomplete,  // no end of head yet: read more
  complete,    // `length` bytes hold the request line, the fields and the empty line
  too_large,   // no end of head within the limit
  malformed,   // a bare CR or LF, or an obs-fold line: refuse, never guess the framing
};

enum class Framing {
  by_length,       // Content-Length or no body (Beast checks the length field itself)
  chunked,         // Transfer-Encoding is exactly "chunked"
  chunked_over_length,  // chunked plus Content-Length: chunked wins, the length is dropped
  unsupported,     // any other Transfer-Encoding: 501, close, never read the body
};

struct HeadScan {
  HeadState state = HeadState::incomplete;
  std::size_t length = 0;  // complete only
  Framing framing = Framing::by_length;  // complete only
};

// Scans the bytes at the start of a connection's buffer, which hold at most `limit` bytes of
// head when the head is acceptable. Keeps its place between calls, so a head that arrives a
// byte at a time is scanned once; call reset() before the next request.
class HeadScanner {
 public:
  explicit HeadScanner(std::size_t limit) : limit_(limit) {}
  HeadScan scan(std::string_view buffered);
  void reset() { scanned_ = 0; }

 private:
  std::size_t limit_;
  std::size_t scanned_ = 0;  // bytes already checked for line ends
};

// How a complete head (request line, fields, empty line) frames its body.
Framing framing_of(std::string_view head);

// The head without its Content-Length fields (for Framing::chunked_over_length).
std::string without_content_length(std::string_view head);

// Whether `bytes`, from offset `from` on, hold a CR not followed by LF or an LF not preceded
// by CR (the last byte may be a CR whose LF has not arrived yet). Bytes before `from` were
// checked by an earlier call.
bool has_bare_line_end(std::string_view bytes, std::size_t from = 0);

}  // namespace ossd::http
