// CLI11 wiring of `ossctl admin` (admin.hpp). Kept out of main.cpp so the command tree of the
// admin API does not crowd the object commands; it is the second and last file that includes
// CLI11.
#include <CLI/CLI.hpp>

#include "admin.hpp"

namespace ossd::cli {
namespace {

// A leaf subcommand that records its own path ("user create") in args.command when chosen.
CLI::App* leaf(CLI::App& group, const std::string& name, const std::string& help,
               AdminArgs& args) {
  CLI::App* sub = group.add_subcommand(name, help);
  const std::string path = group.get_name() + " " + name;
  sub->parse_complete_callback([&args, path] { args.command = path; });
  return sub;
}

// `count` positionals into args.names, shown in help as `what` ("USER KEYID").
void names(CLI::App* sub, AdminArgs& args, const std::string& what, std::size_t count) {
  std::string name = what.substr(0, what.find(' '));
  sub->add_option(name, args.names, what)->required()->expected(static_cast<int>(count));
}

void add_user(CLI::App& admin, AdminArgs& a) {
  CLI::App* g = admin.add_subcommand("user", "RAM users");
  g->require_subcommand(1);
  CLI::App* create = leaf(*g, "create", "create a user", a);
  names(create, a, "NAME", 1);
  create->add_option("--display-name", a.display_name, "display name");
  create->add_option("--comments", a.comments, "free text");
  leaf(*g, "ls", "list users", a);
  names(leaf(*g, "show", "show a user, its keys and attached policies", a), a, "NAME", 1);
  names(leaf(*g, "rm", "delete a user (without keys or policies)", a), a, "NAME", 1);
}

void add_key(CLI::App& admin, AdminArgs& a) {
  CLI::App* g = admin.add_subcommand("key", "access keys of RAM users");
  g->require_subcommand(1);
  names(leaf(*g, "create", "create a key (the secret is shown once)", a), a, "USER", 1);
  names(leaf(*g, "ls", "list a user's keys", a), a, "USER", 1);
  names(leaf(*g, "disable", "set a key Inactive", a), a, "USER KEYID", 2);
  names(leaf(*g, "enable", "set a key Active", a), a, "USER KEYID", 2);
  names(leaf(*g, "rm", "delete a key", a), a, "USER KEYID", 2);
}

// --user U | --role R. (require_option would count the positional too; admin.cpp checks that
// attach/detach got one.)
void target(CLI::App* sub, AdminArgs& a) {
  CLI::Option* user = sub->add_option("--user", a.user, "RAM user");
  CLI::Option* role = sub->add_option("--role", a.role, "RAM role");
  user->excludes(role);
}

void add_policy(CLI::App& admin, AdminArgs& a) {
  CLI::App* g = admin.add_subcommand("policy", "custom RAM policies and their attachments");
  g->require_subcommand(1);
  CLI::App* create = leaf(*g, "create", "create a policy from a JSON document", a);
  names(create, a, "NAME FILE.json|-", 2);
  create->add_option("--description", a.description, "free text");
  target(leaf(*g, "ls", "list policies (--user/--role: those attached there)", a), a);
  names(leaf(*g, "show", "show a policy and its document", a), a, "NAME", 1);
  names(leaf(*g, "rm", "delete a policy (detached everywhere)", a), a, "NAME", 1);
  for (const char* verb : {"attach", "detach"}) {
    CLI::App* sub = leaf(*g, verb, std::string(verb) + " a policy to/from --user U or --role R", a);
    names(sub, a, "NAME", 1);
    target(sub, a);
  }
}

void add_role(CLI::App& admin, AdminArgs& a) {
  CLI::App* g = admin.add_subcommand("role", "RAM roles");
  g->require_subcommand(1);
  CLI::App* create = leaf(*g, "create", "create a role", a);
  names(create, a, "NAME", 1);
  create->add_option("--max-session", a.max_session, "longest STS session, seconds (3600..43200)");
  create->add_option("--trust", a.trust_file,
                     "trust policy JSON file or - (default: the account itself may assume)");
  create->add_option("--description", a.description, "free text");
  CLI::App* update = leaf(*g, "update", "change a role's trust policy, description or maximum session", a);
  names(update, a, "NAME", 1);
  update->add_option("--max-session", a.max_session, "longest STS session, seconds (3600..43200)");
  update->add_option("--trust", a.trust_file, "new trust policy JSON file or -");
  // An empty --description clears it, so "given" is told apart from "absent".
  update->add_option_function<std::string>(
      "--description", [&a](const std::string& v) { a.new_description = v; }, "new free text");
  leaf(*g, "ls", "list roles", a);
  names(leaf(*g, "show", "show a role and its trust policy", a), a, "NAME", 1);
  names(leaf(*g, "rm", "delete a role (without attached policies)", a), a, "NAME", 1);
}

void add_sts(CLI::App& admin, AdminArgs& a) {
  CLI::App* g = admin.add_subcommand("sts", "temporary credentials");
  g->require_subcommand(1);
  CLI::App* assume = leaf(*g, "assume-role", "print OSS_* variables of an STS session", a);
  names(assume, a, "ROLE (arn or name)", 1);
  assume->add_option("--session", a.session, "RoleSessionName")->default_str("ossctl");
  assume->add_option("--duration", a.duration, "DurationSeconds: 900..role max (3600, 15m, 1h)");
  assume->add_option("--policy", a.policy_file, "JSON file or - narrowing the session's rights");
  assume->add_flag("--export", a.export_vars, "prefix each line with `export ` (for eval)");
}

}  // namespace

void add_admin(CLI::App& app, AdminArgs& a) {
  CLI::App* admin = app.add_subcommand("admin", "identities on ossd: users, keys, policies, roles, STS");
  admin->require_subcommand(1);
  admin->add_flag("--json", a.json, "print the server's JSON answer as it came");
  add_user(*admin, a);
  add_key(*admin, a);
  add_policy(*admin, a);
  add_role(*admin, a);
  add_sts(*admin, a);
  CLI::App* whoami = admin->add_subcommand("whoami", "who the credentials are (GetCallerIdentity)");
  whoami->parse_complete_callback([&a] { a.command = "whoami"; });
}

}  // namespace ossd::cli
