// image_training.hpp: training on images (MNIST-like IDX sets): the same network, loss,
// regularization and optimizer code as the 2-D playground, fed from the images' bytes one
// mini-batch at a time (60,000 images of 784 pixels as doubles would take 376 MB; as bytes 47).
#pragma once
#include "core/idx.hpp"
#include "core/optimizer.hpp"
#include "core/rng.hpp"
#include "core/targets.hpp"
#include "core/training.hpp"

#include <string>
#include <vector>

namespace nnplay {

enum class ImageSplit { Train, Validation, Test };

// The lecture's digit MLP: 100 sigmoid hidden units, sigmoid outputs with the logistic cost
// summed over mini-batches of 100, L2 0.01 on the weight gradients, SGD at 0.0005. Its weights
// are drawn from N(0, 1/sqrt(fan_in)) (nnplay's "normal": 0.036 for the 784-input layer, 0.1
// for the output layer) where the lecture draws N(0, 0.1) everywhere.
TrainConfig LectureDigitConfig();
inline constexpr size_t kLectureValidation = 5000; // of MNIST's 60,000 training images

struct ImageMetrics {
    size_t Count = 0;
    double Loss = 0.0;     // mean per image, plus the regularization term
    double Accuracy = 0.0;
    std::vector<std::vector<long>> Confusion; // [true class][predicted class]
};

class ImageSession {
  public:
    // The network: Config.Network.Hidden, then one output unit per class (Config.Network.Output,
    // or what the loss implies); features are ignored (the inputs are the pixels, scaled to
    // [-1, 1]). The last `validation` training images are held out for validation. Throws
    // UserError for a config the engine refuses or a validation share that leaves nothing.
    ImageSession(const TrainConfig& config, const ImageSet& set, size_t validation);

    // One pass over the training images in a shuffled order, in mini-batches; returns the
    // updates made (fewer when it diverges: Status() says so, the last finite weights stay).
    long RunEpoch();
    ImageMetrics Evaluate(ImageSplit split); // in chunks: bounded memory
    // The network's outputs for one image of `split` (Outputs()).
    std::vector<double> Predict(ImageSplit split, size_t index);

    SessionStatus Status() const { return m_status; }
    const std::string& StatusMessage() const { return m_message; }
    long UpdateCount() const { return m_updates; }
    long EpochCount() const { return m_epochs; }
    size_t TrainingSize() const { return m_trainCount; }
    size_t Size(ImageSplit split) const;
    int Classes() const { return m_encoding.NumClasses; }
    const Mlp& Network() const { return m_mlp; }
    Mlp& Network() { return m_mlp; }
    const TrainConfig& Config() const { return m_config; }
    const OutputEncoding& Encoding() const { return m_encoding; }
    // X (pixels, n) and T (outputs, n) for images [first, first + n) of `split`, in `order`
    // when given (indices into the split).
    void Batch(ImageSplit split, const uint32_t* order, size_t first, size_t n, Eigen::MatrixXd& X, Eigen::MatrixXd& T) const;

  private:
    const IdxImages& Images(ImageSplit split) const;
    const IdxLabels& Labels(ImageSplit split) const;
    size_t Offset(ImageSplit split) const { return split == ImageSplit::Validation ? m_trainCount : 0; }

    TrainConfig m_config;
    const ImageSet& m_set;
    size_t m_trainCount = 0, m_validationCount = 0;
    OutputEncoding m_encoding;
    Mlp m_mlp;
    Optimizer m_optimizer;
    Rng m_orderRng;
    std::vector<uint32_t> m_order;
    std::vector<double> m_next, m_delta;
    Eigen::MatrixXd m_x, m_t;
    long m_updates = 0, m_epochs = 0;
    double m_startLoss = std::numeric_limits<double>::quiet_NaN();
    SessionStatus m_status = SessionStatus::Ready;
    std::string m_message;
};

} // namespace nnplay
