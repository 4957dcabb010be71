// asset_paths.hpp: where the shipped files (lecture scenarios, example sessions) are, found
// from where the binary is: an installed nnplay reads <prefix>/share/nnplay/assets, a build tree
// the assets/ link CMake puts beside the binary. No build machine's path is compiled in.
#pragma once
#include <string>

namespace nnplay {

// The assets folder, or "" if none is found (the File menu then lists no shipped files).
// $NNPLAY_ASSETS overrides.
std::string AssetsDir();

} // namespace nnplay
