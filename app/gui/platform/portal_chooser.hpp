// portal_chooser.hpp: the desktop's file chooser through the XDG desktop portal
// (org.freedesktop.portal.FileChooser on the session bus): GNOME's, KDE's or any desktop's own
// dialog, also inside Flatpak and Snap sandboxes, without a helper program.
#pragma once
#include "app/gui/platform/native_chooser.hpp"

#include <optional>
#include <string>

namespace nnplay {

// Whether the session bus has the portal, running or startable on demand (asked in < 1 s).
bool PortalAvailable();

// Asks the portal (blocks until the user answers): the path picked, nothing when cancelled.
// Throws std::runtime_error when the portal fails or answers nonsense.
std::optional<std::string> PortalChoose(const ChooserRequest& request);

// "file:///tmp/a%20b.csv" -> "/tmp/a b.csv"; nothing for another scheme or a broken escape.
std::optional<std::string> PathFromFileUri(const std::string& uri);

} // namespace nnplay
