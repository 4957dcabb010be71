// action_do.cpp: each action's effect on the window, the main run and the lab.
#include "app/gui/action_do.hpp"

#include "app/gui/files/file_actions.hpp"
#include "app/gui/runs/step_mode.hpp"
#include "core/util/overloaded.hpp"

namespace nnplay {

namespace {

bool& Flag(UiState& ui, Toggle t) {
    switch (t) {
    case Toggle::Discretize:
        return ui.Canvas.Discretize;
    case Toggle::TestPoints:
        return ui.Canvas.ShowTest;
    case Toggle::UnitLines:
        return ui.Canvas.UnitLines;
    case Toggle::Help:
        return ui.Show.Help;
    case Toggle::Debug:
        return ui.Show.Debug;
    case Toggle::Presenter:
        return ui.Look.Presenter;
    case Toggle::Light:
        return ui.Look.Light;
    case Toggle::Images:
        return ui.Show.Images;
    case Toggle::Inspector:
        break;
    }
    return ui.Show.Inspector;
}
} // namespace

void CarryOut(const ActionScope& at, const Action& a) {
    UiState& ui = at.Ui;
    Run& run = at.Main;
    std::visit(
        Overloaded{
            [&](const act::Train& x) {
                // The window's own copies of what the command sets (the next "new init"
                // goes on from this seed; the pace control shows this pace).
                if (const auto* r = std::get_if<cmd::Reinitialize>(&x.What)) run.Seed = r->Seed;
                if (const auto* p = std::get_if<cmd::SetSpeedLimit>(&x.What))
                    run.SpeedLimit = p->UpdatesPerSecond;
                run.Post(x.What);
            },
            [&](const act::BeginEdit& x) {
                if (x.PointsOnly)
                    run.BeginDataEdit(x.What);
                else
                    run.BeginSetupEdit(x.What);
            },
            [&](const act::Undo&) { run.UndoEdit(); },
            [&](const act::Redo&) { run.RedoEdit(); },
            [&](const act::EnterStep&) { EnterStepMode(ui, run); },
            [&](const act::LeaveStep&) { LeaveStepMode(ui); },
            [&](const act::NextPhase&) { StepPhaseForward(ui, run.Snap(), run, run.Vis); },
            [&](const act::PreviousPhase&) { StepPhaseBack(ui, run.Snap(), run, run.Vis); },
            [&](const act::GoToPhase& x) { ui.Step.Phase = std::max(0, x.Phase); }, // (clamped each frame)
            [&](const act::ShowTab& x) { ui.Plot.OpenTab = x.Tab; },
            [&](const act::ShowLab& x) {
                ui.Show.Lab = x.On; // (hidden, its runs wait)
                if (x.On) LeaveStepMode(ui);
            },
            [&](const act::Compare& x) {
                ui.PendingComparison = x.Request; // started once the main run has settled
                ui.Show.Lab = true;
                LeaveStepMode(ui);
            },
            [&](const act::EndComparison& x) {
                EndComparison(at.TheLab);
                if (x.Close) ui.Show.Lab = false;
            },
            [&](const act::TrainLab& x) {
                if (const auto* p = std::get_if<cmd::SetSpeedLimit>(&x.What))
                    at.TheLab.Pace = p->UpdatesPerSecond; // (what the lab's pace control shows)
                PostToAll(at.TheLab, x.What);
            },
            [&](const act::ApplyLabRun& x) { PromoteToMain(at.TheLab, size_t(x.Run), run); },
            [&](const act::Flip& x) { Flag(ui, x.What) = !Flag(ui, x.What); },
            [&](const act::ShowEdges& x) { ui.Diagram.Edges = x.What; },
            [&](const act::SetClass& x) { ui.Canvas.ActiveClass = x.Class; },
            [&](const act::SetPace& x) {
                run.SpeedLimit = x.UpdatesPerSecond;
                ui.ChosenPace = x.UpdatesPerSecond;
                run.Post(cmd::SetSpeedLimit{x.UpdatesPerSecond});
            },
            [&](const act::File& x) { CarryOutFile(ui, run, x.What, x.Path); },
            [&](const act::TrainImages& x) {
                if (at.Images.Active()) at.Images.Post(x.What); // (a replayed log's set not read)
            },
            [&](const act::MoveInLesson& x) {
                if (!at.Lesson.Active()) return; // (a replayed log's lesson that is not open)
                switch (x.Move) {
                case LessonMove::GoTo:
                    at.Lesson.GoTo(ui, run, at.Images, x.Step);
                    break;
                case LessonMove::Restart:
                    at.Lesson.Restart(ui, run, at.Images);
                    break;
                case LessonMove::Hint:
                    ++at.Lesson.HintsShown;
                    at.Lesson.HintJustShown = 2;
                    break;
                case LessonMove::ShowMe:
                    at.Lesson.ShowMe(ui, run, at.Images);
                    break;
                case LessonMove::Finish:
                    at.Lesson.Close(ui);
                    break;
                }
            },
            [&](const act::Quit& x) {
                ui.Files.QuitAsked = true;
                if (x.WithoutSaving) {
                    ui.Files.AskClose = false;
                    ui.Files.CloseConfirmed = true;
                }
            },
        },
        a);
}

} // namespace nnplay
