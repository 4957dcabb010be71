// tf_playground_link.hpp: TensorFlow Playground links (playground.tensorflow.org/#...), the
// configurations lecture slides point at, read into nnplay's settings and written back.
#pragma once
#include "core/data/dataset.hpp"
#include "core/train/training.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace nnplay {

inline constexpr size_t kMaxLinkLength = 4096; // a real link is ~600 characters

// A playground configuration in nnplay's terms, with what did not carry over said in words.
struct TfPlaygroundSetup {
    DatasetSpec Data;   // 500 points (1200 for regression), as the playground generates
    TrainConfig Config; // SGD, half squared error, mean over the batch, U(-0.5, 0.5) or zeros
    bool ShowTest = false, Discretize = false; // the playground's view switches
    // One line per thing that has no exact equivalent (cos features, the seed, unknown keys),
    // saying how it was mapped. Empty: the setup is the playground's.
    std::vector<std::string> Notes;
};

// True for text that looks like a playground link ("playground.tensorflow.org" or a fragment
// such as "#activation=tanh&..."), so Open and --load can tell it from a path.
bool LooksLikeTfPlaygroundLink(std::string_view text);

// Throws UserError naming the key for a value nnplay cannot use (an unknown dataset, a rate
// that is not a number, more than 32 layers...) or a link over kMaxLinkLength characters.
// Values are quoted at most 40 characters long.
TfPlaygroundSetup ParseTfPlaygroundLink(std::string_view link);

struct TfPlaygroundLink {
    std::string Url;
    // What the playground cannot express and the link therefore leaves out or changes, in
    // words (e.g. "optimizer adam: the playground has plain SGD only"). Empty: an exact link.
    std::vector<std::string> Omitted;
};
TfPlaygroundLink MakeTfPlaygroundLink(const DatasetSpec& data, const TrainConfig& config,
                                      bool show_test = false, bool discretize = false);

} // namespace nnplay
