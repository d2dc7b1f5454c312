// PostObject (HTML form upload) authentication, docs/spec/auth.md section (d) and (e):
// decodes and parses the base64 policy, checks the V1 or V4 form signature over it, the STS
// token, the expiration and the policy's conditions against the form fields. Pure: no I/O,
// the clock and keys are inputs (like verifier.hpp, whose key lookup and errors it shares).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/verifier.hpp"
#include "oss/errors.hpp"

namespace ossd::auth {

// Form fields in the order received, names as sent. Lookups are case-insensitive (spec d:
// older docs say case-sensitive; accepting both is the UNCONFIRMED choice).
using FormFields = std::vector<std::pair<std::string, std::string>>;
std::optional<std::string_view> form_value(const FormFields& fields, std::string_view name);

struct PolicyCondition {
  enum class Kind { Eq, StartsWith, In, NotIn, ContentLengthRange };
  Kind kind = Kind::Eq;
  std::string field;                // lowercase, without '$' (empty for content-length-range)
  std::vector<std::string> values;  // Eq / StartsWith: one; In / NotIn: the set
  uint64_t min = 0, max = 0;        // content-length-range, inclusive
  std::string text;                 // the condition as JSON, echoed in "Policy Condition failed"
};

struct PostPolicy {
  int64_t expiration_s = 0;
  std::vector<PolicyCondition> conditions;
};

// base64 -> JSON -> PostPolicy. 400 InvalidPolicyDocument with OSS's "Invalid Policy: ..."
// messages on bad base64, bad JSON, a missing member or a malformed condition.
Result<PostPolicy> parse_post_policy(std::string_view base64_policy);

// What the form is checked against.
struct PostForm {
  const FormFields& fields;
  std::string_view bucket;  // the request's bucket (condition "bucket")
  std::string_view key;     // the object key, ${filename} already substituted (condition "key")
};

struct PostAuth {
  Identity who;                      // Anonymous when the form carries no auth field
  std::optional<PostPolicy> policy;  // the verified policy (nullopt when anonymous)
};

// Authenticates the form and checks its policy: expiration and every condition except
// content-length-range, which needs the file size (check_content_length). Errors per spec d.4.
Result<PostAuth> verify_post(const PostForm& form, const KeyLookup& keys, const VerifyConfig& config);

// The smallest max of the policy's content-length-range conditions (nullopt: none), so an
// upload can be refused as soon as it grows past it.
std::optional<uint64_t> max_content_length(const PostPolicy& policy);
// Every content-length-range condition against the final size: EntityTooLarge / EntityTooSmall.
Result<void> check_content_length(const PostPolicy& policy, uint64_t size);

}  // namespace ossd::auth
