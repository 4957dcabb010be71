// ui_state.hpp: what the window remembers between frames (no function-local statics): its panels,
// canvas tools, look and dialogs. What belongs to one training run is in run.hpp.
#pragma once
#include "app/gui/action.hpp"
#include "app/gui/frame_stats.hpp"
#include "app/gui/run_history.hpp"
#include "core/io/image_session_file.hpp"
#include "core/io/session_file.hpp"
#include "core/train/comparison.hpp"
#include "core/train/pace.hpp"
#include "core/train/trainer.hpp"
#include "core/util/loss_history.hpp"

#include <cstdint>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace nnplay {

enum class DrawTool { Add, Brush, Erase };

// The region of the input plane the canvas shows.
struct ViewRect {
    double X0 = -6, X1 = 6, Y0 = -6, Y1 = 6;
    bool operator==(const ViewRect&) const = default;
};

struct LibraryEntry { // a shipped scenario or session, titled by its "name" field
    std::string Title, Path;
    std::string About{}; // its "about" (a session) or "source" (a scenario), shown on hover
};

struct PanelFlags { // which windows are open
    bool Data = true, Controls = true, Network = true, Loss = true, Help = false, Debug = false;
    bool Inspector = false;
    bool Lab = false;    // the learning-rate lab (in place of the canvas, network and loss panels)
    bool Lesson = false; // the lesson player, while a lesson is open
    bool Images = false; // the image mode (in place of every 2-D panel)
    bool ImageLab =
        false; // the image mode's comparison of runs (in place of its curves and confusion matrix)
};

// An autosave a window that did not close normally left behind: the next window offers it.
struct OrphanAutosave {
    std::string Path;
    std::string When; // "14:02", the file's time
    long Updates = 0;
    size_t Points = 0;
    std::string Images;  // an image-mode session: its images' name ("" : a 2-D session)
    std::string Refused; // why this window cannot restore it ("" : it can)
};

// A set of images to open in the image mode, and maybe a saved session to go on with on them.
struct ImageRequest {
    std::string Folder; // "" : the installed Fashion-MNIST
    std::shared_ptr<const ImageSessionFile> Session;
    std::string SessionPath;    // the file it came from: the document ("" : none, e.g. a restored autosave)
    std::string RemoveOnceOpen; // an autosave restored: removed once its session is back
    // Without a session: the network and settings (none: the lecture's digit MLP), the training
    // images held out (-1: DefaultValidation) and trained on (0: all; a lesson's subset).
    std::optional<TrainConfig> Config;
    long Validation = -1;
    size_t Used = 0;
    bool Unsaved = false; // the session is work no file holds (kept before a lesson replaced it)
};
// A request to open `session` again: `path` the file it is the document of ("" : none), `unsaved`
// when it is work no file holds.
inline ImageRequest ReopenImages(std::shared_ptr<const ImageSessionFile> session, std::string path = "",
                                 bool unsaved = false) {
    ImageRequest r;
    r.Folder = session->Folder;
    r.Session = std::move(session);
    r.SessionPath = std::move(path);
    r.Unsaved = unsaved;
    return r;
}

// What "the session changed" means, for the unsaved mark and for autosaving: an edit, undo or
// redo (Run::Edits), an update, or a setting. Run::Version() is the session on screen now.
struct SessionVersion {
    uint64_t Edits = 0;
    long Updates = 0;
    TrainConfig Config;
    bool operator==(const SessionVersion&) const = default;
};

// A PNG the frame writes once it is rendered (File > Export ... as PNG).
struct PendingPng {
    std::string Path;
    bool CanvasOnly = false;
    int FramesToWait = 2; // the dialog that asked, and its dimmed background, are gone by then
};

// Step-through mode: one update taken apart, one phase per key press (see core/teach/walkthrough.hpp).
struct StepState {
    bool Active = false;
    int Phase = 0;               // index into PhasesOfUpdate(layers)
    int Sample = 0;              // whose per-sample numbers the diagram shows (mini-batch)
    int Digits = 5;              // significant digits on screen
    bool EdgesPerSample = false; // backward: edges show this sample's ∂E/∂w, not the batch's ∂L/∂w
    long Updates = -1;           // the update the phase belongs to, and its weights: an edit of
    std::vector<double> Params;  // the weights restarts the update at its batch phase
};

// What the window held before a file replaced it: File -> "Back to ..." puts it back, so opening
// a file by mistake never loses a drawn dataset or a trained network.
struct SessionBeforeOpen {
    bool Valid = false;
    std::string Opened; // the file that replaced it, for the menu's label
    SessionFile File;
    ViewRect View;
    std::string Preset;
    bool StepMode = false, UnitLines = false;
    std::string DataLabel;
    std::optional<RunCurves> Curves;
    std::deque<UndoStep> Undo, Redo;
    // The image mode's session, when what was opened (a lesson) replaces that too.
    std::optional<ImageRequest> Images;
    bool ShowingImages = false;
};

// A training curve kept as a reference ("Keep as reference"): it stays on the loss plot, dashed,
// while the user resets and tries another value.
struct ReferenceCurve {
    std::string Label;                // what was in use, e.g. "lr 0.03"
    std::vector<SeriesBucket> Epochs; // the epoch train loss
    long UpdatesPerEpoch = 1;
};
inline constexpr size_t kMaxReferences = 5;

// What the lesson's step points at and locks (LessonControls() names): a control drawn inside a
// LessonControl (widgets.hpp) is framed or disabled by it. Empty without a lesson.
struct LessonMarks {
    std::vector<std::string> Highlighted, Locked;
    std::string Title, Text, Goal; // the step's, for a worksheet of it
};

// The canvas: the plane's view, the drawing tools, what the pointer holds.
struct CanvasUi {
    ViewRect View;
    DrawTool Tool = DrawTool::Add;
    int ActiveClass = 0;      // keys 0-5: the number files and exports give it
    double DrawValue = 0.5;   // regression: the value a new point gets
    float BrushRadius = 0.8f; // in plane units
    int BrushDensity = 40;    // points per second while dragging
    bool ShowTest = true, Discretize = false;
    bool UnitLines = false; // each first-layer unit's line w·x + b = 0 (a scenario turns it on)
    int DraggedPoint = -1;
    double BrushCarry = 0.0;
    Rng BrushRng{12345};                // where the brush sprays (the UI's own generator: no global state)
    int HoveredNode = -1;               // node whose map is shown large on the canvas (-1: none)
    float CanvasRect[4] = {0, 0, 0, 0}; // the plane on screen (x0, y0, x1, y1), for its PNG
};

// The network diagram and the chain-rule inspector.
struct DiagramUi {
    EdgeView Edges = EdgeView::Weights;
    int EditParam = -1; // flat parameter index whose value is being typed
    double EditValue = 0.0;
    int InspectParam = -1; // the inspector's parameter (flat index)
    int InspectSample = 0, InspectDigits = 5;
    bool InspectNumerical = false;
    std::string SelectedFinding; // the Diagnosis tab's finding the diagram highlights ("": none)
};

// The Data panel's generator form.
struct DataFormUi {
    std::string Preset = "xor";
    int NumPoints = 500, NumClasses = 2;
    float Noise = 0.0f, TrainFraction = 0.5f;
    uint64_t DataSeed = 1;
};

// The loss panel: its axes, its tabs, the reference curves, the surface's pick.
struct PlotUi {
    bool LogY = true, LogX = false, XInEpochs = false;
    std::vector<ReferenceCurve> References;
    int OpenTab = -1;                     // tab to select on the next frame (-1: leave as is)
    int ShownTab = 0;                     // the tab it showed last (a lesson's check reads it)
    bool SurfaceTabOpen = false;          // the Surface tab was drawn this frame: keep its surface fresh
    bool SurfaceTabOpenLastFrame = false; // (the network panel, drawn first, rings its weights)
    int SurfacePick = -1;                 // the first of two shift-clicked weights for the surface (-1: none)
    double PaceBeforeMax = kClassPace;    // F goes to max and back to this
};

// How the window looks.
struct LookUi {
    // PendingScale: the user's (View > UI scale, presenter mode's); Scale: what is drawn at, from
    // the next frame on (PendingScale times the page's pixel ratio, see Input::PixelRatio).
    float Scale = 1.0f, PendingScale = 1.0f;
    float PointRadius = 6.0f; // canvas points, in pixels at scale 1 (View > Point size)
    bool Presenter = false;   // F11: full screen, large, high contrast (presenter.hpp)
    float ScaleBeforePresenter = 1.0f, PointRadiusBeforePresenter = 6.0f;
    bool Light = false;
};

// Documents, dialogs and closing: the file the session is, the choosers, the questions, the
// shipped files, the autosave's state.
struct FilesUi {
    std::string FilePath;                 // the typed-path dialog's field
    FileAction Dialog = FileAction::None; // the typed-path dialog open for this (None: closed)
    std::optional<PendingPng> Png;
    std::vector<std::string> Recent; // recently opened or saved files, newest first (settings)
    std::string LastFolder;          // where the last file was opened or saved (settings)
    // The document: the file the session came from or was last saved to ("" : none yet), and
    // the session's version when it was saved or opened: anything since is unsaved.
    std::string DocumentPath;
    SessionVersion Saved;
    bool QuitAsked = false;      // Quit, Ctrl+Q, a question answered: the app asks the platform to close
    bool AskClose = false;       // the "unsaved changes" question is open (closing was held back)
    bool CloseConfirmed = false; // closing may go ahead (answered, or saved)
    std::future<std::optional<std::string>> Chooser; // the desktop's file chooser, while it is open
    FileAction ChooserFor = FileAction::None;
    std::optional<OrphanAutosave> RestoreOffer; // asked once at the start
    std::string KeepAutosaveFrom;               // the refused autosave that "Keep it as a file" copies
    bool RefocusPath = false;    // the typed path was refused on Enter: its field takes the keys again
    bool AutosaveNow = false;    // a restored autosave: write this window's own at once
    std::string AutosaveError;   // the last autosave's failure, said once
    bool CloseAfterSave = false; // its Save: close once the session is saved
    std::string Title;           // the window title last set
    std::string LastSession;     // the session kept when the window last closed ("" if none)
    std::vector<LibraryEntry> Scenarios, Sessions, Lessons; // the shipped files, for the File menu
    SessionBeforeOpen BeforeOpen;
    std::string LessonToOpen; // a lesson file asked for (File > Lessons, Open, --lesson): the app opens it
};

// For GUI tests and the debug overlay: frame times, and (--print-layout) where things are.
struct HooksUi {
    // Frame times (ms), for the debug overlay and --stats: wall time, the UI thread's CPU time,
    // and the wall time of two parts of the frame.
    FrameTimes FrameMs, FrameThreadMs, VisualsMs, RenderMs; // fixed memory however long it runs
    // --print-layout: tell tests where things are on screen once the layout has settled (named
    // buttons and menu items: when first drawn, and again where they move to, e.g. a lesson's
    // buttons once its images are read), and the canvas's plane again whenever it moves (step
    // mode) or its view changes (a file opened).
    bool PrintLayout = false;
    std::string PrintedPlane;
    std::map<std::string, std::pair<float, float>> PrintedItems; // where each was last said to be
    std::map<std::string, std::string> PrintedValues;
    std::string TextFaultsLastFrame; // where text was cut or overlapping on the frame before (frame.cpp)
};

// The image mode's requests: a set of images (or an image session) to open, asked by a menu, a
// dialog or a file; where to save its session once the trainer hands it over; the tab of its
// views to select on the next frame (-1: leave as is).
struct ImagesUi {
    std::optional<nnplay::ImageRequest> ImageRequest;
    std::optional<std::string> ImageSaveTo;
    int OpenImageTab = -1;
    int ShownImageTab = 0; // the image tab it showed last (a lesson's check reads it)
};

// What the window remembers between frames, by concern.
struct UiState {
    PanelFlags Show;
    LessonMarks Lesson;
    CanvasUi Canvas;
    DiagramUi Diagram;
    StepState Step;
    DataFormUi DataForm;
    PlotUi Plot;
    LookUi Look;
    FilesUi Files;
    HooksUi Hooks;
    ImagesUi Images;
    std::optional<ComparisonRequest> PendingComparison;
    std::vector<Action> Actions; // what the user did this frame (Do), carried out once the panels are drawn
    std::vector<Action> Done;    // ... and what was carried out at once (a file opened or saved), for the log
    bool PersistSettings = false; // an interactive window remembers its settings
    // The pace the user chose in this window (controls, keys), the one remembered for the next
    // start; a pace that came with an opened file applies to that file only.
    std::optional<double> ChosenPace;
    std::string Toast; // last error to show
    double ToastUntil = 0.0;
};

} // namespace nnplay
