// lesson_player.cpp: a lesson played in the window (see lesson_player.hpp).
#include "app/gui/lesson_player.hpp"

#include "app/gui/files/image_session_io.hpp"
#include "app/gui/files/session_io.hpp"
#include "app/gui/frame.hpp"
#include "app/gui/runs/step_mode.hpp"
#include "core/teach/walkthrough.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <limits>

namespace nnplay {

namespace {

int IndexOf(const std::vector<std::string>& names, const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : int(it - names.begin());
}

bool IsPreset(const std::string& name) {
    for (const DatasetInfo& d : DatasetCatalog())
        if (d.Name == name) return true;
    return false;
}

// The image tabs' names come after the 2-D ones in LessonTabs(): "misclassified" is the image
// mode's tab 0.
const int kFirstImageTab = IndexOf(LessonTabs(), "misclassified");

bool UsesImages(const Lesson& lesson) {
    for (const LessonStep& step : lesson.Steps)
        for (const LessonSetting& s : step.Setup)
            if (s.Key == "images") return true;
    return false;
}

// Whether the image mode's run trains on the images `r` asks for, split as it asks.
bool SameImages(const ImageMode& images, const LessonImageRun& r) {
    if (!images.Active() || images.SetComing() || images.Folder != r.Folder) return false;
    const ImageSnapshot& s = *images.Snap;
    const size_t all = s.AllTraining + s.ValidationCount; // the set's training images
    const size_t validation = r.Validation >= 0 ? size_t(r.Validation) : DefaultValidation(all);
    if (validation >= all) return false;
    const size_t train = r.Used > 0 && r.Used < all - validation ? r.Used : all - validation;
    return s.ValidationCount == validation && s.TrainCount == train;
}

} // namespace

std::string LessonPhaseShown(const UiState& ui, int layers) {
    if (!ui.Step.Active) return "none";
    const std::vector<PhaseStep> phases = PhasesOfUpdate(layers);
    if (ui.Step.Phase < 0 || ui.Step.Phase >= int(phases.size())) return "none";
    return LessonPhases()[size_t(phases[size_t(ui.Step.Phase)].Kind)];
}

bool LessonPlayer::Open(UiState& ui, Run& run, ImageMode& images, const std::string& path) {
    try {
        m_lesson = ReadCheckedLesson(path);
    } catch (const UserError& e) {
        ShowToast(ui, std::string("The lesson cannot be opened: ") + e.what(), 12.0);
        return false;
    }
    m_path = path;
    m_settings.emplace(std::filesystem::path(path).parent_path());
    m_metOnce.assign(m_lesson->Steps.size(), false);
    m_showMe.reset();
    const bool showing_images = ui.Show.Images;
    KeepSessionBeforeOpen(ui, run, "the lesson '" + m_lesson->Title + "'");
    ui.Files.BeforeOpen.ShowingImages = showing_images;
    if (UsesImages(*m_lesson) && images.Active()) { // its image steps replace the image mode's run too
        if (std::shared_ptr<const ImageSessionFile> kept = KeepNow(images, 5.0))
            ui.Files.BeforeOpen.Images = ReopenImages(kept, images.DocumentPath, ImageUnsaved(images));
    }
    KeepBeforeLessonOnDisk(ui); // (a window killed during the lesson loses none of it)
    ui.Show.Lesson = true;
    m_step = -1;
    GoTo(ui, run, images, 0);
    ShowToast(ui, "Lesson: " + m_lesson->Title + ". File > Back to before the lesson restores what you had.",
              4.0);
    PrintItemValue(ui, "lesson", m_lesson->Title);
    return true;
}

void LessonPlayer::Close(UiState& ui) {
    m_lesson.reset();
    m_settings.reset();
    m_showMe.reset();
    ui.Lesson = {};
    ui.Show.Lesson = false;
    PrintItemValue(ui, "lesson", "none");
}

std::string LessonPlayer::Name() const {
    return std::filesystem::path(m_path).filename().string();
}

bool LessonPlayer::TaskReadsAnswer() const {
    const LessonStep& s = Step();
    if (!s.Task || !s.Task->Check) return false;
    const std::vector<std::string> names = s.Task->Check->Names();
    return std::find(names.begin(), names.end(), "answer") != names.end();
}

void LessonPlayer::Rebuild(UiState& ui, Run& run, SessionFile f, const std::string& what) {
    run.BeginSetupEdit(what);
    const std::string dataset = m_settings->DatasetName();
    ui.DataForm.Preset = IsPreset(dataset) ? dataset : "empty";
    ui.Canvas.View = FitView(f.Data);
    run.DataLabel = dataset == "session" ? m_lesson->Title : dataset + " (lesson)";
    run.ShowSession(std::move(f), "lesson: " + Step().Title);
}

void LessonPlayer::ApplyWords(UiState& ui, Run& run, int layers) {
    if (m_settings->Pace) {
        run.SpeedLimit = *m_settings->Pace;
        run.Post(cmd::SetSpeedLimit{run.SpeedLimit});
    }
    const std::string& phase = m_settings->Phase;
    if (phase == "none") {
        LeaveStepMode(ui);
    } else if (!phase.empty()) {
        if (!ui.Step.Active) EnterStepMode(ui, run);
        const std::vector<PhaseStep> phases = PhasesOfUpdate(layers);
        for (size_t i = 0; i < phases.size(); ++i)
            if (LessonPhases()[size_t(phases[i].Kind)] == phase) {
                ui.Step.Phase = int(i);
                break;
            }
    }
    if (const int tab = IndexOf(LessonTabs(), m_settings->Tab); tab >= kFirstImageTab) {
        ui.Images.OpenImageTab = tab - kFirstImageTab;
    } else if (tab >= 0) {
        ui.Plot.OpenTab = tab;
        if (ui.Step.Active && phase.empty()) LeaveStepMode(ui); // the tabs are where step mode is not
        ui.Show.Lab = false;
    }
    m_settings->Phase.clear();
    m_settings->Tab.clear();
    m_settings->Pace.reset();
}

void LessonPlayer::GoTo(UiState& ui, Run& run, ImageMode& images, int index) {
    if (!m_lesson || index < 0 || index >= int(m_lesson->Steps.size())) return;
    // The lesson's settings as they stand at step `index`: every setup up to it, replayed.
    LessonSettings settings(std::filesystem::path(m_path).parent_path());
    bool step_remakes = false; // the step's own setup gives a training setting
    try {
        for (int k = 0; k <= index; ++k)
            step_remakes = settings.ApplySetup(m_lesson->Steps[size_t(k)].Setup);
    } catch (const UserError& e) { // checked when the lesson opened: not expected
        ShowToast(ui, AtLessonLine(Name(), e.what()), 10.0);
        return;
    }
    // The lesson's first step, a step back, and a step whose setup sets training make the run
    // afresh; any other step goes on with the run as the student left it.
    const bool remake = m_step < 0 || index < m_step || step_remakes;
    m_settings = std::move(settings);
    m_step = index;
    HintsShown = 0;
    Answer.clear();
    m_met = false;
    m_showMe.reset();
    m_imagesPlayUntil.reset();
    m_imageStepStart.reset();
    m_facts = {};
    const LessonStep& step = m_lesson->Steps[size_t(index)];
    ui.Lesson = {m_settings->Highlight, m_settings->Lock, m_lesson->Title + ": " + step.Title, step.Text,
                 step.Task ? step.Task->Goal : ""};
    const std::string progress = std::to_string(m_step + 1) + "/" + std::to_string(m_lesson->Steps.size());
    if (m_settings->Images()) {
        LeaveStepMode(ui);
        ui.Show.Lab = false;
        ui.Show.Images = images.Active(); // (else once the images are read: StartImageRequests)
        try {
            if (remake || (!images.Active() && !images.SetComing()))
                RebuildImages(ui, images, m_settings->MakeImages());
            else if (images.Settled())
                m_imageStepStart = KeepNow(images, 2.0); // the run as the student left it, for Restart
        } catch (const UserError& e) { // (checked when the lesson opened; the images may have gone since)
            ShowToast(ui, AtLessonLine(Name(), e.what()), 10.0);
        }
        ApplyWords(ui, run, 0);
        PrintItemValue(ui, "lesson step", progress);
        return;
    }
    ui.Show.Images = false;
    const Snapshot& s = run.Snap();
    int layers = int(s.Layers.size());
    m_stepStart.reset();
    if (remake) {
        try {
            SessionFile f = m_settings->Make(run.SpeedLimit);
            layers = int(f.Config.Network.Hidden.size()) + 1;
            m_stepStart = f;
            Rebuild(ui, run, std::move(f), "lesson step '" + Step().Title + "'");
        } catch (const UserError& e) { // (checked when the lesson opened)
            ShowToast(ui, AtLessonLine(Name(), e.what()), 10.0);
        }
    }
    if (!m_stepStart) m_stepStart = run.SessionWithHistory(); // the run as the student left it
    ApplyWords(ui, run, layers);
    m_stepStartInStepMode = ui.Step.Active;
    m_stepStartPhase = ui.Step.Phase;
    PrintItemValue(ui, "lesson step", progress);
}

void LessonPlayer::RebuildImages(UiState& ui, ImageMode& images, const LessonImageRun& r) {
    if (SameImages(images, r)) { // fresh weights in the trainer there is: no second read of the images
        images.Post(imgcmd::Pause{});
        images.Post(imgcmd::SetConfig{r.Config});
        images.Post(imgcmd::Reset{});
        images.Desired = r.Config;
    } else {
        ImageRequest q;
        q.Folder = r.Folder;
        q.Config = r.Config;
        q.Validation = r.Validation;
        q.Used = r.Used;
        ui.Images.ImageRequest = q;
    }
    m_facts = {}; // judged again once the new run is on screen
    // The lesson's run is no file's: Ctrl+S asks where, and an untrained run is nothing to lose.
    images.DocumentPath.clear();
    images.Saved = {0, 0, r.Config};
}

void LessonPlayer::Restart(UiState& ui, Run& run, ImageMode& images) {
    if (!m_lesson) return;
    m_showMe.reset();
    m_imagesPlayUntil.reset();
    HintsShown = 0;
    Answer.clear();
    if (OnImages()) {
        if (m_imageStepStart) { // where the student was when the step began
            ui.Images.ImageRequest = ReopenImages(m_imageStepStart, "", true);
        } else {
            try {
                RebuildImages(ui, images, m_settings->MakeImages());
            } catch (const UserError& e) {
                ShowToast(ui, AtLessonLine(Name(), e.what()), 10.0);
            }
        }
        return;
    }
    if (!m_stepStart) return;
    run.BeginSetupEdit("restart lesson step '" + Step().Title + "'");
    SessionFile f = *m_stepStart;
    ui.Canvas.View = FitView(f.Data);
    run.ShowSession(std::move(f), "lesson: " + Step().Title);
    if (m_stepStartInStepMode) {
        if (!ui.Step.Active) EnterStepMode(ui, run);
        ui.Step.Phase = m_stepStartPhase;
    } else {
        LeaveStepMode(ui);
    }
}

void LessonPlayer::ShowMe(UiState& ui, Run& run, ImageMode& images) {
    if (!m_lesson || !Step().Task) return;
    const Snapshot& s = run.Snap();
    bool rebuild = false, rebuilt = false;
    int layers = int(s.Layers.size());
    const auto remake = [&] {
        if (!rebuild) return;
        if (m_settings->Images()) {
            RebuildImages(ui, images, m_settings->MakeImages());
        } else {
            SessionFile f = m_settings->Make(run.SpeedLimit);
            layers = int(f.Config.Network.Hidden.size()) + 1;
            Rebuild(ui, run, std::move(f), "show me: " + Step().Title);
        }
        rebuild = false;
        rebuilt = true;
    };
    try {
        for (const LessonSetting& a : Step().Task->Show) {
            if (a.Key == "train" && m_settings->Images()) { // posted once every command before it applied
                remake();
                const long from = rebuilt || !images.Snap ? 0 : images.Snap->Epochs;
                m_imagesPlayUntil = from + long(LessonNumber(a, 1, 100000));
                m_showMe = ShowMeTraining{*m_imagesPlayUntil, run.SpeedLimit, s.Stop};
            } else if (a.Key == "train") {
                remake();
                const long epochs = long(LessonNumber(a, 1, 100000));
                m_showMe = ShowMeTraining{(rebuilt ? 0 : s.Epochs) + epochs, run.SpeedLimit, s.Stop};
                LeaveStepMode(ui);
                ui.Show.Lab = false;
                StopConditions stop = s.Stop;
                stop.MaxEpochs = m_showMe->UntilEpoch;
                run.Post(cmd::SetStopConditions{stop});
                run.Post(cmd::SetSpeedLimit{0});
                run.Post(cmd::Play{});
            } else if (a.Key == "reset") {
                remake();
                if (m_settings->Images())
                    images.Post(imgcmd::Reset{});
                else
                    run.PostRestart(cmd::Reset{}, "show me: reset");
            } else if (a.Key == "answer") {
                Answer = a.Value;
            } else {
                rebuild |= m_settings->Set(a);
            }
        }
        remake();
    } catch (const UserError& e) {
        ShowToast(ui, AtLessonLine(Name(), e.what()), 10.0);
        return;
    }
    ApplyWords(ui, run, layers);
    PrintItemValue(ui, "lesson show me", Step().Title);
}

void LessonPlayer::UpdateImages(UiState& ui, ImageMode& images) {
    if (images.SetComing() || !images.Active() || !images.Settled()) return; // judged once read and applied
    const ImageSnapshot& s = *images.Snap;
    if (m_imagesPlayUntil) {
        images.Post(imgcmd::Play{*m_imagesPlayUntil}); // full speed: the image mode has no pace
        m_imagesPlayUntil.reset();
        return;
    }
    if (m_showMe) {
        if (s.State == TrainerState::Running) m_showMe->Started = true;
        if (s.State != TrainerState::Running && (m_showMe->Started || s.Epochs >= m_showMe->UntilEpoch))
            m_showMe.reset();
    }
    if (s.Records.empty()) return;
    const ImageEpochRecord scored = s.Records.back(); // what the curves show: the last epoch's scores
    m_facts = RunFacts({&s.Config, nullptr, &scored, s.Epochs, s.Updates, s.State == TrainerState::Diverged,
                        s.TrainCount, m_settings->DatasetName(), nullptr});
    m_facts.Words["phase"] = "none";
    m_facts.Words["tab"] =
        ui.Images.ShownImageTab >= 0 && kFirstImageTab + ui.Images.ShownImageTab < int(LessonTabs().size())
            ? LessonTabs()[size_t(kFirstImageTab + ui.Images.ShownImageTab)]
            : "misclassified";
}

void LessonPlayer::Update(UiState& ui, Run& run, ImageMode& images) {
    if (!m_lesson) return;
    if (OnImages()) {
        UpdateImages(ui, images);
        Judge(ui, run, 0);
        return;
    }
    const Snapshot& s = run.Snap();
    if (!run.Settled()) return; // a picture from before the last commands: judged once they apply
    if (m_showMe) {
        if (s.State == TrainerState::Running) m_showMe->Started = true;
        if (s.State != TrainerState::Running && (m_showMe->Started || s.Epochs >= m_showMe->UntilEpoch)) {
            run.SpeedLimit = m_showMe->PaceBefore;
            run.Post(cmd::SetSpeedLimit{run.SpeedLimit});
            run.Post(cmd::SetStopConditions{m_showMe->StopBefore});
            m_showMe.reset();
        }
    }
    if (!s.Data) return;
    m_facts = RunFacts({&s.Config, &s.Eval, nullptr, s.Epochs, s.Updates, s.State == TrainerState::Diverged,
                        s.Data->Points.size(), m_settings->DatasetName(),
                        s.Findings && s.DiagnosisOn ? s.Findings.get() : nullptr});
    m_facts.Words["phase"] = LessonPhaseShown(ui, int(s.Layers.size()));
    m_facts.Words["tab"] = ui.Plot.ShownTab >= 0 && ui.Plot.ShownTab < kFirstImageTab
                               ? LessonTabs()[size_t(ui.Plot.ShownTab)]
                               : "loss";
    Judge(ui, run, int(s.Layers.size()));
}

void LessonPlayer::Judge(UiState& ui, Run& run, int layers) {
    if (m_facts.Numbers.empty()) return; // nothing of the run seen yet (images still being read)
    char* end = nullptr;
    const double answer = std::strtod(Answer.c_str(), &end);
    m_facts.Numbers["answer"] =
        !Answer.empty() && *end == '\0' ? answer : std::numeric_limits<double>::quiet_NaN();
    const LessonStep& step = Step();
    m_met = step.Task && step.Task->Check && step.Task->Check->Holds(m_facts);
    if (m_met && !m_metOnce[size_t(m_step)]) {
        m_metOnce[size_t(m_step)] = true;
        ui.Lesson.Locked.clear(); // met: what the step held still is the student's again
        // A number worked out and typed is revealed at once: the solution's phase is shown.
        for (const LessonSetting& a : step.Task->Show)
            if (a.Key == "phase") m_settings->Phase = a.Value;
        ApplyWords(ui, run, layers);
        PrintItemValue(ui, "lesson met", std::to_string(m_step + 1));
    }
}

} // namespace nnplay
