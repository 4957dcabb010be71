// train_options.hpp: the options every headless training verb shares (train, compare): the
// dataset, the network and every training setting, parsed with errors that name the flag.
#pragma once
#include "app/cli/args.hpp"
#include "core/train/training.hpp"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <set>
#include <string>
#include <vector>

namespace nnplay {

extern const std::set<std::string> kTrainOptions; // the flags that take a value

struct TrainOptions {
    DatasetSpec Data;
    TrainConfig Config;
    long Epochs = 100;
    bool Json = false;
    std::vector<std::string> LinkNotes; // --playground-link: what had no exact equivalent, in words
    std::string Images;   // --images: a folder in MNIST's layout, or its four files comma-separated
    long Validation = -1; // --validation N: training images held out (-1: the default)
    long TrainImages = 0; // --train-images N: only the first N training images are trained on (0: all)
};

// `nnplay train --images ...`: the image branch of the train verb.
int TrainOnImages(const TrainOptions& o, std::ostream& out, std::ostream& err);

// What was used, by nnplay's names (the JSON summary's "settings").
nlohmann::json SettingsJson(const TrainOptions& o);

TrainOptions ParseTrainOptions(const Args& args);
// The flag to blame for a network backprop cannot train (step units): --output when the output
// layer has them, else --activation.
std::string UntrainableFlag(const TrainConfig& config);
std::vector<std::string> SplitCommas(const std::string& s);
// A number as `train` prints it in its CSV rows and messages: 6 significant digits, "" for none (NaN).
std::string CsvNumber(double x);

} // namespace nnplay
