// x_session.hpp: a private Xvfb display for GUI tests, and xdotool / import helpers.
#pragma once
#include "app/tests/run_process.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <string>
#include <thread>
#include <unistd.h>

namespace nnplay::test {

// Starts `Xvfb :N` (N chosen from the pid, so parallel tests do not collide) and stops it.
class XSession {
  public:
    XSession(int width, int height) : m_display(std::string(":").append(std::to_string(50 + getpid() % 400))) {
        const std::string cmd = "Xvfb " + m_display + " -screen 0 " + std::to_string(width) + "x" + std::to_string(height) +
                                "x24 -nolisten tcp >/dev/null 2>&1 & echo $!";
        m_pid = std::atoi(RunProcess(cmd).Out.c_str());
        for (int k = 0; k < 100 && !Ready(); ++k) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ~XSession() {
        if (m_pid > 0) kill(m_pid, SIGTERM);
    }
    bool Ready() const { return RunProcess(Env() + "xdpyinfo >/dev/null 2>&1 || " + Env() + "xdotool getmouselocation >/dev/null 2>&1").Status == 0; }
    std::string Env() const { return "DISPLAY=" + m_display + " "; }
    int Run(const std::string& command) const { return RunProcess(Env() + command).Status; }

  private:
    std::string m_display;
    int m_pid = -1;
};

} // namespace nnplay::test
