// latest_worker.hpp: a thread that makes one kind of result from one kind of request, where
// only the newest request matters (the window's maps, the loss surface, the range test): a
// request replaces any that has not started, the UI thread takes finished results and never
// waits for one. Destruction stops and joins the thread. In a build without threads (the
// browser page) a request is made at once, on the caller's thread.
#pragma once
#include "core/util/worker_loop.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace nnplay {

template <class Req, class Res> class LatestWorker {
  public:
    // `make` runs on the worker's thread only (it may keep scratch state of its own).
    explicit LatestWorker(std::function<void(const Req&, Res&)> make) : m_make(std::move(make)) {
        if constexpr (kThreads) m_thread = std::thread([this] { ThreadMain(); });
    }
    ~LatestWorker() {
        if constexpr (!kThreads) return;
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    LatestWorker(const LatestWorker&) = delete;
    LatestWorker& operator=(const LatestWorker&) = delete;

    void Request(Req r) {
        if constexpr (!kThreads) {
            Res result{};
            m_make(r, result);
            m_done = std::move(result);
            return;
        }
        {
            std::lock_guard lock(m_mutex);
            m_waiting = std::move(r);
        }
        m_wake.notify_one();
    }
    // The newest finished result not taken yet, if any.
    std::optional<Res> Take() {
        std::lock_guard lock(m_mutex);
        return std::exchange(m_done, std::nullopt);
    }
    // Blocks until every request made so far is finished (a scripted screenshot's last frame).
    void WaitIdle() {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [&] { return m_stop || (!m_busy && !m_waiting); });
    }
    bool Busy() {
        std::lock_guard lock(m_mutex);
        return m_busy || m_waiting;
    }

  private:
    void ThreadMain() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [&] { return m_stop || m_waiting; });
            if (m_stop) return;
            const Req request = std::move(*m_waiting);
            m_waiting.reset();
            m_busy = true;
            lock.unlock();
            Res result{};
            m_make(request, result); // the request holds immutable inputs: no lock needed
            lock.lock();
            m_done = std::move(result);
            m_busy = false;
            m_idle.notify_all();
        }
    }

    std::function<void(const Req&, Res&)> m_make;
    std::mutex m_mutex; // guards the fields below
    std::condition_variable m_wake, m_idle;
    std::optional<Req> m_waiting;
    std::optional<Res> m_done;
    bool m_busy = false, m_stop = false;
    std::thread m_thread; // last: starts after everything above exists
};

} // namespace nnplay
