// The Beast-free view of one HTTP request and response that http/ hands to api/
// (docs/architecture.md). A request is handled in two phases because OSS honours
// `Expect: 100-continue`: Service::prepare() sees only the head and either answers at once
// or returns a BodyHandler; http/ then sends 100 Continue, streams the body into
// BodyHandler::on_data(), and calls BodyHandler::finish() on a blocking thread pool.
#pragma once

#include "common/headers.hpp"
#include "oss/errors.hpp"
#include "storage/data_store.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace ossd::api {

struct Request {
  std::string method;       // uppercase
  std::string raw_path;     // as on the wire, before percent-decoding
  std::string raw_query;    // without '?'
  Headers headers;
  std::string remote_address;
  std::string request_id;   // 24 uppercase hex, also sent as x-oss-request-id
  std::optional<uint64_t> content_length;  // nullopt: chunked or absent
  bool chunked = false;
  bool secure = false;  // arrived over TLS (acs:SecureTransport)
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;  // small bodies (XML); ignored when `stream` is set
  // A streamed body: `stream_length` bytes of `stream` from `stream_offset`.
  std::unique_ptr<storage::DataReader> stream;
  uint64_t stream_offset = 0;
  uint64_t stream_length = 0;
  bool omit_body = false;  // HEAD: headers (incl. Content-Length) only
  // Close the connection after this response (e.g. a refused body was not fully read).
  bool close = false;
};

// Receives the body of one request. on_data() runs on a network thread and must not block
// for long (a page-cache write is fine; fsync is not). finish() runs on the blocking pool.
class BodyHandler {
 public:
  virtual ~BodyHandler() = default;
  // An error stops reading; http/ answers with it (after a bounded drain).
  virtual Result<void> on_data(std::span<const char> bytes) = 0;
  // A second stage for the CPU-heavy part of a large body (MD5 + CRC-64 of an upload): when
  // digest_separately() is true, http/ also calls digest() with every piece, in order, on the
  // blocking pool, one piece at a time, after that piece's on_data() has returned. It may run
  // while on_data() of later pieces runs on the network thread, so the two must touch disjoint
  // state. Every digest() has returned before finish() is called or the handler is dropped.
  // The split lets receive + write and hashing use two cores for one stream
  // (docs/performance.md, "Round 4").
  virtual bool digest_separately() const { return false; }
  virtual void digest(std::span<const char> /*bytes*/) {}
  // Called once after the last byte has been delivered.
  virtual Response finish() = 0;
};

struct Prepared {
  std::optional<Response> response;      // answer now, without reading the body
  std::unique_ptr<BodyHandler> handler;  // or: read the body into this, then finish()
  // Added to whatever response the request ends with, errors included (CORS).
  Headers extra_headers;
  // For the access log: what the request was resolved to.
  std::string operation, bucket, key;
};

}  // namespace ossd::api
