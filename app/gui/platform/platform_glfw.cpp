// platform_glfw.cpp: the desktop platform: GLFW 3 with an OpenGL 3.3 core context, Dear ImGui's
// GLFW and OpenGL 3 backends, POSIX signals.
#include "app/gui/platform/platform.hpp"

#include "app/gui/platform/glfw_imgui.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <csignal>
#include <iostream>
#include <malloc.h>

namespace nnplay {

namespace {

// SIGTERM, SIGINT and SIGHUP (a logout, Ctrl+C in the terminal, `kill`) close the window as its
// close button does, so the session is kept. The handler only records the signal; the loop acts
// on it within a frame.
volatile std::sig_atomic_t g_closing_signal = 0;

void InstallCloseSignals() {
    struct sigaction action {};
    action.sa_handler = [](int signal) { g_closing_signal = signal; };
    sigemptyset(&action.sa_mask);
    for (int signal : {SIGTERM, SIGINT, SIGHUP})
        sigaction(signal, &action, nullptr);
}

std::vector<std::string> g_dropped; // filled by GLFW's drop callback, on the main thread

// Keys reach Dear ImGui 1.86 as a state per frame ("down or not"): a key pressed and released
// between two frames (a quick tap, xdotool's `key`, a loaded machine drawing slowly) was never
// seen down, and two taps in one frame were one. Key and character events wait here, in the
// order they came, and each frame takes them up to the first that would change a key a second
// time; the rest wait for the next frame (typed text keeps its order with Backspace and Enter).
struct KeyEvent {
    int Key = 0, Scancode = 0, Action = 0, Mods = 0;
    unsigned Char = 0; // a character typed (the other fields unused), else a key
};
std::vector<KeyEvent> g_keys; // not yet handed to the backend, oldest first

void KeyCallback(GLFWwindow*, int key, int scancode, int action, int mods) {
    if (g_keys.size() < 1024) g_keys.push_back({key, scancode, action, mods, 0}); // (bounded: a stuck key)
}
void CharCallback(GLFWwindow*, unsigned c) {
    if (g_keys.size() < 1024) g_keys.push_back({0, 0, 0, 0, c});
}

void HandOverKeys(GLFWwindow* window) {
    std::vector<int> changed;
    size_t k = 0;
    for (; k < g_keys.size(); ++k) {
        const KeyEvent& e = g_keys[k];
        if (e.Char != 0) {
            ImGui_ImplGlfw_CharCallback(window, e.Char);
            continue;
        }
        if (e.Action != GLFW_REPEAT) {
            if (std::find(changed.begin(), changed.end(), e.Key) != changed.end()) break;
            changed.push_back(e.Key);
        }
        ImGui_ImplGlfw_KeyCallback(window, e.Key, e.Scancode, e.Action, e.Mods);
    }
    g_keys.erase(g_keys.begin(), g_keys.begin() + long(k));
}

} // namespace

struct Platform::State {
    GLFWwindow* Window = nullptr;
    int X = 0, Y = 0, Width = 1280, Height = 720; // where the window was before full screen
    bool FullScreen = false;
};

Platform::Platform(std::unique_ptr<State> state) : m(std::move(state)) {}

std::unique_ptr<Platform> Platform::Open(const PlatformOptions& o, std::string& error) {
    glfwSetErrorCallback([](int code, const char* text) {
        std::cerr << "nnplay: GLFW error " << code << ": " << text << "\n";
    });
    if (!glfwInit()) {
        error = "cannot open a window (no display?). The command-line verbs work without one: nnplay --help";
        return nullptr;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    auto state = std::make_unique<State>();
    state->Window = glfwCreateWindow(o.Width, o.Height, "nnplay", nullptr, nullptr);
    if (!state->Window) {
        error = "cannot create an OpenGL 3.3 window";
        glfwTerminate();
        return nullptr;
    }
    glfwMakeContextCurrent(state->Window);
    InstallCloseSignals();
    glfwSetDropCallback(state->Window, [](GLFWwindow*, int count, const char** paths) {
        for (int i = 0; i < count && g_dropped.size() < 64; ++i)
            g_dropped.emplace_back(paths[i]);
    });
    glfwSwapInterval(o.Vsync ? 1 : 0);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr; // the layout follows the window; nothing to remember
    ImGui_ImplGlfw_InitForOpenGL(state->Window, true);
    glfwSetKeyCallback(state->Window, KeyCallback); // in front of the backend's: HandOverKeys calls it
    glfwSetCharCallback(state->Window, CharCallback);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    return std::unique_ptr<Platform>(new Platform(std::move(state)));
}

Platform::~Platform() {
    ShutDownGlfwImgui(m->Window);
}

int Platform::RunLoop(std::function<bool()> step, std::function<int()> done) {
    while (step()) {
    }
    return done();
}

bool Platform::Wait(bool busy, double timeout_s) {
    if (busy || !g_keys.empty()) { // (keys waiting for a frame: it is due)
        glfwPollEvents();
        return true;
    }
    const double before = glfwGetTime();
    glfwWaitEventsTimeout(timeout_s);
    return glfwGetTime() - before < timeout_s - 0.01 || g_closing_signal != 0; // woken, not timed out
}

double Platform::Now() const {
    return glfwGetTime();
}

Input Platform::BeginFrame() {
    HandOverKeys(m->Window);
    return BeginGlfwImguiFrame(m->Window, g_dropped);
}

void Platform::Render(float r, float g, float b) {
    RenderGlfwImgui(m->Window, r, g, b);
}

void Platform::Present() {
    glfwSwapBuffers(m->Window);
}

std::vector<unsigned char> Platform::ReadPixels(int x0, int y0, int x1, int y1) const {
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(m->Window, &fb_w, &fb_h);
    const int w = x1 - x0, h = y1 - y0;
    std::vector<unsigned char> pixels(size_t(w) * size_t(h) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(x0, fb_h - y1, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows start at the bottom: turned over, so the first row is the top one.
    for (int r = 0; r < h / 2; ++r)
        std::swap_ranges(pixels.begin() + long(r) * w * 3, pixels.begin() + long(r + 1) * w * 3,
                         pixels.begin() + long(h - 1 - r) * w * 3);
    return pixels;
}

void Platform::SetTitle(const std::string& title) {
    glfwSetWindowTitle(m->Window, title.c_str());
}

void Platform::ExposeState(std::function<std::string()>) {} // (tests read --print-layout)

void Platform::SetUnsavedWork(bool) {} // the app asks before closing (App::CloseHeldBack)

int Platform::SetFullScreen(bool on) {
    if (on == m->FullScreen) return 0;
    m->FullScreen = on;
    if (!on) {
        glfwSetWindowMonitor(m->Window, nullptr, m->X, m->Y, m->Width, m->Height, 0);
        return 0;
    }
    glfwGetWindowPos(m->Window, &m->X, &m->Y);
    glfwGetWindowSize(m->Window, &m->Width, &m->Height);
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!mode) return m->Height;
    glfwSetWindowMonitor(m->Window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    return mode->height;
}

void Platform::WindowSize(int& width, int& height) const {
    if (m->FullScreen) {
        width = m->Width;
        height = m->Height;
        return;
    }
    glfwGetWindowSize(m->Window, &width, &height);
}

bool Platform::CloseRequested() const {
    return glfwWindowShouldClose(m->Window) || g_closing_signal != 0;
}

int Platform::CloseSignal() const {
    return g_closing_signal;
}

void Platform::SetCloseRequested(bool close) {
    glfwSetWindowShouldClose(m->Window, close ? 1 : 0);
}

void Platform::ReleaseFreedMemory() {
    malloc_trim(0); // every arena, not only the main one (glibc 2.8 and later)
}

void Platform::RebuildFontTexture() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

std::string PageAddress() {
    return "";
}

} // namespace nnplay
