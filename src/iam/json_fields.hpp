// Field readers shared by the policy parsers of iam/ (RAM and bucket policies, role trust
// policies), with the error OSS gives a bad policy. Internal to iam/.
#pragma once

#include "iam/condition.hpp"
#include "oss/errors.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ossd::iam {

// OSS answers a bad bucket policy with Code InvalidPolicyDocument and EC 0030-00000005 ("The
// policy is invalid."); the table's InvalidPolicyDocument row is PostObject's, so the EC is set here.
Error invalid(std::string message, std::string_view ec = kInvalidPolicyEc);

// A field that RAM writes as "x" or ["x", ...]: a non-empty list of non-empty strings.
// `where` names the field in the error ("Statement[0].Action").
Result<std::vector<std::string>> string_list(const boost::json::value& v, const std::string& where);

}  // namespace ossd::iam
