#include "iam/json_fields.hpp"

#include <boost/json.hpp>

namespace ossd::iam {

Error invalid(std::string message, std::string_view ec) {
  Error e(ErrorCode::InvalidPolicyDocument, std::move(message));
  e.ec = std::string(ec);
  return e;
}

Result<std::vector<std::string>> string_list(const boost::json::value& v, const std::string& where) {
  std::vector<std::string> out;
  auto take = [&](const boost::json::value& item) -> bool {
    if (!item.is_string() || item.get_string().empty()) return false;
    out.emplace_back(item.get_string());
    return true;
  };
  if (v.is_array()) {
    if (v.get_array().empty()) return invalid(where + " must not be an empty list.");
    for (const auto& item : v.get_array()) {
      if (!take(item)) return invalid(where + " must hold only non-empty strings.");
    }
  } else if (!take(v)) {
    return invalid(where + " must be a non-empty string or a list of strings.");
  }
  return out;
}

}  // namespace ossd::iam
