// ossctl share: links for people without credentials. `share upload` prints a link to ossd's
// upload page (src/web/) carrying a signed PostObject policy in its fragment; `share download`
// prints a presigned GET URL. Offline like `ossctl sign`: nothing is sent.
#include <iostream>

#include "args.hpp"
#include "commands.hpp"
#include "common/encoding.hpp"
#include "ossd/post_policy.hpp"
#include "ossd/presign.hpp"
#include "output.hpp"

namespace ossd::cli {
namespace {

struct Validity {
  int64_t expires_s = 0;
  int64_t signing_time_s = 0;  // 0: now
};

// --expires (at most 7 days: both links are V4) and --date.
sdk::Result<Validity> validity(const ShareArgs& a) {
  Validity v;
  auto expires = parse_duration(a.expires);
  if (!expires) return expires.error();
  if (auto checked = check_v4_expires(*expires, a.expires); !checked) return checked.error();
  v.expires_s = *expires;
  if (!a.date.empty()) {
    auto t = parse_sign_date(a.date);
    if (!t) return t.error();
    v.signing_time_s = *t;
  }
  return v;
}

// endpoint + "/_ossd/upload#bucket=..&policy=..&x-oss-...": the fragment stays in the browser.
std::string page_link(const sdk::ClientOptions& options, const std::string& bucket,
                      const sdk::PostForm& form) {
  const sdk::EndpointParts endpoint = sdk::split_endpoint(options);
  std::string link = endpoint.scheme + "://" + endpoint.host + "/_ossd/upload#bucket=" + uri_encode(bucket);
  for (const auto& [name, value] : form.fields) link += "&" + uri_encode(name) + "=" + uri_encode(value);
  return link;
}

int usage_error(const sdk::Error& e) {
  std::cerr << "ossctl: " << e.message << "\n";
  return kExitUsage;
}

}  // namespace

int run_share_upload(const GlobalArgs& global, const ShareArgs& args) {
  auto uri = parse_oss_uri(args.uri);
  if (!uri) return usage_error(uri.error());
  auto when = validity(args);
  if (!when) return usage_error(when.error());
  auto max_size = parse_size(args.max_size);
  if (!max_size) return usage_error(max_size.error());
  Resolved resolved = resolve_or_report(global, true);
  if (!resolved.options) return resolved.exit_code;
  sdk::PostPolicyRequest request;
  request.conditions = sdk::upload_conditions(uri->bucket, uri->key, *max_size);
  request.expires_s = when->expires_s;
  request.signing_time_s = when->signing_time_s;
  auto form = sdk::sign_post_policy(*resolved.options, request);
  if (!form) return report_error(form.error(), "share upload");
  std::cout << page_link(*resolved.options, uri->bucket, *form) << "\n";
  return kExitOk;
}

int run_share_download(const GlobalArgs& global, const ShareArgs& args) {
  auto uri = parse_oss_uri(args.uri);
  if (!uri) return usage_error(uri.error());
  if (uri->key.empty() || uri->key.ends_with('/')) {
    return usage_error(sdk::local_error(sdk::Error::kInvalidArgument,
                                        "share download needs an object: oss://bucket/key"));
  }
  auto when = validity(args);
  if (!when) return usage_error(when.error());
  Resolved resolved = resolve_or_report(global, true);
  if (!resolved.options) return resolved.exit_code;
  sdk::PresignRequest request;
  request.method = "GET";
  request.bucket = uri->bucket;
  request.key = uri->key;
  request.expires_s = when->expires_s;
  request.signing_time_s = when->signing_time_s;
  auto url = sdk::presign_url(*resolved.options, request);
  if (!url) return report_error(url.error(), "share download");
  std::cout << *url << "\n";
  return kExitOk;
}

}  // namespace ossd::cli
