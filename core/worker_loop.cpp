// worker_loop.cpp: a worker's loop on its thread, or in the frame loop's turns.
#include "core/worker_loop.hpp"

#include <algorithm>
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
    std::vector<Turn*> loops = Running(); // a turn may start or end another loop
    for (Turn* turn : loops)
        if (std::find(Running().begin(), Running().end(), turn) != Running().end() &&
            !(*turn)(budget_s / double(loops.size())))
            std::erase(Running(), turn);
}

} // namespace nnplay
