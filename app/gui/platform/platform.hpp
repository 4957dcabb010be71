// platform.hpp: what the app asks of the machine it runs on: a window with a GL context and Dear
// ImGui's backends on it, the frame loop's waiting, the clock, the title, full screen, the files
// dropped on the window, closing and the signals that ask for it, and the pixels drawn. One
// implementation per platform, chosen by which file the build compiles (as Tracy's profiler
// picks its backend): platform_glfw.cpp for the desktop (GLFW 3, OpenGL 3.3); the browser's
// (Emscripten's GLFW, WebGL 2) is one more file behind this header. No #ifdef in the app.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace nnplay {

// What the platform hands the app each frame.
struct Input {
    double Now = 0.0; // seconds since the window opened
    int FramebufferWidth = 0, FramebufferHeight = 0;
    // Pixels drawn per pixel of layout: the page's devicePixelRatio (2 on most high-DPI screens),
    // which the page's canvas is drawn at and the UI's scale is multiplied by, so text stays
    // crisp; 1 on the desktop, whose UI scale is the user's alone.
    float PixelRatio = 1.0f;
    std::vector<std::string> Dropped; // files dropped on the window since the last frame
};

struct PlatformOptions {
    int Width = 1280, Height = 720;
    bool Vsync = true; // off for a scripted run (--frames): as fast as it draws
};

// The page's address without its hash ("https://host/nnplay/"): a copied link starts with it. ""
// on the desktop (a link there is its hash, to put after a page's address).
std::string PageAddress();

class Platform {
  public:
    // Opens the window; nullptr (with the reason in `error`) when there is no display or no GL.
    static std::unique_ptr<Platform> Open(const PlatformOptions& options, std::string& error);
    ~Platform(); // the backends, the context and the window go
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;

    // The frame loop. `step` is one pass (wait, maybe a frame) and says whether to go on; `done`
    // runs once it said no and gives the exit status. The desktop loops here and returns that
    // status; the browser owns its loop: `step` runs from the page's animation frames (after the
    // trainers' turns, see WorkerLoop) and this returns 0 at once, the page living on.
    static int RunLoop(std::function<bool()> step, std::function<int()> done);

    // Until there is something to draw: `busy` polls (a frame is due at once); otherwise sleeps
    // until input or `timeout_s`. True when input (or a signal) came, false on the timeout.
    bool Wait(bool busy, double timeout_s);
    double Now() const;
    // The frame: the backends' new frame (ImGui::NewFrame is the app's), then the drawing done.
    Input BeginFrame();
    void Render(float r, float g, float b); // clears to the colour, draws ImGui's draw data
    void Present();                         // shows it (swaps)
    // Three rows of RGB per pixel of [x0, x1) x [y0, y1) of what was rendered (top-left origin).
    std::vector<unsigned char> ReadPixels(int x0, int y0, int x1, int y1) const;

    void SetTitle(const std::string& title);
    // The window's state as JSON, for whoever embeds it: the browser page's window.nnplay.state()
    // (tests, pages around it) calls `state`; the desktop has no such caller.
    void ExposeState(std::function<std::string()> state);
    // Whether closing now would lose work not saved in a file. The desktop's window asks itself
    // (the app holds the close back); a page can only have the browser ask ("Leave site?").
    void SetUnsavedWork(bool unsaved);
    // Full screen on the primary monitor (true; its height is returned), or back to the window's
    // place and size before (false; 0).
    int SetFullScreen(bool on);
    void WindowSize(int& width, int& height) const; // the window's size when not full screen
    // The close button (or a signal) asked; the app may say no (unsaved work) or yes.
    bool CloseRequested() const;
    void SetCloseRequested(bool close);
    int CloseSignal() const; // the signal that asked: SIGTERM, SIGINT or SIGHUP (0: none)
    // The font atlas changed (a scale, a theme): its texture is made again.
    void RebuildFontTexture();
    // Hands memory the program has freed back to the system. The desktop's C library (glibc) keeps
    // freed blocks in its per-thread arenas: a replaced 10,000-sample scenario left RSS 270 MB up.
    void ReleaseFreedMemory();

  private:
    struct State;
    explicit Platform(std::unique_ptr<State> state);
    std::unique_ptr<State> m;
};

} // namespace nnplay
