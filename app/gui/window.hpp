// window.hpp: the playground window.
#pragma once
#include <string>
#include <vector>

namespace nnplay {

// Options: --frames N (render N frames, then exit), --screenshot FILE.png (with --frames: write
// the last frame), --width W, --height H. Returns the process exit status.
int RunWindow(const std::vector<std::string>& args);

} // namespace nnplay
