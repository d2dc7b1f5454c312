// ossctl sign: offline presigned URLs (spec/auth.md b.3). Nothing is sent; the URL is printed.
#include <cctype>
#include <iostream>

#include "args.hpp"
#include "commands.hpp"
#include "ossd/presign.hpp"
#include "output.hpp"

namespace ossd::cli {
namespace {

// The request to sign from the command line; InvalidArgument for a bad value.
sdk::Result<sdk::PresignRequest> presign_request(const SignArgs& a) {
  sdk::PresignRequest r;
  auto uri = parse_oss_uri(a.uri);
  if (!uri) return uri.error();
  r.method = a.method;
  for (char& c : r.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  r.bucket = uri->bucket;
  r.key = uri->key;
  r.version = a.v1 ? sdk::SignatureVersion::V1 : sdk::SignatureVersion::V4;
  auto expires = parse_duration(a.expires);
  if (!expires) return expires.error();
  // Refused here, before any URL exists, like the Go v2 SDK (the server would answer 403).
  if (!a.v1) {
    if (auto checked = check_v4_expires(*expires, a.expires); !checked) return checked.error();
  }
  r.expires_s = *expires;
  if (!a.date.empty()) {
    auto t = parse_sign_date(a.date);
    if (!t) return t.error();
    r.signing_time_s = *t;
  }
  // Content-Type and Content-MD5 are always signed: the uploader must send the same values.
  if (!a.content_type.empty()) r.headers.emplace_back("Content-Type", a.content_type);
  if (!a.content_md5.empty()) r.headers.emplace_back("Content-MD5", a.content_md5);
  for (const auto& h : a.headers) {
    auto pair = parse_header_arg(h);
    if (!pair) return pair.error();
    r.headers.push_back(std::move(*pair));
  }
  for (const auto& q : a.queries) r.queries.push_back(parse_query_arg(q));
  r.additional_headers = a.additional_headers;
  return r;
}

}  // namespace

int run_sign(const GlobalArgs& global, const SignArgs& args) {
  auto request = presign_request(args);
  if (!request) {
    std::cerr << "ossctl: " << request.error().message << "\n";
    return kExitUsage;
  }
  Resolved resolved = resolve_or_report(global, true);
  if (!resolved.options) return resolved.exit_code;
  auto url = sdk::presign_url(*resolved.options, *request);
  if (!url) return report_error(url.error(), "sign");
  std::cout << *url << "\n";
  return kExitOk;
}

}  // namespace ossd::cli
