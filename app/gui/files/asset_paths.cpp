// asset_paths.cpp: finding the shipped files relative to the running binary.
#include "app/gui/files/asset_paths.hpp"

#include <cstdlib>
#include <filesystem>

namespace nnplay {

std::string AssetsDir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (const char* env = std::getenv("NNPLAY_ASSETS"); env && *env) return env;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return "";
    for (const fs::path& candidate :
         {exe.parent_path() / "assets",                                     // a build tree
          exe.parent_path().parent_path() / "share" / "nnplay" / "assets"}) // installed
        if (fs::is_directory(candidate / "scenarios", ec)) return candidate.string();
    return "";
}

} // namespace nnplay
