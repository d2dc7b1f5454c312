// ossctl cp, rm, stat: object-level commands. Bodies stream between the file and the network.
#include <filesystem>
#include <iostream>

#include "args.hpp"
#include "commands.hpp"
#include "ossd/client.hpp"
#include "output.hpp"

namespace ossd::cli {
namespace fs = std::filesystem;
namespace {

// An object URI (non-empty key), or nullopt after printing why not.
std::optional<OssUri> object_uri(const std::string& text) {
  auto uri = parse_oss_uri(text);
  if (!uri || uri->key.empty()) {
    std::cerr << "ossctl: expected oss://bucket/key, got " << text << "\n";
    return std::nullopt;
  }
  return std::move(*uri);
}

int upload(sdk::Client& client, const std::string& local, OssUri dst,
           const std::string& content_type) {
  // Like cp(1): a destination ending in '/' (or naming only the bucket) keeps the file name.
  if (dst.key.empty() || dst.key.ends_with('/')) dst.key += fs::path(local).filename().string();
  ProgressBar bar("upload");
  sdk::PutOptions options;
  options.content_type = content_type;
  options.progress = bar.callback();
  auto r = client.put_object(dst.bucket, dst.key, fs::path(local), options);
  bar.finish();
  if (!r) return report_error(r.error(), "PutObject oss://" + dst.bucket + "/" + dst.key);
  std::cout << "uploaded " << local << " -> oss://" << dst.bucket << "/" << dst.key
            << "  ETag " << r->etag << "\n";
  return kExitOk;
}

int download(sdk::Client& client, const OssUri& src, std::string local) {
  if (fs::is_directory(local)) local = (fs::path(local) / fs::path(src.key).filename()).string();
  ProgressBar bar("download");
  auto r = client.get_object(src.bucket, src.key, fs::path(local), bar.callback());
  bar.finish();
  if (!r) return report_error(r.error(), "GetObject oss://" + src.bucket + "/" + src.key);
  std::cout << "downloaded oss://" << src.bucket << "/" << src.key << " -> " << local << "  "
            << r->size << " bytes\n";
  return kExitOk;
}

}  // namespace

int run_cp(const GlobalArgs& global, const std::string& from, const std::string& to,
           const std::string& content_type) {
  const bool from_oss = is_oss_uri(from);
  const bool to_oss = is_oss_uri(to);
  if (from_oss == to_oss) {
    std::cerr << "ossctl: cp copies between a local file and oss://bucket/key; "
              << (from_oss ? "server-side copy is not supported yet" : "neither is an oss:// URI")
              << "\n";
    return kExitUsage;
  }
  auto uri = parse_oss_uri(from_oss ? from : to);
  if (!uri || (from_oss && uri->key.empty())) {
    std::cerr << "ossctl: expected oss://bucket/key, got " << (from_oss ? from : to) << "\n";
    return kExitUsage;
  }
  Resolved resolved = resolve_or_report(global, true);
  if (!resolved.options) return resolved.exit_code;
  sdk::Client client(*resolved.options);
  return from_oss ? download(client, *uri, to) : upload(client, from, *uri, content_type);
}

int run_rm(const GlobalArgs& global, const std::string& text) {
  auto uri = object_uri(text);
  if (!uri) return kExitUsage;
  Resolved resolved = resolve_or_report(global, true);
  if (!resolved.options) return resolved.exit_code;
  sdk::Client client(*resolved.options);
  if (auto r = client.delete_object(uri->bucket, uri->key); !r) {
    return report_error(r.error(), "DeleteObject " + text);
  }
  std::cout << "removed " << text << "\n";
  return kExitOk;
}

int run_stat(const GlobalArgs& global, const std::string& text) {
  auto uri = object_uri(text);
  if (!uri) return kExitUsage;
  Resolved resolved = resolve_or_report(global, true);
  if (!resolved.options) return resolved.exit_code;
  sdk::Client client(*resolved.options);
  auto info = client.head_object(uri->bucket, uri->key);
  if (!info) return report_error(info.error(), "HeadObject " + text);
  std::cout << "Size: " << info->size << "\n"
            << "ETag: " << info->etag << "\n"
            << "Last-Modified: " << info->last_modified << "\n"
            << "Content-Type: " << info->content_type << "\n";
  for (const auto& [name, value] : info->headers) {
    if (name.starts_with("x-oss-") && name != "x-oss-request-id") {
      std::cout << name << ": " << value << "\n";
    }
  }
  return kExitOk;
}

}  // namespace ossd::cli
