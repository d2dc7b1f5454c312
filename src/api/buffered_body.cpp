// A BodyHandler for the small XML documents some operations take (DeleteMultipleObjects,
// PutBucket's CreateBucketConfiguration): collects up to a cap, then runs the handler's
// continuation on the blocking pool. Bodies are never buffered for object data.
#include "api/call.hpp"

namespace ossd::api {
namespace {

class BufferedBody final : public BodyHandler {
 public:
  BufferedBody(Call call, std::function<Response(std::string)> done, std::size_t limit)
      : call_(std::move(call)), done_(std::move(done)), limit_(limit) {}

  Result<void> on_data(std::span<const char> bytes) override {
    if (body_.size() + bytes.size() > limit_)
      return Error(ErrorCode::InvalidArgument, "The request body is too large for this operation.");
    body_.append(bytes.data(), bytes.size());
    return {};
  }

  Response finish() override { return done_(std::move(body_)); }

 private:
  Call call_;
  std::function<Response(std::string)> done_;
  std::size_t limit_;
  std::string body_;
};

}  // namespace

std::unique_ptr<BodyHandler> buffered_body(const Call& call, std::function<Response(std::string)> done,
                                           std::size_t limit) {
  return std::make_unique<BufferedBody>(call, std::move(done), limit);
}

}  // namespace ossd::api
