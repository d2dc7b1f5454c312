// PostObject (browser form upload) policies through the SDK: builds the policy JSON, base64s
// it and signs it, V4 (spec/auth.md d.3) or V1 (d.2), returning the form fields a page sends
// before its `key` and `file` fields. Offline and pure apart from reading the clock when no
// signing time is given. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ossd/credentials.hpp"
#include "ossd/error.hpp"
#include "ossd/presign.hpp"

namespace ossd::sdk {

// One policy condition, written to the JSON exactly as OSS spells it (d.1).
struct PolicyCondition {
  enum class Kind { Exact, Eq, StartsWith, ContentLengthRange, In, NotIn };
  Kind kind = Kind::Exact;
  std::string field;                // without "$", e.g. "key", "Content-Type", "bucket"
  std::string value;                // Exact, Eq, StartsWith
  std::vector<std::string> values;  // In, NotIn
  int64_t min = 0, max = 0;         // ContentLengthRange, bytes inclusive

  static PolicyCondition exact(std::string field, std::string value);  // {"field": "value"}
  static PolicyCondition eq(std::string field, std::string value);     // ["eq", "$field", "value"]
  static PolicyCondition starts_with(std::string field, std::string prefix);
  static PolicyCondition content_length_range(int64_t min, int64_t max);
  static PolicyCondition in(std::string field, std::vector<std::string> values);
  static PolicyCondition not_in(std::string field, std::vector<std::string> values);
};

struct PostPolicyRequest {
  // The conditions in the order they appear in the policy. For V4 the SDK adds the conditions
  // on x-oss-signature-version, x-oss-credential, x-oss-security-token (STS) and x-oss-date
  // itself, right after a leading bucket condition (else first): the order of OSS's examples
  // and of ali-oss, so the policy is byte-identical to theirs.
  std::vector<PolicyCondition> conditions;
  int64_t expires_s = 3600;    // policy "expiration" = signing time + this; V4: 1..604800
  int64_t signing_time_s = 0;  // unix seconds; 0: now
  SignatureVersion version = SignatureVersion::V4;
};

struct PostForm {
  std::string policy_json;  // the JSON that was base64-encoded (for logs and tests)
  int64_t expiration_s = 0;  // unix seconds of the policy's "expiration"
  // Form fields in the order to send them (all before `key` and `file`): V4: policy,
  // x-oss-signature-version, x-oss-credential, x-oss-date, x-oss-signature; V1:
  // OSSAccessKeyId, policy, Signature. Plus x-oss-security-token with STS credentials.
  std::vector<std::pair<std::string, std::string>> fields;
};

// The signed form for `options.credentials` and region. InvalidArgument for an empty
// condition list, a bad expiry or missing credentials.
Result<PostForm> sign_post_policy(const ClientOptions& options, const PostPolicyRequest& request);

// The conditions of an upload link: {"bucket": bucket}, ["starts-with", "$key", prefix],
// ["content-length-range", 0, max_size].
std::vector<PolicyCondition> upload_conditions(const std::string& bucket, const std::string& prefix,
                                               int64_t max_size);

}  // namespace ossd::sdk
