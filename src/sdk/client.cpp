// Client plumbing (signing, sending, error mapping) and the bucket-level operations.
#include "client_call.hpp"
#include "internal.hpp"

namespace ossd::sdk {

Client::Client(ClientOptions options)
    : Client(options, std::shared_ptr<Transport>(
                          make_curl_transport(options.connect_timeout_ms, options.verify_tls))) {}

Client::Client(ClientOptions options, std::shared_ptr<Transport> transport)
    : options_(std::move(options)), transport_(std::move(transport)) {}

// Signs with V4 in the Authorization header, sends, and turns non-2xx answers into Errors.
Result<HttpResponse> Client::execute(const Call& call, const BodyWriter& sink) {
  auth::SignOptions s = detail::sign_options(options_, call.method, call.bucket, call.key);
  s.queries = call.queries;
  for (const auto& [name, value] : call.headers) s.headers.add(name, value);
  const auth::Signed sig = auth::sign_v4_header(detail::auth_credentials(options_.credentials), s);
  HttpRequest request;
  request.method = call.method;
  request.url = detail::request_url(s);
  request.headers = call.headers;
  for (const auto& [name, value] : sig.headers_to_add) request.headers.emplace_back(name, value);
  request.headers.emplace_back("Authorization", sig.authorization);
  request.body = call.body;
  request.body_size = call.body_size;
  request.progress = call.progress;
  auto response = transport_->send(request, sink);
  if (!response) return response.error();
  if (response->status < 200 || response->status >= 300) {
    return detail::error_from_response(*response);
  }
  return response;
}

Result<void> Client::create_bucket(const std::string& bucket) {
  auto r = execute(Call("PUT", bucket));
  if (!r) return r.error();
  return {};
}

Result<void> Client::delete_bucket(const std::string& bucket) {
  auto r = execute(Call("DELETE", bucket));
  if (!r) return r.error();
  return {};
}

Result<std::vector<BucketSummary>> Client::list_buckets() {
  auto r = execute(Call("GET"));
  if (!r) return r.error();
  return detail::parse_list_buckets(r->body);
}

Result<ListObjectsPage> Client::list_objects(const ListObjectsRequest& req) {
  Call call("GET", req.bucket);
  call.queries.emplace_back("list-type", "2");
  call.queries.emplace_back("max-keys", std::to_string(req.max_keys));
  if (!req.prefix.empty()) call.queries.emplace_back("prefix", req.prefix);
  if (!req.delimiter.empty()) call.queries.emplace_back("delimiter", req.delimiter);
  if (!req.start_after.empty()) call.queries.emplace_back("start-after", req.start_after);
  if (!req.continuation_token.empty()) {
    call.queries.emplace_back("continuation-token", req.continuation_token);
  }
  auto r = execute(call);
  if (!r) return r.error();
  return detail::parse_list_objects(r->body);
}

Result<std::string> Client::presign(const PresignRequest& request) const {
  return presign_url(options_, request);
}

}  // namespace ossd::sdk
