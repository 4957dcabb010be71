// lesson_setup.hpp: what a lesson's setups and solutions make of a run, shared by the command line
// (`nnplay lesson`) and the window's lesson player, so a lesson plays the same in both: the settings
// given so far (the training flags, or a session file and the settings changed since), the session
// they make, what the student is to see (tab, phase, pace, controls pointed at or locked), and the
// numbers a task's check reads of a run.
#pragma once
#include "core/io/lesson.hpp"
#include "core/io/session_file.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nnplay {

struct Finding;
struct ImageEpochRecord;

// What a lesson's `images:` setup makes: the image mode's run (the lecture's digit MLP unless the
// lesson's settings say otherwise) on a folder of IDX images.
struct LessonImageRun {
    std::string Folder; // "" : the installed Fashion-MNIST
    TrainConfig Config;
    long Validation = -1; // training images held out (-1: the default, DefaultValidation)
    size_t Used = 0;      // only the first this many training images are trained on (0: all)
};

// The phases a setup's `phase:` and the tabs its `tab:` take, in the window's order.
const std::vector<std::string>& LessonPhases(); // batch, forward, loss, backward, update, none
// loss, metrics, gradients, surface, finder, diagnosis; then the image mode's misclassified,
// weights, last-update
const std::vector<std::string>& LessonTabs();
// The controls `highlight:` and `lock:` name: the training settings' keys and the run's buttons.
const std::vector<std::string>& LessonControls();

class LessonSettings {
  public:
    // `folder`: where the lesson file is (a `session:` is relative to it).
    explicit LessonSettings(std::filesystem::path folder) : m_folder(std::move(folder)) {}

    // A setup block, all or nothing: a refused value leaves the settings as they were. True when
    // the run is to be made afresh (a training setting, or a session). Throws UserError "line N: ...".
    bool ApplySetup(const std::vector<LessonSetting>& setup);
    // One setting of a setup or a solution (not train, reset or answer); true as ApplySetup.
    bool Set(const LessonSetting& s);
    // The run the settings make: its data, network, settings and (a session's) weights, at
    // `pace` unless the lesson set one. Throws UserError "line N: ..." when it cannot be trained.
    SessionFile Make(double pace) const;
    // Whether the settings make an image run (an `images:` setup) rather than a 2-D one, and that
    // run: its folder is checked to hold the four IDX files (they are read by the caller).
    // Throws UserError "line N: ..." as Make does.
    bool Images() const { return m_flags.count("images") > 0; }
    LessonImageRun MakeImages() const;

    // What the last setup asked the window to show; highlight and lock hold for that step only.
    std::string Tab, Phase; // "" : left as they are
    std::optional<double> Pace;
    std::vector<std::string> Highlight, Lock;
    std::string DatasetName() const; // "xor", ..., "session", "fashion-mnist" or the images' folder's name

  private:
    std::filesystem::path m_folder;
    std::map<std::string, std::string> m_flags;
    std::optional<SessionFile> m_sessionFile;
    std::vector<LessonSetting> m_overrides; // changed since the session
    int m_line = 0;                         // the last training setting's line, for its errors
};

// Reads a lesson file and checks every step's settings and solution as the window will make them
// (a lesson refused halfway would leave the student's session replaced by half a lesson). Throws
// UserError "name.md:LINE: what" for the first problem.
Lesson ReadCheckedLesson(const std::string& path);

// "lr, layers" as the names it lists (a `lock:` or `highlight:` value), unchecked.
std::vector<std::string> LessonControlList(const std::string& value);

// "xor.md:12: ..." from "line 12: ...": an error of a lesson's value, named like its form errors.
std::string AtLessonLine(const std::string& name, const std::string& what);

// A number of a setting ("train 300"), or UserError "line N: key 'v' is not a number from lo to hi".
double LessonNumber(const LessonSetting& s, double lo, double hi);

// The numbers, words and findings of a run that a check reads (docs/lessons.md), less the
// student's own (phase, tab, answer), which the caller adds.
struct RunFactsSource {
    const TrainConfig* Config = nullptr;
    const Evaluation* Eval = nullptr;         // a 2-D run's, or
    const ImageEpochRecord* Images = nullptr; // an image run's three splits
    long Epochs = 0, Updates = 0;
    bool Diverged = false;
    size_t Points = 0;
    std::string Dataset;
    const std::vector<Finding>* Findings = nullptr; // the diagnosis's, or none (it is off)
};
LessonFacts RunFacts(const RunFactsSource& run);

} // namespace nnplay
