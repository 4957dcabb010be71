// session_file.hpp: a whole playground session as JSON: dataset, settings, weights, counters.
#pragma once
#include "core/data/dataset.hpp"
#include "core/train/comparison.hpp"
#include "core/train/pace.hpp"
#include "core/train/training.hpp"
#include "core/util/loss_history.hpp"

#include <initializer_list>
#include <optional>

#include <nlohmann/json.hpp>
#include <string>

namespace nnplay {

// Buckets kept per loss series in a saved file: ~150 KB, the curve's shape at any zoom a window
// shows, and every spike (a bucket keeps its extremes).
inline constexpr size_t kSavedHistoryBuckets = 512;

struct SessionFile {
    Dataset Data;
    TrainConfig Config;
    std::vector<double> Params; // empty: initialize from Config.Seed
    std::vector<size_t> Frozen; // flat indices of the weights training leaves alone (hand-set)
    long Updates = 0, Epochs = 0;
    double SpeedLimit = kClassPace;           // updates per second while playing (0: max)
    nlohmann::json Metrics;                   // informational, written on save: train/test loss and accuracy
    bool FromScenario = false;                // a lecture scenario: the window opens it in step-through mode
    std::optional<ComparisonSpec> Comparison; // a lesson of the learning-rate lab: opens the comparison
    LossHistory History{
        kSavedHistoryBuckets}; // the loss curves so far (bounded): reopened, they are still there
};

// The settings' fields (network, loss, reduction, regularization, optimizer, batch_size,
// shuffle, seed), shared by every session format; FromJson checks them (UserError naming the
// field) and gives the defaults for the fields left out.
nlohmann::json TrainConfigToJson(const TrainConfig& c);
TrainConfig TrainConfigFromJson(const nlohmann::json& j);

nlohmann::json SessionToJson(const SessionFile& s);
// Throws UserError naming the field, like scenario files.
SessionFile SessionFromJson(const nlohmann::json& j);
bool IsSessionJson(const nlohmann::json& j); // has "nnplay_session"
// A session of the image mode ("mode": "images", image_session_file.hpp): SessionFromJson refuses
// it with the way to open it.
bool IsImageSessionJson(const nlohmann::json& j);
// Throws UserError for a format version other than 1 (both session formats share it).
void CheckSessionVersion(const nlohmann::json& j);

// A session file (2-D or image) says what it holds in a "summary" written second, after the
// format version, so a list of files (the autosaves a window offers) is described from their
// first few kilobytes without reading the rest.
struct SessionSummary {
    bool Known = false; // the file starts with a summary
    std::string Images; // an image session: its images' name ("" : a 2-D session)
    long Updates = 0;
    size_t Points = 0;       // 2-D: the dataset's points
    std::vector<int> Hidden; // 2-D: units per hidden layer
};
nlohmann::json SummaryToJson(const SessionSummary& s);
// From the first kSummaryBytes of the file (a regular file only: never blocks); Known is false
// when there is no summary there (an older file, another kind, no file).
SessionSummary ReadSessionSummary(const std::string& path);
inline constexpr size_t kSummaryBytes = 4096;
// `doc` as the file's text with `first` keys first, in that order, and the rest as nlohmann
// orders them (it sorts keys), indented by one.
std::string HeaderFirstText(const nlohmann::json& doc, std::initializer_list<const char*> first);

// The file's text: version, summary, counters first.
std::string SessionText(const SessionFile& s);
void SaveSessionFile(const SessionFile& s, const std::string& path); // throws UserError
SessionFile LoadSessionFile(const std::string& path);                // throws UserError

nlohmann::json MetricsToJson(const Evaluation& e);

// A scenario as a playground session: its batch becomes the dataset (2 inputs: points x1, x2
// of the plane; any other count: samples of their own inputs, Dataset::RawInputs), its
// network, weights, loss and optimizer carry over, one update uses the whole batch. Targets
// that are classes (0/1, one-hot) become classes; any others become values, one per output.
struct Scenario;
SessionFile SessionFromScenario(const Scenario& s);
// Either kind of file, told apart by its content, or a session link (session_link.hpp).
SessionFile LoadPlaygroundFile(const std::string& path);

} // namespace nnplay
