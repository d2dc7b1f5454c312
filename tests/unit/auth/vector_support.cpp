#include "vector_support.hpp"

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "common/encoding.hpp"
#include "common/time.hpp"

namespace ossd::auth::testing {
namespace {

bool is_ip(std::string_view host) {
  return std::regex_match(std::string(host), std::regex(R"(\d+\.\d+\.\d+\.\d+)")) ||
         host.starts_with("[");
}

bool is_oss_host(std::string_view host) {
  return std::regex_match(std::string(host), std::regex(R"(oss-[a-z0-9-]+\.aliyuncs\.com)"));
}

std::string strip_port(std::string host) {
  if (auto colon = host.rfind(':');
      colon != std::string::npos && host.find(']') == std::string::npos) {
    host.resize(colon);
  }
  return to_lower(host);
}

struct UrlParts {
  std::string scheme, host, raw_path, raw_query;
};

UrlParts split_url(std::string_view url) {
  UrlParts p;
  auto scheme_end = url.find("://");
  p.scheme = std::string(url.substr(0, scheme_end));
  url.remove_prefix(scheme_end + 3);
  auto path_start = url.find_first_of("/?");
  p.host = std::string(url.substr(0, path_start));
  std::string_view rest = path_start == std::string_view::npos ? "" : url.substr(path_start);
  auto q = rest.find('?');
  p.raw_path = std::string(rest.substr(0, q));
  if (p.raw_path.empty()) p.raw_path = "/";
  if (q != std::string_view::npos) p.raw_query = std::string(rest.substr(q + 1));
  return p;
}

}  // namespace

std::vector<Vector> load_vectors(const std::string& file) {
  std::ifstream in(std::string(OSSD_VECTORS_DIR) + "/" + file);
  if (!in) throw std::runtime_error("cannot open vector file " + file);
  std::stringstream text;
  text << in.rdbuf();
  std::vector<Vector> out;
  const boost::json::value doc = boost::json::parse(text.str());  // must outlive the loop
  for (const auto& v : doc.as_object().at("vectors").as_array()) {
    out.push_back({std::string(v.as_object().at("id").as_string()), v.as_object()});
  }
  return out;
}

std::string case_name(const std::string& id) {
  std::string out;
  for (char c : id) out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return out;
}

std::string text_of(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_null()) return "";
  return boost::json::serialize(v);
}

std::string str(const boost::json::object& o, std::string_view key, std::string def) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return def;
  return text_of(it->value());
}

const boost::json::object& obj(const boost::json::object& o, std::string_view key) {
  static const boost::json::object kEmpty;
  auto it = o.find(key);
  return it != o.end() && it->value().is_object() ? it->value().as_object() : kEmpty;
}

bool has(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && !it->value().is_null();
}

RequestView ServerRequest::view() const {
  RequestView v;
  v.method = method;
  v.bucket = bucket;
  v.key = key;
  v.query = &query;
  v.headers = &headers;
  v.host = host;
  return v;
}

QueryPairs decode_query(std::string_view raw) {
  QueryPairs out;
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t amp = raw.find('&', start);
    std::string_view piece =
        raw.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    if (!piece.empty()) {
      std::size_t eq = piece.find('=');
      std::string_view k = piece.substr(0, eq);
      std::string_view v = eq == std::string_view::npos ? "" : piece.substr(eq + 1);
      out.emplace_back(percent_decode(k, true).value(), percent_decode(v, true).value());
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return out;
}

ServerRequest server_request(std::string method, std::string host_header, std::string_view raw_path,
                             std::string_view raw_query, Headers headers,
                             const std::string& server_bucket) {
  ServerRequest r;
  r.method = std::move(method);
  if (!headers.has("host")) headers.add("Host", host_header);
  r.host = strip_port(std::string(headers.get("host")));
  r.headers = std::move(headers);
  r.query = decode_query(raw_query);
  std::string path = percent_decode(raw_path, false).value();
  if (!server_bucket.empty()) {
    r.bucket = server_bucket;
    r.key = path.substr(1);
  } else if (is_ip(r.host) || r.host == "localhost" || is_oss_host(r.host)) {  // path-style
    std::string rest = path.substr(1);
    auto slash = rest.find('/');
    r.bucket = rest.substr(0, slash);
    r.key = slash == std::string::npos ? "" : rest.substr(slash + 1);
  } else {  // virtual-hosted: the first label names the bucket
    r.bucket = r.host.substr(0, r.host.find('.'));
    r.key = path.substr(1);
  }
  return r;
}

ServerRequest server_request_from_url(std::string method, std::string_view url, Headers headers,
                                      const std::string& server_bucket) {
  UrlParts p = split_url(url);
  return server_request(std::move(method), p.host, p.raw_path, p.raw_query, std::move(headers),
                        server_bucket);
}

Headers headers_from(const boost::json::object& o) {
  Headers h;
  for (const auto& [k, v] : o) h.add(std::string(k), text_of(v));
  return h;
}

NormalUrl normalize_url(std::string_view url) {
  UrlParts p = split_url(url);
  return {p.scheme, to_lower(p.host), percent_decode(p.raw_path, false).value(),
          decode_query(p.raw_query)};
}

std::ostream& operator<<(std::ostream& os, const NormalUrl& u) {
  os << u.scheme << "://" << u.host << " path=" << u.path << " query=[";
  for (const auto& [k, v] : u.query) os << k << "=" << v << "; ";
  return os << "]";
}

KeyLookup key_lookup(std::map<std::string, std::string> secrets,
                     std::map<std::string, std::string> tokens) {
  return [secrets = std::move(secrets),
          tokens = std::move(tokens)](std::string_view id, std::optional<std::string_view>) -> std::optional<KeyRecord> {
    auto it = secrets.find(std::string(id));
    if (it == secrets.end()) return std::nullopt;
    KeyRecord rec{it->second, "principal-" + it->first, std::nullopt, 0};
    if (auto t = tokens.find(it->first); t != tokens.end()) rec.security_token = t->second;
    return rec;
  };
}

std::string region_id(std::string region) {
  return region.starts_with("oss-") ? region.substr(4) : region;
}

int64_t unix_of(const std::string& iso) { return parse_iso8601(iso).value(); }

SignOptions client_options(const boost::json::object& input) {
  SignOptions o;
  const auto& copts = obj(input, "client_options");
  o.bucket = str(input, "bucket");
  o.key = str(input, "key");
  o.region = region_id(str(input, "region", "oss-cn-hangzhou"));
  o.scheme = has(copts, "secure") && copts.at("secure").as_bool() ? "https" : "http";
  o.signing_time_s = unix_of(str(input, "time"));
  o.path_style = has(copts, "sldEnable") && copts.at("sldEnable").as_bool();
  o.cname = has(copts, "cname") && copts.at("cname").as_bool();
  if (has(input, "endpoint")) {
    UrlParts e = split_url(str(input, "endpoint"));
    o.scheme = e.scheme;
    o.endpoint = e.host;
    // ali-oss puts no bucket in URLs for an IP endpoint unless sldEnable: like a CNAME.
    if (is_ip(strip_port(e.host)) && !o.path_style) o.cname = true;
  }
  return o;
}

}  // namespace ossd::auth::testing
