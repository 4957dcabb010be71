// native_chooser.hpp: the desktop's own file chooser: the XDG desktop portal where the session
// bus has one (portal_chooser.hpp), else a chooser program where one is installed (zenity on
// GNOME and most desktops, kdialog on KDE). It runs on a thread of its own so the window keeps
// drawing (and training) while the user picks a file. Without either, the window's typed-path
// dialog is used (FindChooser returns nothing).
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
    // Several files that belong together (an image set's four): the page's picker takes them all
    // at once and answers with one of them in a folder of their own; the desktop's picks one of
    // them, its folder holding the rest.
    bool Several = false;
};

struct Chooser {
    bool Portal = false;
    std::string Program; // zenity or kdialog's full path; with Portal, the fallback if it fails
};

// The desktop's chooser, or nothing: neither a portal nor a program, or NNPLAY_FILE_DIALOG=typed.
// NNPLAY_FILE_DIALOG=program skips the portal.
std::optional<Chooser> FindChooser();

// How the window names a file it wrote or opened at `path`: the path itself on the desktop; in
// the browser, the name the user's downloads (or the file picked) have.
std::string PlaceShown(const std::string& path);

// The path picked, or nothing when the user cancelled (or the chooser failed).
std::future<std::optional<std::string>> RunChooser(const Chooser& chooser, const ChooserRequest& request);

// An image set's folder made readable here; the future holds "" or why not. On the desktop its
// files are on disk (ready at once). The page fetches the Fashion-MNIST its site ships beside it
// (scripts/web.sh puts it in fashion-mnist/) into its own files at FashionMnistDir(), unpacked.
std::future<std::string> FetchImageSet(const std::string& folder);
// Whether FetchImageSet(folder) can find the set: the folder is there, or the page's site ships it.
bool ImageSetAvailable(const std::string& folder);

} // namespace nnplay
