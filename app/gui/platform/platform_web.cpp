// platform_web.cpp: the browser's platform: Emscripten's GLFW 3 on a page's canvas with a WebGL 2
// context, Dear ImGui's GLFW and OpenGL 3 backends (GLSL "#version 300 es"). The page owns the
// loop: each animation frame first runs the trainers' turns (a build without threads, see
// core/util/worker_loop.hpp), then the app's step. The canvas follows the page's size.
#include "app/gui/platform/platform.hpp"

#include "app/cli/cli.hpp"
#include "app/gui/platform/glfw_imgui.hpp"
#include "core/util/worker_loop.hpp"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

// The page's address without its hash, as UTF-8 (its size with the terminating zero first).
EM_JS(int, nnplay_page_address_size, (),
      { return lengthBytesUTF8(location.origin + location.pathname) + 1; });
EM_JS(void, nnplay_page_address, (char* out, int size),
      { stringToUTF8(location.origin + location.pathname, out, size); });

namespace nnplay {

namespace {

// The trainers' share of a frame: 8 ms of a 60 Hz frame (16.7 ms), drawing takes most of the
// rest; where frames are slow (WebGL drawn in software: 70 ms apart) 40% of the time between
// frames, at most 33 ms, so training does not fall to a tenth of the time.
constexpr double kTrainerBudgetS = 0.008, kTrainerBudgetMaxS = 0.033;
double g_lastFrameMs = 0.0, g_frameIntervalS = 0.0; // when the last frame began, and since the one before

bool g_input = false; // input came since the last Wait (the callbacks below say so)
std::vector<std::string> g_dropped;
std::string g_clipboard;              // what the page copied last
std::function<std::string()> g_state; // the app's state as JSON (ExposeState)

// Seen first, then handed to Dear ImGui's backend, which installed its callbacks before these.
GLFWmousebuttonfun g_imguiMouseButton = nullptr;
GLFWcursorposfun g_imguiCursorPos = nullptr;
GLFWscrollfun g_imguiScroll = nullptr;
GLFWkeyfun g_imguiKey = nullptr;
GLFWcharfun g_imguiChar = nullptr;

void InstallInputCallbacks(GLFWwindow* w) {
    g_imguiMouseButton = glfwSetMouseButtonCallback(w, [](GLFWwindow* w, int b, int a, int m) {
        g_input = true;
        if (g_imguiMouseButton) g_imguiMouseButton(w, b, a, m);
    });
    g_imguiCursorPos = glfwSetCursorPosCallback(w, [](GLFWwindow* w, double x, double y) {
        g_input = true;
        if (g_imguiCursorPos) g_imguiCursorPos(w, x, y);
    });
    g_imguiScroll = glfwSetScrollCallback(w, [](GLFWwindow* w, double x, double y) {
        g_input = true;
        if (g_imguiScroll) g_imguiScroll(w, x, y);
    });
    g_imguiKey = glfwSetKeyCallback(w, [](GLFWwindow* w, int k, int s, int a, int m) {
        g_input = true;
        if (g_imguiKey) g_imguiKey(w, k, s, a, m);
    });
    g_imguiChar = glfwSetCharCallback(w, [](GLFWwindow* w, unsigned c) {
        g_input = true;
        if (g_imguiChar) g_imguiChar(w, c);
    });
    glfwSetDropCallback(w, [](GLFWwindow*, int count, const char** paths) {
        g_input = true;
        for (int i = 0; i < count && g_dropped.size() < 64; ++i)
            g_dropped.emplace_back(paths[i]);
    });
}

// The page's canvas element, sized by its style (100% of the page): the GL drawing buffer and
// GLFW's window follow it, at the screen's own pixels (CSS size x devicePixelRatio: a canvas of
// CSS pixels on a high-DPI screen is stretched, its text blurred). Emscripten's GLFW 3.1.6 has no
// high-DPI mode of its own; it reports the mouse in the drawing buffer's pixels already (it scales
// by the canvas's width over its CSS width), so the UI, scaled by the same ratio, meets it there.
void FollowThePagesSize(GLFWwindow* w) {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const double ratio = emscripten_get_device_pixel_ratio();
    const int want_w = int(std::lround(css_w * ratio)), want_h = int(std::lround(css_h * ratio));
    int width = 0, height = 0;
    glfwGetWindowSize(w, &width, &height);
    if (want_w >= 1 && want_h >= 1 && (want_w != width || want_h != height)) {
        glfwSetWindowSize(w, want_w, want_h);
        g_input = true; // a frame is due at the new size
    }
}

struct Loop {
    std::function<bool()> Step;
    std::function<int()> Done;
    GLFWwindow* Window = nullptr;
};
Loop* g_loop = nullptr; // lives as long as the page
GLFWwindow* g_window = nullptr;

void AnimationFrame() {
    FollowThePagesSize(g_window);
    const double now = emscripten_get_now();
    g_frameIntervalS = g_lastFrameMs > 0.0 ? (now - g_lastFrameMs) / 1000.0 : 0.0;
    g_lastFrameMs = now;
    WorkerLoop::RunTurns(std::clamp(0.4 * g_frameIntervalS, kTrainerBudgetS, kTrainerBudgetMaxS));
    if (g_loop->Step()) return;
    emscripten_cancel_main_loop();
    g_loop->Done();
}

} // namespace

struct Platform::State {
    GLFWwindow* Window = nullptr;
    bool FullScreen = false;
};

Platform::Platform(std::unique_ptr<State> state) : m(std::move(state)) {}

std::unique_ptr<Platform> Platform::Open(const PlatformOptions& o, std::string& error) {
    // The assets (scenarios, sessions) are packed into the page's file system at /assets
    // (app/web/CMakeLists.txt): there is no binary's folder to find them beside.
    setenv("NNPLAY_ASSETS", "/assets", 0);
    if (!glfwInit()) {
        error = "this browser cannot start the page's window (GLFW)";
        return nullptr;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    auto state = std::make_unique<State>();
    state->Window = glfwCreateWindow(o.Width, o.Height, "nnplay", nullptr, nullptr);
    if (!state->Window) {
        error = "this browser has no WebGL 2: nnplay's page needs it (any current Firefox, Chrome, Edge or "
                "Safari has it)";
        glfwTerminate();
        return nullptr;
    }
    glfwMakeContextCurrent(state->Window);
    g_window = state->Window;
    FollowThePagesSize(state->Window);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(state->Window, true);
    InstallInputCallbacks(state->Window);
    // Copying reaches the system's clipboard (Emscripten's GLFW keeps it inside the page); pasting
    // gives back what the page copied last (reading the clipboard needs the user's permission).
    ImGui::GetIO().SetClipboardTextFn = [](void*, const char* text) {
        g_clipboard = text;
        EM_ASM(
            {
                if (navigator.clipboard) navigator.clipboard.writeText(UTF8ToString($0)).catch(function(){});
            },
            text);
    };
    ImGui::GetIO().GetClipboardTextFn = [](void*) { return g_clipboard.c_str(); };
    ImGui_ImplOpenGL3_Init("#version 300 es");
    return std::unique_ptr<Platform>(new Platform(std::move(state)));
}

Platform::~Platform() {
    ShutDownGlfwImgui(m->Window);
    g_window = nullptr;
}

int Platform::RunLoop(std::function<bool()> step, std::function<int()> done) {
    g_loop = new Loop{std::move(step), std::move(done), g_window};
    emscripten_set_main_loop(AnimationFrame, 0, false); // at the display's rate (requestAnimationFrame)
    return 0;
}

bool Platform::Wait(bool busy, double) {
    // The page calls the loop at every animation frame: nothing to sleep on here.
    const bool woken = busy || g_input;
    g_input = false;
    return woken;
}

double Platform::Now() const {
    return glfwGetTime();
}

Input Platform::BeginFrame() {
    Input in = BeginGlfwImguiFrame(m->Window, g_dropped);
    in.PixelRatio = float(emscripten_get_device_pixel_ratio());
    return in;
}

void Platform::Render(float r, float g, float b) {
    RenderGlfwImgui(m->Window, r, g, b);
}

void Platform::Present() {} // the browser shows the canvas when the animation frame returns

std::vector<unsigned char> Platform::ReadPixels(int x0, int y0, int x1, int y1) const {
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(m->Window, &fb_w, &fb_h);
    const int w = x1 - x0, h = y1 - y0;
    // WebGL reads RGBA only.
    std::vector<unsigned char> rgba(size_t(w) * size_t(h) * 4), pixels(size_t(w) * size_t(h) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(x0, fb_h - y1, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    for (int r = 0; r < h; ++r) // GL's rows start at the bottom: the first row out is the top one
        for (int c = 0; c < w; ++c)
            for (int k = 0; k < 3; ++k)
                pixels[(size_t(r) * w + c) * 3 + k] = rgba[(size_t(h - 1 - r) * w + c) * 4 + k];
    return pixels;
}

void Platform::SetTitle(const std::string& title) {
    emscripten_set_window_title(title.c_str());
}

void Platform::ExposeState(std::function<std::string()> state) {
    g_state = std::move(state);
}

void Platform::SetUnsavedWork(bool unsaved) {
    // The page's "beforeunload" handler (app/web/shell.html) has the browser ask while it is set.
    EM_ASM({ Module.nnplayUnsaved = !!$0; }, unsaved ? 1 : 0);
}

int Platform::SetFullScreen(bool on) {
    if (on == m->FullScreen) return 0;
    m->FullScreen = on;
    if (!on) {
        emscripten_exit_fullscreen();
        return 0;
    }
    // Browsers allow full screen only from a user's gesture (a key or a click): this frame runs
    // from one, so the request is honoured or refused by the browser, which says so itself.
    emscripten_request_fullscreen("#canvas", false);
    int width = 0, height = 0;
    emscripten_get_screen_size(&width, &height);
    return height;
}

void Platform::WindowSize(int& width, int& height) const {
    glfwGetWindowSize(m->Window, &width, &height);
}

bool Platform::CloseRequested() const {
    return false; // a page is closed by its tab: the browser asks first while work is unsaved
}

int Platform::CloseSignal() const {
    return 0;
}

void Platform::SetCloseRequested(bool) {}

void Platform::ReleaseFreedMemory() {} // a WebAssembly memory only grows

void Platform::RebuildFontTexture() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

std::string PageAddress() {
    std::string address(size_t(nnplay_page_address_size()), '\0');
    nnplay_page_address(address.data(), int(address.size()));
    address.resize(std::strlen(address.c_str()));
    return address;
}

} // namespace nnplay

// window.nnplay.state() (app/web/shell.html): the app's state as JSON text.
extern "C" EMSCRIPTEN_KEEPALIVE const char* nnplay_state() {
    static std::string last; // alive until the next call: the page copies it into a JS string first
    try {
        last = nnplay::g_state ? nnplay::g_state() : "null";
    } catch (
        const std::exception& e) { // (a JSON value that cannot be written): said, not thrown into the page
        last = nlohmann::json{{"error", e.what()}}.dump();
    }
    return last.c_str();
}

// window.nnplay.bench() (app/web/shell.html): `nnplay bench --json --quick` in the page, its JSON
// text (the same configs and keys as the desktop's; the trainer measured "in the background"
// runs in the page's turns, 8 ms before each 60 Hz frame). It blocks the page for a few seconds.
extern "C" EMSCRIPTEN_KEEPALIVE const char* nnplay_bench() {
    static std::string last;
    std::ostringstream out, err;
    try {
        const int status = nnplay::RunBenchCommand({"--json", "--quick"}, out, err);
        last = status == 0 ? out.str() : nlohmann::json{{"error", err.str()}}.dump();
    } catch (const std::exception& e) {
        last = nlohmann::json{{"error", e.what()}}.dump();
    }
    return last.c_str();
}
