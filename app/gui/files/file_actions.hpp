// file_actions.hpp: everything the window reads or writes as files (open, save, import, export)
// through the desktop's file chooser where one is installed, else a typed path; the document's
// name and unsaved mark in the title; the question before closing with unsaved changes.
#pragma once
#include "app/gui/frame.hpp"
#include "app/gui/runs/image_mode.hpp"
#include "app/gui/runs/run.hpp"

#include <string>
#include <vector>

namespace nnplay {

// Asks where (or what) for `action`, then does it: the file chooser runs beside the window (it
// keeps drawing and training); the typed-path dialog opens on the last folder used. A save
// proposes `document` (the file the session came from) when given.
void AskForFile(UiState& ui, FileAction action, const std::string& document = "");
// Does `action` on `path` (or a playground link, for Open), with a toast saying what happened.
void DoFileAction(UiState& ui, Run& run, FileAction action, const std::string& path);
// The same, not said to the action log (the log's replay).
void CarryOutFile(UiState& ui, Run& run, FileAction action, const std::string& path);

// The typed-path dialog, the chooser's answer, and the unsaved-changes question. Once a frame.
void DrawFileDialogs(UiState& ui, Run& run, const ImageMode& images);
// The File menu's entries for files (open, recent, save, import, export, the playground link).
void DrawFileMenuItems(UiState& ui, Run& run);

// Once a frame: a save asked for (ui.Images.ImageSaveTo) is written as soon as the trainer hands the
// session over; then it is the document, its path is in Open recent, and a toast says so (or
// why it failed). With ui.Files.CloseAfterSave, the window may close once it is written.
void SaveImageSessionWhenKept(UiState& ui, ImageMode& m);

// The session changed since it was opened or saved: edits, training, settings.
bool HasUnsavedChanges(const UiState& ui, const Run& run);
// The title ("name.json • - nnplay" while unsaved; the image session's while the image mode is
// shown) in ui.Files.Title: true when it changed.
bool UpdateWindowTitle(UiState& ui, const Run& run, const ImageMode& images);
// Files dropped on the window since the last frame: the first is opened; more are named in the toast.
void OpenDroppedFiles(UiState& ui, Run& run, const std::vector<std::string>& dropped);

// A file opened or saved: first in File > Open recent (at most kMaxRecent), its folder the next
// dialog's start.
inline constexpr size_t kMaxRecent = 10;
void NoteRecentFile(UiState& ui, const std::string& path);

} // namespace nnplay
