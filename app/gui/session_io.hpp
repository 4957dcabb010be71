// session_io.hpp: opening and saving files from the window: sessions and lecture scenarios.
#pragma once
#include "app/gui/frame.hpp"

#include <string>
#include <vector>

namespace nnplay {

// [-6, 6]^2 for the generated datasets; a small hand-made set (a truth table) gets a view fitted
// around it so its points are not lost in a corner.
ViewRect FitView(const Dataset& d);

// The session a snapshot shows: data, settings, weights, counters.
SessionFile SessionOf(const Snapshot& s);

// Throws UserError (with the reason) if the file cannot be written.
void SaveSession(const Snapshot& s, const std::string& path);

// Opens a session or scenario file in the running window; a scenario opens in step-through
// mode. A broken file changes nothing and says why (toast). What the window held before is kept
// in ui.BeforeOpen.
void OpenPlaygroundFile(UiState& ui, const Snapshot& s, Run& run, const std::string& path);

// Where the window keeps the session it had when it was last closed:
// $XDG_DATA_HOME/nnplay/last-session.json, else ~/.local/share/nnplay/ ("" without a HOME).
std::string LastSessionPath();

// Saves the session there (creating the folder); on failure says why on stderr.
void SaveLastSession(const Snapshot& s);

// Puts back what the window held before the last file was opened (File menu).
void RestoreSessionBeforeOpen(UiState& ui, Run& run);

// The files shipped in assets/<folder> (scenarios, sessions), titled by their "name" field.
std::vector<LibraryEntry> ListLibrary(const std::string& folder);

} // namespace nnplay
