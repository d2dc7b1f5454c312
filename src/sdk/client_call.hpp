// One signed request as the Client builds it (client.cpp, client_object.cpp).
#pragma once

#include <string>
#include <utility>

#include "internal.hpp"
#include "ossd/client.hpp"

namespace ossd::sdk {

struct Client::Call {
  Call(std::string m, std::string b = {}, std::string k = {})
      : method(std::move(m)), bucket(std::move(b)), key(std::move(k)) {}

  std::string method;
  std::string bucket;
  std::string key;
  auth::QueryPairs queries;
  HeaderList headers;
  BodyReader body;
  uint64_t body_size = 0;
  ProgressFn progress;
};

}  // namespace ossd::sdk
