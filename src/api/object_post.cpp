// PostObject (spec d): an HTML form upload. The body is parsed as it arrives
// (multipart_form.hpp); fields are buffered until the `file` part starts, at which point the
// whole request is decided -- key, policy, signature, STS token, ACL -- before a single file
// byte is stored. The file then streams through the same ObjectWriter as PutObject, with the
// policy's content-length-range enforced while streaming (max) and at the end (min).
#include "api/call.hpp"
#include "api/multipart_form.hpp"
#include "api/object_headers.hpp"
#include "api/object_writer.hpp"
#include "auth/post_policy.hpp"
#include "common/encoding.hpp"
#include "common/time.hpp"
#include "oss/names.hpp"
#include "oss/xml/document.hpp"

#include <algorithm>
#include <array>

namespace ossd::api {
namespace {

constexpr std::array<std::string_view, 4> kObjectAcls = {"default", "private", "public-read", "public-read-write"};

Error key_missing() {
  return Error(ErrorCode::InvalidArgument,
               "The bucket POST must contain the specified 'key'. If it is specified, please check the order of the "
               "fields");
}

// `${filename}` in the key is the name the browser gave the file (S3 and OSS forms).
std::string substitute_filename(std::string key, std::string_view filename) {
  constexpr std::string_view kVar = "${filename}";
  for (auto at = key.find(kVar); at != std::string::npos; at = key.find(kVar, at + filename.size()))
    key.replace(at, kVar.size(), filename);
  return key;
}

std::string post_response_xml(std::string_view bucket, std::string_view location, std::string_view key,
                              std::string_view etag) {
  pugi::xml_document doc;
  auto root = xml::start_document(doc, "PostResponse");
  xml::add_text(root, "Bucket", bucket);
  xml::add_text(root, "Location", location);
  xml::add_text(root, "Key", key);
  xml::add_text(root, "ETag", xml::quote_etag(etag));
  return xml::to_string(doc);
}

class PostBody final : public BodyHandler, public FormSink {
 public:
  PostBody(Call call, std::string boundary) : call_(std::move(call)), parser_(std::move(boundary), *this) {}

  Result<void> on_data(std::span<const char> bytes) override {
    return parser_.feed(std::string_view(bytes.data(), bytes.size()));
  }

  Response finish() override {
    if (auto ok = parser_.finish(); !ok) return error_response(call_, ok.error());
    if (!writer_) {
      if (!auth::form_value(fields_, "key")) return error_response(call_, key_missing());
      return error_response(call_, Error(ErrorCode::InvalidArgument, "The bucket POST must contain a file field."));
    }
    if (policy_) {
      if (auto ok = auth::check_content_length(*policy_, writer_->size()); !ok) return error_response(call_, ok.error());
    }
    auto stored = writer_->commit();
    if (!stored) return error_response(call_, stored.error());
    return success(**stored);
  }

  Result<void> on_field(std::string name, std::string value) override {
    fields_.emplace_back(std::move(name), std::move(value));
    return {};
  }

  // Everything is decided here, before the first file byte.
  Result<void> on_file_begin(std::string_view filename, std::string_view part_type) override {
    auto key_field = auth::form_value(fields_, "key");
    if (!key_field || key_field->empty()) return key_missing();
    std::string key = substitute_filename(std::string(*key_field), filename);
    if (auto ok = check_object_name(key); !ok) return ok.error();
    // The file part's type stands in for a missing Content-Type field, for the policy's
    // conditions and for the stored type (UNCONFIRMED that OSS's conditions see it).
    if (!auth::form_value(fields_, "Content-Type") && !part_type.empty())
      fields_.emplace_back("Content-Type", std::string(part_type));

    auth::VerifyConfig vc{call_.ctx.config.router.region, now_s()};
    auto verified = auth::verify_post({fields_, call_.route.bucket, key}, call_.ctx.keys, vc);
    if (!verified) return verified.error();
    call_.who = std::move(verified->who);
    policy_ = std::move(verified->policy);
    if (policy_) max_size_ = auth::max_content_length(*policy_);
    if (auto resolved = resolve_caller(call_); !resolved) return resolved.error();
    call_.route.key = key;
    if (auto allowed = authorize(call_); !allowed) return allowed.error();

    auto meta = object_meta(key);
    if (!meta) return meta.error();
    writer_.emplace(call_.ctx, std::move(*meta), iequals(auth::form_value(fields_, "x-oss-forbid-overwrite").value_or(""), "true"));
    return {};
  }

  Result<void> on_file_data(std::string_view bytes) override {
    // Refuse as soon as the file outgrows the policy, not after storing 5 GB of it.
    if (max_size_ && writer_->size() + bytes.size() > *max_size_)
      return auth::check_content_length(*policy_, writer_->size() + bytes.size());
    return writer_->write(bytes);
  }

  Result<void> on_file_end() override { return {}; }

 private:
  // The object's metadata from the form, as PutObject reads it from headers.
  Result<storage::ObjectMeta> object_meta(const std::string& key) {
    // The fields read as PutObject's headers: read_object_metadata() keeps the ones OSS
    // stores (Cache-Control, ..., x-oss-meta-*) and ignores the rest (key, policy, ...).
    Headers h;
    for (const auto& [name, value] : fields_)
      if (!iequals(name, "Content-Type")) h.add(name, value);
    // x-oss-content-type > the form's Content-Type > the file part's (spec d).
    auto type = auth::form_value(fields_, "x-oss-content-type");
    if (!type) type = auth::form_value(fields_, "Content-Type");
    if (type) h.add("Content-Type", std::string(*type));
    storage::ObjectMeta meta;
    meta.bucket = call_.route.bucket;
    meta.key = key;
    if (auto ok = read_object_metadata(h, key, meta); !ok) return ok.error();
    if (auto acl = auth::form_value(fields_, "x-oss-object-acl")) {
      if (std::find(kObjectAcls.begin(), kObjectAcls.end(), *acl) == kObjectAcls.end())
        return Error(ErrorCode::InvalidArgument, "The specified x-oss-object-acl is not valid.");
      meta.acl = std::string(*acl);
    }
    return meta;
  }

  Response success(const storage::ObjectMeta& meta) {
    Response r;
    std::string_view redirect = auth::form_value(fields_, "success_action_redirect").value_or("");
    if (!redirect.empty()) {
      // 303 to the page with the object's coordinates appended, as S3 does (UNCONFIRMED for OSS).
      r.status = 303;
      std::string location(redirect);
      location += location.find('?') == std::string::npos ? '?' : '&';
      location += "bucket=" + uri_encode(meta.bucket) + "&key=" + uri_encode(meta.key) +
                  "&etag=" + uri_encode(quoted_etag(meta.etag));
      r.headers.set("Location", location);
    } else {
      std::string_view status = auth::form_value(fields_, "success_action_status").value_or("");
      if (status == "201") {
        r = xml_response(post_response_xml(meta.bucket, object_url(meta.key), meta.key, meta.etag), 201);
      } else {
        r.status = status == "200" ? 200 : 204;  // anything else: the default 204
      }
    }
    set_write_headers(meta, r.headers);
    return r;
  }

  // The object's URL as the client addressed the bucket (Location of PostResponse).
  std::string object_url(std::string_view key) const {
    std::string url = "http://" + std::string(call_.req.headers.get("host")) + "/";
    if (!call_.route.virtual_hosted) url += call_.route.bucket + "/";
    return url + uri_encode(key, true);
  }

  Call call_;
  MultipartParser parser_;
  auth::FormFields fields_;
  std::optional<auth::PostPolicy> policy_;
  std::optional<uint64_t> max_size_;
  std::optional<ObjectWriter> writer_;  // created when the file part starts and the form is accepted
};

}  // namespace

Prepared handle_post_object(Call& call) {
  auto boundary = multipart_boundary(call.headers().get("content-type"));
  if (!boundary) return fail(call, ErrorCode::MalformedPOSTRequest);
  if (call.req.content_length && *call.req.content_length > kMaxObjectSize + 2 * 1024 * 1024)
    return fail(call, ErrorCode::EntityTooLarge);
  Prepared p;
  p.handler = std::make_unique<PostBody>(call, std::move(*boundary));
  return p;
}

}  // namespace ossd::api
