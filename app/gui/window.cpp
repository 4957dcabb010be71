// window.cpp: the window's setup, loop and cleanup (GLFW + OpenGL 3.3 + Dear ImGui), showing
// the XOR demo training in a background thread.
#include "app/gui/window.hpp"

#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "core/training.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

namespace nnplay {

namespace {

struct WindowOptions {
    int Width = 1280, Height = 720;
    long Frames = 0; // 0: until the window is closed
    std::string Screenshot;
};

WindowOptions ParseWindowOptions(const std::vector<std::string>& argv) {
    const Args args(argv, {"--frames", "--screenshot", "--width", "--height"}, {});
    WindowOptions o;
    o.Width = int(args.GetInt("--width", 1280, 320, 7680));
    o.Height = int(args.GetInt("--height", 720, 240, 4320));
    o.Frames = args.GetInt("--frames", 0, 1, 100000000);
    o.Screenshot = args.GetString("--screenshot", "");
    if (!o.Screenshot.empty() && o.Frames == 0) throw ArgError("--screenshot: needs --frames N (which frame to capture)");
    return o;
}

// What the demo trainer shares with the UI: atomics only (the full trainer arrives with its
// own issue and replaces this).
struct DemoStatus {
    std::atomic<bool> Stop{false}, Playing{true};
    std::atomic<double> TrainLoss{0.0}, TestLoss{0.0}, Accuracy{0.0};
    std::atomic<long> Updates{0}, Epochs{0};
};

void RunDemoTrainer(DemoStatus& status) {
    DatasetSpec data; // the XOR cloud, 250 training points
    TrainConfig config;
    TrainingSession session(config, GenerateDataset(data));
    while (!status.Stop.load()) {
        if (!status.Playing.load()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;
        }
        session.RunEpoch();
        const Evaluation ev = session.Evaluate();
        status.TrainLoss = ev.Train.Loss;
        status.TestLoss = ev.Test.Loss;
        status.Accuracy = ev.Test.Accuracy;
        status.Updates = session.UpdateCount();
        status.Epochs = session.EpochCount();
        // A few epochs per frame are plenty to watch; the rest of the core stays free.
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

void DrawDemoPanel(DemoStatus& status, ImFont* big_font) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("nnplay", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ImGui::Text("nnplay: the XOR demo");
    ImGui::TextDisabled("A 2-4-2-1 tanh network learns the XOR cloud (250 training points) in a background thread.");
    ImGui::Separator();
    ImGui::Text("epoch %ld   update %ld", status.Epochs.load(), status.Updates.load());
    if (big_font) ImGui::PushFont(big_font);
    ImGui::Text("train loss %.5f", status.TrainLoss.load());
    if (big_font) ImGui::PopFont();
    ImGui::Text("test loss %.5f   test accuracy %.1f%%", status.TestLoss.load(), 100.0 * status.Accuracy.load());
    if (ImGui::Button(status.Playing ? "Pause" : "Play", ImVec2(120, 0)) || ImGui::IsKeyPressed(ImGuiKey_Space))
        status.Playing = !status.Playing;
    ImGui::End();
}

bool WriteScreenshot(const std::string& path, int width, int height) {
    std::vector<unsigned char> pixels(size_t(width) * size_t(height) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows start at the bottom; PNG's at the top.
    stbi_flip_vertically_on_write(1);
    return stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3) != 0;
}

} // namespace

int RunWindow(const std::vector<std::string>& argv) {
    WindowOptions options;
    try {
        options = ParseWindowOptions(argv);
    } catch (const UserError& e) {
        std::cerr << "nnplay: " << e.what() << "\n";
        return kExitUsage;
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
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    ImFont* big_font = nullptr;
    if (std::filesystem::exists(NNPLAY_FONT_PATH)) {
        io.Fonts->AddFontFromFileTTF(NNPLAY_FONT_PATH, 18.0f);
        big_font = io.Fonts->AddFontFromFileTTF(NNPLAY_FONT_PATH, 36.0f);
    } else
        std::cerr << "nnplay: font " << NNPLAY_FONT_PATH << " not found (install fonts-dejavu-core); using the built-in one\n";
    ImGui::StyleColorsDark();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    // --- State: the demo trainer runs on its own thread from the start.
    DemoStatus status;
    std::thread trainer(RunDemoTrainer, std::ref(status));

    // --- Loop.
    int exit_code = 0;
    for (long frame = 1; !glfwWindowShouldClose(window); ++frame) {
        glfwPollEvents();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        DrawDemoPanel(status, big_font);
        ImGui::Render();
        int fb_w = 0, fb_h = 0;
        glfwGetFramebufferSize(window, &fb_w, &fb_h);
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(0.08f, 0.08f, 0.1f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (options.Frames && frame >= options.Frames) {
            if (!options.Screenshot.empty() && !WriteScreenshot(options.Screenshot, fb_w, fb_h)) {
                std::cerr << "nnplay: cannot write " << options.Screenshot << "\n";
                exit_code = kExitFailure;
            }
            break;
        }
        glfwSwapBuffers(window);
    }

    // --- Cleanup.
    status.Stop = true;
    trainer.join();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_code;
}

} // namespace nnplay
