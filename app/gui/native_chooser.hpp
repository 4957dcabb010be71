// native_chooser.hpp: the desktop's own file chooser, where one is installed (zenity on GNOME
// and most desktops, kdialog on KDE), run as a separate program on a thread of its own so the
// window keeps drawing (and training) while the user picks a file. Without one, the window's
// typed-path dialog is used (FindChooser returns nothing).
#pragma once
#include <future>
#include <optional>
#include <string>

namespace nnplay {

struct ChooserRequest {
    std::string Title;
    std::string StartPath; // the folder, or the file name proposed for a save
    bool Saving = false;   // a save asks before replacing a file
    std::string Filter;    // e.g. "*.json *.csv": the patterns offered first
};

// The chooser program's full path, or nothing: none installed, or NNPLAY_FILE_DIALOG=typed.
std::optional<std::string> FindChooser();

// The path picked, or nothing when the user cancelled (or the program failed).
std::future<std::optional<std::string>> RunChooser(const std::string& program, const ChooserRequest& request);

} // namespace nnplay
