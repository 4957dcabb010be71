// image_trainer.hpp: the image mode's background trainer: a thread that owns an ImageSession,
// takes commands from any thread and publishes immutable snapshots (the playground's Trainer,
// for a network of 79,510 weights fed 55,000 images an epoch).
#pragma once
#include "core/train/background_run.hpp"
#include "core/train/image_training.hpp"

#include <memory>
#include <variant>

namespace nnplay {

namespace imgcmd {
struct Play {
    long UntilEpoch = -1; // pauses once this many epochs are done (-1: runs on; a lesson's "train N")
};
struct Pause {};
struct StepUpdate {};
struct StepEpoch {};
struct Reset {}; // the seed's initial weights again
struct SetConfig {
    TrainConfig Config;
}; // a new network (or loss, seed) starts over
// The session as a file would keep it, in the snapshots from the next one on (ImageSnapshot::Kept):
// the optimizer's state and the epoch's order are not in every snapshot (a megabyte 30 times a
// second for a save every half minute).
struct Keep {
    uint64_t Id = 0;
};
} // namespace imgcmd
using ImageCommand = std::variant<imgcmd::Play, imgcmd::Pause, imgcmd::StepUpdate, imgcmd::StepEpoch,
                                  imgcmd::Reset, imgcmd::SetConfig, imgcmd::Keep>;

struct MisclassifiedImage {
    uint32_t Index = 0; // into the test images
    int Truth = 0, Predicted = 0;
};

// What the image mode draws (RunSnapshot: what every run shows; StatusMessage is the session's).
struct ImageSnapshot : RunSnapshot {
    std::shared_ptr<const ImageSet> Set; // the images (never changed), for thumbnails
    size_t TrainCount = 0, ValidationCount = 0;
    size_t AllTraining =
        0; // the training images there are (TrainCount: the first of them, a lesson's subset)
    int Classes = 0;
    std::vector<LayerSpec> LayerSpecs; // hidden layers and the output layer
    uint64_t ParamsVersion = 0;        // changes whenever Params do
    size_t EpochPosition = 0;
    ImageUpdateInfo Last; // the last update (Update 0: none yet)
    // Per epoch since the weights were set, and the test set at the last of them.
    std::vector<ImageEpochRecord> Records;
    std::vector<std::vector<long>> Confusion;
    std::vector<MisclassifiedImage> Wrong; // the first kMaxWrongShown misclassified test images
    long WrongCount = 0;
    uint64_t EvalVersion = 0; // changes whenever Records, Confusion and Wrong do
    bool Evaluating = false;  // the passes over every image are running now
    // The session as kept by the last imgcmd::Keep (its Id in KeptId; Folder and Label are the
    // window's to fill): null until one is asked for.
    std::shared_ptr<const ImageSessionFile> Kept;
    uint64_t KeptId = 0;
};

class ImageTrainer : public BackgroundRun<ImageCommand, ImageSnapshot> {
  public:
    static constexpr size_t kMaxWrongShown = 25; // the lecture's 5x5 grid

    // Throws UserError if the session cannot be built (the thread is not started then). `used`:
    // only the first this many training images are trained on (TrainingSubset; 0: all).
    ImageTrainer(const TrainConfig& config, std::shared_ptr<const ImageSet> set, size_t validation,
                 size_t used = 0);
    // A saved session again, where it was (its settings, validation share and progress; the set
    // must be the one it trained on): throws UserError saying what does not fit.
    ImageTrainer(const ImageSessionFile& saved, std::shared_ptr<const ImageSet> set);
    ~ImageTrainer() override; // stops and joins

  private:
    // An image batch takes milliseconds: the clock is read after each, slices are longer, and
    // 30 pictures a second are plenty (each copies 79,510 weights).
    static constexpr Slicing kSlicing{0.008, 1, 1.0 / 30.0};

    void Apply(ImageCommand& c) override;
    bool UpdateOnce() override; // false at an epoch's end, after its scoring passes
    void Publish() override;
    // The confusion matrix and the misclassified images; `record`: and the epoch's record.
    void EvaluateAll(bool record = true);

    // Owned by the trainer thread.
    std::shared_ptr<const ImageSet> m_set; // what is trained on (a subset, when used)
    size_t m_validation = 0, m_used = 0, m_allTraining = 0;
    std::unique_ptr<ImageSession> m_session;
    std::vector<ImageEpochRecord> m_records;
    std::vector<std::vector<long>> m_confusion;
    std::vector<MisclassifiedImage> m_wrong;
    long m_wrongCount = 0;
    long m_untilEpoch = -1; // Running pauses once this many epochs are done (StepEpoch, Play{N}); -1: runs on
    uint64_t m_paramsVersion = 0, m_evalVersion = 0;
    bool m_evaluating = false;
    std::shared_ptr<const ImageSessionFile> m_kept;
    uint64_t m_keptId = 0;
};

} // namespace nnplay
