// atomic_file.hpp: writing a file the user named so that nothing is lost whatever happens: the
// old file stays whole until the new one is complete on disk, and a failure says why.
#pragma once
#include <string>

namespace nnplay {

// Writes `text` to `path`: into a temporary file beside the target, fsynced, then renamed over
// it (and the folder fsynced), so a crash or a full disk leaves either the old file or the new
// one, never half of one, and no temporary behind. A symbolic link is followed: the file it
// names is replaced and the link stays. The existing file's permissions are kept.
// Throws UserError (starting with the path) for an empty path, a target that exists but is not
// a regular file (a folder, a device such as /dev/full, a FIFO), a missing folder, a read-only
// place, a full disk, a link loop; the old file is then untouched.
void WriteFileAtomically(const std::string& path, const std::string& text);

} // namespace nnplay
