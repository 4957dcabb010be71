// session_io.hpp: opening and saving files from the window: sessions and lecture scenarios.
#pragma once
#include "app/gui/frame.hpp"
#include "app/gui/runs/run.hpp"
#include "core/io/tf_playground_link.hpp"

#include <string>
#include <vector>

namespace nnplay {

// [-6, 6]^2 for the generated datasets; a small hand-made set (a truth table) gets a view fitted
// around it so its points are not lost in a corner.
ViewRect FitView(const Dataset& d);

// What the window draws smoothly (a network diagram with every edge and a map per node): 8 hidden
// layers of 16 units (what its + buttons offer) keep a frame under 16 ms of the UI thread; 8 of
// 64 took 37 ms. A file beyond it is refused by the window with the reason; the command line
// takes it. 20,000 points is the window's data limit: drawn as sprites (point_sprites.hpp), they
// keep a training frame at p50 10 ms, p99 17 ms under Xvfb (they took 155 ms as polygons).
inline constexpr int kWindowMaxHidden = 8, kWindowMaxUnits = 16, kWindowMaxPoints = 20000;
// Throws UserError naming the field and the limit (e.g. network.hidden[0].units: 512).
void CheckFitsTheWindow(const SessionFile& f);
// The same limits from a session file's summary (its first 4 KB), before the file is read whole:
// a 100,000-point file is refused at once. Throws UserError starting with `path`; a file without a
// summary passes (CheckFitsTheWindow checks it once read).
void CheckSummaryFitsTheWindow(const std::string& path);
// The same limits on a file's summary (points, units per hidden layer): "" when it fits, else why.
std::string WindowLimitProblem(size_t points, const std::vector<int>& hidden);

// Throws UserError (with the reason) if the file cannot be written.
void SaveSession(const SessionFile& f, const std::string& path);

// Opens what the user named in the running window: a session or scenario file (a scenario opens
// in step-through mode), a TensorFlow Playground link (its setup, with what had no exact
// equivalent said), points as CSV (.csv, .tsv: ImportPoints), or an image session
// (OpenImageSessionFile). A broken file changes nothing
// and says why (toast). What the window held before is kept in ui.Files.BeforeOpen. True if opened.
bool OpenPlaygroundFile(UiState& ui, Run& run, const std::string& path);

// What the window holds (session, curves, view, undo history) kept in ui.Files.BeforeOpen, before
// `opened` (a file, a lesson) replaces it: File > "Back to before <opened>" puts it back.
void KeepSessionBeforeOpen(UiState& ui, Run& run, const std::string& opened);

// An image-mode session (image_session_file.hpp): its images are read off this thread and the
// image mode goes on where the session was (ui.Images.ImageRequest); a broken file says why (toast).
// `remove_once_open`: an autosave being restored, removed once the session is back; the
// session is then not the file's document.
bool OpenImageSessionFile(UiState& ui, const std::string& path, const std::string& remove_once_open = "");

// A session from a file name or a link (a playground's or nnplay's own), as --load takes it before
// the window opens (CSV points get the default settings). `notes`: what a link could not say exactly.
SessionFile LoadForWindow(const std::string& what, std::vector<std::string>& notes);

// What the window calls what was opened from `what`: "playground link", "session link", or the
// file's name (a run's data label, File > "Back to before ...").
std::string OpenedName(const std::string& what);

// Points from a CSV file replace the dataset; the network and settings stay (Ctrl+Z undoes).
// A file without a split column is split by the Data panel's "% training".
bool ImportPoints(UiState& ui, Run& run, const std::string& path);

// A new dataset for the run, as one undoable step named `what`: the loss falls back to the
// squared error where cross-entropy cannot fit values.
void ReplaceDataset(UiState& ui, Run& run, Dataset data, const std::string& label, const std::string& what,
                    const ViewRect& view);

// Where the window keeps the session it had when it was last closed:
// $XDG_DATA_HOME/nnplay/last-session.json, else ~/.local/share/nnplay/ ("" without a HOME).
std::string LastSessionPath();

// Saves the session there (creating the folder); on failure says why on stderr.
void SaveLastSession(const SessionFile& f);

// Puts back what the window held before the last file was opened (File menu).
void RestoreSessionBeforeOpen(UiState& ui, Run& run);

// What the window held when a lesson last opened (ui.Files.BeforeOpen), also written to
// $XDG_DATA_HOME/nnplay/before-lesson.json (and before-lesson-images.json when the image mode's
// run was kept too), so that a window killed during the lesson loses none of it: a later window's
// File menu opens them again (RestoreBeforeLastLesson), as work no file holds.
void KeepBeforeLessonOnDisk(const UiState& ui);
bool BeforeLastLessonKept();
void RestoreBeforeLastLesson(UiState& ui, Run& run);

// The files shipped in assets/<folder> (scenarios, sessions), titled by their "name" field.
std::vector<LibraryEntry> ListLibrary(const std::string& folder);

// A playground link opened: the Data panel shows its dataset (name, points, noise, split, seed)
// and its view options, so it can be regenerated and varied.
void ShowLinkDataset(UiState& ui, Run& run, const TfPlaygroundSetup& link);

} // namespace nnplay
