// action_log.hpp: the window's actions as a file, to play a session back exactly (--record FILE,
// --replay FILE). One JSON object a line: first the session the window started from, then each
// action with when it was done: {"t": seconds since the start, "update": the main run's update
// on screen, "running": whether it trained, "action": "next_phase", ...}. Only core types: the
// log is read and written without a window (and tested so).
#pragma once
#include "app/gui/action.hpp"
#include "core/io/session_file.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace nnplay {

nlohmann::json ActionToJson(const Action& a);
// Throws UserError naming the field (under `where`) for an unknown action or a bad value.
Action ActionFromJson(const nlohmann::json& j, const std::string& where);

struct LoggedAction {
    double Seconds = 0.0; // since the window started
    long Update = 0;      // of the run the window showed (the image mode's when in front)
    bool Running = false; // whether that run was training
    Action What;
};

struct ActionLog {
    SessionFile Start; // what the window showed when the log began
    std::vector<LoggedAction> Actions;
};

// Reads a whole log; throws UserError with the file and line for a broken one.
ActionLog ReadActionLog(const std::string& path);

// Writes a log as the actions happen: each line is flushed, so a window that crashes or is killed
// leaves every action before it in the file.
class ActionRecorder {
  public:
    // Throws UserError when the file cannot be written.
    ActionRecorder(const std::string& path, const SessionFile& start);
    ~ActionRecorder();
    ActionRecorder(const ActionRecorder&) = delete;
    ActionRecorder& operator=(const ActionRecorder&) = delete;
    void Write(const LoggedAction& a);
    const std::string& Path() const { return m_path; }

  private:
    std::string m_path;
    std::FILE* m_file = nullptr;
};

} // namespace nnplay
