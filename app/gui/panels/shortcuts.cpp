// shortcuts.cpp: keyboard shortcuts, undo/redo, and the help and debug overlays.
#include "app/gui/action_do.hpp"
#include "app/gui/files/file_actions.hpp"
#include "app/gui/panels/lesson_marks.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/runs/step_mode.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>

namespace nnplay {

namespace {
// A text field has the keys. Dear ImGui's WantTextInput still says so on the frame after Enter
// has let a field go: a key pressed on that frame (Space right after typing a rate) was lost.
bool Typing() {
    return ImGui::GetIO().WantTextInput && ImGui::IsAnyItemActive();
}
} // namespace

void HandleShortcuts(UiState& ui, Run& run) {
    const Snapshot& s = run.Snap();
    const ImGuiIO& io = ImGui::GetIO();
    if (Typing()) return; // typing a number is not a command
    if (ui.Files.Dialog != FileAction::None || ui.Files.AskClose || ui.Files.RestoreOffer)
        return; // a path dialog is modal: its keys are its own
    // ImGui 1.86's GLFW backend indexes KeysDown by GLFW key code.
    const auto pressed = [](int key, bool repeat = false) { return ImGui::IsKeyPressed(key, repeat); };
    if (io.KeyCtrl && pressed(GLFW_KEY_Z, true)) {
        if (io.KeyShift)
            Do(ui, act::Redo{});
        else
            Do(ui, act::Undo{});
        return;
    }
    if (io.KeyCtrl && pressed(GLFW_KEY_O)) AskForFile(ui, FileAction::Open);
    if (io.KeyCtrl && pressed(GLFW_KEY_S)) AskForFile(ui, FileAction::SaveSession);
    if (io.KeyCtrl) return;
    // What a lesson's step locks, its keys do not do either.
    const bool step_locked = LessonLocks(ui, "step"), play_locked = LessonLocks(ui, "play"),
               reset_locked = LessonLocks(ui, "reset");
    const auto step_key = [&](int key) { return !step_locked && pressed(key, true); };
    if (ui.Step.Active) { // one phase per press; leaving resumes normal play
        if (step_key(GLFW_KEY_RIGHT) || step_key(GLFW_KEY_N)) Do(ui, act::NextPhase{});
        if (step_key(GLFW_KEY_LEFT) || step_key(GLFW_KEY_P)) Do(ui, act::PreviousPhase{});
        if (pressed(GLFW_KEY_S) || pressed(GLFW_KEY_ESCAPE)) Do(ui, act::LeaveStep{});
        if (pressed(GLFW_KEY_X)) ExportStepUpdate(ui, s, run.Vis);
        if (!play_locked && pressed(GLFW_KEY_SPACE)) {
            Do(ui, act::LeaveStep{});
            Do(ui, cmd::Play{});
        }
    } else {
        if (!play_locked && pressed(GLFW_KEY_SPACE))
            Do(ui, s.State == TrainerState::Running ? Command{cmd::Pause{}} : Command{cmd::Play{}});
        if (step_key(GLFW_KEY_RIGHT) || step_key(GLFW_KEY_N)) Do(ui, cmd::StepUpdate{});
        if (step_key(GLFW_KEY_LEFT) || step_key(GLFW_KEY_P)) Do(ui, cmd::StepBack{});
        if (pressed(GLFW_KEY_S)) Do(ui, act::EnterStep{});
    }
    if (step_key(GLFW_KEY_E)) Do(ui, cmd::StepEpoch{});
    if (!reset_locked && pressed(GLFW_KEY_R)) DoRestart(ui, cmd::Reset{}, "reset");
    if (!reset_locked && pressed(GLFW_KEY_I))
        DoRestart(ui, cmd::Reinitialize{run.Seed + 1}, "new initialization");
    if (pressed(GLFW_KEY_G))
        Do(ui,
           act::ShowEdges{ui.Diagram.Edges == EdgeView::Gradients ? EdgeView::Weights : EdgeView::Gradients});
    if (pressed(GLFW_KEY_D)) Do(ui, act::Flip{Toggle::Discretize});
    if (pressed(GLFW_KEY_T)) Do(ui, act::Flip{Toggle::TestPoints});
    if (pressed(GLFW_KEY_U)) Do(ui, act::Flip{Toggle::UnitLines});
    if (pressed(GLFW_KEY_F1)) Do(ui, act::Flip{Toggle::Help});
    if (pressed(GLFW_KEY_L)) Do(ui, act::ShowTab{0}); // loss
    if (pressed(GLFW_KEY_M)) Do(ui, act::ShowTab{1}); // metrics
    if (pressed(GLFW_KEY_K)) Do(ui, act::ShowTab{2}); // gradients
    if (pressed(GLFW_KEY_W)) Do(ui, act::ShowTab{5}); // diagnosis: why it does not learn
    if (pressed(GLFW_KEY_F12)) Do(ui, act::Flip{Toggle::Debug});
    if (pressed(GLFW_KEY_F11)) Do(ui, act::Flip{Toggle::Presenter});
    if (pressed(GLFW_KEY_C)) Do(ui, act::Flip{Toggle::Inspector});
    for (int c = 0; c < kMaxClasses; ++c)
        if (pressed(GLFW_KEY_0 + c)) Do(ui, act::SetClass{c});
}

void HandleImageShortcuts(UiState& ui, ImageMode& m) {
    const ImGuiIO& io = ImGui::GetIO();
    if (Typing() || ui.Files.Dialog != FileAction::None || ui.Files.AskClose || ui.Files.RestoreOffer) return;
    const auto pressed = [](int key, bool repeat = false) { return ImGui::IsKeyPressed(key, repeat); };
    if (io.KeyCtrl && pressed(GLFW_KEY_O)) AskForFile(ui, FileAction::Open);
    if (io.KeyCtrl && pressed(GLFW_KEY_S)) AskForFile(ui, FileAction::SaveImages, m.DocumentPath);
    if (io.KeyCtrl) return;
    const bool running = m.Snap->State == TrainerState::Running;
    if (pressed(GLFW_KEY_SPACE))
        Do(ui, act::TrainImages{running ? ImageCommand{imgcmd::Pause{}} : ImageCommand{imgcmd::Play{}}});
    if (pressed(GLFW_KEY_RIGHT, true) || pressed(GLFW_KEY_N, true)) {
        Do(ui, act::TrainImages{imgcmd::StepUpdate{}});
        ui.Images.OpenImageTab = 2; // the last update
    }
    if (pressed(GLFW_KEY_E)) Do(ui, act::TrainImages{imgcmd::StepEpoch{}});
    if (pressed(GLFW_KEY_R)) Do(ui, act::TrainImages{imgcmd::Reset{}});
    if (pressed(GLFW_KEY_F1)) Do(ui, act::Flip{Toggle::Help});
    if (pressed(GLFW_KEY_F12)) Do(ui, act::Flip{Toggle::Debug});
    if (pressed(GLFW_KEY_F11)) Do(ui, act::Flip{Toggle::Presenter});
}

bool HandlePaceKeys(UiState& ui, double& pace) {
    const ImGuiIO& io = ImGui::GetIO();
    if (Typing() || io.KeyCtrl || ui.Files.Dialog != FileAction::None || ui.Files.AskClose ||
        ui.Files.RestoreOffer)
        return false;
    // One step per press, no auto-repeat: on a loaded machine a press held past the repeat delay
    // jumped several paces at once.
    const auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
    const double before = pace;
    if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD))
        pace = FasterPace(pace); // '+' is shift+'=' on most layouts
    if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT)) pace = SlowerPace(pace);
    if (pressed(GLFW_KEY_F)) {
        if (pace > 0) {
            ui.Plot.PaceBeforeMax = pace;
            pace = 0;
        } else {
            pace = ui.Plot.PaceBeforeMax > 0 ? ui.Plot.PaceBeforeMax : kClassPace;
        }
    }
    return pace != before;
}

void DrawHelpOverlay(UiState& ui) {
    if (!ui.Show.Help) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2},
                            ImGuiCond_Always, {0.5f, 0.5f});
    ImGui::SetNextWindowBgAlpha(0.95f);
    if (ImGui::Begin("Keyboard shortcuts (F1 to close)", &ui.Show.Help,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                         ImGuiWindowFlags_NoSavedSettings)) {
        const char* rows[][2] = {
            {"Space", "play / pause training"},
            {"Right arrow or N", "one update (one mini-batch); in step mode, the next phase"},
            {"Left arrow or P", "undo one update, exactly; in step mode, the previous phase"},
            {"S", "step through backprop: batch, forward, loss, backward, update"},
            {"Esc", "leave step mode (Space: leave and play)"},
            {"X", "in step mode: save the update's numbers as JSON"},
            {"+ / -", "train faster / slower (pace: slow, class, fast, max, and between)"},
            {"F", "pace max (as fast as possible), and back"},
            {"E", "one epoch"},
            {"R", "reset to the same initial weights"},
            {"I", "new initialization (next seed)"},
            {"0 - 5", "class to draw with (numbered from 0, as in files and exports)"},
            {"click / drag / right-click", "add or relabel / move / remove a point"},
            {"Ctrl+Z, Ctrl+Shift+Z", "undo / redo an edit: points, network, loss, initialization, reset"},
            {"G", "edges show gradients / weights"},
            {"L, M, K, W", "loss / metrics / gradients / diagnosis tab"},
            {"D", "discretize the output"},
            {"T", "show or hide test points"},
            {"U", "first-layer units' lines on the canvas"},
            {"hover a node", "its own output, large on the canvas"},
            {"click an edge or node", "type a weight or bias, freeze it"},
            {"right-click an edge or node", "its chain rule with the numbers (C toggles)"},
            {"F11", "presenter mode: full screen, large, high contrast (again: back)"},
            {"F12", "frame times"},
            {"Ctrl+O, Ctrl+S",
             "open a session or scenario file / save the session (in the image mode: its own)"},
            {"Ctrl+Q", "quit"},
        };
        if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
            for (const auto& r : rows) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::TextUnformatted(r[0]);
                ImGui::TableSetColumnIndex(1);
                ImGui::TextUnformatted(r[1]);
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

void DrawToast(UiState& ui) {
    if (ui.Toast.empty() || ImGui::GetTime() >= ui.ToastUntil) return;
    // Never over an open menu or popup: the message waits (its time does not run) until it closes.
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
        ui.ToastUntil += ImGui::GetIO().DeltaTime;
        PrintItemValue(ui, "toast", "waiting for the menu");
        return;
    }
    PrintItemValue(ui, "toast", ui.Toast);
    // On the foreground draw list, not in a window: a window of its own went behind whichever
    // panel had just been clicked, and the message was lost.
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float wrap = vp->WorkSize.x - 80.0f;
    const ImVec2 text = ImGui::CalcTextSize(ui.Toast.c_str(), nullptr, false, wrap);
    const ImVec2 pad = style.WindowPadding;
    const ImVec2 a{vp->WorkPos.x + (vp->WorkSize.x - text.x) / 2 - pad.x, vp->WorkPos.y + 8};
    const ImVec2 b{a.x + text.x + 2 * pad.x, a.y + text.y + 2 * pad.y};
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_PopupBg, 0.95f), style.WindowRounding);
    dl->AddRect(a, b, ImGui::GetColorU32(ImGuiCol_Border), style.WindowRounding);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), {a.x + pad.x, a.y + pad.y},
                IM_COL32(242, 153, 77, 255), ui.Toast.c_str(), nullptr, wrap);
}

void DrawDebugOverlay(UiState& ui, const Snapshot& s) {
    if (!ui.Show.Debug || ui.Hooks.FrameMs.Count() == 0) return;
    std::vector<float> recent = ui.Hooks.FrameMs.Recent();
    std::sort(recent.begin(), recent.end());
    const float p50 = recent[recent.size() / 2],
                p99 = recent[std::min(recent.size() - 1, recent.size() * 99 / 100)];
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({vp->WorkPos.x + vp->WorkSize.x - 10, vp->WorkPos.y + vp->WorkSize.y - 10},
                            ImGuiCond_Always, {1, 1});
    ImGui::SetNextWindowBgAlpha(0.85f);
    if (ImGui::Begin("##debug", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                         ImGuiWindowFlags_NoInputs)) {
        ImGui::Text("frame CPU time: p50 %.2f ms, p99 %.2f ms (last %zu frames)", p50, p99, recent.size());
        ImGui::Text("trainer: %.3g samples/s, snapshot #%llu", s.SamplesPerSecond,
                    (unsigned long long)s.Sequence);
    }
    ImGui::End();
}

} // namespace nnplay
