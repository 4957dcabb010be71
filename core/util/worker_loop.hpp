// worker_loop.hpp: where a trainer's loop runs. With threads (the desktop build) on a thread of
// its own; in a build without them (the browser page, which cannot count on SharedArrayBuffer:
// static hosts rarely send the headers it needs) in turns that the page's frame loop runs
// between two frames, within a time budget (RunTurns), with the same commands and snapshots.
#pragma once
#include <functional>
#include <future>
#include <thread>
#include <type_traits>
#include <utility>

namespace nnplay {

#ifdef NNPLAY_NO_THREADS
inline constexpr bool kThreads = false;
#else
inline constexpr bool kThreads = true;
#endif

class WorkerLoop {
  public:
    // One pass of a worker's loop. `budget_s` < 0: on its own thread, the pass may wait for
    // work; otherwise it returns within about that many seconds. False: the loop has ended.
    using Turn = std::function<bool(double budget_s)>;

    WorkerLoop() = default;
    ~WorkerLoop() { Join(); }
    WorkerLoop(const WorkerLoop&) = delete;
    WorkerLoop& operator=(const WorkerLoop&) = delete;

    void Start(const char* thread_name, Turn turn); // the name: for profilers and top
    // After the owner asked its loop to end: joins the thread, or runs the last turn here.
    void Join();

    // The frame loop of a build without threads: one turn of every running loop, sharing
    // `budget_s` seconds. Main thread only.
    static void RunTurns(double budget_s);

  private:
    Turn m_turn;
    std::thread m_thread;
    bool m_started = false;
};

// The calling thread's name, for profilers and top (a build without threads has none to name).
void NameThisThread(const char* name);

// `f()` on another thread, its result in the future; without threads, run here at once (the
// future is ready when returned, an exception thrown by `f` in it).
template <class F> auto RunAsync(F&& f) -> std::future<std::invoke_result_t<F>> {
    if constexpr (kThreads) {
        return std::async(std::launch::async, std::forward<F>(f));
    } else {
        using R = std::invoke_result_t<F>;
        std::promise<R> done;
        try {
            if constexpr (std::is_void_v<R>) {
                f();
                done.set_value();
            } else {
                done.set_value(f());
            }
        } catch (...) {
            done.set_exception(std::current_exception());
        }
        return done.get_future();
    }
}

} // namespace nnplay
