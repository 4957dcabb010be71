// two_cores.cpp: the helper thread and the hand-over of a job's second half.
#include "core/util/two_cores.hpp"

#include <chrono>
#include <thread>

namespace nnplay {

namespace {
// Spins (yielding) before sleeping: 400 microseconds, most of one update of the digit MLP (~0.5
// ms) and far more than the futex round trip it saves; a paused trainer's helper sleeps.
constexpr auto kSpin = std::chrono::microseconds(400);

// Waits until `turn` is no longer `seen`: spins first, then sleeps on it.
void WaitWhile(const std::atomic<unsigned>& turn, unsigned seen) {
    const auto until = std::chrono::steady_clock::now() + kSpin;
    for (int k = 1;; ++k) {
        if (turn.load(std::memory_order_acquire) != seen) return;
        // Yielding, not pausing: in the window three threads share two cores (drawing, the
        // trainer, this helper), and a spin that kept its core starved the one it waits for
        // (the digit MLP fell from 83,000 to 23,000 images/s there).
        std::this_thread::yield();
        if (k % 16 == 0 && std::chrono::steady_clock::now() > until) break;
    }
    while (turn.load(std::memory_order_acquire) == seen)
        turn.wait(seen, std::memory_order_acquire);
}
} // namespace

TwoCores::TwoCores(bool helper) {
    if (helper) m_thread = std::thread(&TwoCores::HelperMain, this);
}

TwoCores::~TwoCores() {
    if (!m_thread.joinable()) return;
    m_stop.store(true, std::memory_order_release);
    m_turn.fetch_add(1, std::memory_order_acq_rel); // odd: wake the helper, which sees m_stop
    m_turn.notify_all();
    m_thread.join();
}

void TwoCores::HelperMain() {
    NameThisThread("nnplay-half");
    unsigned seen = 0; // even: idle
    while (true) {
        WaitWhile(m_turn, seen);
        if (m_stop.load(std::memory_order_acquire)) return;
        m_call(m_job, 1);
        seen = m_turn.fetch_add(1, std::memory_order_acq_rel) + 1; // even again: done
        m_turn.notify_all();
    }
}

void TwoCores::Start(void (*call)(void*, int), void* job) {
    if (!HasHelper()) {
        call(job, 0);
        call(job, 1);
        return;
    }
    m_call = call;
    m_job = job;
    const unsigned odd = m_turn.fetch_add(1, std::memory_order_acq_rel) + 1; // publishes the job
    m_turn.notify_all();
    call(job, 0);
    WaitWhile(m_turn, odd);
}

} // namespace nnplay
