// mailbox.hpp: all that a trainer's thread and the window share: commands one way, immutable
// snapshots the other, under one mutex. The 2-D Trainer and the ImageTrainer each own one; the
// Trainer also keeps its loss points and events under the same lock (Locked).
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace nnplay {

template <class Command, class Snapshot> class Mailbox {
  public:
    // Any thread.
    void Post(Command c) {
        std::lock_guard lock(m_mutex);
        m_commands.push_back(std::move(c));
        m_hasCommands = true;
        m_wake.notify_all();
    }
    std::shared_ptr<const Snapshot> Latest() const {
        std::lock_guard lock(m_mutex);
        return m_snapshot;
    }
    // The first snapshot after `sequence` (Snapshot::Sequence), or the latest after timeout_s.
    std::shared_ptr<const Snapshot> WaitNewer(uint64_t sequence, double timeout_s) const {
        std::unique_lock lock(m_mutex);
        m_published.wait_for(lock, std::chrono::duration<double>(timeout_s),
                             [&] { return m_snapshot->Sequence > sequence; });
        return m_snapshot;
    }
    void RequestStop() {
        m_stopRequested = true;
        std::lock_guard lock(m_mutex);
        m_wake.notify_all();
    }

    // The trainer's thread.
    // The commands posted since the last call, after waiting up to `wait` for one (none: 0).
    std::vector<Command> Take(std::chrono::duration<double> wait) {
        std::vector<Command> out;
        std::unique_lock lock(m_mutex);
        if (wait.count() > 0.0)
            m_wake.wait_for(lock, wait, [&] { return m_stopRequested.load() || !m_commands.empty(); });
        out.swap(m_commands);
        m_hasCommands = false;
        return out;
    }
    // Cheap checks for a training loop (no lock).
    bool HasCommands() const { return m_hasCommands.load(std::memory_order_relaxed); }
    bool StopRequested() const { return m_stopRequested.load(std::memory_order_relaxed); }
    // Makes `s` the latest; also runs `with_it()` under the lock, for what goes out with it.
    template <class F> void Publish(std::shared_ptr<const Snapshot> s, F&& with_it) {
        std::lock_guard lock(m_mutex);
        m_snapshot = std::move(s);
        with_it();
        m_published.notify_all();
    }
    void Publish(std::shared_ptr<const Snapshot> s) {
        Publish(std::move(s), [] {});
    }
    // Runs f() under the lock: fields an owner shares beside the snapshot.
    template <class F> auto Locked(F&& f) const {
        std::lock_guard lock(m_mutex);
        return f();
    }

  private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_wake, m_published;
    std::vector<Command> m_commands;
    std::shared_ptr<const Snapshot> m_snapshot;
    std::atomic<bool> m_stopRequested{false}, m_hasCommands{false};
};

} // namespace nnplay
