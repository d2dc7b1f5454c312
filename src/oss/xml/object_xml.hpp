// Object-family documents: DeleteMultipleObjects request/response, CopyObjectResult.
#pragma once

#include "oss/errors.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ossd::xml {

struct DeleteRequest {
  bool quiet = false;
  std::vector<std::string> keys;  // in request order; at most 1000 (else MalformedXML)
};
// <Delete><Quiet>true</Quiet><Object><Key>k</Key></Object>...</Delete>. MalformedXML when
// the XML is bad, has no Object, or more than 1000.
Result<DeleteRequest> parse_delete_request(std::string_view body);

// <DeleteResult>[<EncodingType>url</EncodingType>]<Deleted><Key>k</Key></Deleted>...</DeleteResult>
std::string render_delete_result(const std::vector<std::string>& deleted_keys, bool url_encode);

// <CopyObjectResult><ETag>"..."</ETag><LastModified>ISO8601</LastModified></CopyObjectResult>
std::string render_copy_result(std::string_view etag, int64_t last_modified_ms);

}  // namespace ossd::xml
