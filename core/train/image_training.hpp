// image_training.hpp: training on images (MNIST-like IDX sets): the same network, loss,
// regularization and optimizer code as the 2-D playground, fed from the images' bytes one
// mini-batch at a time (60,000 images of 784 pixels as doubles would take 376 MB; as bytes 47).
#pragma once
#include "core/data/idx.hpp"
#include "core/data/targets.hpp"
#include "core/nn/optimizer.hpp"
#include "core/train/training.hpp"
#include "core/util/rng.hpp"
#include "core/util/two_cores.hpp"

#include <array>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace nnplay {

enum class ImageSplit { Train, Validation, Test };

// The lecture's digit MLP: 100 sigmoid hidden units, sigmoid outputs with the logistic cost
// summed over mini-batches of 100, L2 0.01 on the weight gradients, SGD at 0.0005, weights from
// N(0, 0.1) ("normal-0.1").
TrainConfig LectureDigitConfig();
inline constexpr size_t kLectureValidation = 5000; // of MNIST's 60,000 training images
// The validation images held out of `training` when the user says nothing: the lecture's 5,000
// of a set as large as MNIST's, else a tenth.
inline size_t DefaultValidation(size_t training) {
    return training >= 2 * kLectureValidation ? kLectureValidation : training / 10;
}
// The set trained on when only the first `used` training images are (a lesson on overfitting: a
// hundred units learn 1,000 images by heart): those, then the last `validation` as before, and
// the same test images. `used` 0, or as many as there are, is the set itself (shared, not copied).
std::shared_ptr<const ImageSet> TrainingSubset(std::shared_ptr<const ImageSet> set, size_t used,
                                               size_t validation);

// What one update did, for the step view: which images, their loss, and how large the gradient
// and the change were per layer (78,400 numbers are not for reading; their norms are).
struct ImageUpdateInfo {
    long Update = 0;                                     // its number (1 for the first)
    std::vector<uint32_t> Batch;                         // indices into the training split
    double Loss = 0.0;                                   // the batch's cost as the loss reduces it (plus L2)
    std::vector<double> GradNormW, GradNormB, StepNormW; // per layer: ‖∂L/∂W‖, ‖∂L/∂b‖, ‖ΔW‖
};

struct ImageMetrics {
    size_t Count = 0;
    double Loss = 0.0; // mean per image, plus the regularization term
    double Accuracy = 0.0;
    std::vector<std::vector<long>> Confusion; // [true class][predicted class]
    std::vector<uint8_t> Predicted;           // per image, when asked for
};

// The three splits' cost and accuracy after an epoch (epoch 0: the initial weights).
struct ImageEpochRecord {
    long Epoch = 0, Updates = 0;
    double TrainLoss = 0, TrainAccuracy = 0, ValidationLoss = 0, ValidationAccuracy = 0, TestLoss = 0,
           TestAccuracy = 0;
    bool operator==(const ImageEpochRecord&) const = default;
};

// Where a session is between two updates, beyond its settings: what a saved image session
// holds so that, reopened, the next update is exactly the one that would have come.
struct ImageProgress {
    std::vector<double> Params;                              // flat, as Mlp::Params()
    long OptimizerSteps = 0;                                 // Adam's t
    std::vector<double> Velocity, FirstMoment, SecondMoment; // each empty or one per parameter
    long Updates = 0, Epochs = 0;
    size_t Position = 0;                // training images of this epoch done
    std::vector<uint32_t> Order;        // the training images' order (each epoch reshuffles it in place)
    std::array<uint64_t, 4> OrderRng{}; // the shuffling generator's state
    double StartLoss = std::numeric_limits<double>::quiet_NaN(); // divergence is judged against it
    bool operator==(const ImageProgress&) const = default;
};

class ImageSession : public SessionCore {
  public:
    // The network: Config.Network.Hidden, then one output unit per class (Config.Network.Output,
    // or what the loss implies); features are ignored (the inputs are the pixels, scaled to
    // [-1, 1]). The last `validation` training images are held out for validation. Throws
    // UserError for a config the engine refuses or a validation share that leaves nothing.
    ImageSession(const TrainConfig& config, const ImageSet& set, size_t validation);

    // One pass over the training images in a shuffled order, in mini-batches; returns the
    // updates made (fewer when it diverges: Status() says so, the last finite weights stay).
    long RunEpoch();
    // One mini-batch (the next of this epoch's shuffled order; the last batch of an epoch may
    // be smaller). False when nothing was done: diverged (Status() says so, the last finite
    // weights stay) or not ready.
    bool RunUpdate();
    // Learning rate, optimizer, batch size and regularization, kept across updates (the
    // weights and the epoch's place stay). Throws UserError for a value the engine refuses.
    void SetSchedule(const TrainConfig& config);
    // Changing any of these needs a new session (new weights): the network, loss, seed.
    static bool NeedsRebuild(const TrainConfig& a, const TrainConfig& b);
    // The norms are taken when asked (the gradients and the step stay until the next update):
    // an update at full speed does not pay for them.
    const ImageUpdateInfo& LastUpdate() const;
    size_t LastBatchSize() const { return m_last.Batch.size(); }
    size_t EpochPosition() const { return m_position; } // training images of this epoch done
    ImageMetrics Evaluate(ImageSplit split, bool keep_predictions = false); // in chunks: bounded memory
    // The network's outputs for one image of `split` (Outputs()).
    std::vector<double> Predict(ImageSplit split, size_t index);

    // Where the session is (see ImageProgress), and back to it: Resume throws UserError naming
    // what does not fit this network and set (a weight count, an order that is not a
    // permutation of the training images); nothing changes then.
    ImageProgress Progress() const;
    void Resume(const ImageProgress& p);

    size_t TrainingSize() const { return m_trainCount; }
    size_t Size(ImageSplit split) const;
    int Classes() const { return m_encoding.NumClasses; }
    bool UsesTwoCores() const { return m_cores->HasHelper(); } // the first layer's products on both cores
    // X (pixels, n) and T (outputs, n) for images [first, first + n) of `split`, in `order`
    // when given (indices into the split); `cores`: the two halves of the batch side by side.
    void Batch(ImageSplit split, const uint32_t* order, size_t first, size_t n, Eigen::MatrixXd& X,
               Eigen::MatrixXd& T, TwoCores* cores = nullptr) const;

  private:
    // Batch's columns [from, to), X and T already sized.
    void BatchColumns(ImageSplit split, const uint32_t* order, size_t first, size_t from, size_t to,
                      Eigen::MatrixXd& X, Eigen::MatrixXd& T, TwoCores* cores) const;
    const IdxImages& Images(ImageSplit split) const;
    const IdxLabels& Labels(ImageSplit split) const;
    size_t Offset(ImageSplit split) const { return split == ImageSplit::Validation ? m_trainCount : 0; }

    const ImageSet& m_set;
    size_t m_trainCount = 0, m_validationCount = 0;
    std::vector<uint32_t> m_order;
    Eigen::MatrixXd m_x, m_t;
    size_t m_position = 0;
    std::unique_ptr<TwoCores> m_cores = std::make_unique<TwoCores>(); // both cores on one batch
    mutable ImageUpdateInfo m_last;                                   // its norms filled by LastUpdate()
};

// The record of where `session` is (its epoch and updates), from its three splits' scores.
ImageEpochRecord EpochRecord(const ImageSession& session, const ImageMetrics& train,
                             const ImageMetrics& validation, const ImageMetrics& test);

// An image-mode session as it is saved (image_session_file.hpp writes and reads it): which
// images, the settings, the weights and the optimizer's state, where the epoch is, the curves.
struct ImageSessionFile {
    std::string Folder;    // the IDX files' folder ("" : the installed Fashion-MNIST, wherever it is)
    std::string Label;     // "Fashion-MNIST", or the folder's name
    size_t Validation = 0; // the last training images, held out
    size_t Used = 0;       // only the first this many training images are trained on (0: all; TrainingSubset)
    size_t TrainImages = 0, TestImages = 0; // the set's counts when saved: reopened, they must match
    int Classes = 0;
    TrainConfig Config;
    ImageProgress Progress;
    std::vector<ImageEpochRecord> Records; // per epoch since the weights were set
};

// The images `f` trained on as they are now against the file's counts: "" when they fit, else
// why not ("the images in X have 1000 training images; the session was trained on 60000").
std::string ImageSetMismatch(const ImageSessionFile& f, const ImageSet& set);

} // namespace nnplay
