// app.cpp: the window's application, one frame at a time. Training runs on the trainers'
// threads; this thread only draws and posts commands.
#include "app/gui/app.hpp"

#include "app/cli/cli.hpp"
#include "app/gui/action_do.hpp"
#include "app/gui/files/file_actions.hpp"
#include "app/gui/files/image_session_io.hpp"
#include "app/gui/files/png_export.hpp"
#include "app/gui/files/session_io.hpp"
#include "app/gui/page_state.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/platform/native_chooser.hpp"
#include "app/gui/platform/xdg_paths.hpp"
#include "app/gui/runs/step_mode.hpp"
#include "app/gui/views/presenter.hpp"
#include "core/io/image_session_file.hpp"
#include "core/io/tf_playground_link.hpp"
#include "core/util/error.hpp"

#include <GLFW/glfw3.h> // key codes only: ImGui 1.86's GLFW backends (desktop and browser) index keys by them
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <unistd.h>

namespace nnplay {

namespace {

// Latin-1 and Latin Extended-A (ŷ) plus what the lecture's notation needs: Greek (δ, η, σ),
// sub/superscripts, arrows, mathematical operators (∂, −, √, Σ), general punctuation (…, ′), ◀
// and the lesson's tick ✓.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x017F, 0x0370, 0x03FF, 0x2000, 0x206F, 0x2070, 0x209F, 0x2190,
                                    0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF, 0x2713, 0x2713, 0};

// This thread's CPU time: what the frame costs the UI thread, whatever the other threads (the
// trainers, the map workers, the software rasterizer) take of the cores meanwhile.
double ThreadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) * 1e-6;
}

float MsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Where a session goes when the file it was to be saved to cannot be written: the user's state
// folder (~/.local/state/nnplay, beside the autosaves), else the temporary folder.
std::string FallbackSessionPath() {
    const std::string name = "nnplay-session-" + std::to_string(getpid()) + ".json";
    std::error_code ec;
    const std::string state = StateDir();
    if (!state.empty() &&
        (std::filesystem::create_directories(state, ec), std::filesystem::is_directory(state, ec)))
        return (std::filesystem::path(state) / name).string();
    return (std::filesystem::temp_directory_path(ec) / name).string();
}

// --save-on-exit: never lose the session: if the path cannot be written, put it where it can be,
// and say where. `save` writes the session (2-D or image) to a path, or throws UserError.
void SaveOnExit(const SessionWriter& save, const std::string& path, int& exit_code) {
    try {
        save(path);
    } catch (const UserError& e) {
        const std::string fallback = FallbackSessionPath();
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

double AutosaveInterval(bool interactive) {
    const char* env = std::getenv("NNPLAY_AUTOSAVE_SECONDS");
    return !interactive ? 0.0 : env ? std::atof(env) : kAutosaveSeconds;
}

} // namespace

App::App(Platform& platform, const WindowOptions& options, const StartState& start,
         const WindowSettings& settings)
    : m_platform(platform), m_options(options), m_settings(settings), m_interactive(options.Frames == 0),
      m_autosaver(AutosaveInterval(options.Frames == 0)) {
    m_runs.push_back(std::make_unique<Run>(start.File.Config, start.File.Data)); // throws: nothing shown
    UiState& ui = m_ui;
    ui.Images.ImageRequest = start.Images;
    m_playImages = options.Play && start.Images.has_value();
    ui.Canvas.View = start.View;
    if (start.File.Comparison) {
        ui.PendingComparison = ComparisonRequest{*start.File.Comparison, false, ""};
        ui.Show.Lab = true;
    }
    ui.Look.Scale = ui.Look.PendingScale = options.Scale;
    ui.Look.Light = options.Light;
    ui.PersistSettings = m_interactive;
    ui.Files.Recent = settings.Recent;
    ui.Files.LastFolder = settings.LastFolder;
    ui.Look.PointRadius = settings.PointRadius;
    // (A recorded or replayed window starts where its log says, not from an autosave.)
    if (m_interactive && options.Record.empty() && options.Replay.empty())
        ui.Files.RestoreOffer = FindOrphanAutosave();
    ui.Hooks.PrintLayout = options.PrintLayout;
    ui.DataForm.Preset = options.Load.empty() ? options.Preset : "empty";
    m_lightApplied = ui.Look.Light;
    ui.Look.Presenter = options.Presenter;
    ui.Files.LessonToOpen = options.Lesson; // (opened on the first frame, as from the menu)
    ApplyLook();
    // The document: a session file given is saved back to itself; what it holds is saved.
    ui.Files.Saved = {0, start.File.Updates, start.File.Config};
    if (!options.Load.empty() && !start.File.FromScenario && start.Notes.empty() &&
        !LooksLikeTfPlaygroundLink(options.Load) &&
        std::filesystem::path(options.Load).extension() == ".json")
        ui.Files.DocumentPath = options.Load;
    if (!start.Notes.empty()) {
        std::string text = "Opened the playground link.";
        for (const std::string& note : start.Notes)
            text += "\n- " + note;
        ShowToast(ui, text, 12.0);
    }
    Run& run = *m_runs[0];
    const SessionFile& f = start.File;
    run.DataLabel = options.Load.empty() ? options.Preset : OpenedName(options.Load);
    // A playground link shows its dataset in the Data panel and by name, as File > Open does.
    if (!options.Load.empty() && LooksLikeTfPlaygroundLink(options.Load))
        ShowLinkDataset(ui, run, ParseTfPlaygroundLink(options.Load));
    if (!f.History.BatchLoss.Empty() || !f.History.EpochTrainLoss.Empty())
        run.History = f.History.Compacted(kRunHistoryBuckets); // a saved session's curves
    if (!f.Params.empty()) run.Post(cmd::LoadWeights{f.Params, f.Updates, f.Epochs});
    for (size_t i : f.Frozen)
        run.Post(cmd::SetFrozen{i, true});
    run.Post(cmd::SetSpeedLimit{f.SpeedLimit});
    run.SpeedLimit = f.SpeedLimit;
    if (f.FromScenario) { // a lecture scenario: one phase at a time, the units' lines drawn
        EnterStepMode(ui, run);
        ui.Canvas.UnitLines = true;
    }
    if (options.Phase > 0) {
        EnterStepMode(ui, run);
        ui.Step.Phase = options.Phase - 1; // clamped to the network's phases
    }
    if (options.Play && !start.Images) {
        LeaveStepMode(ui);
        run.Post(cmd::Play{});
    }
    m_replay = start.Replay;
    if (!options.Record.empty()) {
        m_recorder = std::make_unique<ActionRecorder>(options.Record, start.File); // throws: said, no window
        // How the window started, as the first actions: a replay starts from the session alone.
        if (ui.Step.Active) {
            Record(act::EnterStep{}, 0.0);
            Record(act::GoToPhase{ui.Step.Phase}, 0.0);
        }
        if (ui.Canvas.UnitLines) Record(act::Flip{Toggle::UnitLines}, 0.0);
        if (options.Play && !start.Images) Record(act::Train{cmd::Play{}}, 0.0);
        if (!options.Lesson.empty()) Record(act::File{FileAction::Open, options.Lesson}, 0.0);
    }
}

const RunSnapshot& App::ShownRun() const {
    if (m_images.InFront(m_ui)) return *m_images.Snap;
    return m_runs[0]->Snap();
}

void App::Record(const Action& a, double now) {
    if (!m_recorder) return;
    const RunSnapshot& s = ShownRun();
    m_recorder->Write({now, s.Updates, s.State == TrainerState::Running, a});
}

void App::CarryOutActions(double now) {
    UiState& ui = m_ui;
    for (const Action& a : ui.Done)
        Record(a, now);
    ui.Done.clear();
    std::vector<Action> actions;
    actions.swap(ui.Actions);
    for (const Action& a : actions) {
        Record(a, now);
        CarryOut({ui, *m_runs[0], m_lab, m_lesson, m_images}, a);
    }
    ui.Done.clear(); // (a replayed file action is in the log already)
}

void App::ReplayDue(double now) {
    if (!m_replay) return;
    const Run& run = *m_runs[0];
    const std::vector<LoggedAction>& log = m_replay->Actions;
    // In order, each once its time has come, the trainers have done what came before, and the run
    // shown has reached the update it was done at (or stands still short of it: an image epoch
    // stepped through is not cut short by the step recorded after it). The actions of one frame
    // are said in one frame, as they were done.
    double frame = -1.0;
    for (; m_replayNext < log.size(); ++m_replayNext) {
        const LoggedAction& a = log[m_replayNext];
        if (frame >= 0.0 && a.Seconds != frame) break;
        if (frame < 0.0) {
            const RunSnapshot& s = ShownRun();
            if (now < a.Seconds || !run.Settled()) break;
            // The image mode: its set read, and its trainer done with what came before.
            if (m_images.SetComing() || (m_images.Active() && !m_images.Settled())) break;
            if (s.Updates < a.Update && s.State == TrainerState::Running) break;
            frame = a.Seconds;
        }
        Do(m_ui, a.What);
    }
    PrintItemValue(m_ui, "replay",
                   m_replayNext < log.size()
                       ? std::to_string(m_replayNext) + " of " + std::to_string(log.size())
                       : "done");
}

App::~App() = default;

void App::ApplyLook() {
    UiState& ui = m_ui;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    if (std::filesystem::exists(NNPLAY_FONT_PATH)) {
        io.Fonts->AddFontFromFileTTF(NNPLAY_FONT_PATH, std::round(17.0f * ui.Look.Scale), nullptr,
                                     kGlyphRanges);
    } else {
        ImFontConfig config;
        config.SizePixels = std::round(13.0f * ui.Look.Scale);
        io.Fonts->AddFontDefault(&config);
    }
    ImGuiStyle style;
    if (ui.Look.Light)
        ImGui::StyleColorsLight(&style);
    else
        ImGui::StyleColorsDark(&style);
    style.WindowRounding = 0.0f;
    style.FrameRounding = 3.0f;
    style.ScaleAllSizes(ui.Look.Scale);
    if (ui.Look.Presenter) MakeHighContrast(style);
    ImGui::GetStyle() = style;
    m_platform.RebuildFontTexture();
}

bool App::Busy() const {
    // Paused with nothing on its way, the window sleeps until input (a laptop on battery stays
    // cool). A button or key held down is input too: the brush sprays and keys repeat while held.
    const ImGuiIO& held = ImGui::GetIO();
    bool busy = m_options.Frames > 0 || m_settle > 0;
    busy = busy || (m_replay && m_replayNext < m_replay->Actions.size()); // a replay's next action waits
    for (bool down : held.MouseDown)
        busy = busy || down;
    for (bool down : held.KeysDown)
        busy = busy || down;
    for (const std::unique_ptr<Run>& r : m_runs)
        busy = busy || r->Busy();
    for (const std::unique_ptr<Run>& r : m_lab.Runs)
        busy = busy || r->Busy();
    return busy || m_images.Busy() || m_imageLab.Busy() || m_ui.Files.Png.has_value() ||
           !m_images.SavingTo.empty();
}

// A document is replaced or closed (the 2-D data, the image set, a comparison's runs): what it
// held is freed, but the C library may keep that memory. Two seconds later, once the trainers
// and the map workers have let go of their copies, the platform hands it back.
void App::ReleaseClosedDocuments(double now) {
    std::vector<const void*> open = {m_runs[0]->Snap().Data.get(), m_images.Trainer.get(),
                                     m_lab.Runs.empty() ? nullptr : m_lab.Runs[0].get(),
                                     m_imageLab.Runs.empty() ? nullptr : m_imageLab.Runs[0].get()};
    if (open != m_documents) {
        if (!m_documents.empty()) m_releaseAt = now + 2.0;
        m_documents = std::move(open);
    }
    if (m_releaseAt >= 0 && now >= m_releaseAt) {
        m_platform.ReleaseFreedMemory();
        m_releaseAt = -1;
    }
}

bool App::FrameDue(bool woken, double waited_since) {
    ReleaseClosedDocuments(m_platform.Now());
    if (woken) m_settle = 4;
    // It wakes twice a second but draws only when a message's time runs out.
    const bool toast_changes = !m_ui.Toast.empty() && m_ui.ToastUntil > waited_since - 0.5;
    const bool chose = m_ui.Files.Chooser.valid() &&
                       m_ui.Files.Chooser.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    // The settings are written without a frame; the autosave takes one (paused, the last updates
    // would otherwise wait for input).
    KeepSettings(m_platform.Now());
    return woken || toast_changes || chose || m_autosaver.Due(m_platform.Now(), *m_runs[0]);
}

// The image mode: a set asked for is read off this thread; once it is, the mode shows.
void App::StartImageRequests() {
    UiState& ui = m_ui;
    ImageMode& images = m_images;
    if (ui.Images.ImageRequest && ui.Images.ImageRequest->Config) {
        // A lesson's (its panel says the images are being read): started once a set being read is in.
        if (StartImageLoad(images, *ui.Images.ImageRequest)) ui.Images.ImageRequest.reset();
    } else if (ui.Images.ImageRequest) {
        ShowToast(ui,
                  StartImageLoad(images, *ui.Images.ImageRequest)
                      ? "Reading " + PlaceShown(images.Loading) + " ..."
                      : "Still reading " + PlaceShown(images.Loading) + ": one set at a time",
                  30.0);
        ui.Images.ImageRequest.reset();
    }
    if (PollImageLoad(images)) {
        m_imageLab.Runs.clear(); // a comparison of the previous set's runs
        m_imageLab.Snaps.clear();
        ui.Show.Images = true;
        const ImageRequest& opened = images.LoadingFor;
        if (!opened.RemoveOnceOpen.empty()) { // a restored autosave: this window's own holds it now
            RemoveOrphanAutosave(opened.RemoveOnceOpen);
            ShowToast(ui, "Restored the image session (" + images.Label + ", " +
                              std::to_string(images.Snap->Updates) + " updates). Save it with Ctrl+S.");
        } else if (opened.Config || opened.Unsaved) {
            // a lesson's run, or the session kept before a lesson: their panel or toast says so
        } else if (opened.Session) {
            ShowToast(ui, "Opened " + std::filesystem::path(opened.SessionPath).filename().string() + ": " +
                              images.Label + ", " + std::to_string(images.Snap->Updates) +
                              " updates. Play goes on from there.");
        } else {
            ShowToast(ui, "The image mode: " + images.Label +
                              ". Play trains; draw on the pad to see what the network reads.");
        }
        if (m_playImages) images.Post(imgcmd::Play{});
        m_playImages = false;
    } else if (!images.Error.empty()) {
        ShowToast(ui, images.Error, 12.0);
        images.Error.clear();
    }
}

void App::DrawPanels() {
    UiState& ui = m_ui;
    Run& run = *m_runs[0];
    ImageMode& images = m_images;
    DrawMenuBar(ui, run, images);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    if (ui.Show.Images) {
        const ImageLayout il =
            ComputeImageLayout(vp->WorkPos, vp->WorkSize, ui.Look.Scale, m_lesson.Active());
        PlacePanel(il.Controls);
        DrawImageControlsPanel(ui, images);
        if (ui.Show.ImageLab) {
            PlacePanel({il.Curves.Pos, {il.Curves.Size.x, il.Curves.Size.y + il.Confusion.Size.y}});
            DrawImageLabPanel(ui, m_imageLab, images);
        } else {
            PlacePanel(il.Curves);
            DrawImageCurvesPanel(ui, images);
            PlacePanel(il.Confusion);
            DrawConfusionPanel(images);
        }
        if (m_lesson.Active()) {
            PlacePanel(il.Lesson);
            DrawLessonPanel(ui, m_lesson);
        } else {
            PlacePanel(il.Pad);
            DrawPadPanel(ui, images);
        }
        PlacePanel(il.Views);
        DrawImageViewsPanel(ui, images);
    } else {
        const bool lesson = m_lesson.Active();
        const Layout layout =
            ComputeLayout(vp->WorkPos, vp->WorkSize, ui.Step.Active, ui.Look.Scale, lesson, ui.Show.Lab);
        PlacePanel(layout.Controls);
        DrawControlsPanel(ui, run);
        const bool lesson_for_data = lesson && (ui.Step.Active || ui.Show.Lab);
        if (!lesson_for_data) {
            PlacePanel(layout.Data);
            DrawDataPanel(ui, run);
        }
        if (lesson) {
            PlacePanel(layout.Lesson);
            DrawLessonPanel(ui, m_lesson);
        }
        if (ui.Show.Lab) {
            PlacePanel(layout.Lab);
            DrawLabPanel(ui, m_lab, run);
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
    DrawDebugOverlay(ui, run.Snap());
    // Dialogs last: Dear ImGui 1.86 asserts when a window first appears after a modal opened in
    // the same frame (ocornut/imgui#4920, fixed in 1.87).
    DrawFileDialogs(ui, run, images);
}

bool App::Frame(const Input& in) {
    UiState& ui = m_ui;
    Run& run = *m_runs[0];
    ImageMode& images = m_images;
    ++m_frame;
    m_settle = std::max(0, m_settle - 1);
    ReleaseClosedDocuments(in.Now);
    const bool last_frame = m_options.Frames && m_frame >= m_options.Frames;
    SaySignal();
    if (ui.Look.Presenter != m_presenterApplied) { // sets PendingScale
        const int screen_height = m_platform.SetFullScreen(ui.Look.Presenter);
        ApplyPresenter(ui, screen_height);
    }
    // The scale drawn at: the user's (or presenter mode's), times the page's pixel ratio.
    const float scale = ui.Look.PendingScale * in.PixelRatio;
    if (scale != ui.Look.Scale || ui.Look.Light != m_lightApplied ||
        ui.Look.Presenter != m_presenterApplied) {
        ui.Look.Scale = scale;
        m_lightApplied = ui.Look.Light;
        m_presenterApplied = ui.Look.Presenter;
        ApplyLook();
    }
    const auto cpu_start = std::chrono::steady_clock::now();
    const double thread_start = ThreadCpuMs();
    // A frame that stalled (a loaded machine) while a key was held does not count as holding it
    // for the whole stall: Dear ImGui adds the frame's time to the key's and, past its repeat
    // delay (0.275 s), repeats it, so one press of Right once stepped two phases in CI.
    ImGuiIO& io = ImGui::GetIO();
    if (std::any_of(std::begin(io.KeysDown), std::end(io.KeysDown), [](bool down) { return down; }))
        io.DeltaTime = std::min(io.DeltaTime, 0.1f);
    ImGui::NewFrame();

    // A button let go while the window was drawing anyway (held down, it is busy) wakes nothing: the
    // frames that show what the release did are drawn here (a finding clicked in the Diagnosis tab
    // was not marked on the diagram until the mouse moved again).
    for (bool released : ImGui::GetIO().MouseReleased)
        if (released) m_settle = 4;
    const bool editing = ImGui::IsAnyItemActive(); // (still the last frame's answer here)
    StartImageRequests();
    if (!images.Active()) ui.Show.Images = false;
    if (ui.Show.Images && !m_imagesShownBefore) run.Post(cmd::Pause{}); // one run trains at a time
    if (!ui.Show.Images && m_imagesShownBefore) images.Post(imgcmd::Pause{});
    m_imagesShownBefore = ui.Show.Images;
    BeginImageFrame(images, editing);
    BeginImageLabFrame(m_imageLab);
    const bool lab_on_screen = ui.Show.Images && ui.Show.ImageLab;
    if (m_imageLabShown && !lab_on_screen)
        PostToAllImageRuns(m_imageLab, imgcmd::Pause{}); // out of sight: they wait
    m_imageLabShown = lab_on_screen;
    for (const std::unique_ptr<Run>& r : m_runs)
        r->BeginFrame(editing);
    for (const std::unique_ptr<Run>& r : m_lab.Runs)
        r->BeginFrame(editing);
    if (ui.PendingComparison && run.Settled()) { // once the main run has its session (a lesson's)
        try {
            if (!ui.PendingComparison->LabPace)
                m_lab.Pace = run.Snap().SpeedLimit; // the lesson's pace, or the run's beside the remedy
            StartComparison(m_lab, run, ui.PendingComparison->Spec, ui.PendingComparison->FromCurrent);
            m_lab.Trial = ui.PendingComparison->Trial;
        } catch (const UserError& e) {
            m_lab.Error = e.what();
        }
        ui.PendingComparison.reset();
    }
    ReplayDue(in.Now);
    if (!ui.Files.LessonToOpen.empty()) { // File > Lessons, Open, --lesson: on the 2-D playground
        m_lesson.Open(ui, run, images, ui.Files.LessonToOpen);
        ui.Files.LessonToOpen.clear();
    }
    if (m_lesson.Active() && !ui.Show.Lesson) m_lesson.Close(ui); // File > Lessons > Close
    m_lesson.Update(ui, run, images);
    const Snapshot& s = run.Snap();
    m_autosaver.Tick(in.Now, run, ui.Files.AutosaveNow);
    m_autosaver.TickImages(in.Now, images);
    if (!HasUnsavedChanges(ui, run) && !ImageUnsaved(images)) m_autosaver.Discard();
    KeepSettings(in.Now);
    ui.Files.AutosaveNow = false;
    SaveImageSessionWhenKept(ui, images);
    if (m_autosaver.LastError() != ui.Files.AutosaveError) { // a full disk, a read-only home: said once
        ui.Files.AutosaveError = m_autosaver.LastError();
        if (!ui.Files.AutosaveError.empty())
            ShowToast(ui, "Autosave failed: " + ui.Files.AutosaveError + ". Save with Ctrl+S elsewhere.",
                      10.0);
    }
    const auto visuals_start = std::chrono::steady_clock::now();
    // The maps are made off this thread; a scripted screenshot waits for its last frame's.
    if (ui.Show.Images)
        UpdateImageTextures(images, in.Now);
    else
        run.UpdateMaps(ui.Canvas.View, ui.Canvas.Discretize, ui.Look.Light, last_frame);
    UpdateStepVisuals(run.Vis, ui, s);
    if (ui.Show.Lab) UpdateLabMaps(m_lab, ui, last_frame);
    if (ui.Plot.SurfaceTabOpen && !ui.Show.Lab) run.Land.Update(run.SnapPtr(), in.Now, ui.Look.Light);
    ui.Plot.SurfaceTabOpenLastFrame = ui.Plot.SurfaceTabOpen;
    ui.Plot.SurfaceTabOpen = false;                                 // the tab says so again when it is drawn
    if (m_labShown && !ui.Show.Lab) PostToAll(m_lab, cmd::Pause{}); // out of sight: the runs wait
    m_labShown = ui.Show.Lab;
    ui.Hooks.VisualsMs.Add(MsSince(visuals_start));
    if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false) && !ui.Files.AskClose)
        Do(ui, act::Quit{});
    ui.Canvas.CanvasRect[0] = ui.Canvas.CanvasRect[2] = 0; // the canvas says where it is when drawn
    if (!in.Dropped.empty()) OpenDroppedFiles(ui, run, in.Dropped);
    if (!m_options.Open.empty()) { // --open: once, on the first frame, as File > Open
        DoFileAction(ui, run, FileAction::Open, m_options.Open);
        m_options.Open.clear();
    }
    if (ui.Show.Images)
        HandleImageShortcuts(ui, images);
    else
        HandleShortcuts(ui, run);
    if (ui.Show.Images) {
        // (no pace: the image mode trains as fast as a core allows)
    } else if (ui.Show.Lab) {
        if (double pace = m_lab.Pace; HandlePaceKeys(ui, pace))
            Do(ui, act::TrainLab{cmd::SetSpeedLimit{pace}});
    } else if (double pace = run.SpeedLimit; HandlePaceKeys(ui, pace)) {
        Do(ui, act::SetPace{pace});
    }
    DrawPanels();
    CarryOutActions(in.Now); // what the panels said the user did, in order
    PrintPanelFit(ui);
    if (ui.Hooks.PrintLayout) { // which views are up, so a test waits on them rather than on time
        std::string views = ui.Show.Images   ? "images"
                            : ui.Show.Lab    ? "lab"
                            : ui.Step.Active ? "step"
                                             : "train";
        for (const auto& [shown, name] : {std::pair{ui.Show.Help, " help"},
                                          {ui.Show.Debug, " frame times"},
                                          {ui.Show.Inspector, " inspector"},
                                          {ui.Show.ImageLab, " image lab"},
                                          {ui.Look.Presenter, " presenter"}})
            if (shown) views += name;
        PrintItemValue(ui, "views", views);
    }
    if (UpdateWindowTitle(ui, run, images)) { // (the title marks unsaved work)
        m_platform.SetTitle(ui.Files.Title);
        m_platform.SetUnsavedWork(HasUnsavedChanges(ui, run) || ImageUnsaved(images));
    }

    const auto render_start = std::chrono::steady_clock::now();
    ImGui::Render();
    PrintTextFit(ui);
    const ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    m_platform.Render(bg.x, bg.y, bg.z);
    WritePendingPng(ui, m_platform, in.FramebufferWidth, in.FramebufferHeight);
    ui.Hooks.FrameMs.Add(MsSince(cpu_start));
    ui.Hooks.FrameThreadMs.Add(float(ThreadCpuMs() - thread_start));
    ui.Hooks.RenderMs.Add(MsSince(render_start));
    if (last_frame) {
        if (!m_options.Screenshot.empty()) {
            try {
                WritePng(m_platform, m_options.Screenshot, 0, 0, in.FramebufferWidth, in.FramebufferHeight);
            } catch (const UserError& e) {
                std::cerr << "nnplay: " << e.what() << "\nnnplay: cannot write " << m_options.Screenshot
                          << "\n";
                m_exitCode = kExitFailure;
            }
        }
        return false;
    }
    m_platform.Present();
    if (ui.Files.QuitAsked || (ui.Files.CloseConfirmed && ui.Files.CloseAfterSave))
        m_platform.SetCloseRequested(true);
    ui.Files.QuitAsked = false;
    return !m_platform.CloseRequested() || CloseHeldBack() || SaveOnExitHeldBack();
}

SessionWriter App::SessionOnScreen() {
    if (m_images.InFront(m_ui)) {
        std::shared_ptr<const ImageSessionFile> f = KeepNow(m_images, 60.0);
        return [f](const std::string& path) {
            if (!f) throw UserError("the image trainer did not hand its session over");
            SaveImageSessionFile(*f, path);
        };
    }
    return [f = m_runs[0]->SessionWithHistory()](const std::string& path) { SaveSession(f, path); };
}

// The window is closed by hand and --save-on-exit cannot be written now (its folder went, the
// disk is full): the session goes to the fallback at once and the window stays to say where;
// closing again quits (and tries both again with the last state).
bool App::SaveOnExitHeldBack() {
    if (m_options.SaveOnExit.empty() || m_platform.CloseSignal() != 0 || m_saveOnExitTold) return false;
    const SessionWriter save = SessionOnScreen();
    std::string text;
    try {
        save(m_options.SaveOnExit);
        return false;
    } catch (const UserError& e) {
        text = "Could not save the session on closing: " + std::string(e.what()) + ".";
    }
    m_saveOnExitTold = true;
    const std::string fallback = FallbackSessionPath();
    try {
        save(fallback);
        text += "\nIt was saved to " + fallback + " instead.";
        PrintItemValue(m_ui, "fallback session", fallback);
    } catch (const UserError& e) {
        text += "\nNor to " + fallback + ": " + e.what() + ".";
    }
    ShowToast(m_ui, text + "\nSave it elsewhere with Ctrl+S, or close again to quit.", 60.0);
    m_platform.SetCloseRequested(false);
    m_exitCode = kExitFailure;
    return true;
}

// Closing with changes not saved in a file asks first (unless the session is saved on exit
// anyway, a signal asked, or a script runs the window).
bool App::CloseHeldBack() {
    UiState& ui = m_ui;
    if (ui.Files.CloseConfirmed || m_platform.CloseSignal() != 0 || m_options.Frames != 0 ||
        !m_options.SaveOnExit.empty() || !(HasUnsavedChanges(ui, *m_runs[0]) || ImageUnsaved(m_images)))
        return false;
    m_platform.SetCloseRequested(false);
    ui.Files.AskClose = true;
    m_settle = 4;
    return true;
}

std::string App::StateJson() const {
    nlohmann::json state = PageState(m_ui, *m_runs[0], m_images);
    if (m_lesson.Active()) // the lesson open: which step, and whether its task is met
        state["lesson"] = {{"title", m_lesson.Current().Title},
                           {"step", m_lesson.StepIndex() + 1},
                           {"steps", m_lesson.Current().Steps.size()},
                           {"met", m_lesson.Met()}};
    return state.dump();
}

void App::SaySignal() {
    if (m_signalSaid || m_platform.CloseSignal() == 0) return;
    std::cerr << "nnplay: " << strsignal(m_platform.CloseSignal()) << ": keeping the session and closing\n";
    m_signalSaid = true;
}

WindowSettings App::SettingsNow() {
    const UiState& ui = m_ui;
    WindowSettings settings = m_settings;
    settings.Light = ui.Look.Light;
    settings.Scale = ui.Look.Presenter ? ui.Look.ScaleBeforePresenter : ui.Look.PendingScale;
    settings.PointRadius = ui.Look.Presenter ? ui.Look.PointRadiusBeforePresenter : ui.Look.PointRadius;
    m_platform.WindowSize(settings.Width, settings.Height); // the window's, not full screen's
    if (ui.ChosenPace) settings.Pace = *ui.ChosenPace;      // not a file's pace
    settings.Recent = ui.Files.Recent;
    settings.LastFolder = ui.Files.LastFolder;
    return settings;
}

void App::KeepSettings(double now) {
    if (!m_ui.PersistSettings || now - m_settingsCheckedAt < 1.0) return;
    m_settingsCheckedAt = now;
    const WindowSettings settings = SettingsNow();
    if (settings == m_settings) return;
    m_settings = settings;
    SaveSettings(m_settings);
}

int App::Close() {
    // Save what the user asked for, stop the trainers. An interactive session is also kept for
    // File > Last session (a scripted --frames run is not the user's work).
    SaySignal(); // (one that came during the last frame)
    UiState& ui = m_ui;
    Run& run = *m_runs[0];
    ImageMode& images = m_images;
    const double samples_per_s = run.TrainerOf().Latest()->SamplesPerSecond; // before the pause zeroes it
    run.Post(cmd::Pause{});
    const std::shared_ptr<const Snapshot> paused = run.TrainerOf().Latest();
    const SessionFile last = run.SessionWithHistory(paused.get());
    if (m_interactive) SaveLastSession(last);
    // The image session too (the trainer hands it over; an epoch's scoring may take seconds).
    std::shared_ptr<const ImageSessionFile> image_last;
    if (images.Active()) {
        images.Post(imgcmd::Pause{});
        image_last = KeepNow(images, 60.0);
        if (!image_last) std::cerr << "nnplay: the image trainer did not hand its session over\n";
    }
    if (image_last && m_interactive) SaveLastImageSession(*image_last);
    m_autosaver.Finish(true); // closed normally: nothing to restore next time
    if (ui.PersistSettings) {
        m_settings = SettingsNow();
        SaveSettings(m_settings);
    }
    // --save-on-exit keeps the session on screen: the image mode's when it is shown.
    if (!m_options.SaveOnExit.empty() && ui.Show.Images && image_last)
        SaveOnExit([&](const std::string& path) { SaveImageSessionFile(*image_last, path); },
                   m_options.SaveOnExit, m_exitCode);
    else if (!m_options.SaveOnExit.empty())
        SaveOnExit([&](const std::string& path) { SaveSession(last, path); }, m_options.SaveOnExit,
                   m_exitCode);
    if (m_options.Stats) {
        PrintFrameStats("frame wall time", ui.Hooks.FrameMs);
        PrintFrameStats("frame CPU time (UI thread)", ui.Hooks.FrameThreadMs);
        PrintFrameStats("  of which maps and step", ui.Hooks.VisualsMs);
        PrintFrameStats("  of which GL submission", ui.Hooks.RenderMs);
        std::printf("trainer: %.3g samples/s while training\n", samples_per_s);
        if (images.Snap)
            std::printf("image trainer: %.3g images/s while training\n", images.Snap->SamplesPerSecond);
    }
    // Textures are released here, while the platform's GL context still exists.
    m_lab.Runs.clear();
    m_runs.clear();
    m_imageLab = ImageLab{};
    m_images = ImageMode{};
    return m_exitCode;
}

} // namespace nnplay
