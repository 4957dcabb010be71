// menu_bar.cpp: the main menu: lecture scenarios and example sessions, files (file_actions.cpp), view.
#include "app/gui/action_do.hpp"
#include "app/gui/files/file_actions.hpp"
#include "app/gui/files/image_session_io.hpp"
#include "app/gui/files/session_io.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/platform/native_chooser.hpp"
#include "app/gui/runs/step_mode.hpp"
#include "core/util/error.hpp"

#include <cstdlib>
#include <filesystem>

namespace nnplay {

namespace {

void LibraryMenu(UiState& ui, Run& run, const char* label, const std::vector<LibraryEntry>& entries) {
    const bool lessons = &entries == &ui.Files.Lessons;
    const bool open = ImGui::BeginMenu(label, !entries.empty() || lessons);
    PrintItemLayout(ui, std::string("menu ").append(label));
    if (!open) return;
    for (const LibraryEntry& e : entries) {
        if (ImGui::MenuItem(e.Title.c_str())) {
            if (lessons)
                ui.Files.LessonToOpen = e.Path; // (the app opens it, keeping what the window held)
            else
                OpenPlaygroundFile(ui, run, e.Path);
        }
        PrintItemLayout(ui, "menu item " + e.Title);
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
            if (!e.About.empty()) ImGui::TextUnformatted(e.About.c_str());
            ImGui::TextDisabled("%s", e.Path.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    if (lessons) {
        ImGui::Separator();
        if (ImGui::MenuItem("Open a lesson file...")) AskForFile(ui, FileAction::Open);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("A lesson written as Markdown (docs/lessons.md says how); nnplay lesson check "
                              "FILE checks one");
        if (ImGui::MenuItem("Close the lesson", nullptr, false, ui.Show.Lesson)) ui.Show.Lesson = false;
        PrintItemLayout(ui, "menu item Close the lesson");
    }
    ImGui::EndMenu();
}

// Images: the lecture's digit MLP on the installed Fashion-MNIST, any MNIST-like set, and the
// way between the image mode and the 2-D playground.
void ImagesMenu(UiState& ui, const ImageMode& images) {
    const bool open = ImGui::BeginMenu("Images");
    PrintItemLayout(ui, "menu Images");
    if (!open) return;
    const std::string fashion_dir = FashionMnistDir();
    const bool fashion = ImageSetAvailable(fashion_dir); // installed, or shipped beside the page
    if (ImGui::MenuItem("The lecture's digit MLP on Fashion-MNIST", nullptr, false,
                        fashion && !images.SetComing()))
        Do(ui, act::File{FileAction::OpenImages, ""}); // "": the installed (or shipped) Fashion-MNIST
    PrintItemLayout(ui, "menu item Lecture digit MLP");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip(
            fashion ? "784-100-10 sigmoid, as the lecture's MNIST network, on 70,000 images of clothing (%s)"
                    : "Fashion-MNIST is not here (%s). On Linux: sudo apt-get install "
                      "dataset-fashion-mnist;\nanywhere: open its four files (or MNIST's) with Open images",
            PlaceShown(fashion_dir).c_str());
    if (ImGui::MenuItem("Open images (IDX)...")) AskForFile(ui, FileAction::OpenImages);
    PrintItemLayout(ui, "menu item Open images");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("MNIST, Fashion-MNIST, KMNIST...: the four IDX files, gzipped or not (pick one of "
                          "them in their folder; in the browser, pick all four)");
    if (images.Active()) {
        ImGui::Separator();
        if (ImGui::MenuItem(ui.Show.Images ? "Back to the 2-D playground" : "Show the image mode"))
            Do(ui, act::Flip{Toggle::Images});
        PrintItemLayout(ui, "menu item Image mode");
    }
    ImGui::EndMenu();
}

// The File menu while the image mode is shown: its session's files; the 2-D session's points
// and exports wait for its return.
// File > "Back to before X": what the window held before a file or a lesson replaced it.
void BackToBeforeItem(UiState& ui, Run& run) {
    if (!ui.Files.BeforeOpen.Valid && BeforeLastLessonKept()) { // an earlier window's, kept on disk
        if (ImGui::MenuItem("Back to before the last lesson")) RestoreBeforeLastLesson(ui, run);
        PrintItemLayout(ui, "menu item Back");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("What the window held when a lesson last opened (kept on disk then)");
        return;
    }
    const std::string back = ui.Files.BeforeOpen.Valid ? "Back to before " + ui.Files.BeforeOpen.Opened
                                                       : std::string("Back to before opening a file");
    if (ImGui::MenuItem(back.c_str(), nullptr, false, ui.Files.BeforeOpen.Valid))
        RestoreSessionBeforeOpen(ui, run);
    PrintItemLayout(ui, "menu item Back");
    if (ImGui::IsItemHovered() && ui.Files.BeforeOpen.Valid)
        ImGui::SetTooltip("The data, settings and weights you had when you opened %s",
                          ui.Files.BeforeOpen.Opened.c_str());
}

void ImageFileMenuItems(UiState& ui, Run& run, const ImageMode& images) {
    LibraryMenu(ui, run, "Lessons", ui.Files.Lessons); // (the digit MLP's lesson plays here)
    ImGui::Separator();
    if (ImGui::MenuItem("Open...", "Ctrl+O")) AskForFile(ui, FileAction::Open);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("An image session, or a 2-D session, scenario or link");
    if (ImGui::MenuItem("Open images (IDX)...")) AskForFile(ui, FileAction::OpenImages);
    ImGui::Separator();
    if (ImGui::MenuItem("Save", nullptr, false, !images.DocumentPath.empty()))
        ui.Images.ImageSaveTo = images.DocumentPath;
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", images.DocumentPath.empty()
                                    ? "Not saved in a file yet: Save image session as..."
                                    : images.DocumentPath.c_str());
    if (ImGui::MenuItem("Save image session as...", "Ctrl+S"))
        AskForFile(ui, FileAction::SaveImages, images.DocumentPath);
    PrintItemLayout(ui, "menu item Save image session");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "The network, its optimizer state, counters and curves; the images stay where they are");
    std::error_code ec;
    const std::string last = LastImageSessionPath();
    const bool kept = !last.empty() && std::filesystem::exists(last, ec);
    if (ImGui::MenuItem("Last image session", nullptr, false, kept && !images.SetComing()))
        OpenImageSessionFile(ui, last);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip(kept ? "The image session the window held when it was last closed (%s)"
                               : "Nothing kept yet: the window keeps its image session when it closes%s",
                          kept ? last.c_str() : "");
    ImGui::Separator();
    if (ImGui::MenuItem("Export window (PNG)...")) AskForFile(ui, FileAction::ExportWindowPng);
    ImGui::Separator();
    BackToBeforeItem(ui, run);
    if (ImGui::MenuItem("Back to the 2-D playground")) Do(ui, act::Flip{Toggle::Images});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Points and the other exports belong to the 2-D playground");
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) Do(ui, act::Quit{});
}

} // namespace

void DrawMenuBar(UiState& ui, Run& run, const ImageMode& images) {
    if (ui.Files.Scenarios.empty() &&
        ui.Files.Sessions.empty()) { // read once: the shipped files do not change
        ui.Files.Scenarios = ListLibrary("scenarios");
        ui.Files.Sessions = ListLibrary("sessions");
        ui.Files.Lessons = ListLibrary("lessons");
        std::error_code ec;
        const std::string last = LastSessionPath();
        if (std::filesystem::exists(last, ec)) ui.Files.LastSession = last; // kept when a window last closed
    }
    if (ImGui::BeginMainMenuBar()) {
        const bool file_menu = ImGui::BeginMenu("File");
        PrintItemLayout(ui, "menu File");
        if (file_menu && ui.Show.Images) {
            ImageFileMenuItems(ui, run, images);
            ImGui::EndMenu();
        } else if (file_menu) {
            LibraryMenu(ui, run, "Lessons", ui.Files.Lessons);
            LibraryMenu(ui, run, "Lecture scenarios", ui.Files.Scenarios);
            LibraryMenu(ui, run, "Example sessions", ui.Files.Sessions);
            ImGui::Separator();
            DrawFileMenuItems(ui, run);
            ImGui::Separator();
            if (ImGui::MenuItem("Last session", nullptr, false, !ui.Files.LastSession.empty()))
                OpenPlaygroundFile(ui, run, ui.Files.LastSession);
            PrintItemLayout(ui, "menu item Last session");
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
                if (ui.Files.LastSession.empty())
                    ImGui::SetTooltip("Nothing kept yet: the window keeps its session when it closes");
                else
                    ImGui::SetTooltip("What the window held when it was last closed (%s)",
                                      ui.Files.LastSession.c_str());
            }
            BackToBeforeItem(ui, run);
            ImGui::Separator();
            if (ImGui::MenuItem("Quit", "Ctrl+Q")) Do(ui, act::Quit{});
            ImGui::EndMenu();
        }
        ImagesMenu(ui, images);
        const bool view_open = ImGui::BeginMenu("View");
        PrintItemLayout(ui, "menu View");
        if (view_open) {
            ImGui::BeginDisabled(ui.Show.Images); // the 2-D playground's views
            bool step = ui.Step.Active;
            if (ImGui::MenuItem("Step through backprop", "S", &step)) {
                if (step)
                    Do(ui, act::EnterStep{});
                else
                    Do(ui, act::LeaveStep{});
            }
            if (ImGui::MenuItem("Chain rule inspector", "C", ui.Show.Inspector))
                Do(ui, act::Flip{Toggle::Inspector});
            if (ImGui::MenuItem("Learning-rate lab", nullptr, ui.Show.Lab))
                Do(ui, act::ShowLab{!ui.Show.Lab});
            ImGui::EndDisabled();
            ImGui::Separator();
            if (ImGui::MenuItem("Presenter mode", "F11", ui.Look.Presenter))
                Do(ui, act::Flip{Toggle::Presenter});
            if (ImGui::MenuItem("Light theme", nullptr, ui.Look.Light)) Do(ui, act::Flip{Toggle::Light});
            PrintItemLayout(ui, "menu item Light theme");
            ImGui::SetNextItemWidth(120);
            ImGui::SliderFloat("UI scale", &ui.Look.PendingScale, 0.75f, 3.0f, "%.2f");
            ImGui::SetNextItemWidth(120);
            ImGui::SliderFloat("Point size", &ui.Look.PointRadius, 3.0f, 14.0f, "%.0f px");
            if (ImGui::MenuItem("Frame times", "F12", ui.Show.Debug)) Do(ui, act::Flip{Toggle::Debug});
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu("Help")) {
            if (ImGui::MenuItem("Keyboard shortcuts", "F1", ui.Show.Help)) Do(ui, act::Flip{Toggle::Help});
            ImGui::EndMenu();
        }
        const char* hint =
            ui.Show.Images      ? "   image mode: Space plays, Right one update, E one epoch; draw on the pad"
            : ui.Step.Active    ? "   step mode: Right / Left arrow move one phase, Esc leaves"
            : ui.Look.Presenter ? "   presenter mode: F11 leaves, F1 shortcuts"
                                : "   nnplay - press F1 for shortcuts, S to step through backprop";
        ImGui::TextDisabled("%s", hint);
        ImGui::EndMainMenuBar();
    }
}

} // namespace nnplay
