// app_window.cpp: the playground window: setup, state, loop, cleanup (GLFW + OpenGL 3.3 +
// Dear ImGui). Training runs on the Trainer's thread; this thread only draws and posts commands.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "app/gui/autosave.hpp"
#include "app/gui/file_actions.hpp"
#include "app/gui/image_session_io.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/presenter.hpp"
#include "app/gui/session_io.hpp"
#include "app/gui/settings.hpp"
#include "app/gui/step_mode.hpp"
#include "app/gui/window.hpp"
#include "app/gui/window_options.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/image_session_file.hpp"
#include "core/session_file.hpp"
#include "core/tf_playground_link.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <unistd.h>

namespace nnplay {

namespace {

struct StartState {
    SessionFile File; // what the trainer starts from
    ViewRect View;
    std::vector<std::string> Notes; // what a playground link could not say exactly
};

// --compare lr=0.001,0.03,1 (the setting and "=" may be left out: lr): checked against the
// starting setup before any window opens.
ComparisonSpec ParseCompareOption(const std::string& text, const TrainConfig& base) {
    const size_t eq = text.find('=');
    ComparisonSpec spec;
    try {
        spec.What = eq == std::string::npos ? VarySetting::LearningRate
                                            : ParseVarySetting(text.substr(0, eq), "--compare");
        spec.Values = ParseValueList(eq == std::string::npos ? text : text.substr(eq + 1), spec.What, base,
                                     "--compare");
    } catch (const UserError& e) {
        throw ArgError(e.what()); // a bad command line: status 2
    }
    return spec;
}

StartState MakeStartState(const WindowOptions& o) {
    StartState st;
    if (!o.Load.empty()) {
        st.File = LoadForWindow(o.Load, st.Notes); // a session, a scenario, points as CSV, a playground link
        try {
            CheckFitsTheWindow(st.File);
        } catch (const UserError& e) {
            throw UserError(o.Load + ": " + e.what());
        }
        st.View = FitView(st.File.Data);
        return st;
    }
    if (o.Preset == "empty") return st; // an empty classification canvas
    DatasetSpec spec;
    spec.Name = o.Preset;
    st.File.Data = GenerateDataset(spec);
    if (o.Preset == "xor4") {
        st.View = {-0.5, 1.5, -0.5, 1.5};
        st.File.Config.BatchSize = 4;
    }
    return st;
}

// Latin-1 plus what the lecture's notation needs: Greek (δ, η, σ), sub/superscripts, arrows,
// mathematical operators (∂, −, √, Σ), general punctuation (…) and ◀.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2000, 0x206F, 0x2070, 0x209F,
                                    0x2190, 0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF, 0};

void ApplyLook(UiState& ui) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    if (std::filesystem::exists(NNPLAY_FONT_PATH)) {
        io.Fonts->AddFontFromFileTTF(NNPLAY_FONT_PATH, std::round(17.0f * ui.Scale), nullptr, kGlyphRanges);
    } else {
        ImFontConfig config;
        config.SizePixels = std::round(13.0f * ui.Scale);
        io.Fonts->AddFontDefault(&config);
    }
    ImGuiStyle style;
    if (ui.Light)
        ImGui::StyleColorsLight(&style);
    else
        ImGui::StyleColorsDark(&style);
    style.WindowRounding = 0.0f;
    style.FrameRounding = 3.0f;
    style.ScaleAllSizes(ui.Scale);
    if (ui.Presenter) MakeHighContrast(style);
    ImGui::GetStyle() = style;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

// SIGTERM, SIGINT and SIGHUP (a logout, Ctrl+C in the terminal, `kill`) close the window as its
// close button does, so the session is kept and --save-on-exit writes it. The handler only
// records the signal; the loop acts on it within a frame.
volatile std::sig_atomic_t g_closing_signal = 0;

void InstallCloseSignals() {
    struct sigaction action {};
    action.sa_handler = [](int signal) { g_closing_signal = signal; };
    sigemptyset(&action.sa_mask);
    for (int signal : {SIGTERM, SIGINT, SIGHUP})
        sigaction(signal, &action, nullptr);
}

// The framebuffer's pixels in [x0, x1) x [y0, y1) (top-left origin, as ImGui places things) as a
// PNG file, written atomically. Throws UserError if it cannot be written.
void WritePng(const std::string& path, int fb_height, int x0, int y0, int x1, int y1) {
    const int w = x1 - x0, h = y1 - y0;
    if (w <= 0 || h <= 0) throw UserError("nothing to write: the area is empty");
    std::vector<unsigned char> pixels(size_t(w) * size_t(h) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(x0, fb_height - y1, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1); // OpenGL's rows start at the bottom
    std::string png;
    const auto append = [](void* context, void* data, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(data), size_t(size));
    };
    if (!stbi_write_png_to_func(append, &png, w, h, 3, pixels.data(), w * 3))
        throw UserError(path + ": the PNG could not be encoded");
    WriteFileAtomically(path, png);
}

bool WriteScreenshot(const std::string& path, int width, int height) {
    try {
        WritePng(path, height, 0, 0, width, height);
        return true;
    } catch (const UserError& e) {
        std::cerr << "nnplay: " << e.what() << "\n";
        return false;
    }
}

// File > Export canvas / window (PNG), once the frame is rendered.
void WritePendingPng(UiState& ui, int fb_w, int fb_h) {
    if (!ui.Png || ui.Png->FramesToWait-- > 0) return;
    const PendingPng png = *ui.Png;
    ui.Png.reset();
    const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
    int x0 = 0, y0 = 0, x1 = fb_w, y1 = fb_h;
    if (png.CanvasOnly) {
        if (ui.CanvasRect[2] <= ui.CanvasRect[0]) {
            ShowToast(
                ui,
                "The canvas is not on screen (the lab or a table of samples is shown): nothing was written");
            return;
        }
        x0 = std::clamp(int(ui.CanvasRect[0] * scale.x), 0, fb_w);
        y0 = std::clamp(int(ui.CanvasRect[1] * scale.y), 0, fb_h);
        x1 = std::clamp(int(ui.CanvasRect[2] * scale.x), 0, fb_w);
        y1 = std::clamp(int(ui.CanvasRect[3] * scale.y), 0, fb_h);
    }
    try {
        WritePng(png.Path, fb_h, x0, y0, x1, y1);
        ShowToast(ui, std::string(png.CanvasOnly ? "The canvas" : "The window") + " (" +
                          std::to_string(x1 - x0) + "x" + std::to_string(y1 - y0) + ") written to " +
                          png.Path);
    } catch (const UserError& e) {
        ShowToast(ui, e.what(), 10.0);
    }
}

// This thread's CPU time: what the frame costs the UI thread, whatever the other threads (the
// trainers, the map workers, the software rasterizer) take of the cores meanwhile.
double ThreadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) * 1e-6;
}

// --save-on-exit: never lose the session: if the path cannot be written, put it where it can be,
// and say where. `save` writes the session (2-D or image) to a path, or throws UserError.
void SaveOnExit(const std::function<void(const std::string&)>& save, const std::string& path,
                int& exit_code) {
    try {
        save(path);
    } catch (const UserError& e) {
        const std::string fallback = (std::filesystem::temp_directory_path() /
                                      ("nnplay-session-" + std::to_string(getpid()) + ".json"))
                                         .string();
        std::cerr << "nnplay: " << e.what() << "\n";
        try {
            save(fallback);
            std::cerr << "nnplay: the session was saved to " << fallback << " instead\n";
        } catch (const UserError& e2) {
            std::cerr << "nnplay: " << e2.what() << "\n";
        }
        exit_code = kExitFailure;
    }
}

void PrintFrameStats(const char* what, const FrameTimes& ms) {
    if (ms.Count() == 0) return;
    std::printf("%-28s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%zu frames)\n", what, ms.Percentile(0.5),
                ms.Percentile(0.99), ms.Max(), ms.Count());
}

} // namespace

int RunWindow(const std::vector<std::string>& argv) {
    // --- Options and the starting state (errors before any window opens).
    WindowOptions options;
    StartState start;
    std::optional<ImageRequest> load_images; // --load of an image session: the image mode opens it
    try {
        options = ParseWindowOptions(argv);
        if (!options.Load.empty() && LooksLikeImageSessionFile(options.Load)) {
            auto f = std::make_shared<const ImageSessionFile>(LoadImageSessionFile(options.Load));
            load_images = ImageRequest{f->Folder, f, options.Load, ""};
            options.Load.clear(); // the 2-D playground starts as without a file
        }
        start = MakeStartState(options);
        if (!options.Compare.empty())
            start.File.Comparison = ParseCompareOption(options.Compare, start.File.Config);
        if (options.Pace) start.File.SpeedLimit = *options.Pace;
    } catch (const ArgError& e) {
        std::cerr << "nnplay: " << e.what() << "\n";
        return kExitUsage;
    } catch (const UserError& e) {
        std::cerr << "nnplay: " << e.what() << "\n";
        return kExitFailure;
    }

    // --- The settings an interactive window remembers (a scripted --frames run neither reads
    // nor writes them, so screenshots and tests do not depend on a user's choices).
    const bool interactive = options.Frames == 0;
    WindowSettings settings;
    if (options.ResetSettings && ResetSettings())
        std::cerr << "nnplay: the saved settings were reset to the defaults\n";
    if (interactive && !options.ResetSettings) {
        std::string problem;
        settings = LoadSettings(&problem);
        if (!problem.empty()) std::cerr << "nnplay: " << problem << "\n";
    }
    if (interactive) {
        if (!options.SizeGiven) {
            options.Width = settings.Width;
            options.Height = settings.Height;
        }
        if (!options.ScaleGiven) options.Scale = settings.Scale;
        options.Light = options.Light || settings.Light;
        if (!options.Pace && options.Load.empty()) start.File.SpeedLimit = settings.Pace;
    }

    // --- Setup: GLFW window with an OpenGL 3.3 core context, Dear ImGui on top.
    glfwSetErrorCallback([](int code, const char* text) {
        std::cerr << "nnplay: GLFW error " << code << ": " << text << "\n";
    });
    if (!glfwInit()) {
        std::cerr << "nnplay: cannot open a window (no display?). The command-line verbs work without one: "
                     "nnplay --help\n";
        return kExitFailure;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    GLFWwindow* window = glfwCreateWindow(options.Width, options.Height, "nnplay", nullptr, nullptr);
    if (!window) {
        std::cerr << "nnplay: cannot create an OpenGL 3.3 window\n";
        glfwTerminate();
        return kExitFailure;
    }
    glfwMakeContextCurrent(window);
    InstallCloseSignals();
    InstallFileDrop(window);
    glfwSwapInterval(options.Frames ? 0 : 1);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr; // the layout follows the window; nothing to remember
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    // --- State: the runs (the main one is runs[0]; each trains on its own thread), the UI's memory.
    int exit_code = 0;
    {
        std::vector<std::unique_ptr<Run>> runs;
        try {
            runs.push_back(std::make_unique<Run>(start.File.Config, start.File.Data));
        } catch (const UserError& e) {
            std::cerr << "nnplay: " << e.what() << "\n";
            exit_code = kExitFailure;
        }
        UiState ui;
        Lab lab;
        ImageMode images;   // the image mode, once a set of images is opened
        ImageLab image_lab; // its comparison of runs
        bool image_lab_shown = false;
        if (options.Images) ui.ImageRequest = ImageRequest{*options.Images, nullptr, "", ""};
        if (load_images) ui.ImageRequest = load_images;
        bool play_images = options.Play && ui.ImageRequest.has_value();
        bool images_shown_before = false;
        bool lab_shown = false;
        int settle = 3; // frames still to draw without waiting for input
        ui.View = start.View;
        if (start.File.Comparison) {
            ui.PendingComparison = start.File.Comparison;
            ui.Show.Lab = true;
        }
        ui.Scale = ui.PendingScale = options.Scale;
        ui.Light = options.Light;
        ui.PersistSettings = interactive;
        ui.Recent = settings.Recent;
        ui.LastFolder = settings.LastFolder;
        ui.PointRadius = settings.PointRadius;
        const char* autosave_env = std::getenv("NNPLAY_AUTOSAVE_SECONDS");
        Autosaver autosaver(!interactive ? 0.0 : autosave_env ? std::atof(autosave_env) : kAutosaveSeconds);
        if (interactive) ui.RestoreOffer = FindOrphanAutosave();
        ui.PrintLayout = options.PrintLayout;
        ui.Preset = options.Load.empty() ? options.Preset : "empty";
        bool light_applied = ui.Light, presenter_applied = false;
        WindowedPlacement windowed;
        ui.Presenter = options.Presenter;
        ApplyLook(ui);
        // The document: a session file given is saved back to itself; what it holds is saved.
        ui.Saved = {0, start.File.Updates, start.File.Config};
        if (!options.Load.empty() && !start.File.FromScenario && start.Notes.empty() &&
            !LooksLikeTfPlaygroundLink(options.Load) &&
            std::filesystem::path(options.Load).extension() == ".json")
            ui.DocumentPath = options.Load;
        if (!start.Notes.empty()) {
            std::string text = "Opened the playground link.";
            for (const std::string& note : start.Notes)
                text += "\n- " + note;
            ShowToast(ui, text, 12.0);
        }
        if (!runs.empty()) {
            Run& run = *runs[0];
            const SessionFile& f = start.File;
            run.DataLabel = options.Load.empty() ? options.Preset
                                                 : std::filesystem::path(options.Load).filename().string();
            if (!f.History.BatchLoss.Empty() || !f.History.EpochTrainLoss.Empty())
                run.History = f.History.Compacted(kRunHistoryBuckets); // a saved session's curves
            if (!f.Params.empty()) run.Post(cmd::LoadWeights{f.Params, f.Updates, f.Epochs});
            for (size_t i : f.Frozen)
                run.Post(cmd::SetFrozen{i, true});
            run.Post(cmd::SetSpeedLimit{f.SpeedLimit});
            run.SpeedLimit = f.SpeedLimit;
            if (f.FromScenario) { // a lecture scenario: one phase at a time, the units' lines drawn
                EnterStepMode(ui, run);
                ui.UnitLines = true;
            }
            if (options.Phase > 0) {
                EnterStepMode(ui, run);
                ui.Step.Phase = options.Phase - 1; // clamped to the network's phases
            }
            if (options.Play && !ui.ImageRequest) {
                LeaveStepMode(ui);
                run.Post(cmd::Play{});
            }
        }
        // --- Loop (not entered if the main run could not be built: the message is already out).
        for (long frame = 1; !runs.empty() && !glfwWindowShouldClose(window); ++frame) {
            Run& run = *runs[0];
            const bool last_frame = options.Frames && frame >= options.Frames;
            // Paused with nothing on its way, the window sleeps until input (a laptop on battery
            // stays cool); it wakes twice a second but draws only when a message's time runs out.
            // After input it draws a few frames at once: ImGui settles a click over two or three.
            // A button or key held down is input too: the brush sprays and keys repeat while held.
            const ImGuiIO& held = ImGui::GetIO();
            bool busy = options.Frames > 0 || settle > 0;
            for (bool down : held.MouseDown)
                busy = busy || down;
            for (bool down : held.KeysDown)
                busy = busy || down;
            for (const std::unique_ptr<Run>& r : runs)
                busy = busy || r->Busy();
            for (const std::unique_ptr<Run>& r : lab.Runs)
                busy = busy || r->Busy();
            busy = busy || images.Busy() || image_lab.Busy();
            busy = busy || ui.Png.has_value();
            if (busy) {
                glfwPollEvents();
                settle = std::max(0, settle - 1);
            } else {
                const double before = glfwGetTime();
                glfwWaitEventsTimeout(0.5);
                const bool woken = glfwGetTime() - before < 0.49; // by an event, not the timeout
                if (woken) settle = 3;
                const bool toast_changes = !ui.Toast.empty() && ui.ToastUntil > before - 0.5;
                const bool chose = ui.Chooser.valid() &&
                                   ui.Chooser.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
                if (!woken && !toast_changes && !chose && g_closing_signal == 0)
                    continue; // nothing to draw anew
            }
            if (g_closing_signal != 0 && !glfwWindowShouldClose(window)) {
                std::cerr << "nnplay: " << strsignal(g_closing_signal)
                          << ": keeping the session and closing\n";
                glfwSetWindowShouldClose(window, 1);
            }
            if (ui.Presenter != presenter_applied) ApplyPresenter(window, ui, windowed); // sets PendingScale
            if (ui.PendingScale != ui.Scale || ui.Light != light_applied ||
                ui.Presenter != presenter_applied) {
                ui.Scale = ui.PendingScale;
                light_applied = ui.Light;
                presenter_applied = ui.Presenter;
                ApplyLook(ui);
            }
            const auto cpu_start = std::chrono::steady_clock::now();
            const double thread_start = ThreadCpuMs();
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGui::NewFrame();

            const bool editing = ImGui::IsAnyItemActive(); // (still the last frame's answer here)
            // The image mode: a set asked for is read off this thread; once it is, the mode shows.
            if (ui.ImageRequest) {
                ShowToast(ui,
                          StartImageLoad(images, *ui.ImageRequest)
                              ? "Reading " + images.Loading + " ..."
                              : "Still reading " + images.Loading + ": one set at a time",
                          30.0);
                ui.ImageRequest.reset();
            }
            if (PollImageLoad(images)) {
                image_lab.Runs.clear(); // a comparison of the previous set's runs
                image_lab.Snaps.clear();
                ui.Show.Images = true;
                const ImageRequest& opened = images.LoadingFor;
                if (!opened.RemoveOnceOpen.empty()) { // a restored autosave: this window's own holds it now
                    RemoveOrphanAutosave(opened.RemoveOnceOpen);
                    ShowToast(ui, "Restored the image session (" + images.Label + ", " +
                                      std::to_string(images.Snap->Updates) +
                                      " updates). Save it with Ctrl+S.");
                } else if (opened.Session) {
                    ShowToast(ui, "Opened " + std::filesystem::path(opened.SessionPath).filename().string() +
                                      ": " + images.Label + ", " + std::to_string(images.Snap->Updates) +
                                      " updates. Play goes on from there.");
                } else {
                    ShowToast(ui, "The image mode: " + images.Label +
                                      ". Play trains; draw on the pad to see what the network reads.");
                }
                if (play_images) images.Post(imgcmd::Play{});
                play_images = false;
            } else if (!images.Error.empty()) {
                ShowToast(ui, images.Error, 12.0);
                images.Error.clear();
            }
            if (!images.Active()) ui.Show.Images = false;
            if (ui.Show.Images && !images_shown_before) run.Post(cmd::Pause{}); // one run trains at a time
            if (!ui.Show.Images && images_shown_before) images.Post(imgcmd::Pause{});
            images_shown_before = ui.Show.Images;
            BeginImageFrame(images, editing);
            BeginImageLabFrame(image_lab);
            const bool lab_on_screen = ui.Show.Images && ui.Show.ImageLab;
            if (image_lab_shown && !lab_on_screen)
                PostToAllImageRuns(image_lab, imgcmd::Pause{}); // out of sight: they wait
            image_lab_shown = lab_on_screen;
            for (const std::unique_ptr<Run>& r : runs)
                r->BeginFrame(editing);
            for (const std::unique_ptr<Run>& r : lab.Runs)
                r->BeginFrame(editing);
            if (ui.PendingComparison &&
                run.Settled()) { // a lesson's comparison, once the main run has its session
                try {
                    lab.Pace = run.Snap().SpeedLimit; // the lesson's pace
                    StartComparison(lab, run, *ui.PendingComparison, false);
                } catch (const UserError& e) {
                    lab.Error = e.what();
                }
                ui.PendingComparison.reset();
            }
            const Snapshot& s = run.Snap();
            autosaver.Tick(glfwGetTime(), run, ui.AutosaveNow);
            autosaver.TickImages(glfwGetTime(), images);
            ui.AutosaveNow = false;
            SaveImageSessionWhenKept(ui, images);
            if (autosaver.LastError() != ui.AutosaveError) { // a full disk, a read-only home: said once
                ui.AutosaveError = autosaver.LastError();
                if (!ui.AutosaveError.empty())
                    ShowToast(ui, "Autosave failed: " + ui.AutosaveError + ". Save with Ctrl+S elsewhere.",
                              10.0);
            }
            const auto visuals_start = std::chrono::steady_clock::now();
            // The maps are made off this thread; a scripted screenshot waits for its last frame's.
            if (ui.Show.Images)
                UpdateImageTextures(images, glfwGetTime());
            else
                run.UpdateMaps(ui.View, ui.Discretize, ui.Light, last_frame);
            UpdateStepVisuals(run.Vis, ui, s);
            if (ui.Show.Lab) UpdateLabMaps(lab, ui, last_frame);
            if (ui.SurfaceTabOpen && !ui.Show.Lab) run.Land.Update(run.SnapPtr(), glfwGetTime(), ui.Light);
            ui.SurfaceTabOpenLastFrame = ui.SurfaceTabOpen;
            ui.SurfaceTabOpen = false; // the tab says so again when it is drawn
            if (lab_shown && !ui.Show.Lab) PostToAll(lab, cmd::Pause{}); // out of sight: the runs wait
            lab_shown = ui.Show.Lab;
            ui.VisualsMs.Add(
                std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - visuals_start)
                    .count());
            if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false) && !ui.AskClose)
                glfwSetWindowShouldClose(window, 1);
            ui.CanvasRect[0] = ui.CanvasRect[2] = 0; // the canvas says where it is when drawn
            OpenDroppedFiles(ui, run);
            if (ui.Show.Images)
                HandleImageShortcuts(ui, images);
            else
                HandleShortcuts(ui, run);
            if (ui.Show.Images) {
                // (no pace: the image mode trains as fast as a core allows)
            } else if (ui.Show.Lab) {
                if (HandlePaceKeys(ui, lab.Pace)) PostToAll(lab, cmd::SetSpeedLimit{lab.Pace});
            } else if (HandlePaceKeys(ui, run.SpeedLimit)) {
                run.Post(cmd::SetSpeedLimit{run.SpeedLimit});
                ui.ChosenPace = run.SpeedLimit;
            }

            DrawMenuBar(ui, run, images, window);
            const ImGuiViewport* vp = ImGui::GetMainViewport();
            if (ui.Show.Images) {
                const ImageLayout il = ComputeImageLayout(vp->WorkPos, vp->WorkSize, ui.Scale);
                PlacePanel(il.Controls);
                DrawImageControlsPanel(ui, images);
                if (ui.Show.ImageLab) {
                    PlacePanel({il.Curves.Pos, {il.Curves.Size.x, il.Curves.Size.y + il.Confusion.Size.y}});
                    DrawImageLabPanel(ui, image_lab, images);
                } else {
                    PlacePanel(il.Curves);
                    DrawImageCurvesPanel(ui, images);
                    PlacePanel(il.Confusion);
                    DrawConfusionPanel(images);
                }
                PlacePanel(il.Pad);
                DrawPadPanel(ui, images);
                PlacePanel(il.Views);
                DrawImageViewsPanel(ui, images);
            } else {
                const Layout layout = ComputeLayout(vp->WorkPos, vp->WorkSize, ui.Step.Active, ui.Scale);
                PlacePanel(layout.Controls);
                DrawControlsPanel(ui, run);
                PlacePanel(layout.Data);
                DrawDataPanel(ui, run);
                if (ui.Show.Lab) {
                    PlacePanel(layout.Lab);
                    DrawLabPanel(ui, lab, run);
                } else {
                    PlacePanel(layout.Network);
                    DrawNetworkPanel(ui, run);
                    PlacePanel(layout.Loss);
                    if (ui.Step.Active)
                        DrawStepPanel(ui, run);
                    else
                        DrawLossPanel(ui, run);
                    PlacePanel(layout.Canvas); // last: it shows what the network panel hovers
                    DrawCanvasPanel(ui, run);
                }
                DrawInspectorPanel(ui, run);
            }
            DrawHelpOverlay(ui);
            DrawToast(ui);
            DrawDebugOverlay(ui, s);
            // Dialogs last: Dear ImGui 1.86 asserts when a window first appears after a modal
            // opened in the same frame (ocornut/imgui#4920, fixed in 1.87).
            DrawFileDialogs(ui, run, images, window);
            PrintPanelFit(ui);
            UpdateWindowTitle(ui, run, images, window);

            const auto render_start = std::chrono::steady_clock::now();
            ImGui::Render();
            int fb_w = 0, fb_h = 0;
            glfwGetFramebufferSize(window, &fb_w, &fb_h);
            glViewport(0, 0, fb_w, fb_h);
            const ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
            glClearColor(bg.x, bg.y, bg.z, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            WritePendingPng(ui, fb_w, fb_h);
            const auto cpu_end = std::chrono::steady_clock::now();
            ui.FrameMs.Add(std::chrono::duration<float, std::milli>(cpu_end - cpu_start).count());
            ui.FrameThreadMs.Add(float(ThreadCpuMs() - thread_start));
            ui.RenderMs.Add(std::chrono::duration<float, std::milli>(cpu_end - render_start).count());
            if (last_frame) {
                if (!options.Screenshot.empty() && !WriteScreenshot(options.Screenshot, fb_w, fb_h)) {
                    std::cerr << "nnplay: cannot write " << options.Screenshot << "\n";
                    exit_code = kExitFailure;
                }
                break;
            }
            glfwSwapBuffers(window);
            // Closing with changes not saved in a file asks first (unless the session is saved on
            // exit anyway, a signal asked, or a script runs the window).
            if (glfwWindowShouldClose(window) && !ui.CloseConfirmed && g_closing_signal == 0 &&
                options.Frames == 0 && options.SaveOnExit.empty() &&
                (HasUnsavedChanges(ui, run) || ImageUnsaved(images))) {
                glfwSetWindowShouldClose(window, 0);
                ui.AskClose = true;
                settle = 3;
            }
        }

        // --- Cleanup: save what the user asked for, stop the trainers, then the window.
        // An interactive session is also kept for File > Last session (a scripted --frames run
        // is not the user's work).
        if (!runs.empty()) {
            Run& run = *runs[0];
            const double samples_per_s =
                run.TrainerOf().Latest()->SamplesPerSecond; // before the pause zeroes it
            run.Post(cmd::Pause{});
            const std::shared_ptr<const Snapshot> paused = run.TrainerOf().Latest();
            const SessionFile last = run.SessionWithHistory(paused.get());
            if (options.Frames == 0) SaveLastSession(last);
            // The image session too (the trainer hands it over; an epoch's scoring may take seconds).
            std::shared_ptr<const ImageSessionFile> image_last;
            if (images.Active()) {
                images.Post(imgcmd::Pause{});
                image_last = KeepNow(images, 60.0);
                if (!image_last) std::cerr << "nnplay: the image trainer did not hand its session over\n";
            }
            if (image_last && options.Frames == 0) SaveLastImageSession(*image_last);
            autosaver.Finish(true); // closed normally: nothing to restore next time
            if (ui.PersistSettings) {
                settings.Light = ui.Light;
                settings.Scale = ui.Presenter ? ui.ScaleBeforePresenter : ui.Scale;
                settings.PointRadius = ui.Presenter ? ui.PointRadiusBeforePresenter : ui.PointRadius;
                if (ui.Presenter) {
                    settings.Width = windowed.Width;
                    settings.Height = windowed.Height;
                } else {
                    glfwGetWindowSize(window, &settings.Width, &settings.Height);
                }
                if (ui.ChosenPace) settings.Pace = *ui.ChosenPace; // not a file's pace
                settings.Recent = ui.Recent;
                settings.LastFolder = ui.LastFolder;
                SaveSettings(settings);
            }
            // --save-on-exit keeps the session on screen: the image mode's when it is shown.
            if (!options.SaveOnExit.empty() && ui.Show.Images && image_last)
                SaveOnExit([&](const std::string& path) { SaveImageSessionFile(*image_last, path); },
                           options.SaveOnExit, exit_code);
            else if (!options.SaveOnExit.empty())
                SaveOnExit([&](const std::string& path) { SaveSession(last, path); }, options.SaveOnExit,
                           exit_code);
            if (options.Stats) {
                PrintFrameStats("frame wall time", ui.FrameMs);
                PrintFrameStats("frame CPU time (UI thread)", ui.FrameThreadMs);
                PrintFrameStats("  of which maps and step", ui.VisualsMs);
                PrintFrameStats("  of which GL submission", ui.RenderMs);
                std::printf("trainer: %.3g samples/s while training\n", samples_per_s);
            }
        }
        if (options.Stats && images.Snap)
            std::printf("image trainer: %.3g images/s while training\n", images.Snap->SamplesPerSecond);
        lab.Runs.clear();
        runs.clear();
        image_lab = ImageLab{};
        images = ImageMode{};
    } // textures are released here, while the GL context still exists
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_code;
}

} // namespace nnplay
