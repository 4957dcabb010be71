// cli.hpp: the command-line verbs of the nnplay binary (no window is opened for these).
#pragma once
#include "core/train/diagnosis.hpp"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace nnplay {

// Exit statuses: 0 success; 1 the input or the run failed (unreadable scenario, divergence);
// 2 bad command-line arguments (one line on stderr naming the argument).
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// True when args (without the program name) ask for a verb, --help or --version rather than
// the window.
bool IsCommandLineVerb(const std::vector<std::string>& args);
int RunCommandLine(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

int RunStepCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunCompareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunTrainCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunDataCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The findings as `diagnose --json` and `train --json` print them.
nlohmann::json FindingsJson(const std::vector<Finding>& findings);
int RunDiagnoseCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunLessonCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// An update as a printable worksheet (HTML on stdout), or its answer key.
int RunWorksheetCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunBenchCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

std::string HelpText();

} // namespace nnplay
