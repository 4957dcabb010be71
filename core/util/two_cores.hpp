// two_cores.hpp: one job in two halves, the second on a helper thread where the machine has a
// second core. The image mode's 784-100-10 network splits its first layer's products by input
// (pixels 0..h and h..784: no sum of two gradient copies, no copy of the weights) and its
// update by parameter range. The halves are always the same, so the numbers do not depend on
// how many cores there are.
#pragma once
#include "core/util/worker_loop.hpp"

#include <atomic>
#include <thread>

namespace nnplay {

class TwoCores {
  public:
    // `helper`: run half 1 on a thread (false: both halves here, one after the other).
    explicit TwoCores(bool helper = kThreads && std::thread::hardware_concurrency() > 1);
    ~TwoCores();
    TwoCores(const TwoCores&) = delete;
    TwoCores& operator=(const TwoCores&) = delete;

    // job(0) here and job(1) on the helper; returns when both are done. Not re-entrant: one
    // thread calls Run at a time.
    template <class Job> void Run(Job&& job) {
        Start([](void* j, int half) { (*static_cast<Job*>(j))(half); }, &job);
    }
    bool HasHelper() const { return m_thread.joinable(); }

  private:
    void Start(void (*call)(void*, int), void* job);
    void HelperMain();

    void (*m_call)(void*, int) = nullptr;
    void* m_job = nullptr;
    // Odd while a job is out; the helper makes it even again when its half is done. An update
    // of the digit MLP is ~0.5 ms: both sides spin a little before they sleep (a futex wake
    // costs tens of microseconds).
    std::atomic<unsigned> m_turn{0};
    std::atomic<bool> m_stop{false};
    std::thread m_thread; // last
};

} // namespace nnplay
