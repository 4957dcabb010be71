// native_chooser.cpp: zenity or kdialog, run without a shell (the path and title are arguments,
// never parsed), their answer read from a pipe.
#include "app/gui/platform/native_chooser.hpp"

#include "app/gui/platform/portal_chooser.hpp"
#include "core/util/worker_loop.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace nnplay {

namespace {

std::optional<std::string> OnPath(const std::string& name) {
    const char* path = std::getenv("PATH");
    if (!path) return std::nullopt;
    std::string dirs = path;
    for (size_t start = 0; start <= dirs.size();) {
        const size_t colon = dirs.find(':', start);
        const std::string dir =
            dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    return std::nullopt;
}

// Runs argv, returns its first line of output and whether it exited with 0 (a cancel is 1).
// posix_spawn, not fork: this runs on a chooser thread while the window's other threads hold
// locks (the allocator's among them), and a forked child that allocated before exec could wait
// forever on a lock whose owner was not copied into it.
std::optional<std::string> RunAndRead(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return std::nullopt; // no other child inherits either end
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO); // the copy loses O_CLOEXEC
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        close(fds[0]);
        close(fds[1]);
        return std::nullopt;
    }
    close(fds[1]);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) != 0;) {
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (out.size() < 65536) out.append(buf, size_t(n));
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
    const size_t nl = out.find('\n');
    if (nl != std::string::npos) out.resize(nl);
    if (out.empty()) return std::nullopt;
    return out;
}

} // namespace

std::string PlaceShown(const std::string& path) {
    return path;
}

std::optional<Chooser> FindChooser() {
    const char* forced_c = std::getenv("NNPLAY_FILE_DIALOG");
    const std::string forced = forced_c ? forced_c : "";
    if (forced == "typed") return std::nullopt;
    Chooser c;
    c.Portal = forced != "program" && PortalAvailable();
    if (auto z = OnPath("zenity"))
        c.Program = *z;
    else if (auto k = OnPath("kdialog"))
        c.Program = *k;
    if (!c.Portal && c.Program.empty()) return std::nullopt;
    return c;
}

namespace {
std::optional<std::string> RunProgram(const std::string& program, const ChooserRequest& r) {
    std::vector<std::string> argv{program};
    if (std::filesystem::path(program).filename() == "kdialog") {
        argv.push_back(r.Saving ? "--getsavefilename" : "--getopenfilename");
        argv.push_back(r.StartPath.empty() ? "." : r.StartPath);
        if (!r.Filter.empty()) argv.push_back(r.Filter);
        argv.push_back("--title");
        argv.push_back(r.Title);
    } else { // zenity
        argv.push_back("--file-selection");
        argv.push_back("--title=" + r.Title);
        if (r.Saving) {
            argv.push_back("--save");
            argv.push_back("--confirm-overwrite");
        }
        if (!r.StartPath.empty()) argv.push_back("--filename=" + r.StartPath);
        if (!r.Filter.empty()) {
            argv.push_back("--file-filter=" + r.Filter);
            argv.push_back("--file-filter=*");
        }
    }
    return RunAndRead(argv);
}
} // namespace

std::future<std::optional<std::string>> RunChooser(const Chooser& c, const ChooserRequest& r) {
    return RunAsync([c, r]() -> std::optional<std::string> {
        if (c.Portal) {
            try {
                return PortalChoose(r);
            } catch (const std::runtime_error& e) { // said on stderr; the program, if any, asks instead
                std::fprintf(stderr, "nnplay: the desktop portal's file chooser failed (%s)%s\n", e.what(),
                             c.Program.empty() ? "" : "; using the chooser program instead");
            }
        }
        if (c.Program.empty()) return std::nullopt;
        return RunProgram(c.Program, r);
    });
}

std::future<std::string> FetchImageSet(const std::string&) {
    std::promise<std::string> ready; // the files are where the folder says
    ready.set_value("");
    return ready.get_future();
}

bool ImageSetAvailable(const std::string& folder) {
    std::error_code ec;
    return std::filesystem::is_directory(folder, ec);
}

} // namespace nnplay
