// lab.hpp: the learning-rate lab in the window: a comparison of 2 to 6 runs copied from the main
// run, identical in everything (data, split, initial weights, mini-batch order) but one setting,
// each on its own trainer thread; and the form that sets one up.
#pragma once
#include "app/gui/runs/run.hpp"
#include "core/train/comparison.hpp"
#include "core/train/diagnosis.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nnplay {

struct Lab { // open while UiState::Show.Lab
    // The comparison running now (Runs[k] has Spec.Values[k]); none when Runs is empty.
    ComparisonSpec Spec;
    std::vector<std::unique_ptr<Run>> Runs;
    long StartedFromUpdate = 0; // the main run's update whose weights the runs started from (-1: initial)
    // A remedy of the diagnosis tried beside the run as it is (Runs[0] as it is, Runs[1] with the
    // remedy): what the header says; "" for a comparison the user set up.
    std::string Trial;
    // The form.
    VarySetting What = VarySetting::LearningRate;
    std::string Values = "0.001, 0.03, 0.3, 3";
    float RangeLo = 0.001f, RangeHi = 3.0f;
    int RangeCount = 5;
    bool FromCurrentWeights = false;
    // Updates per second for every run (0: as fast as the cores allow). A class watches ~100/s: at
    // full speed the small rates' crawl is over before anyone sees it.
    double Pace = 100.0;
    std::string Error; // why the form was refused, in words
};

// Replaces any running comparison with copies of `main` (its data, settings, frozen weights;
// its current weights if `from_current`, else its seed's initial weights), one per value, and
// starts them. Throws UserError (nothing changes) for a value the setup refuses.
void StartComparison(Lab& lab, const Run& main, const ComparisonSpec& spec, bool from_current);
void EndComparison(Lab& lab);
// The comparison that tries `r` (a remedy of `finding` for the run `s` shows) beside the run as it
// is, from the same weights where the remedy keeps the network; nullopt, with `why_not` said, for a
// remedy that is not a setting or is the setting in use.
std::optional<ComparisonRequest> RemedyTrial(const Snapshot& s, const Finding& finding, const Remedy& r,
                                             std::string& why_not);
// Every run of the comparison at once.
void PostToAll(Lab& lab, const Command& c);
// Run k becomes the main run: its settings, data, weights and counters, and its curve.
void PromoteToMain(Lab& lab, size_t k, Run& main);
// StuckReason of a run of the comparison ("saturated units", "dead units"), "" while it learns,
// once it has fitted, or after it diverged.
std::string RunStuck(const Run& run);
// What each run has reached, in the format of `nnplay compare --json`.
nlohmann::ordered_json ComparisonResults(const Lab& lab);

} // namespace nnplay
