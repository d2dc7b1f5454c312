#include "api/multipart_form.hpp"

#include "common/encoding.hpp"

#include <algorithm>
#include <vector>

namespace ossd::api {
namespace {

Error malformed() { return ErrorCode::MalformedPOSTRequest; }

// Length of the longest proper prefix of `pattern` that `data` ends with: those bytes may be
// the start of a boundary split across reads, so they cannot be decided yet.
std::size_t undecided_tail(std::string_view data, std::string_view pattern) {
  std::size_t k = std::min(data.size(), pattern.size() - 1);
  for (; k > 0; --k)
    if (data.ends_with(pattern.substr(0, k))) return k;
  return 0;
}

// A header parameter list: `form-data; name="a"; filename="b c.txt"`. Names lowercased;
// quoted values unescaped (`\"` -> `"`).
std::vector<std::pair<std::string, std::string>> header_params(std::string_view v) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = v.find(';');
  while (i != std::string_view::npos && i < v.size()) {
    ++i;  // past ';'
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    std::size_t eq = v.find('=', i);
    std::size_t semi = v.find(';', i);
    if (eq == std::string_view::npos || (semi != std::string_view::npos && semi < eq)) {
      i = semi;  // a parameter without value: skip it
      continue;
    }
    std::string name = to_lower(trim(v.substr(i, eq - i)));
    i = eq + 1;
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    std::string value;
    if (i < v.size() && v[i] == '"') {
      for (++i; i < v.size() && v[i] != '"'; ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) ++i;
        value.push_back(v[i]);
      }
      i = v.find(';', i);
    } else {
      semi = v.find(';', i);
      value = std::string(trim(v.substr(i, semi == std::string_view::npos ? semi : semi - i)));
      i = semi;
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

std::optional<std::string> param(const std::vector<std::pair<std::string, std::string>>& params,
                                 std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  std::string_view type = trim(content_type.substr(0, content_type.find(';')));
  if (!iequals(type, "multipart/form-data")) return std::nullopt;
  auto boundary = param(header_params(content_type), "boundary");
  // RFC 2046: 1 to 70 characters.
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  return boundary;
}

MultipartParser::MultipartParser(std::string boundary, FormSink& sink, Limits limits)
    : dash_boundary_("--" + boundary), delimiter_("\r\n--" + boundary), sink_(sink), limits_(limits) {}

Result<void> MultipartParser::feed(std::string_view bytes) {
  // Usually nothing is carried over and the piece is parsed in place; only the few undecided
  // bytes (or an incomplete part header) are copied.
  if (carry_.empty()) {
    auto used = process(bytes);
    if (!used) return used.error();
    carry_.assign(bytes.substr(*used));
  } else {
    carry_.append(bytes);
    auto used = process(carry_);
    if (!used) return used.error();
    carry_.erase(0, *used);
  }
  return {};
}

Result<void> MultipartParser::finish() {
  if (state_ != State::Epilogue) return malformed();
  return {};
}

Result<std::size_t> MultipartParser::process(std::string_view data) {
  std::size_t pos = 0;
  for (;;) {
    std::string_view rest = data.substr(pos);
    switch (state_) {
      case State::Preamble: {
        auto at = rest.find(dash_boundary_);
        if (at == std::string_view::npos) return data.size() - undecided_tail(rest, dash_boundary_);
        pos += at + dash_boundary_.size();
        state_ = State::AfterBoundary;
        break;
      }
      case State::AfterBoundary:
        // "--" closes the body; otherwise optional whitespace (RFC 2046 transport padding), CRLF.
        if (rest.size() < 2) return pos;
        if (rest.starts_with("--")) {
          state_ = State::Epilogue;
        } else if (rest[0] == ' ' || rest[0] == '\t') {
          ++pos;
        } else if (rest.starts_with("\r\n")) {
          pos += 2;
          state_ = State::Headers;
        } else {
          return malformed();
        }
        break;
      case State::Headers: {
        if (rest.size() < 2) return pos;
        std::size_t block_end = rest.starts_with("\r\n") ? 0 : rest.find("\r\n\r\n");
        if (block_end == std::string_view::npos) {
          // Up to 3 bytes of the "\r\n\r\n" may already be here: refuse only when even a
          // terminator completed by the next read would end the block past the limit, so the
          // verdict does not depend on where the network cut the body.
          if (rest.size() > limits_.part_header + 3) return malformed();
          return pos;
        }
        if (block_end > limits_.part_header) return malformed();
        if (auto ok = start_part(rest.substr(0, block_end)); !ok) return ok.error();
        pos += block_end == 0 ? 2 : block_end + 4;
        state_ = State::Body;
        break;
      }
      case State::Body: {
        auto at = rest.find(delimiter_);
        if (at == std::string_view::npos) {
          std::size_t decided = rest.size() - undecided_tail(rest, delimiter_);
          if (auto ok = part_data(rest.substr(0, decided)); !ok) return ok.error();
          return pos + decided;
        }
        if (auto ok = part_data(rest.substr(0, at)); !ok) return ok.error();
        if (auto ok = end_part(); !ok) return ok.error();
        pos += at + delimiter_.size();
        state_ = State::AfterBoundary;
        break;
      }
      case State::Epilogue:
        return data.size();
    }
  }
}

Result<void> MultipartParser::start_part(std::string_view block) {
  std::optional<std::string> name, filename;
  std::string content_type;
  while (!block.empty()) {
    std::size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return malformed();
    std::string_view header = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (iequals(header, "Content-Disposition")) {
      auto params = header_params(value);
      name = param(params, "name");
      filename = param(params, "filename");
    } else if (iequals(header, "Content-Type")) {
      content_type = std::string(value);
    }
  }
  if (!name) return malformed();  // RFC 7578: every part names its field
  if (file_seen_) {
    part_ = PartKind::Ignored;
    return {};
  }
  if (iequals(*name, "file")) {
    part_ = PartKind::File;
    file_seen_ = true;
    return sink_.on_file_begin(filename.value_or(""), content_type);
  }
  names_total_ += name->size();
  if (names_total_ > limits_.field_names)
    return Error(ErrorCode::InvalidArgument, "The form field names exceed the maximum allowed size.");
  part_ = PartKind::Field;
  field_name_ = std::move(*name);
  field_value_.clear();
  return {};
}

Result<void> MultipartParser::part_data(std::string_view bytes) {
  if (bytes.empty()) return {};
  switch (part_) {
    case PartKind::Field:
      values_total_ += bytes.size();
      if (values_total_ > limits_.field_values)
        return Error(ErrorCode::InvalidArgument, "The form field values exceed the maximum allowed size.");
      field_value_.append(bytes);
      return {};
    case PartKind::File:
      return sink_.on_file_data(bytes);
    case PartKind::Ignored:
      return {};
  }
  return {};
}

Result<void> MultipartParser::end_part() {
  PartKind kind = part_;
  part_ = PartKind::Ignored;
  if (kind == PartKind::Field) return sink_.on_field(std::move(field_name_), std::move(field_value_));
  if (kind == PartKind::File) return sink_.on_file_end();
  return {};
}

}  // namespace ossd::api
