// A streaming multipart/form-data parser (RFC 7578 / RFC 2046) for PostObject. Bytes arrive in
// whatever pieces the network delivers; the parser is a small state machine that keeps only
// what it cannot decide yet (a possible partial boundary, an incomplete part header), so its
// memory is bounded whatever the body size. Ordinary fields are buffered (bounded by Limits);
// the part named "file" is handed out in chunks as it streams.
#pragma once

#include "oss/errors.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ossd::api {

// Receives the form as it is parsed. An error returned by a callback stops the parser and is
// returned by feed().
class FormSink {
 public:
  virtual ~FormSink() = default;
  virtual Result<void> on_field(std::string name, std::string value) = 0;
  // The file part starts (headers parsed). `content_type` is empty when the part has none.
  virtual Result<void> on_file_begin(std::string_view filename, std::string_view content_type) = 0;
  virtual Result<void> on_file_data(std::string_view bytes) = 0;
  virtual Result<void> on_file_end() = 0;
};

// The boundary parameter of a "multipart/form-data; boundary=..." Content-Type (quoted or
// not); nullopt when the type is not multipart/form-data or has no valid boundary.
std::optional<std::string> multipart_boundary(std::string_view content_type);

class MultipartParser {
 public:
  struct Limits {
    std::size_t field_names = 8 * 1024;         // all field names together (OSS: 8 KB)
    std::size_t field_values = 2 * 1024 * 1024;  // all field values together (OSS: 2 MB)
    std::size_t part_header = 16 * 1024;         // one part's header block
  };

  MultipartParser(std::string boundary, FormSink& sink) : MultipartParser(std::move(boundary), sink, Limits{}) {}
  MultipartParser(std::string boundary, FormSink& sink, Limits limits);

  // Parses the next piece of the body. MalformedPOSTRequest on a syntax error, InvalidArgument
  // when a limit is exceeded, or the error a callback returned.
  Result<void> feed(std::string_view bytes);
  // The body ended: MalformedPOSTRequest unless the closing boundary was seen.
  Result<void> finish();

  // Parts after the file are parsed for syntax but not reported (OSS: `file` must be last).
  bool file_seen() const { return file_seen_; }
  // Bytes held between feed() calls (a partial boundary or part header): stays small.
  std::size_t buffered_bytes() const { return carry_.size(); }

 private:
  enum class State { Preamble, AfterBoundary, Headers, Body, Epilogue };

  // Consumes what it can decide from `data`; returns how many bytes were consumed.
  Result<std::size_t> process(std::string_view data);
  Result<void> start_part(std::string_view header_block);
  Result<void> part_data(std::string_view bytes);
  Result<void> end_part();

  std::string dash_boundary_;  // "--" + boundary
  std::string delimiter_;      // "\r\n--" + boundary
  FormSink& sink_;
  Limits limits_;
  State state_ = State::Preamble;
  std::string carry_;  // undecided bytes kept between feed() calls (bounded)

  // The current part.
  enum class PartKind { Field, File, Ignored } part_ = PartKind::Ignored;
  std::string field_name_;
  std::string field_value_;
  std::size_t names_total_ = 0;
  std::size_t values_total_ = 0;
  bool file_seen_ = false;
};

}  // namespace ossd::api
