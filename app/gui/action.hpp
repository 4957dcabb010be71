// action.hpp: what a user can do in the window (the 2-D playground, its lab, a lesson, the image
// mode), as data. Panels, shortcuts and the menu
// say what was done (Do); the app carries it out once the panels are drawn (action.cpp), and can
// write each one to a log and say them again (--record / --replay, action_log.hpp), so a bug
// seen in the window can be played back. A trainer command for the main run is one action among
// the others.
#pragma once
#include "core/train/comparison.hpp"
#include "core/train/image_trainer.hpp"
#include "core/train/trainer.hpp"

#include <string>
#include <variant>

namespace nnplay {

enum class EdgeView { Weights, Gradients, Updates };

// What a file dialog is for: File menu entries, Ctrl+O / Ctrl+S, a dropped file.
enum class FileAction {
    None,
    Open,
    SaveSession,
    ImportPoints,
    ExportPoints,
    ExportLoss,
    ExportCanvasPng,
    ExportWindowPng,
    ExportPython,
    ExportScenario,
    ExportWorksheet, // the next update as a printable handout, and its answer key beside it
    OpenImages,
    SaveImages,  // the image mode's session
    KeepAutosave // an autosave the window cannot restore, kept as a file
};

// A comparison the lab starts once the main run has applied every command posted: a lesson file's,
// or a remedy of the diagnosis tried beside the run as it is (Trial says which, for the lab's header).
struct ComparisonRequest {
    ComparisonSpec Spec;
    bool FromCurrent = false; // from the main run's weights now, else its seed's initial weights
    std::string Trial;
    bool LabPace = false; // started in the lab: at the lab's pace, else at the main run's
};

// The lesson panel's buttons.
enum class LessonMove { GoTo, Restart, Hint, ShowMe, Finish };

// The views a key or a checkbox turns on and off.
enum class Toggle { Discretize, TestPoints, UnitLines, Help, Debug, Presenter, Inspector, Light, Images };

namespace act {
struct Train { // a command to the main run's trainer
    Command What;
};
struct BeginEdit { // a gesture that can be undone starts: its commands follow
    std::string What;
    bool PointsOnly = false; // of the points only, else of everything (it restarts training)
};
struct Undo {};
struct Redo {};
struct EnterStep {};
struct LeaveStep {};
struct NextPhase {};     // step mode: the next phase (past the last one, the update is made)
struct PreviousPhase {}; // before the first one, the update is taken back
struct GoToPhase {
    int Phase;
};
struct ShowTab { // the loss panel's tab: 0 loss, 1 metrics, 2 gradients, 3 surface, 4 finder, 5 diagnosis
    int Tab;
};
struct ShowLab { // the learning-rate lab in place of the playground, or back
    bool On;
};
struct Compare { // the lab starts a comparison
    ComparisonRequest Request;
};
struct EndComparison { // the lab's runs stop; `Close`: and the lab closes
    bool Close = false;
};
struct TrainLab { // a command to every run of the lab: play, pause, reset all, the lab's pace
    Command What;
};
struct ApplyLabRun { // the lab's run `Run` becomes the main run (undoably)
    int Run;
};
struct Flip {
    Toggle What;
};
struct ShowEdges {
    EdgeView What;
};
struct SetClass { // the class new points get
    int Class;
};
struct SetPace { // the main run's updates per second (0: max)
    double UpdatesPerSecond;
};
struct File { // open, save, import or export at a path
    FileAction What;
    std::string Path;
};
struct TrainImages { // a command to the image mode's trainer (its Play, Step, Epoch, Reset, settings)
    ImageCommand What;
};
struct MoveInLesson { // a lesson's step (GoTo: step `Step`, from 0), a hint, its Show me, its end
    LessonMove Move;
    int Step = 0;
};
struct Quit {
    bool WithoutSaving = false; // the "unsaved changes" question answered: quit without saving
};
} // namespace act

using Action =
    std::variant<act::Train, act::BeginEdit, act::Undo, act::Redo, act::EnterStep, act::LeaveStep,
                 act::NextPhase, act::PreviousPhase, act::GoToPhase, act::ShowTab, act::ShowLab, act::Compare,
                 act::EndComparison, act::TrainLab, act::ApplyLabRun, act::Flip, act::ShowEdges,
                 act::SetClass, act::SetPace, act::File, act::TrainImages, act::MoveInLesson, act::Quit>;

} // namespace nnplay
