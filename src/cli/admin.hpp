// ossctl admin: users, access keys, policies, roles and STS through ossd's admin API
// (docs/admin-api.md, docs/ossctl.md "admin"). admin_cli.cpp wires the subcommands into CLI11
// and fills AdminArgs; admin.cpp runs them with the SDK's AdminClient. The server decides who
// may call (root, or users whose policies allow ram:*); ossctl only reports its answer.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ossd::cli {

struct GlobalArgs;

struct AdminArgs {
  std::string command;             // the leaf chosen: "user create", "sts assume-role", ...
  std::vector<std::string> names;  // its positional arguments, in order
  std::string user, role;          // --user / --role
  std::string display_name, comments, description;
  std::optional<std::string> new_description;  // role update --description
  std::string trust_file;    // role create --trust FILE|-
  std::string policy_file;   // sts assume-role --policy FILE|-
  std::string session = "ossctl";
  std::string duration;      // sts assume-role --duration (seconds or 15m, 1h)
  std::string max_session;   // role create --max-session
  bool json = false;         // print the server's JSON answer as it came
  bool export_vars = false;  // sts assume-role: "export NAME=value"
};

// Adds `admin ...` to ossctl's app (admin_cli.cpp; the only other CLI11 user besides main.cpp).
void add_admin(CLI::App& app, AdminArgs& args);

// Runs args.command; the exit code of commands.hpp (0 ok, 1 refused, 2 usage).
int run_admin(const GlobalArgs& global, const AdminArgs& args);

}  // namespace ossd::cli
