// live_window.hpp: the real binary in a real window under Xvfb, for the GUI tests: started with
// its layout printed, driven with xdotool, read back by its printed values and its screenshots.
#pragma once
#include "app/tests/run_process.hpp"
#include "app/tests/test_dir.hpp"
#include "app/tests/x_session.hpp"
#include "core/tests/test_paths.hpp"

#include <gtest/gtest.h>
#include <stb_image.h>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace nnplay {

struct Image {
    int W = 0, H = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> Pixels{nullptr, stbi_image_free};
    const unsigned char* At(int x, int y) const {
        return Pixels.get() + (size_t(y) * size_t(W) + size_t(x)) * 3;
    }
    int Luma(int x, int y) const { return (At(x, y)[0] * 3 + At(x, y)[1] * 6 + At(x, y)[2]) / 10; }
};

inline Image Load(const std::string& path) {
    Image img;
    int channels = 0;
    img.Pixels.reset(stbi_load(path.c_str(), &img.W, &img.H, &channels, 3));
    return img;
}

// Pixels of `img` within `tolerance` of `rgb` in the rectangle [x0, x1) x [y0, y1).
inline int PixelsNear(const Image& img, const unsigned char (&rgb)[3], int x0, int y0, int x1, int y1,
                      int tolerance = 24) {
    int n = 0;
    for (int y = std::max(0, y0); y < std::min(img.H, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(img.W, x1); ++x) {
            const unsigned char* p = img.At(x, y);
            n += std::abs(p[0] - rgb[0]) <= tolerance && std::abs(p[1] - rgb[1]) <= tolerance &&
                 std::abs(p[2] - rgb[2]) <= tolerance;
        }
    return n;
}

struct PlaneOnScreen {
    double X0 = 0, Y0 = 0, X1 = 0, Y1 = 0;   // screen pixels
    double V0 = -6, V1 = 6, W0 = -6, W1 = 6; // plane view: x from V0 to V1, y from W0 to W1
    int ScreenX(double x) const { return int(X0 + (x - V0) / (V1 - V0) * (X1 - X0)); }
    int ScreenY(double y) const { return int(Y1 - (y - W0) / (W1 - W0) * (Y1 - Y0)); }
};

// The last "canvas plane:" line: the window prints it again when the plane moves (step mode's
// layout) or its view changes (a file was opened).
inline bool ReadLayout(const std::string& log, PlaneOnScreen& p) {
    std::ifstream f(log);
    std::string line;
    bool found = false;
    while (std::getline(f, line)) {
        if (line.rfind("canvas plane:", 0) != 0) continue;
        std::istringstream in(line.substr(13));
        std::string view;
        PlaneOnScreen q;
        in >> q.X0 >> q.Y0 >> q.X1 >> q.Y1 >> view >> q.V0 >> q.V1 >> q.W0 >> q.W1;
        if (in) p = q, found = true;
    }
    return found;
}

// "<what>: x y" in the layout the window printed, e.g. "network edge 6" (the midpoint of weight
// 6's edge) or "canvas button Brush".
inline bool WhereOnScreen(const std::string& log, const std::string& what, double& x, double& y) {
    std::ifstream f(log);
    std::string line;
    const std::string prefix = what + ":";
    bool found = false; // where it was drawn last (an item is named again when it moves)
    while (std::getline(f, line))
        if (line.rfind(prefix, 0) == 0)
            found = std::sscanf(line.c_str() + prefix.size(), "%lf %lf", &x, &y) == 2;
    return found;
}

// xdotool's `key` presses and releases within one event poll, which ImGui 1.86 never sees as a
// press; holding the key across a few frames is what a person's finger does anyway.
inline std::string Key(const std::string& keys) {
    std::string down, up;
    size_t start = 0;
    std::vector<std::string> parts;
    while (true) {
        const size_t plus = keys.find('+', start);
        parts.push_back(keys.substr(start, plus - start));
        if (plus == std::string::npos) break;
        start = plus + 1;
    }
    for (const std::string& k : parts)
        down += " keydown " + k;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it)
        up += " keyup " + *it;
    return "xdotool" + down + " sleep 0.15" + up;
}

// The real binary in its own Xvfb display, driven as a person drives it. HOME is the test's temp
// dir (where the step panel's X, the save dialog's default path and the session kept on closing
// go); the window prints its layout, and the tests click where it says things are.
class LiveWindow {
  public:
    // keep_state: the settings and autosaves a window of this name left (a test of what the next
    // window does with them); else they are removed first, so no earlier run's choices (a pace,
    // a theme) reach this one.
    LiveWindow(const std::string& name, const std::string& args, int screen_width = 1280,
               int screen_height = 720, const std::string& env = "", bool keep_state = false)
        : m_dir(TestDir()), m_log(m_dir + "nnplay_" + name + ".log"),
          m_pidfile(m_dir + "nnplay_" + name + ".pid") {
        if (!keep_state) {
            std::filesystem::remove_all(m_dir + "config-" + name);
            std::filesystem::remove_all(m_dir + "state-" + name);
        }
        // A display that Xvfb announced can still go from under the window: once in CI the window
        // could not open it (another server shutting down beside it, by all signs). Then the
        // server is started again, once, and the window with it.
        for (int attempt = 1; attempt <= 2 && !m_ready; ++attempt) {
            if (Running()) kill(m_pid, SIGKILL);
            m_x = std::make_unique<test::XSession>(screen_width, screen_height);
            std::remove(m_log.c_str());
            if (!m_x->Ready()) continue;
            // Settings and autosaves are the window's own (by name): one test's never reach another's.
            m_x->Run("HOME=" + m_dir + " XDG_DATA_HOME= XDG_CONFIG_HOME=" + m_dir + "config-" + name +
                     " XDG_STATE_HOME=" + m_dir + "state-" + name + " NNPLAY_FILE_DIALOG=typed " + env + " " +
                     NNPLAY_BINARY + " --print-layout " + args + " > " + m_log + " 2>&1 & echo $! > " +
                     m_pidfile);
            PlaneOnScreen p;
            // Ready once the canvas is laid out: its plane, or the table that stands for it (or the
            // image mode, or the lab's runs: either opened at once).
            const auto laid_out = [&] {
                const std::string log = Log();
                return ReadLayout(m_log, p) || log.find("value canvas: a table") != std::string::npos ||
                       log.find("image button Play:") != std::string::npos ||
                       log.find("lab button Save results:") != std::string::npos;
            };
            const auto no_display = [&] { return Log().find("cannot open a window") != std::string::npos; };
            for (int k = 0; k < 200 && !laid_out() && !no_display(); ++k)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            m_ready = laid_out();
            m_pid = std::atoi(test::RunProcess("cat " + m_pidfile).Out.c_str());
            if (!m_ready && !no_display()) break; // the window's own failure: said as it is
            if (!m_ready) std::fprintf(stderr, "(the window could not open its display: a new one, once)\n");
        }
    }
    ~LiveWindow() {
        if (Running()) kill(m_pid, SIGKILL); // a failed test must not leave a window behind
    }
    bool Ready() const { return m_ready; }
    // Where the canvas's plane is now (after the window last moved or refitted it).
    PlaneOnScreen Plane() const {
        PlaneOnScreen p;
        ReadLayout(m_log, p);
        return p;
    }
    bool Where(const std::string& what, double& x, double& y) const {
        return WhereOnScreen(m_log, what, x, y);
    }
    bool Run(const std::string& command) const { return m_x && m_x->Run(command) == 0; }
    bool Press(const std::string& keys) const { return Run(Key(keys)); }
    bool MoveTo(double x, double y) const {
        return Run("xdotool mousemove " + std::to_string(int(x)) + " " + std::to_string(int(y)));
    }
    // Clicks what the window named in its layout ("canvas button Erase"), once it has been drawn
    // (a menu's items: once the menu is open).
    bool Click(const std::string& what) const {
        double x = 0, y = 0;
        for (int k = 0; k < 30 && !Where(what, x, y); ++k)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        // Pressed and released 150 ms apart: a click whose press and release both fall between two
        // frames of a loaded window is not seen by Dear ImGui (a tab click once did nothing in CI).
        return Where(what, x, y) && MoveTo(x, y) && Run("xdotool sleep 0.2") && ClickHere();
    }
    // A click where the mouse is, pressed and released 150 ms apart (see Click): a bare
    // `xdotool click` once lost one point of sixteen drawn on the canvas in CI.
    bool ClickHere() const { return Run("xdotool mousedown 1 sleep 0.15 mouseup 1 sleep 0.1"); }
    bool Screenshot(const std::string& path) const {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        return Run("import -window root " + path);
    }
    // Ctrl+Q, and true once the process has ended. Work not saved in a file makes the window ask
    // first: Ctrl+Q again is "Quit without saving".
    bool Quit() const {
        Press("ctrl+q");
        for (int k = 0; k < 15 && Running(); ++k)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (Running() && Log().find("Save and quit") != std::string::npos) Press("ctrl+q");
        for (int k = 0; k < 100 && Running(); ++k)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return !Running();
    }
    bool Running() const { return m_pid > 0 && kill(m_pid, 0) == 0; }
    std::string Log() const { return test::RunProcess("cat " + m_log).Out; }
    const std::string& Dir() const { return m_dir; }
    // CPU time the process has used so far (user + system), in clock ticks.
    long CpuTicks() const {
        std::ifstream stat("/proc/" + std::to_string(m_pid) + "/stat");
        std::string field;
        long utime = 0, stime = 0;
        for (int k = 1; k <= 15 && stat >> field; ++k) {
            if (k == 14) utime = std::stol(field);
            if (k == 15) stime = std::stol(field);
        }
        return utime + stime;
    }
    // The process's resident memory now, in MB (VmRSS).
    double ResidentMb() const {
        std::ifstream status("/proc/" + std::to_string(m_pid) + "/status");
        std::string line;
        while (std::getline(status, line))
            if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
        return -1;
    }
    // Sends `signal`, and true once the process has ended.
    bool SignalAndWait(int signal) const {
        kill(m_pid, signal);
        for (int k = 0; k < 100 && Running(); ++k)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return !Running();
    }

  private:
    std::unique_ptr<test::XSession> m_x;
    std::string m_dir, m_log, m_pidfile;
    bool m_ready = false;
    int m_pid = -1;
};

// The last "value <name>: ..." line the window printed: what that control shows now.
inline std::string LastValue(const std::string& log, const std::string& name) {
    std::istringstream in(log);
    std::string line, value;
    const std::string prefix = "value " + name + ": ";
    while (std::getline(in, line))
        if (line.rfind(prefix, 0) == 0) value = line.substr(prefix.size());
    return value;
}

// Every "panel fit" line the window printed says the panel's content fits (nothing cut at its
// right edge, nothing below its bottom without a scrollbar): "" when so, else the offenders.
inline std::string PanelsThatDoNotFit(const std::string& log) {
    std::istringstream in(log);
    std::string line, bad;
    while (std::getline(in, line))
        if (line.rfind("value panel fit ", 0) == 0 && line.find(": fits") == std::string::npos)
            bad += line + "\n";
    return bad;
}

// Every report of text that cannot be read whole: cut off by the edge of its panel, column or
// plot, or drawn over other text ("value text cut: ..." and "value text overlap: ..." other than
// "none"; text_fit.hpp). Reports are printed when they change, so this is the whole run's.
inline std::string TextThatDoesNotRead(const std::string& log) {
    std::istringstream in(log);
    std::string line, bad;
    while (std::getline(in, line))
        if ((line.rfind("value text cut: ", 0) == 0 || line.rfind("value text overlap: ", 0) == 0) &&
            line.find(": none") == std::string::npos)
            bad += line + "\n";
    return bad;
}

// The value `name` shows, once it is `want` or `seconds` have passed (a window prints a value on
// the frame it changes, which may come a little after the input that changed it).
inline std::string AwaitValue(const LiveWindow& x, const std::string& name, const std::string& want,
                              double seconds = 5.0) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    std::string value = LastValue(x.Log(), name);
    while (value != want && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        value = LastValue(x.Log(), name);
    }
    return value;
}

// The value `name` shows once `ok` says it is what is waited for (or after `seconds`).
template <class Ok>
std::string AwaitValueWhere(const LiveWindow& x, const std::string& name, Ok ok, double seconds = 5.0) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    std::string value = LastValue(x.Log(), name);
    while (!ok(value) && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        value = LastValue(x.Log(), name);
    }
    return value;
}

// The updates the window has trained once they are at least `updates` (its "controls updates"
// value), or what they were after `seconds`.
inline long AwaitUpdates(const LiveWindow& x, long updates, double seconds = 15.0) {
    const auto count = [](const std::string& v) { return v.empty() ? 0L : std::atol(v.c_str()); };
    return count(AwaitValueWhere(
        x, "controls updates", [&](const std::string& v) { return count(v) >= updates; }, seconds));
}

// True once a file is at `path` (or false after `seconds`): the window writes files atomically,
// so a file that is there is whole.
// Types `path` into the path dialog once it is open, and true once Return has closed it.
inline bool AnswerPath(const LiveWindow& x, const std::string& path) {
    const auto open = [](const std::string& v) { return !v.empty() && v != "closed"; };
    if (!open(AwaitValueWhere(x, "path dialog", open))) return false;
    const bool typed =
        x.Press("ctrl+a") && x.Run("xdotool type --delay 10 '" + path + "'") && x.Press("Return");
    return typed && AwaitValue(x, "path dialog", "closed", 10.0) == "closed";
}

// True once `ok()` is (polled every 50 ms), or false after `seconds`: a wait on what the test
// can see (a process's memory, a file), where the window prints no value for it.
template <class Ok> bool AwaitTrue(Ok ok, double seconds = 5.0) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!ok()) {
        if (std::chrono::steady_clock::now() >= until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

inline bool AwaitFile(const std::string& path, double seconds = 5.0) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!std::filesystem::exists(path) && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return std::filesystem::exists(path);
}

} // namespace nnplay
