// dataset.hpp: 2-D datasets: the named generators, the train/test split and point edits.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nnplay {

enum class ProblemKind { Classification, Regression };

inline constexpr int kMaxClasses = 6;
inline constexpr int kMaxPoints = 100000;
inline constexpr double kPlaneExtent = 6.0; // generators fill [-6, 6]², as the TensorFlow Playground
// The window's plane and CSV points hold coordinates within ±1e6: beyond, x² and the view's
// arithmetic overflow their use (the command line takes any finite number).
inline constexpr double kMaxCoordinate = 1e6;

struct DataPoint {
    double X1 = 0.0, X2 = 0.0;
    int Label = 0;      // classification: class in [0, NumClasses)
    double Value = 0.0; // regression: target, mostly in [-1, 1]
    bool IsTest = false;
    std::vector<double> Targets; // regression with several outputs (from a scenario): one per output
    std::vector<double> Inputs;  // a scenario's sample for a network that does not take (x1, x2)
    double FirstValue() const { return Targets.empty() ? Value : Targets[0]; }
};

struct Dataset {
    ProblemKind Kind = ProblemKind::Classification;
    int NumClasses = 2; // 0 for regression
    int Outputs = 1;    // regression: values per point; more than 1 only for a scenario's targets
    // > 0: a scenario's samples of this many inputs each (DataPoint::Inputs), which have no place
    // on the plane; the network takes them as they are (no features). 0: points (x1, x2).
    int RawInputs = 0;
    std::vector<DataPoint> Points;

    size_t CountTrain() const;
    size_t CountTest() const { return Points.size() - CountTrain(); }
};

struct DatasetSpec {
    std::string Name = "xor";
    int NumPoints = 500; // train + test
    double Noise = 0.0;  // 0 .. 1; what it perturbs depends on the generator
    int NumClasses = 2;
    double TrainFraction = 0.5; // (0, 1]
    uint64_t Seed = 1;
};

struct DatasetInfo {
    std::string_view Name;
    ProblemKind Kind;
    int MinClasses, MaxClasses;
    std::string_view Description;
};
const std::vector<DatasetInfo>& DatasetCatalog();
const DatasetInfo& FindDataset(std::string_view name, std::string_view field = "--dataset");

// Throws UserError naming the field for an unknown name or an unsupported point count, noise,
// class count or split. "xor4" is always the 4-point truth table on {0,1}², all training points.
Dataset GenerateDataset(const DatasetSpec& spec);

// Marks floor(fraction * n) randomly chosen points as training points, the rest as test: the
// playground splits so.
void AssignSplit(Dataset& data, double train_fraction, uint64_t seed);

// Edits, one point at a time (the GUI's drawing tools). Each throws UserError for an index out
// of range, a non-finite coordinate, or a class outside [0, kMaxClasses). Adding or relabelling
// with a new class raises NumClasses.
void AddPoint(Dataset& data, const DataPoint& p);
void MovePoint(Dataset& data, size_t index, double x1, double x2);
void RelabelPoint(Dataset& data, size_t index, int label);
void SetPointValue(Dataset& data, size_t index, double value);
void RemovePoint(Dataset& data, size_t index);

} // namespace nnplay
