// lesson_player.hpp: a lesson (core/io/lesson.hpp) played in the window. Each step's setup is made into
// the main run the way `nnplay lesson run` makes it (app/cli/lesson_setup.hpp), as an edit Ctrl+Z
// undoes; the task's check is made against the run every frame; "Show me" performs the step's
// solution in the window, training included. What the window held before the lesson is kept:
// File > "Back to before <lesson>" puts it back. A step whose setup says `images:` plays in the
// image mode instead: its run is the image trainer's, made from the lesson's settings.
#pragma once
#include "app/cli/lesson_setup.hpp"
#include "app/gui/runs/image_mode.hpp"
#include "app/gui/runs/run.hpp"
#include "app/gui/ui_state.hpp"

#include <optional>
#include <string>
#include <vector>

namespace nnplay {

class LessonPlayer {
  public:
    bool Active() const { return m_lesson.has_value(); }
    // Reads and opens a lesson file on its first step. A broken file is refused with its line
    // (toast) and nothing changes. False then.
    bool Open(UiState& ui, Run& run, ImageMode& images, const std::string& path);
    void Close(UiState& ui);

    // Goes to step `index`: its setup (the lesson's settings up to it) made into the run. A step
    // without a setup goes on with the run as the student left it.
    void GoTo(UiState& ui, Run& run, ImageMode& images, int index);
    // The step again from where it began: its run, view and phase.
    void Restart(UiState& ui, Run& run, ImageMode& images);
    // Performs the step's solution: settings, then training ("train 300": 300 epochs at full pace,
    // then the pace and stop conditions the student had).
    void ShowMe(UiState& ui, Run& run, ImageMode& images);
    // Once a frame, before the panels: a solution's training watched, the task's check made.
    void Update(UiState& ui, Run& run, ImageMode& images);

    const Lesson& Current() const { return *m_lesson; }
    int StepIndex() const { return m_step; }
    const LessonStep& Step() const { return m_lesson->Steps[size_t(m_step)]; }
    bool Met() const { return m_met; } // the task's check holds now
    bool MetOnce(int step) const { return m_metOnce[size_t(step)]; }
    bool ShowingMe() const { return m_showMe.has_value(); }
    const LessonFacts& Facts() const { return m_facts; }
    int HintsShown = 0;
    std::string Answer;    // what the student typed, for a check that reads `answer`
    int HintJustShown = 0; // frames the panel still scrolls the new hint into view
    bool TaskReadsAnswer() const;
    bool OnImages() const { return m_settings && m_settings->Images(); } // the step plays in the image mode

  private:
    std::string Name() const; // the file's name, for its errors ("xor.md:12: ...")
    // The words a setup or solution asked for (tab, phase), and the pace; locks and highlights.
    void ApplyWords(UiState& ui, Run& run, int layers);
    // `f` (what the lesson's settings make) becomes the run, as one undoable edit named `what`.
    void Rebuild(UiState& ui, Run& run, SessionFile f, const std::string& what);
    // The lesson's image run made afresh: in the image mode as it is when it holds the same images,
    // else read anew (the step is judged once they are).
    void RebuildImages(UiState& ui, ImageMode& images, const LessonImageRun& r);
    // The facts of the image run (Update's, in the image mode).
    void UpdateImages(UiState& ui, ImageMode& images);
    // The task's check made against m_facts (with the answer typed); met the first time: locks lift
    // and the solution's phase is shown.
    void Judge(UiState& ui, Run& run, int layers);

    struct ShowMeTraining {
        long UntilEpoch = 0;
        double PaceBefore = 0;
        StopConditions StopBefore;
        bool Started = false; // the trainer took the commands (it ran, or stopped at once)
    };
    std::optional<Lesson> m_lesson;
    std::string m_path;
    std::optional<LessonSettings> m_settings;
    int m_step = 0;
    std::optional<SessionFile> m_stepStart; // the run as the step began, for Restart
    bool m_stepStartInStepMode = false;
    int m_stepStartPhase = 0;
    std::vector<bool> m_metOnce;
    bool m_met = false;
    LessonFacts m_facts;
    std::optional<ShowMeTraining> m_showMe;
    std::shared_ptr<const ImageSessionFile> m_imageStepStart; // an image step's run as it began
    std::optional<long> m_imagesPlayUntil; // Show me's training, once the images it waits for are read
};

// The step-mode phase shown ("batch", "forward", "loss", "backward", "update"), or "none".
std::string LessonPhaseShown(const UiState& ui, int layers);

} // namespace nnplay
