// PutObject: the body streams through an ObjectWriter (object_writer.hpp: MD5, CRC-64, inline
// or blob, durable commit). A 200 therefore means bytes and metadata are on stable storage.
#include "api/call.hpp"
#include "api/object_headers.hpp"
#include "api/object_writer.hpp"
#include "common/encoding.hpp"
#include "oss/names.hpp"

namespace ossd::api {
namespace {

// Below this, hashing beside the read gains nothing worth its hand-offs: a PUT of 1 MiB is
// mostly its fsync, and with 16 of them at once every core is busy anyway (bench/ab.sh put-1m
// 3: 212 MB/s without the split, 191 with it; docs/performance.md, "Round 4").
constexpr uint64_t kDigestSplitThreshold = 8ull * 1024 * 1024;

class PutBody final : public BodyHandler {
 public:
  PutBody(Call call, storage::ObjectMeta meta, std::string content_md5, bool forbid_overwrite)
      : call_(std::move(call)), writer_(call_.ctx, std::move(meta), forbid_overwrite),
        content_md5_(std::move(content_md5)),
        // A chunked body's size is unknown: it is split.
        split_(!call_.req.content_length || *call_.req.content_length > kDigestSplitThreshold) {}

  Result<void> on_data(std::span<const char> bytes) override {
    std::string_view piece(bytes.data(), bytes.size());
    return split_ ? writer_.store(piece) : writer_.write(piece);
  }
  bool digest_separately() const override { return split_; }
  void digest(std::span<const char> bytes) override { writer_.digest(std::string_view(bytes.data(), bytes.size())); }

  Response finish() override {
    auto stored = writer_.commit(content_md5_);
    if (!stored) return error_response(call_, stored.error());
    Response r;
    set_write_headers(**stored, r.headers);
    r.headers.set("Content-MD5", writer_.content_md5());
    return r;
  }

 private:
  Call call_;
  ObjectWriter writer_;
  std::string content_md5_;
  bool split_;
};

// Content-MD5 must be the base64 of 16 bytes.
Result<std::string> read_content_md5(const Headers& h) {
  auto v = h.find("Content-MD5");
  if (!v) return std::string();
  auto raw = base64_decode(*v);
  if (!raw || raw->size() != 16) return Error(ErrorCode::InvalidDigest);
  return std::string(*v);
}

}  // namespace

bool forbid_overwrite_requested(const Headers& h) { return iequals(h.get("x-oss-forbid-overwrite"), "true"); }

Prepared handle_put_object(Call& call) {
  if (auto ok = check_object_name(call.route.key); !ok) return fail(call, ok.error());
  if (call.req.content_length && *call.req.content_length > kMaxObjectSize) return fail(call, ErrorCode::EntityTooLarge);
  auto md5 = read_content_md5(call.headers());
  if (!md5) return fail(call, md5.error());
  bool forbid = forbid_overwrite_requested(call.headers());
  // Checked here too so the client is refused before it sends the body; the commit
  // re-checks atomically.
  if (forbid && call.ctx.meta.get_object(call.route.bucket, call.route.key)) return fail(call, ErrorCode::FileAlreadyExists);

  storage::ObjectMeta meta;
  meta.bucket = call.route.bucket;
  meta.key = call.route.key;
  if (auto ok = read_object_metadata(call.headers(), call.route.key, meta); !ok) return fail(call, ok.error());
  Prepared p;
  p.handler = std::make_unique<PutBody>(call, std::move(meta), std::move(*md5), forbid);
  return p;
}

}  // namespace ossd::api
