// x_session.hpp: a private Xvfb display for GUI tests, and xdotool / import helpers.
#pragma once
#include "app/tests/run_process.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <unistd.h>

namespace nnplay::test {

// Starts a private Xvfb and stops it. Xvfb picks a free display itself (-displayfd) and says
// which once it accepts connections: a display number of our own choosing could still belong
// to the previous test's server while it shuts down.
class XSession {
  public:
    XSession(int width, int height) {
        static int sessions = 0;
        const std::string file =
            "/tmp/nnplay-xvfb-" + std::to_string(getpid()) + "-" + std::to_string(++sessions);
        std::remove(file.c_str());
        const std::string cmd = "Xvfb -displayfd 1 -screen 0 " + std::to_string(width) + "x" +
                                std::to_string(height) + "x24 -nolisten tcp > " + file +
                                " 2>/dev/null & echo $!";
        m_pid = std::atoi(RunProcess(cmd).Out.c_str());
        for (int k = 0; k < 200 && m_display.empty(); ++k) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            const std::string number = RunProcess("cat " + file + " 2>/dev/null").Out;
            if (!number.empty() && number.back() == '\n')
                m_display = std::string(":").append(number, 0, number.size() - 1);
        }
        std::remove(file.c_str());
    }
    ~XSession() {
        if (m_pid > 0) kill(m_pid, SIGTERM);
    }
    XSession(const XSession&) = delete;
    XSession& operator=(const XSession&) = delete;
    bool Ready() const {
        return !m_display.empty() &&
               RunProcess(Env() + "xdotool getmouselocation >/dev/null 2>&1").Status == 0;
    }
    std::string Env() const { return "DISPLAY=" + m_display + " "; }
    int Run(const std::string& command) const { return RunProcess(Env() + command).Status; }

  private:
    std::string m_display;
    int m_pid = -1;
};

} // namespace nnplay::test
