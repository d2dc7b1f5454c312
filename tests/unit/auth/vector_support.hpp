// Test helpers for the signing vectors of tests/vectors: loading, turning a vector's
// request into what the verifier sees (spec section 1 decoding, section g addressing), and
// normalising URLs for comparison (spec i).
#pragma once

#include <boost/json.hpp>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "auth/canonical.hpp"
#include "auth/presign.hpp"
#include "auth/verifier.hpp"
#include "common/headers.hpp"

namespace ossd::auth::testing {

struct Vector {
  std::string id;
  boost::json::object json;
};
inline void PrintTo(const Vector& v, std::ostream* os) { *os << v.id; }

// All vectors of tests/vectors/<file>.
std::vector<Vector> load_vectors(const std::string& file);
// gtest-safe case name from a vector id.
std::string case_name(const std::string& id);

// JSON helpers: missing or null -> default; numbers become their decimal text.
std::string str(const boost::json::object& o, std::string_view key, std::string def = "");
const boost::json::object& obj(const boost::json::object& o, std::string_view key);
bool has(const boost::json::object& o, std::string_view key);
std::string text_of(const boost::json::value& v);  // string, number or null ("")

// The request as the server receives it: decoded path/query, headers (Host included).
struct ServerRequest {
  std::string method;
  std::string bucket;
  std::string key;
  std::string host;  // lowercase, no port
  QueryPairs query;
  Headers headers;

  RequestView view() const;
};

// Builds a ServerRequest from wire parts, resolving bucket/key like spec g.2 (and the vectors'
// server_bucket, which stands for a default-bucket/CNAME setting).
ServerRequest server_request(std::string method, std::string host_header, std::string_view raw_path,
                             std::string_view raw_query, Headers headers,
                             const std::string& server_bucket);
ServerRequest server_request_from_url(std::string method, std::string_view url, Headers headers,
                                      const std::string& server_bucket);
Headers headers_from(const boost::json::object& o);  // {"Name": "value"}

// Spec section 1.2 query decoding (nullopt on a malformed escape).
QueryPairs decode_query(std::string_view raw);

struct NormalUrl {
  std::string scheme, host, path;  // path decoded
  QueryPairs query;                // decoded, in order
  bool operator==(const NormalUrl&) const = default;
};
NormalUrl normalize_url(std::string_view url);
std::ostream& operator<<(std::ostream& os, const NormalUrl& u);

// KeyLookup over a fixed set; `tokens` gives the STS token of temporary ids.
KeyLookup key_lookup(std::map<std::string, std::string> secrets,
                     std::map<std::string, std::string> tokens = {});

// Region option of ali-oss ("oss-cn-hangzhou") -> region id ("cn-hangzhou").
std::string region_id(std::string region);

// unix seconds of an ISO 8601 time ("2024-11-12T08:32:38Z").
int64_t unix_of(const std::string& iso);

// Client options from a vector's input (endpoint, sldEnable, cname, secure, IP endpoints).
SignOptions client_options(const boost::json::object& input);

}  // namespace ossd::auth::testing
