#include "api/object_headers.hpp"

#include "common/encoding.hpp"
#include "common/time.hpp"

#include <array>
#include <utility>

namespace ossd::api {
namespace {

constexpr std::array<std::string_view, 5> kStoredHeaders = {"Cache-Control", "Content-Disposition", "Content-Encoding",
                                                            "Content-Language", "Expires"};
constexpr std::size_t kMaxUserMetaBytes = 8 * 1024;

constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kMimeTypes = {{
    {"txt", "text/plain"},       {"html", "text/html"},        {"htm", "text/html"},
    {"css", "text/css"},         {"js", "application/javascript"}, {"json", "application/json"},
    {"xml", "application/xml"},  {"jpg", "image/jpeg"},        {"jpeg", "image/jpeg"},
    {"png", "image/png"},        {"gif", "image/gif"},         {"webp", "image/webp"},
    {"svg", "image/svg+xml"},    {"pdf", "application/pdf"},   {"zip", "application/zip"},
    {"gz", "application/gzip"},  {"mp4", "video/mp4"},         {"mp3", "audio/mpeg"},
    {"csv", "text/csv"},         {"md", "text/markdown"},      {"bin", "application/octet-stream"},
    {"tar", "application/x-tar"},
}};

}  // namespace

std::string content_type_for_key(std::string_view key) {
  auto dot = key.rfind('.');
  auto slash = key.rfind('/');
  if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
    std::string ext = to_lower(key.substr(dot + 1));
    for (const auto& [e, type] : kMimeTypes)
      if (e == ext) return std::string(type);
  }
  return "application/octet-stream";
}

Result<void> read_object_metadata(const Headers& h, std::string_view key, storage::ObjectMeta& meta) {
  auto type = h.find("Content-Type");
  meta.content_type = type && !type->empty() ? std::string(*type) : content_type_for_key(key);
  meta.headers.clear();
  meta.user_meta.clear();
  for (auto name : kStoredHeaders)
    if (auto v = h.find(name)) meta.headers.emplace_back(std::string(name), std::string(*v));
  std::size_t meta_bytes = 0;
  for (const auto& [name, value] : h) {
    std::string lower = to_lower(name);
    if (!lower.starts_with("x-oss-meta-")) continue;
    meta_bytes += lower.size() + value.size();
    meta.user_meta.emplace_back(std::move(lower), value);
  }
  if (meta_bytes > kMaxUserMetaBytes)
    return Error(ErrorCode::InvalidArgument, "Your metadata headers exceed the maximum allowed metadata size.");
  meta.acl = std::string(h.find("x-oss-object-acl").value_or("default"));
  if (!is_valid_object_acl(meta.acl)) return Error(ErrorCode::InvalidArgument, "no such object access control exists");
  return {};
}

bool is_valid_object_acl(std::string_view acl) {
  return acl == "default" || acl == "private" || acl == "public-read" || acl == "public-read-write";
}

std::string quoted_etag(std::string_view etag) { return "\"" + std::string(etag) + "\""; }

void write_object_headers(const storage::ObjectMeta& meta, Headers& out) {
  out.set("ETag", quoted_etag(meta.etag));
  out.set("Last-Modified", format_rfc1123(meta.last_modified_ms / 1000));
  out.set("Content-Type", meta.content_type);
  out.set("x-oss-object-type", meta.object_type);
  out.set("x-oss-storage-class", meta.storage_class);
  out.set("x-oss-hash-crc64ecma", std::to_string(meta.crc64));
  out.set("Accept-Ranges", "bytes");
  for (const auto& [name, value] : meta.headers) out.set(name, value);
  for (const auto& [name, value] : meta.user_meta) out.add(name, value);
}

}  // namespace ossd::api
