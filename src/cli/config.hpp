// Where ossctl's credentials and endpoint come from, in order: command-line flags, then the
// environment (OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN, OSS_REGION,
// OSS_ENDPOINT), then a config file (--config FILE, else ~/.ossctl.conf) of `key = value` lines.
// Credentials are taken as a group (id, secret and token from the first source that names an
// access key id) so a token from one source is never paired with keys from another; region,
// endpoint and path_style are taken field by field. Pure apart from the load_* functions,
// which read files and the environment.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "ossd/credentials.hpp"
#include "ossd/error.hpp"

namespace ossd::cli {

struct Profile {
  std::optional<std::string> access_key_id;
  std::optional<std::string> access_key_secret;
  std::optional<std::string> security_token;
  std::optional<std::string> region;
  std::optional<std::string> endpoint;
  std::optional<bool> path_style;
};

// `key = value` lines; '#' and ';' start comments; blank lines ignored. Keys: access_key_id,
// access_key_secret, security_token, region, endpoint, path_style (true/false/1/0/yes/no).
// InvalidArgument naming the line for unknown keys or lines without '='.
sdk::Result<Profile> parse_config_text(std::string_view text, std::string_view origin);

using EnvLookup = std::function<const char*(const char*)>;
Profile profile_from_env(const EnvLookup& getenv);

// flags > env > file, with the credential grouping described above.
Profile merge_profiles(const Profile& flags, const Profile& env, const Profile& file);

// The SDK options of a merged profile (region "oss-cn-hangzhou" or "cn-hangzhou").
sdk::ClientOptions client_options(const Profile& profile);

// --config FILE must exist; the default ~/.ossctl.conf is skipped when absent.
sdk::Result<Profile> load_config_file(const std::optional<std::string>& explicit_path);

// Everything together, from the real environment and files.
sdk::Result<sdk::ClientOptions> resolve_options(const Profile& flags,
                                                const std::optional<std::string>& config_path);

// `ossctl config`: the resolved settings, secret masked.
int run_config(const Profile& flags, const std::optional<std::string>& config_path);

}  // namespace ossd::cli
