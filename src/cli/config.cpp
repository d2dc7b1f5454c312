#include "config.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "args.hpp"
#include "common/encoding.hpp"

namespace ossd::cli {
namespace {

sdk::Error invalid(std::string message) {
  return sdk::local_error(sdk::Error::kInvalidArgument, std::move(message));
}

std::optional<bool> parse_bool(std::string_view v) {
  const std::string s = to_lower(v);
  if (s == "true" || s == "1" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "0" || s == "no" || s == "off") return false;
  return std::nullopt;
}

// Applies one `key = value` setting; false for an unknown key or a bad value.
bool apply_setting(Profile& p, const std::string& key, const std::string& value) {
  if (key == "access_key_id") p.access_key_id = value;
  else if (key == "access_key_secret") p.access_key_secret = value;
  else if (key == "security_token") p.security_token = value;
  else if (key == "region") p.region = value;
  else if (key == "endpoint") p.endpoint = value;
  else if (key == "path_style") {
    p.path_style = parse_bool(value);
    return p.path_style.has_value();
  } else {
    return false;
  }
  return true;
}

template <class T>
std::optional<T> first(const std::optional<T>& a, const std::optional<T>& b,
                       const std::optional<T>& c) {
  return a ? a : b ? b : c;
}

std::string mask(const std::optional<std::string>& secret) {
  if (!secret || secret->empty()) return "(not set)";
  return secret->substr(0, 2) + "****";
}

}  // namespace

sdk::Result<Profile> parse_config_text(std::string_view text, std::string_view origin) {
  Profile p;
  std::istringstream in{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string_view l = trim(line);
    if (l.empty() || l.front() == '#' || l.front() == ';') continue;
    const auto eq = l.find('=');
    const std::string where = std::string(origin) + ":" + std::to_string(number);
    if (eq == std::string_view::npos) return invalid(where + ": expected `key = value`");
    const std::string key = to_lower(trim(l.substr(0, eq)));
    if (!apply_setting(p, key, std::string(trim(l.substr(eq + 1))))) {
      return invalid(where + ": unknown key or bad value for '" + key + "'");
    }
  }
  return p;
}

Profile profile_from_env(const EnvLookup& getenv) {
  auto get = [&](const char* name) -> std::optional<std::string> {
    const char* v = getenv(name);
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
  };
  Profile p;
  p.access_key_id = get("OSS_ACCESS_KEY_ID");
  p.access_key_secret = get("OSS_ACCESS_KEY_SECRET");
  p.security_token = get("OSS_SESSION_TOKEN");
  p.region = get("OSS_REGION");
  p.endpoint = get("OSS_ENDPOINT");
  return p;
}

Profile merge_profiles(const Profile& flags, const Profile& env, const Profile& file) {
  Profile out;
  for (const Profile* source : {&flags, &env, &file}) {
    if (source->access_key_id) {
      out.access_key_id = source->access_key_id;
      out.access_key_secret = source->access_key_secret;
      out.security_token = source->security_token;
      break;
    }
  }
  out.region = first(flags.region, env.region, file.region);
  out.endpoint = first(flags.endpoint, env.endpoint, file.endpoint);
  out.path_style = first(flags.path_style, env.path_style, file.path_style);
  return out;
}

sdk::ClientOptions client_options(const Profile& p) {
  sdk::ClientOptions o;
  o.credentials = {p.access_key_id.value_or(""), p.access_key_secret.value_or(""),
                   p.security_token.value_or("")};
  if (p.region) o.region = sdk::region_id(*p.region);
  o.endpoint = p.endpoint.value_or("");
  o.path_style = p.path_style;
  return o;
}

sdk::Result<Profile> load_config_file(const std::optional<std::string>& explicit_path) {
  std::string path;
  if (explicit_path) {
    path = *explicit_path;
  } else {
    const char* home = std::getenv("HOME");
    if (home == nullptr) return Profile{};
    path = std::string(home) + "/.ossctl.conf";
    if (!std::filesystem::exists(path)) return Profile{};
  }
  std::ifstream in(path);
  if (!in) return invalid("cannot read config file " + path);
  std::stringstream text;
  text << in.rdbuf();
  return parse_config_text(text.str(), path);
}

sdk::Result<sdk::ClientOptions> resolve_options(const Profile& flags,
                                                const std::optional<std::string>& config_path) {
  auto file = load_config_file(config_path);
  if (!file) return file.error();
  const Profile env = profile_from_env([](const char* name) { return std::getenv(name); });
  return client_options(merge_profiles(flags, env, *file));
}

int run_config(const Profile& flags, const std::optional<std::string>& config_path) {
  auto options = resolve_options(flags, config_path);
  if (!options) {
    std::cerr << "ossctl: " << options.error().message << "\n";
    return kExitUsage;
  }
  const sdk::EndpointParts ep = sdk::split_endpoint(*options);
  std::cout << "access_key_id     = " << options->credentials.access_key_id << "\n"
            << "access_key_secret = " << mask(options->credentials.access_key_secret) << "\n"
            << "security_token    = " << mask(options->credentials.security_token) << "\n"
            << "region            = " << options->region << "\n"
            << "endpoint          = " << ep.scheme << "://" << ep.host << "\n"
            << "path_style        = " << (sdk::effective_path_style(*options) ? "true" : "false")
            << "\n";
  return kExitOk;
}

}  // namespace ossd::cli
