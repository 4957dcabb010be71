// atomic_file.cpp: temp + fsync + rename, following links, refusing what is not a file.
#include "core/io/atomic_file.hpp"

#include "core/util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace nnplay {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void Fail(const std::string& path, const std::string& what, int err) {
    throw UserError(path + ": " + what + " (" + std::strerror(err) + ")");
}

// Where a write to `path` must land: the end of its chain of symbolic links.
fs::path FinalTarget(const std::string& path) {
    fs::path target = path;
    for (int hops = 0;; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(target, ec))) return target;
        if (hops >= 40) Fail(path, "cannot save there", ELOOP);
        const fs::path next = fs::read_symlink(target, ec);
        if (ec) Fail(path, "cannot follow the link", ec.value());
        target = next.is_absolute() ? next : target.parent_path() / next;
    }
}

bool WriteAll(int fd, const std::string& text) {
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += size_t(n);
    }
    return true;
}

} // namespace

void WriteFileAtomically(const std::string& path, const std::string& text) {
    if (path.empty()) throw UserError("no file name given: nothing was saved");
    const fs::path target = FinalTarget(path);
    struct stat existing {};
    const bool exists = stat(target.c_str(), &existing) == 0;
    if (exists && S_ISDIR(existing.st_mode))
        throw UserError(path + ": is a folder; give a file name to save to");
    if (exists && !S_ISREG(existing.st_mode))
        throw UserError(path +
                        ": is not a regular file (a device, a FIFO or a socket); nnplay saves to files only");
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // Hidden, beside the target (a rename never crosses file systems). Built by append: GCC 12
    // warns falsely (-Wrestrict) about operator+ on a literal and a temporary string.
    std::string name = ".";
    name.append(target.filename().string()).append(".nnplay-XXXXXX");
    std::string temp = (folder / name).string();
    const int fd = mkstemp(temp.data());
    if (fd < 0) Fail(path, "cannot save there", errno);
    // From here on, any failure removes the temporary file: nothing is left behind.
    const auto give_up = [&](const char* what, int err) {
        close(fd);
        unlink(temp.c_str());
        Fail(path, what, err);
    };
    if (exists && fchmod(fd, existing.st_mode & 07777) != 0)
        give_up("cannot keep the file's permissions", errno);
    if (!exists && fchmod(fd, 0644) != 0) give_up("cannot set the file's permissions", errno);
    if (!WriteAll(fd, text)) give_up("writing failed", errno ? errno : EIO);
    if (fsync(fd) != 0) give_up("writing failed", errno);
    if (close(fd) != 0) {
        const int err = errno;
        unlink(temp.c_str());
        Fail(path, "writing failed", err);
    }
    if (rename(temp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        unlink(temp.c_str());
        Fail(path, "cannot replace the file", err);
    }
    // The rename itself reaches the disk only with the folder.
    const int dir = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        fsync(dir);
        close(dir);
    }
}

} // namespace nnplay
