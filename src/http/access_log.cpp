#include "http/access_log.hpp"

#include "common/time.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <unistd.h>

namespace ossd::http {
namespace {

void write_line(const boost::json::object& o) {
  std::string line = boost::json::serialize(o);
  line.push_back('\n');
  // A single write keeps concurrent lines whole (stderr is unbuffered).
  [[maybe_unused]] auto n = ::write(2, line.data(), line.size());
}

}  // namespace

void write_access_log(const AccessRecord& r) {
  boost::json::object o;
  o["time"] = format_iso8601_ms(now_ms());
  o["request_id"] = r.request_id;
  o["remote"] = r.remote;
  o["method"] = r.method;
  o["operation"] = r.operation;
  o["bucket"] = r.bucket;
  o["key"] = r.key;
  o["status"] = r.status;
  o["bytes_in"] = r.bytes_in;
  o["bytes_out"] = r.bytes_out;
  o["latency_ms"] = r.latency_ms;
  write_line(o);
}

void write_failure_log(const FailureRecord& r) {
  boost::json::object o;
  o["time"] = format_iso8601_ms(now_ms());
  o["level"] = r.level;
  o["request_id"] = r.request_id;
  o["remote"] = r.remote;
  o["error"] = r.what;
  write_line(o);
}

}  // namespace ossd::http
