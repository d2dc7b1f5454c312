#include <regex>

#include "common/encoding.hpp"
#include "internal.hpp"

namespace ossd::sdk {
namespace {

std::string host_without_port(std::string_view host) {
  if (host.starts_with("[")) return std::string(host.substr(0, host.find(']') + 1));
  return std::string(host.substr(0, host.find(':')));
}

}  // namespace

std::string region_id(std::string_view region) {
  if (region.starts_with("oss-")) region.remove_prefix(4);
  return std::string(region);
}

EndpointParts split_endpoint(const ClientOptions& o) {
  if (o.endpoint.empty()) return {"https", "oss-" + region_id(o.region) + ".aliyuncs.com"};
  std::string_view rest = o.endpoint;
  EndpointParts parts{"https", ""};
  if (auto sep = rest.find("://"); sep != std::string_view::npos) {
    parts.scheme = to_lower(rest.substr(0, sep));
    rest.remove_prefix(sep + 3);
  }
  // A trailing "/" (or path) on the endpoint is ignored: OSS endpoints have no path.
  parts.host = std::string(rest.substr(0, rest.find('/')));
  return parts;
}

bool is_path_style_host(std::string_view host) {
  const std::string bare = to_lower(host_without_port(host));
  if (bare == "localhost" || bare.starts_with("[")) return true;
  static const std::regex kIpv4(R"(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})");
  return std::regex_match(bare, kIpv4);
}

bool effective_path_style(const ClientOptions& o) {
  if (o.path_style) return *o.path_style;
  return is_path_style_host(split_endpoint(o).host);
}

namespace detail {

auth::SignOptions sign_options(const ClientOptions& o, std::string method, std::string bucket,
                               std::string key) {
  auth::SignOptions s;
  const EndpointParts ep = split_endpoint(o);
  s.method = std::move(method);
  s.bucket = std::move(bucket);
  s.key = std::move(key);
  s.region = region_id(o.region);
  s.endpoint = ep.host;
  s.scheme = ep.scheme;
  s.path_style = effective_path_style(o);
  s.cname = o.cname;
  return s;
}

auth::Credentials auth_credentials(const Credentials& c) {
  return {c.access_key_id, c.access_key_secret, c.security_token};
}

std::string request_url(const auth::SignOptions& s) {
  std::string url = s.scheme + "://" + auth::request_host(s) + auth::request_path(s);
  char sep = '?';
  for (const auto& [k, v] : s.queries) {
    url.push_back(sep);
    url += uri_encode(k);
    if (!v.empty()) url += "=" + uri_encode(v);
    sep = '&';
  }
  return url;
}

}  // namespace detail
}  // namespace ossd::sdk
