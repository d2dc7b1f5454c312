// ossctl mb, rb, ls: bucket-level commands.
#include <iostream>

#include "args.hpp"
#include "commands.hpp"
#include "ossd/client.hpp"
#include "output.hpp"

namespace ossd::cli {
namespace {

// A bucket URI with no key, or the exit code after printing why not.
std::optional<OssUri> bucket_uri(const std::string& text) {
  auto uri = parse_oss_uri(text);
  if (!uri) {
    std::cerr << "ossctl: " << uri.error().message << "\n";
    return std::nullopt;
  }
  if (!uri->key.empty()) {
    std::cerr << "ossctl: expected oss://bucket, got a key in " << text << "\n";
    return std::nullopt;
  }
  return std::move(*uri);
}

int list_buckets(sdk::Client& client) {
  auto buckets = client.list_buckets();
  if (!buckets) return report_error(buckets.error(), "ListBuckets");
  for (const auto& b : *buckets) {
    std::cout << b.creation_date << "  " << (b.location.empty() ? b.region : b.location)
              << "  oss://" << b.name << "\n";
  }
  return kExitOk;
}

// Every object under the prefix, page after page (ListObjectsV2 continuation tokens).
int list_objects(sdk::Client& client, const OssUri& uri) {
  sdk::ListObjectsRequest request;
  request.bucket = uri.bucket;
  request.prefix = uri.key;
  uint64_t count = 0;
  uint64_t bytes = 0;
  for (;;) {
    auto page = client.list_objects(request);
    if (!page) return report_error(page.error(), "ListObjectsV2");
    for (const auto& o : page->objects) {
      std::cout << o.last_modified << "  " << o.size << "  " << o.etag << "  oss://"
                << uri.bucket << "/" << o.key << "\n";
      ++count;
      bytes += o.size;
    }
    if (!page->is_truncated || page->next_continuation_token.empty()) break;
    request.continuation_token = page->next_continuation_token;
  }
  std::cerr << count << " object(s), " << bytes << " byte(s)\n";
  return kExitOk;
}

}  // namespace

int run_mb(const GlobalArgs& global, const std::string& text) {
  auto uri = bucket_uri(text);
  if (!uri) return kExitUsage;
  Resolved resolved = resolve_or_report(global, true);
  if (!resolved.options) return resolved.exit_code;
  sdk::Client client(*resolved.options);
  if (auto r = client.create_bucket(uri->bucket); !r) return report_error(r.error(), "PutBucket");
  std::cout << "created oss://" << uri->bucket << "\n";
  return kExitOk;
}

int run_rb(const GlobalArgs& global, const std::string& text) {
  auto uri = bucket_uri(text);
  if (!uri) return kExitUsage;
  Resolved resolved = resolve_or_report(global, true);
  if (!resolved.options) return resolved.exit_code;
  sdk::Client client(*resolved.options);
  if (auto r = client.delete_bucket(uri->bucket); !r) {
    return report_error(r.error(), "DeleteBucket");
  }
  std::cout << "removed oss://" << uri->bucket << "\n";
  return kExitOk;
}

int run_ls(const GlobalArgs& global, const std::string& text) {
  std::optional<OssUri> uri;
  if (!text.empty()) {
    auto parsed = parse_oss_uri(text);
    if (!parsed) {
      std::cerr << "ossctl: " << parsed.error().message << "\n";
      return kExitUsage;
    }
    uri = std::move(*parsed);
  }
  Resolved resolved = resolve_or_report(global, true);
  if (!resolved.options) return resolved.exit_code;
  sdk::Client client(*resolved.options);
  return uri ? list_objects(client, *uri) : list_buckets(client);
}

}  // namespace ossd::cli
