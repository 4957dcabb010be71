// autosave.hpp: the session written every 30 s while it changes, so a crash, a power cut or
// `kill -9` loses at most the last half minute: the next window offers to restore it.
// Files: $XDG_STATE_HOME/nnplay/autosave-<pid>.json (else ~/.local/state/nnplay/), one per
// running window, and autosave-<pid>-images.json for its image mode's session, beside autosave-<pid>.lock
// which the window holds while it runs (see instance_lock.hpp: an autosave whose lock nobody holds is an
// orphan, the moment its window dies); written atomically (a temporary, then a rename) by a thread of its
// own, and removed when the window closes normally (its session is then kept as File > Last session).
#pragma once
#include "app/gui/platform/instance_lock.hpp"
#include "app/gui/runs/image_mode.hpp"
#include "app/gui/runs/run.hpp"

#include <future>
#include <optional>
#include <string>

namespace nnplay {

inline constexpr double kAutosaveSeconds = 30.0; // NNPLAY_AUTOSAVE_SECONDS overrides it (tests)

// The folder ("" without a HOME).
std::string AutosaveDir();

class Autosaver {
  public:
    // interval <= 0: never writes (a scripted --frames run).
    explicit Autosaver(double interval);
    ~Autosaver() { Finish(false); }
    // Once a frame: when `interval` has passed since the last write and the session changed
    // (edits, updates, settings), takes it now and writes it in the background. `force`: now.
    void Tick(double now, const Run& run, bool force = false);
    // Whether Tick would write now (its one rule, unforced): a paused window, which draws no frame
    // until input, draws one for it (its last updates are kept too).
    bool Due(double now, const Run& run) const;
    // The same for the image mode's session (once it has one): asks the trainer for it, and
    // writes it when it is handed over.
    void TickImages(double now, ImageMode& m, bool force = false);
    // The window closes: waits for a write under way; `remove`: deletes the file (a clean exit).
    void Finish(bool remove);
    // Nothing is unsaved (all of it is in a file): the autosaves go, so a window that ends now
    // (killed, or a browser page left) leaves nothing to offer; the next change is written anew.
    void Discard();
    const std::string& Path() const { return m_path; }
    const std::string& LastError() const { return m_error; }

  private:
    bool Writing(std::future<std::string>& write); // a write is under way (one finished: its error kept)
    void TakeLock();

    double m_interval, m_last = 0.0, m_imagesLast = 0.0;
    std::string m_path, m_imagesPath, m_error;
    std::optional<InstanceLock> m_lock; // held from the first write to a clean Finish
    bool m_onDisk = false;              // an autosave was written since the last Discard
    SessionVersion m_written{0, -1, {}}, m_imagesWritten{0, -1, {}}; // what the last writes held
    std::future<std::string> m_write, m_imagesWrite;                 // "" or the reason the write failed
    uint64_t m_imagesKeep = 0;             // the image session asked of its trainer (0: none)
    const void* m_imagesTrainer = nullptr; // that trainer (images replaced: asked anew)
};

// An autosave left by a window that did not close normally (its process is gone), the newest
// (OrphanAutosave: ui_state.hpp, where the window keeps its offer to restore it).
std::optional<OrphanAutosave> FindOrphanAutosave();
// An orphan restored or discarded: its file and its dead window's lock file go.
void RemoveOrphanAutosave(const std::string& path);

} // namespace nnplay
