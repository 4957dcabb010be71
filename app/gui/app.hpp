// app.hpp: the window's application: everything it holds (the runs, the labs, the image mode, the
// UI's memory, the autosave) and one frame of it, Frame(input), over the platform seam
// (platform/platform.hpp). The desktop's loop (app_window.cpp) calls Frame whenever there is
// something to draw; a browser calls it from its animation frame; the app never owns the loop.
#pragma once
#include "app/gui/action_log.hpp"
#include "app/gui/files/autosave.hpp"
#include "app/gui/files/settings.hpp"
#include "app/gui/lesson_player.hpp"
#include "app/gui/platform/platform.hpp"
#include "app/gui/runs/image_lab.hpp"
#include "app/gui/runs/image_mode.hpp"
#include "app/gui/runs/lab.hpp"
#include "app/gui/window_options.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nnplay {

// Writes a session to a path, or throws UserError.
using SessionWriter = std::function<void(const std::string&)>;

// What the window opens on (errors before any window opens).
struct StartState {
    SessionFile File; // what the main run starts from
    ViewRect View;
    std::vector<std::string> Notes;     // what a playground link could not say exactly
    std::optional<ImageRequest> Images; // --images, or --load of an image session
    std::optional<ActionLog> Replay;    // --replay: the log (its session is File)
};

class App {
  public:
    // `settings`: what the user's last window remembered (the defaults for a scripted run).
    // Throws UserError when the session cannot be trained (nothing is shown then).
    App(Platform& platform, const WindowOptions& options, const StartState& start,
        const WindowSettings& settings);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // A frame is due without waiting for input: training, a click settling over a few frames, a
    // button held, a file on its way to the disk, a scripted run.
    bool Busy() const;
    // Nothing busy and the platform waited (since `waited_since`): a frame is due anyway when
    // input woke it, a message's time ran out, or a file chooser answered.
    bool FrameDue(bool woken, double waited_since);
    // One frame: input, the trainers' news, the panels, rendering, presenting. False once the
    // window is to close (closing asked and not held back for unsaved work, or the last frame
    // of a scripted run).
    bool Frame(const Input& in);
    // The window closes: the sessions kept (File > Last session, --save-on-exit), the settings
    // remembered, the trainers stopped. Returns the process's exit status.
    int Close();
    // The window's state as JSON (page_state.hpp).
    std::string StateJson() const;

  private:
    void ApplyLook();
    void StartImageRequests();
    void DrawPanels();
    bool CloseHeldBack();            // closing asked with unsaved work: the question instead
    void SaySignal();                // on stderr, once: a signal closes the window
    SessionWriter SessionOnScreen(); // writes the session shown (the image mode's, or the 2-D one)
    bool SaveOnExitHeldBack();       // --save-on-exit failed on closing: the window says where it went
    void ReleaseClosedDocuments(double now); // memory a replaced document held goes back to the system
    WindowSettings SettingsNow();            // what the settings file would hold now
    // Writes the settings when they changed (checked once a second): a window that is killed, or
    // a browser page that is left (it never closes), keeps them too.
    void KeepSettings(double now);
    // The action log: what the panels said the user did is carried out (and written with
    // --record); a replayed log's next actions are said once their time and update have come.
    void CarryOutActions(double now);
    // The run the window shows: the image mode's when in front, else the main run (what an action
    // log's update counts).
    const RunSnapshot& ShownRun() const;
    void Record(const Action& a, double now);
    void ReplayDue(double now);

    Platform& m_platform;
    WindowOptions m_options;
    WindowSettings m_settings;
    bool m_interactive;
    std::vector<std::unique_ptr<Run>> m_runs; // the main run is m_runs[0]; each trains on its own thread
    UiState m_ui;
    Lab m_lab;
    ImageMode m_images;    // the image mode, once a set of images is opened
    ImageLab m_imageLab;   // its comparison of runs
    LessonPlayer m_lesson; // the lesson open, if any (its panel beside the canvas)
    Autosaver m_autosaver;
    bool m_imageLabShown = false, m_imagesShownBefore = false, m_labShown = false, m_playImages = false;
    bool m_lightApplied = false, m_presenterApplied = false, m_signalSaid = false, m_saveOnExitTold = false;
    int m_settle = 4; // frames still to draw without waiting for input (ImGui settles a click over a few)
    long m_frame = 0;
    int m_exitCode = 0;
    std::vector<const void*> m_documents; // what ReleaseClosedDocuments last saw open
    double m_releaseAt = -1;              // when to hand freed memory back (-1: nothing waits)
    double m_settingsCheckedAt = 0.0;
    std::unique_ptr<ActionRecorder> m_recorder; // --record
    std::optional<ActionLog> m_replay;          // --replay
    size_t m_replayNext = 0;                    // its next action
};

} // namespace nnplay
