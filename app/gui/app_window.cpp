// app_window.cpp: the playground window: setup, state, loop, cleanup (GLFW + OpenGL 3.3 +
// Dear ImGui). Training runs on the Trainer's thread; this thread only draws and posts commands.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/session_io.hpp"
#include "app/gui/step_mode.hpp"
#include "app/gui/window.hpp"
#include "app/gui/window_options.hpp"
#include "core/session_file.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace nnplay {

namespace {

struct StartState {
    SessionFile File; // what the trainer starts from
    ViewRect View;
};

StartState MakeStartState(const WindowOptions& o) {
    StartState st;
    if (!o.Load.empty()) {
        st.File = LoadPlaygroundFile(o.Load); // a saved session or a scenario
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
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2000, 0x206F, 0x2070, 0x209F, 0x2190, 0x21FF,
                                    0x2200, 0x22FF, 0x25A0, 0x25FF, 0};

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
    ImGui::GetStyle() = style;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

// What the UI records from each new snapshot, and what it takes from the trainer's queues.
void AbsorbTrainerOutput(UiState& ui, Trainer& trainer, const Snapshot& s) {
    for (TrainerEvent& e : trainer.DrainEvents()) {
        if (e.Type == TrainerEvent::Kind::Reset) {
            ui.History.Clear();
            ui.Markers.clear();
            ui.Recorded = {};
        } else if (e.Type == TrainerEvent::Kind::Rewind) {
            ui.History.TruncateAfterUpdate(e.Update, e.Epoch);
            ui.Recorded.TrainAccuracy.TruncateAfter(e.Update);
            ui.Recorded.TestAccuracy.TruncateAfter(e.Update);
            for (Series& g : ui.Recorded.LayerGradNorm) g.TruncateAfter(e.Update);
            ui.Recorded.LastUpdate = std::min(ui.Recorded.LastUpdate, e.Update);
        } else if (e.Type == TrainerEvent::Kind::Setting) {
            ui.Markers.push_back(std::move(e));
        }
    }
    trainer.DrainHistory(ui.History);
    if (s.Config != ui.LastSeen) {
        ui.Desired = s.Config;
        ui.LastSeen = s.Config;
    }
    if (s.EvalUpdate > ui.Recorded.LastUpdate && s.EvalUpdate == s.Updates && s.Updates > 0) {
        ui.Recorded.LastUpdate = s.Updates;
        if (!std::isnan(s.Eval.Train.Accuracy)) ui.Recorded.TrainAccuracy.Add(s.Updates, s.Eval.Train.Accuracy);
        if (!std::isnan(s.Eval.Test.Accuracy)) ui.Recorded.TestAccuracy.Add(s.Updates, s.Eval.Test.Accuracy);
        ui.Recorded.LayerGradNorm.resize(s.Layers.size(), Series(2048));
        for (size_t l = 0; l < s.Layers.size(); ++l) {
            double sum = 0.0;
            for (int k = 0; k < s.Layers[l].Out * s.Layers[l].In; ++k) sum += s.Grads[s.Layers[l].WeightOffset + size_t(k)] * s.Grads[s.Layers[l].WeightOffset + size_t(k)];
            ui.Recorded.LayerGradNorm[l].Add(s.Updates, std::sqrt(sum));
        }
    }
}

bool WriteScreenshot(const std::string& path, int width, int height) {
    std::vector<unsigned char> pixels(size_t(width) * size_t(height) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1); // OpenGL's rows start at the bottom
    return stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3) != 0;
}

void PrintFrameStats(const char* what, std::vector<float> ms) {
    if (ms.empty()) return;
    std::sort(ms.begin(), ms.end());
    std::printf("%-28s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%zu frames)\n", what, ms[ms.size() / 2],
                ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], ms.back(), ms.size());
}

} // namespace

int RunWindow(const std::vector<std::string>& argv) {
    // --- Options and the starting state (errors before any window opens).
    WindowOptions options;
    StartState start;
    try {
        options = ParseWindowOptions(argv);
        start = MakeStartState(options);
    } catch (const ArgError& e) {
        std::cerr << "nnplay: " << e.what() << "\n";
        return kExitUsage;
    } catch (const UserError& e) {
        std::cerr << "nnplay: " << e.what() << "\n";
        return kExitFailure;
    }

    // --- Setup: GLFW window with an OpenGL 3.3 core context, Dear ImGui on top.
    glfwSetErrorCallback([](int code, const char* text) { std::cerr << "nnplay: GLFW error " << code << ": " << text << "\n"; });
    if (!glfwInit()) {
        std::cerr << "nnplay: cannot open a window (no display?). The command-line verbs work without one: nnplay --help\n";
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
    glfwSwapInterval(options.Frames ? 0 : 1);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr; // the layout follows the window; nothing to remember
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    // --- State: the trainer (its own thread), the UI's memory, the visuals cache.
    int exit_code = 0;
    {
        std::unique_ptr<Trainer> trainer;
        try {
            trainer = std::make_unique<Trainer>(start.File.Config, start.File.Data);
        } catch (const UserError& e) {
            std::cerr << "nnplay: " << e.what() << "\n";
            exit_code = kExitFailure;
        }
        UiState ui;
        ui.View = start.View;
        ui.Scale = ui.PendingScale = options.Scale;
        ui.Light = options.Light;
        ui.PrintLayout = options.PrintLayout;
        ui.Preset = options.Load.empty() ? options.Preset : "empty";
        ui.Seed = start.File.Config.Seed;
        bool light_applied = ui.Light;
        ApplyLook(ui);
        Visuals vis;
        if (trainer) {
            const SessionFile& f = start.File;
            if (!f.Params.empty()) trainer->Post(cmd::LoadWeights{f.Params, f.Updates, f.Epochs});
            for (size_t i : f.Frozen) trainer->Post(cmd::SetFrozen{i, true});
            if (f.SpeedLimit > 0) trainer->Post(cmd::SetSpeedLimit{f.SpeedLimit});
            ui.SpeedLimit = f.SpeedLimit;
            if (f.FromScenario) { // a lecture scenario: one phase at a time, the units' lines drawn
                EnterStepMode(ui, Commands(*trainer));
                ui.UnitLines = true;
            }
            if (options.Phase > 0) {
                EnterStepMode(ui, Commands(*trainer));
                ui.Step.Phase = options.Phase - 1; // clamped to the network's phases
            }
            if (options.Play) {
                LeaveStepMode(ui);
                trainer->Post(cmd::Play{});
            }
        }
        // --- Loop (not entered if the trainer could not be built: the message is already out).
        for (long frame = 1; trainer && !glfwWindowShouldClose(window); ++frame) {
            const Commands commands(*trainer);
            glfwPollEvents();
            if (ui.PendingScale != ui.Scale || ui.Light != light_applied) {
                ui.Scale = ui.PendingScale;
                light_applied = ui.Light;
                ApplyLook(ui);
                vis.Sequence = 0; // repaint with the new theme
            }
            const auto cpu_start = std::chrono::steady_clock::now();
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGui::NewFrame();

            const std::shared_ptr<const Snapshot> snapshot = trainer->Latest(); // one picture per frame
            const Snapshot& s = *snapshot;
            AbsorbTrainerOutput(ui, *trainer, s);
            const auto visuals_start = std::chrono::steady_clock::now();
            UpdateVisuals(vis, ui, s);
            UpdateStepVisuals(vis, ui, s);
            ui.VisualsMs.push_back(std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - visuals_start).count());
            if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q)) glfwSetWindowShouldClose(window, 1);
            HandleShortcuts(ui, s, commands, vis);

            DrawMenuBar(ui, s, commands, window);
            const ImGuiViewport* vp = ImGui::GetMainViewport();
            const Layout layout = ComputeLayout(vp->WorkPos, vp->WorkSize, ui.Step.Active);
            PlacePanel(layout.Controls);
            DrawControlsPanel(ui, s, commands);
            PlacePanel(layout.Data);
            DrawDataPanel(ui, s, commands);
            PlacePanel(layout.Network);
            DrawNetworkPanel(ui, s, commands, vis);
            PlacePanel(layout.Loss);
            if (ui.Step.Active)
                DrawStepPanel(ui, s, commands, vis);
            else
                DrawLossPanel(ui, s);
            PlacePanel(layout.Canvas); // last: it shows what the network panel hovers
            DrawCanvasPanel(ui, s, commands, vis);
            DrawInspectorPanel(ui, s, vis);
            DrawHelpOverlay(ui);
            DrawToast(ui);
            DrawDebugOverlay(ui, s);

            const auto render_start = std::chrono::steady_clock::now();
            ImGui::Render();
            int fb_w = 0, fb_h = 0;
            glfwGetFramebufferSize(window, &fb_w, &fb_h);
            glViewport(0, 0, fb_w, fb_h);
            const ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
            glClearColor(bg.x, bg.y, bg.z, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            const auto cpu_end = std::chrono::steady_clock::now();
            ui.FrameMs.push_back(std::chrono::duration<float, std::milli>(cpu_end - cpu_start).count());
            ui.RenderMs.push_back(std::chrono::duration<float, std::milli>(cpu_end - render_start).count());
            if (options.Frames && frame >= options.Frames) {
                if (!options.Screenshot.empty() && !WriteScreenshot(options.Screenshot, fb_w, fb_h)) {
                    std::cerr << "nnplay: cannot write " << options.Screenshot << "\n";
                    exit_code = kExitFailure;
                }
                break;
            }
            glfwSwapBuffers(window);
        }

        // --- Cleanup: save what the user asked for, stop the trainer, then the window.
        // An interactive session is also kept for File > Last session (a scripted --frames run
        // is not the user's work).
        if (trainer) trainer->Post(cmd::Pause{});
        const std::shared_ptr<const Snapshot> last = trainer ? trainer->Latest() : nullptr;
        if (last && options.Frames == 0) SaveLastSession(*last);
        if (last && !options.SaveOnExit.empty()) {
            try {
                SaveSession(*last, options.SaveOnExit);
            } catch (const UserError& e) {
                // Never lose the session: put it where it can be written, and say where.
                const std::string fallback = (std::filesystem::temp_directory_path() /
                                              ("nnplay-session-" + std::to_string(getpid()) + ".json")).string();
                std::cerr << "nnplay: " << e.what() << "\n";
                try {
                    SaveSession(*last, fallback);
                    std::cerr << "nnplay: the session was saved to " << fallback << " instead\n";
                } catch (const UserError& e2) {
                    std::cerr << "nnplay: " << e2.what() << "\n";
                }
                exit_code = kExitFailure;
            }
        }
        if (options.Stats) {
            PrintFrameStats("frame CPU time", ui.FrameMs);
            PrintFrameStats("  of which boundary maps", ui.VisualsMs);
            PrintFrameStats("  of which GL submission", ui.RenderMs);
            if (trainer) std::printf("trainer: %.3g samples/s at the end\n", trainer->Latest()->SamplesPerSecond);
        }
        trainer.reset();
    } // textures are released here, while the GL context still exists
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_code;
}

} // namespace nnplay
