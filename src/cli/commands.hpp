// ossctl's commands, one function per command, called by main.cpp once CLI11 has filled the
// argument structs. Each returns the process exit code (args.hpp: 0 ok, 1 failed, 2 usage).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config.hpp"

namespace ossd::cli {

// Options every command accepts.
struct GlobalArgs {
  Profile flags;                           // --access-key-id ... --endpoint
  std::optional<std::string> config_path;  // --config
};

struct SignArgs {
  std::string method;
  std::string uri;
  std::string expires = "1h";
  std::string content_type;
  std::string content_md5;
  std::vector<std::string> headers;  // "K:V"
  std::vector<std::string> queries;  // "K=V"
  std::vector<std::string> additional_headers;
  bool v1 = false;
  std::string date;  // empty: now
};

int run_sign(const GlobalArgs& global, const SignArgs& args);

// ossctl share upload|download (share.cpp).
struct ShareArgs {
  std::string uri;
  std::string expires = "1h";
  std::string max_size = "5GiB";  // upload: content-length-range maximum
  std::string date;               // signing time; empty: now
};
int run_share_upload(const GlobalArgs& global, const ShareArgs& args);
int run_share_download(const GlobalArgs& global, const ShareArgs& args);

int run_mb(const GlobalArgs& global, const std::string& uri);
int run_rb(const GlobalArgs& global, const std::string& uri);
int run_ls(const GlobalArgs& global, const std::string& uri);  // "" lists buckets

int run_cp(const GlobalArgs& global, const std::string& from, const std::string& to,
           const std::string& content_type);
int run_rm(const GlobalArgs& global, const std::string& uri);
int run_stat(const GlobalArgs& global, const std::string& uri);

}  // namespace ossd::cli
