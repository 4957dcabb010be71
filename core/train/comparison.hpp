// comparison.hpp: the learning-rate lab's comparison: copies of one setup that differ in one
// setting only. Copies of the same seed start from bit-identical weights (unless the setting
// changes the network: activation, initialization) and see the same mini-batches (unless it
// changes their size), so what differs between their curves is the setting alone.
#pragma once
#include "core/train/training.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nnplay {

inline constexpr int kMinCompared = 2, kMaxCompared = 6;

// Layers: the hidden layers' sizes, "4-2" (or "4,2" where no list is around it), "none" for none.
enum class VarySetting { LearningRate, Optimizer, BatchSize, Activation, Init, RegRate, Layers };

// What a comparison varies, and over which values (a session may carry one: the lab's lessons).
struct ComparisonSpec {
    VarySetting What = VarySetting::LearningRate;
    std::vector<std::string> Values;
    bool operator==(const ComparisonSpec&) const = default;
};
inline constexpr VarySetting kVarySettings[] = {
    VarySetting::LearningRate, VarySetting::Optimizer, VarySetting::BatchSize, VarySetting::Activation,
    VarySetting::Init,         VarySetting::RegRate,   VarySetting::Layers};

std::string_view
VarySettingName(VarySetting s); // "lr", "optimizer", "batch", "activation", "init", "reg-rate", "layers"
std::string_view VarySettingTitle(VarySetting s); // "learning rate", ... (for people)
VarySetting ParseVarySetting(std::string_view name, std::string_view field);
bool IsNumericSetting(VarySetting s); // lr, batch, reg-rate: values can be a log range
// Whether runs that differ in `s` have networks of the same shape (they can start from one set of
// weights): not for the activation, the initialization or the layers.
bool KeepsNetwork(VarySetting s);

// `base` with the setting set to `value` (activation: every hidden layer; reg-rate: L2 unless
// another kind is chosen; layers: each new layer with the first hidden layer's activation). Throws UserError
// naming `field` and the value for one that does not parse or is out of range.
TrainConfig WithSetting(TrainConfig base, VarySetting what, const std::string& value,
                        std::string_view field = "value");
// The setting's value in `config`, as WithSetting reads it.
std::string SettingValue(const TrainConfig& config, VarySetting what);

// Between kMinCompared and kMaxCompared values, each checked with WithSetting against `base`, no
// repeats; throws UserError naming `field` otherwise.
void CheckValueList(const std::vector<std::string>& values, VarySetting what, const TrainConfig& base,
                    std::string_view field);
// Values separated by commas or spaces, checked as CheckValueList does.
std::vector<std::string> ParseValueList(const std::string& text, VarySetting what, const TrainConfig& base,
                                        std::string_view field = "values");
// n values from lo to hi (both > 0) evenly spaced on a log scale, 3 significant digits each;
// whole numbers for the batch size (repeats dropped).
std::vector<std::string> LogRange(double lo, double hi, int n, VarySetting what);

// One copy's outcome. A diverged copy keeps its last finite weights; its losses are not results.
struct ComparedRun {
    std::string Value;
    Evaluation Eval;
    long Updates = 0, Epochs = 0;
    bool Diverged = false;
    long DivergedAt = 0; // the update that blew up
    std::string Stuck;   // StuckReason: "saturated units", "dead units", "" (learning, or fitted)
    std::string Message;
};

// Trains a copy of (base, data) for each value, `epochs` epochs each, headless.
std::vector<ComparedRun> RunComparison(const TrainConfig& base, const Dataset& data, VarySetting what,
                                       const std::vector<std::string>& values, long epochs);

// {"vary": "lr", "runs": [{"value": "0.03", "train_loss": ..., "test_loss": ..., "train_accuracy":
// ..., "updates": ..., "diverged": false, "diverged_at": null, "stuck": null}, ...]}: what `nnplay compare
// --json` prints and the window's comparison saves. Losses of a diverged run, and metrics that do not exist
// (no test points), are null.
nlohmann::ordered_json ComparisonJson(VarySetting what, const std::vector<ComparedRun>& runs);

} // namespace nnplay
