// worker_loop.cpp: a worker's loop on its thread, or in the frame loop's turns.
#include "core/util/worker_loop.hpp"

#include <algorithm>
#include <chrono>
#include <pthread.h>
#include <vector>

namespace nnplay {

namespace {
std::vector<WorkerLoop::Turn*>& Running() { // the loops of a build without threads
    static std::vector<WorkerLoop::Turn*> loops;
    return loops;
}
} // namespace

void NameThisThread([[maybe_unused]] const char* name) {
#ifndef NNPLAY_NO_THREADS
    pthread_setname_np(pthread_self(), name);
#endif
}

void WorkerLoop::Start(const char* thread_name, Turn turn) {
    m_turn = std::move(turn);
    m_started = true;
    if constexpr (kThreads)
        m_thread = std::thread([this, thread_name] {
            NameThisThread(thread_name);
            while (m_turn(-1.0)) {
            }
        });
    else
        Running().push_back(&m_turn);
}

void WorkerLoop::Join() {
    if (!m_started) return;
    m_started = false;
    if constexpr (kThreads) {
        m_thread.join();
    } else {
        std::erase(Running(), &m_turn);
        while (m_turn(0.0)) { // the turn that sees the end asked for, and says goodbye
        }
    }
}

void WorkerLoop::RunTurns(double budget_s) {
    const std::vector<Turn*> loops = Running(); // a turn may start or end another loop
    const auto start = std::chrono::steady_clock::now();
    for (size_t k = 0; k < loops.size(); ++k) {
        // What is left of the budget, shared by the loops still to run: a paused run returns at
        // once and leaves its share to the others (a lab beside a paused main run got a half).
        const double used = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double share = std::max(0.0, budget_s - used) / double(loops.size() - k);
        if (std::find(Running().begin(), Running().end(), loops[k]) != Running().end() && !(*loops[k])(share))
            std::erase(Running(), loops[k]);
    }
}

} // namespace nnplay
