// image_lab.hpp: the learning-rate lab of the image mode: 2 to 6 copies of the image run's setup,
// identical in everything (images, validation split, initial weights, mini-batch order) but one
// setting, each trained on its own thread; their curves side by side.
#pragma once
#include "core/train/comparison.hpp"
#include "core/train/image_trainer.hpp"

#include <future>
#include <memory>
#include <string>
#include <vector>

namespace nnplay {

struct ImageLab {
    // The form.
    VarySetting What = VarySetting::LearningRate;
    std::string Values = "0.0001, 0.0005, 0.002";
    std::string Error; // why the form was refused, in words
    // The comparison: Runs[k] has Spec.Values[k]; starting (their first scoring of every image
    // runs off the main thread) while Starting is valid.
    ComparisonSpec Spec;
    std::vector<std::unique_ptr<ImageTrainer>> Runs;
    std::vector<std::shared_ptr<const ImageSnapshot>> Snaps; // this frame's, one per run
    std::future<std::vector<std::unique_ptr<ImageTrainer>>> Starting;

    bool Busy() const;
};

// Starts copies of `base` (the image run's settings) on `set`, one per value of the form; the
// previous comparison ends. Throws UserError (nothing changes) for a value the setup refuses.
void StartImageComparison(ImageLab& lab, const TrainConfig& base, std::shared_ptr<const ImageSet> set,
                          size_t validation);
// Once a frame: the runs that finished starting, and every run's newest snapshot.
void BeginImageLabFrame(ImageLab& lab);
void PostToAllImageRuns(ImageLab& lab, const ImageCommand& c);

} // namespace nnplay
