// autosave.cpp: periodic background saves and finding the ones a crashed window left.
#include "app/gui/autosave.hpp"

#include "app/gui/xdg_paths.hpp"

#include "core/error.hpp"
#include "core/session_file.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <unistd.h>

namespace nnplay {

namespace {

std::string LockPath(const std::string& autosave) {
    return autosave.substr(0, autosave.size() - 5) + ".lock"; // autosave-<pid>.json -> .lock
}

// Is `pid` a running nnplay (not a process that got the number later)? For autosaves without a
// lock file (written by an nnplay older than the lock); a dead process's pid can still exist for
// a moment (a zombie not yet reaped), which the lock does not mistake.
bool IsRunningNnplay(long pid) {
    if (pid <= 0 || kill(pid_t(pid), 0) != 0) return false;
    std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    return !comm || (std::getline(comm, name) && name.rfind("nnplay", 0) == 0);
}

// Is the window `pid` whose files are in `dir` still open? Its lock says so; without a lock
// file (an older nnplay), whether the pid is a running nnplay.
bool WindowAlive(const std::string& dir, long pid) {
    if (pid == long(getpid())) return true;
    const std::string lock =
        (std::filesystem::path(dir) / ("autosave-" + std::to_string(pid) + ".lock")).string();
    std::error_code ec;
    return std::filesystem::exists(lock, ec) ? IsLockHeld(lock) : IsRunningNnplay(pid);
}

} // namespace

std::string AutosaveDir() {
    return StateDir();
}

Autosaver::Autosaver(double interval) : m_interval(interval) {
    const std::string dir = AutosaveDir();
    if (!dir.empty() && interval > 0)
        m_path = (std::filesystem::path(dir) / ("autosave-" + std::to_string(getpid()) + ".json")).string();
}

void Autosaver::Tick(double now, const Run& run, bool force) {
    if (m_path.empty() || !run.Settled()) return;
    if (m_write.valid()) {
        if (m_write.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return; // still writing
        m_error = m_write.get();
    }
    if (!force && now - m_last < m_interval) return;
    if (!force && run.Version() == m_written) return; // nothing new
    m_last = now;
    m_written = run.Version();
    SessionFile f = run.SessionWithHistory(); // taken here (main thread), written there
    const std::string path = m_path;
    if (!m_lock) { // before the first autosave exists, so no other window ever sees it unlocked
        std::error_code ec;
        std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
        m_lock.emplace(LockPath(path));
    }
    m_write = std::async(std::launch::async, [f = std::move(f), path]() -> std::string {
        std::error_code ec; // again: the folder may have been removed since the lock was taken
        std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
        try {
            SaveSessionFile(f, path);
        } catch (const UserError& e) {
            return e.what();
        }
        return "";
    });
}

void Autosaver::Finish(bool remove) {
    if (m_write.valid()) m_error = m_write.get();
    if (remove && !m_path.empty()) {
        std::error_code ec;
        std::filesystem::remove(m_path, ec);
        if (m_lock) m_lock->Release();
    }
}

void RemoveOrphanAutosave(const std::string& path) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    const std::string lock = LockPath(path);
    if (!IsLockHeld(lock)) std::filesystem::remove(lock, ec);
}

std::optional<OrphanAutosave> FindOrphanAutosave() {
    const std::string dir = AutosaveDir();
    std::error_code ec;
    if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return std::nullopt;
    std::optional<OrphanAutosave> newest;
    std::filesystem::file_time_type newest_time;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(".autosave-", 0) == 0) { // a write cut short by a kill: gone with its window
            if (!WindowAlive(dir, std::strtol(name.c_str() + 10, nullptr, 10)))
                std::filesystem::remove(entry.path(), ec);
            continue;
        }
        if (name.rfind("autosave-", 0) != 0) continue;
        if (entry.path().extension() == ".lock") { // a dead window's lock whose autosave is gone
            std::filesystem::path json = entry.path();
            json.replace_extension(".json");
            if (!std::filesystem::exists(json, ec) && !IsLockHeld(entry.path().string()))
                std::filesystem::remove(entry.path(), ec);
            continue;
        }
        if (entry.path().extension() != ".json") continue;
        if (WindowAlive(dir, std::strtol(name.c_str() + 9, nullptr, 10))) continue; // still open (or ours)
        const auto t = entry.last_write_time(ec);
        if (newest && t <= newest_time) continue;
        try {
            const SessionFile f = LoadSessionFile(entry.path().string());
            const std::time_t when =
                std::time(nullptr) - std::time_t(std::chrono::duration_cast<std::chrono::seconds>(
                                                     std::filesystem::file_time_type::clock::now() - t)
                                                     .count());
            char text[32];
            std::strftime(text, sizeof text, "%H:%M", std::localtime(&when));
            newest = OrphanAutosave{entry.path().string(), text, f.Updates, f.Data.Points.size()};
            newest_time = t;
        } catch (const UserError&) {
            // a broken autosave (a full disk mid-write cannot make one; a hand edit can): not offered
        }
    }
    return newest;
}

} // namespace nnplay
