// What ossctl prints besides results: errors (OSS Code, Message, RequestId) and the progress
// bar, which is drawn on stderr only when stderr is a terminal so pipes and logs stay clean.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ossd/client.hpp"
#include "ossd/error.hpp"

namespace ossd::cli {

struct GlobalArgs;

// Prints the error to stderr and returns the exit code for it (2 for local argument errors).
int report_error(const sdk::Error& error, const std::string& context);

// Client options from flags/env/file, or the exit code after printing why not.
struct Resolved {
  std::optional<sdk::ClientOptions> options;
  int exit_code = 0;
};
Resolved resolve_or_report(const GlobalArgs& global, bool need_credentials);

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar() { finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Empty when stderr is not a terminal (no progress wanted).
  sdk::ProgressFn callback();
  // Ends the bar's line (if one was drawn) so what follows starts on a fresh line.
  void finish();

 private:
  void draw(uint64_t done, uint64_t total);

  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  int64_t last_draw_ms_ = 0;
  uint64_t last_done_ = 0;
};

}  // namespace ossd::cli
