// Object operations: streaming PUT and GET, HEAD, DELETE.
#include <cstdio>
#include <memory>
#include <system_error>

#include "client_call.hpp"
#include "internal.hpp"

namespace ossd::sdk {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

ObjectInfo object_info(const HttpResponse& r) {
  ObjectInfo info;
  info.size = std::strtoull(r.header("content-length").c_str(), nullptr, 10);
  info.etag = r.header("etag");
  info.last_modified = r.header("last-modified");
  info.content_type = r.header("content-type");
  info.request_id = r.header("x-oss-request-id");
  info.headers = r.headers;
  return info;
}

Error io_error(const std::string& what, const std::filesystem::path& path) {
  return local_error(Error::kIo, what + " " + path.string() + ": " +
                                     std::generic_category().message(errno));
}

}  // namespace

Result<PutResult> Client::put_object(const std::string& bucket, const std::string& key,
                                     BodyReader body, uint64_t size, const PutOptions& options) {
  Call call("PUT", bucket, key);
  call.headers = options.headers;
  if (!options.content_type.empty()) call.headers.emplace_back("Content-Type", options.content_type);
  // A zero-byte body still goes through the reader so libcurl sends Content-Length: 0.
  call.body = body ? std::move(body) : [](char*, std::size_t) -> std::optional<std::size_t> {
    return 0;
  };
  call.body_size = size;
  call.progress = options.progress;
  auto r = execute(call);
  if (!r) return r.error();
  return PutResult{r->header("etag"), r->header("x-oss-request-id"),
                   r->header("x-oss-hash-crc64ecma")};
}

Result<PutResult> Client::put_object(const std::string& bucket, const std::string& key,
                                     const std::filesystem::path& file,
                                     const PutOptions& options) {
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(file, ec);
  if (ec) return local_error(Error::kIo, "cannot read " + file.string() + ": " + ec.message());
  File f(std::fopen(file.c_str(), "rb"));
  if (!f) return io_error("cannot open", file);
  BodyReader reader = [fp = f.get()](char* buf, std::size_t n) -> std::optional<std::size_t> {
    const std::size_t got = std::fread(buf, 1, n, fp);
    if (got == 0 && std::ferror(fp)) return std::nullopt;
    return got;
  };
  return put_object(bucket, key, std::move(reader), size, options);
}

Result<ObjectInfo> Client::get_object(const std::string& bucket, const std::string& key,
                                      const BodyWriter& sink, ProgressFn progress) {
  Call call("GET", bucket, key);
  call.progress = std::move(progress);
  auto r = execute(call, sink);
  if (!r) return r.error();
  return object_info(*r);
}

Result<ObjectInfo> Client::get_object(const std::string& bucket, const std::string& key,
                                      const std::filesystem::path& file, ProgressFn progress) {
  const std::filesystem::path part = file.string() + ".ossctl-part";
  File f(std::fopen(part.c_str(), "wb"));
  if (!f) return io_error("cannot create", part);
  BodyWriter writer = [fp = f.get()](const char* data, std::size_t n) {
    return std::fwrite(data, 1, n, fp) == n;
  };
  auto info = get_object(bucket, key, writer, std::move(progress));
  const bool flushed = std::fflush(f.get()) == 0;
  f.reset();
  std::error_code ec;
  if (!info || !flushed) {
    std::filesystem::remove(part, ec);
    if (!info) return info.error();
    return io_error("cannot write", part);
  }
  std::filesystem::rename(part, file, ec);
  if (ec) {
    std::filesystem::remove(part, ec);
    return local_error(Error::kIo, "cannot rename to " + file.string() + ": " + ec.message());
  }
  return info;
}

Result<ObjectInfo> Client::head_object(const std::string& bucket, const std::string& key) {
  auto r = execute(Call("HEAD", bucket, key));
  if (!r) return r.error();
  return object_info(*r);
}

Result<void> Client::delete_object(const std::string& bucket, const std::string& key) {
  auto r = execute(Call("DELETE", bucket, key));
  if (!r) return r.error();
  return {};
}

}  // namespace ossd::sdk
