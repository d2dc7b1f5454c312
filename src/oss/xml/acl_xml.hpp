// ACL documents: GetBucketAcl's AccessControlPolicy and the ACL values OSS accepts.
#pragma once

#include <string>
#include <string_view>

namespace ossd::xml {

bool is_valid_bucket_acl(std::string_view acl);  // private | public-read | public-read-write
// <AccessControlPolicy><Owner><ID/><DisplayName/></Owner><AccessControlList><Grant/></AccessControlList></AccessControlPolicy>
std::string render_access_control_policy(std::string_view owner_id, std::string_view grant);

}  // namespace ossd::xml
