// autosave.cpp: periodic background saves and finding the ones a crashed window left.
#include "app/gui/files/autosave.hpp"

#include "app/gui/platform/xdg_paths.hpp"

#include "app/gui/files/image_session_io.hpp"
#include "app/gui/files/session_io.hpp"
#include "core/io/session_file.hpp"
#include "core/util/error.hpp"
#include "core/util/worker_loop.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <unistd.h>

namespace nnplay {

namespace {

// The lock of the window that wrote `autosave` (autosave-<pid>.json, autosave-<pid>-images.json):
// autosave-<pid>.lock beside it.
std::string LockPath(const std::string& autosave) {
    const std::filesystem::path p(autosave);
    const long pid = std::strtol(p.filename().c_str() + 9, nullptr, 10);
    return (p.parent_path() / ("autosave-" + std::to_string(pid) + ".lock")).string();
}

// `f` written to `path` off the main thread: "" or the reason it failed.
template <class File, class Save>
std::future<std::string> WriteInBackground(File f, std::string path, Save save) {
    return RunAsync([f = std::move(f), path = std::move(path), save]() -> std::string {
        std::error_code ec; // again: the folder may have been removed since the lock was taken
        std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
        try {
            save(f, path);
        } catch (const UserError& e) {
            return e.what();
        }
        return "";
    });
}

// The number this window's autosave files carry: its process id, or $NNPLAY_WINDOW_ID when set (the
// browser page sets a new one each visit: there every page has the same process id, and the last
// visit's autosave would be taken for this one's).
long WindowId() {
    const char* id = std::getenv("NNPLAY_WINDOW_ID");
    const long set = id ? std::strtol(id, nullptr, 10) : 0;
    return set > 0 ? set : long(getpid());
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
    if (pid == WindowId()) return true;
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
    if (dir.empty() || interval <= 0) return;
    const std::string stem = "autosave-" + std::to_string(WindowId());
    m_path = (std::filesystem::path(dir) / (stem + ".json")).string();
    m_imagesPath = (std::filesystem::path(dir) / (stem + "-images.json")).string();
}

bool Autosaver::Writing(std::future<std::string>& write) {
    if (!write.valid()) return false;
    if (write.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return true;
    m_error = write.get();
    return false;
}

void Autosaver::TakeLock() {
    if (m_lock) return; // taken before the first autosave exists, so no other window ever sees it unlocked
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(m_path).parent_path(), ec);
    m_lock.emplace(LockPath(m_path));
}

void Autosaver::Tick(double now, const Run& run, bool force) {
    if (m_path.empty() || !run.Settled() || Writing(m_write)) return;
    if (!force && !Due(now, run)) return;
    m_last = now;
    m_written = run.Version();
    TakeLock();
    m_onDisk = true;
    // Taken here (main thread), written there.
    m_write = WriteInBackground(run.SessionWithHistory(), m_path, SaveSessionFile);
}

bool Autosaver::Due(double now, const Run& run) const {
    const bool writing =
        m_write.valid() && m_write.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
    // (the interval passed, and something new: not the version the last write held)
    return !m_path.empty() && run.Settled() && !writing && now - m_last >= m_interval &&
           !(run.Version() == m_written);
}

void Autosaver::TickImages(double now, ImageMode& m, bool force) {
    if (m_imagesPath.empty() || !m.Active() || !m.Settled() || Writing(m_imagesWrite)) return;
    if (m.Trainer.get() != m_imagesTrainer) { // other images: what was asked of the last trainer never comes
        m_imagesTrainer = m.Trainer.get();
        m_imagesKeep = 0;
        m_imagesWritten = {0, -1, {}};
    }
    if (m_imagesKeep == 0) {
        if (!force && now - m_imagesLast < m_interval) return;
        if (!force && (ImageVersion(m) == m_imagesWritten || !ImageUnsaved(m))) return; // nothing to lose
        m_imagesLast = now;
        m_imagesKeep = AskToKeep(m); // the trainer hands its session over in a frame or two
        return;
    }
    const std::shared_ptr<const ImageSessionFile> f = KeptSession(m, m_imagesKeep);
    if (!f) return;
    m_imagesKeep = 0;
    m_imagesWritten = {0, f->Progress.Updates, f->Config};
    TakeLock();
    m_onDisk = true;
    m_imagesWrite = WriteInBackground(f, m_imagesPath,
                                      [](const std::shared_ptr<const ImageSessionFile>& file,
                                         const std::string& path) { SaveImageSessionFile(*file, path); });
}

void Autosaver::Finish(bool remove) {
    if (m_write.valid()) m_error = m_write.get();
    if (m_imagesWrite.valid()) m_error = m_imagesWrite.get();
    if (remove && !m_path.empty()) {
        std::error_code ec;
        std::filesystem::remove(m_path, ec);
        std::filesystem::remove(m_imagesPath, ec);
        if (m_lock) m_lock->Release();
    }
}

void Autosaver::Discard() {
    if (!m_onDisk || Writing(m_write) || Writing(m_imagesWrite)) return;
    std::error_code ec;
    std::filesystem::remove(m_path, ec);
    std::filesystem::remove(m_imagesPath, ec);
    m_onDisk = false;
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
        if (entry.path().extension() == ".lock") { // a dead window's lock whose autosaves are gone
            const std::string stem = entry.path().stem().string();
            const std::filesystem::path folder = entry.path().parent_path();
            if (!std::filesystem::exists(folder / (stem + ".json"), ec) &&
                !std::filesystem::exists(folder / (stem + "-images.json"), ec) &&
                !IsLockHeld(entry.path().string()))
                std::filesystem::remove(entry.path(), ec);
            continue;
        }
        if (entry.path().extension() != ".json") continue;
        if (WindowAlive(dir, std::strtol(name.c_str() + 9, nullptr, 10))) continue; // still open (or ours)
        const auto t = entry.last_write_time(ec);
        if (newest && t <= newest_time) continue;
        try {
            OrphanAutosave offer;
            offer.Path = entry.path().string();
            // Its summary (the file's first few KB): forty large autosaves once took 6.8 s to read.
            SessionSummary summary = ReadSessionSummary(offer.Path);
            if (!summary.Known && name.ends_with("-images.json")) { // written before summaries
                const ImageSessionFile f = LoadImageSessionFile(offer.Path);
                summary = {true, f.Label.empty() ? "images" : f.Label, f.Progress.Updates, 0, {}};
            } else if (!summary.Known) {
                const SessionFile f = LoadSessionFile(offer.Path);
                summary = {true, "", f.Updates, f.Data.Points.size(), {}};
                for (const LayerSpec& h : f.Config.Network.Hidden)
                    summary.Hidden.push_back(h.Units);
            }
            offer.Updates = summary.Updates;
            offer.Points = summary.Points;
            offer.Images = summary.Images;
            if (summary.Images.empty()) offer.Refused = WindowLimitProblem(summary.Points, summary.Hidden);
            const std::time_t when =
                std::time(nullptr) - std::time_t(std::chrono::duration_cast<std::chrono::seconds>(
                                                     std::filesystem::file_time_type::clock::now() - t)
                                                     .count());
            char text[32];
            std::strftime(text, sizeof text, "%H:%M", std::localtime(&when));
            offer.When = text;
            newest = offer;
            newest_time = t;
        } catch (const UserError&) {
            // a broken autosave (a full disk mid-write cannot make one; a hand edit can): not offered
        }
    }
    return newest;
}

} // namespace nnplay
