// PostObject: the streaming multipart/form-data parser (api/multipart_form.cpp) and the POST
// policy and form signature (auth/post_policy.cpp). The input is a request (fuzz_request.hpp:
// Content-Type with the boundary, then the form body) plus 4 trailing bytes that choose how the
// body is cut into pieces. The body is parsed twice, whole and in those pieces: the parser must
// report the same fields, file bytes and outcome either way, and hold only a bounded carry
// between pieces. When the file part starts, the form is verified as object_post.cpp does.
#include "api/multipart_form.hpp"
#include "auth/post_policy.hpp"
#include "fuzz_request.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using namespace ossd;

// Small limits, so that inputs of a few KB reach every limit check.
constexpr api::MultipartParser::Limits kLimits{64, 512, 256};

// Records what the parser reports, in a form that does not depend on how the body was cut.
class RecordingSink final : public api::FormSink {
 public:
  std::string log, file;
  auth::FormFields fields;
  std::optional<auth::PostPolicy> policy;

  Result<void> on_field(std::string name, std::string value) override {
    log += "field " + name + "=" + value + "\n";
    fields.emplace_back(std::move(name), std::move(value));
    return {};
  }
  Result<void> on_file_begin(std::string_view filename, std::string_view content_type) override {
    log += "file " + std::string(filename) + " " + std::string(content_type) + "\n";
    std::string key(auth::form_value(fields, "key").value_or(""));
    auto verified = auth::verify_post({fields, "examplebucket", key}, fuzz::vector_keys,
                                      {std::string(fuzz::kRegion), fuzz::kNowS});
    if (!verified) return verified.error();
    policy = std::move(verified->policy);
    return {};
  }
  Result<void> on_file_data(std::string_view bytes) override {
    file.append(bytes);
    if (policy)
      if (auto max = auth::max_content_length(*policy); max && file.size() > *max)
        return auth::check_content_length(*policy, file.size());
    return {};
  }
  Result<void> on_file_end() override {
    log += "end " + std::to_string(file.size()) + "\n";
    if (policy) return auth::check_content_length(*policy, file.size());
    return {};
  }
};

// The outcome of one parse: the log plus the first error's code (or "ok").
std::string parse(const std::string& boundary, std::string_view body, uint32_t cuts) {
  RecordingSink sink;
  api::MultipartParser parser(boundary, sink, kLimits);
  const std::size_t max_carry = kLimits.part_header + boundary.size() + 8;
  Result<void> status;
  while (!body.empty() && status) {
    std::size_t n = cuts == 0 ? body.size() : 1 + cuts % 97;
    cuts = cuts * 1103515245u + 12345u;
    status = parser.feed(body.substr(0, std::min(n, body.size())));
    body.remove_prefix(std::min(n, body.size()));
    if (status && parser.buffered_bytes() > max_carry) std::abort();
  }
  if (status) status = parser.finish();
  // Where a limit stops the file differs with the cuts, so the file counts only on success.
  std::string outcome = sink.log;
  outcome += status ? "file " + sink.file + "\nok" : std::string(error_info(status.error().code).name);
  if (auto policy = auth::form_value(sink.fields, "policy"))
    if (auto parsed = auth::parse_post_policy(*policy)) (void)auth::max_content_length(*parsed);
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  uint32_t cuts = in.ConsumeIntegral<uint32_t>();
  fuzz::TextRequest r = fuzz::parse_text_request(in.ConsumeRemainingBytesAsString());
  auto boundary = api::multipart_boundary(r.headers.get("content-type"));
  if (!boundary) return 0;
  std::string whole = parse(*boundary, r.body, 0);
  std::string pieces = parse(*boundary, r.body, cuts | 1);
  if (whole != pieces) {
    std::fprintf(stderr, "SPLIT: parsed whole:\n%s\n--- parsed in pieces:\n%s\n", whole.c_str(), pieces.c_str());
    std::abort();
  }
  return 0;
}
