// dataset.cpp: dataset generators (after the TensorFlow Playground's), split and edits.
#include "core/data/dataset.hpp"

#include "core/util/error.hpp"
#include "core/util/rng.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace nnplay {

namespace {
constexpr double kPi = std::numbers::pi;
using Points = std::vector<DataPoint>;

DataPoint Labeled(double x, double y, int label) {
    return {x, y, label, 0.0, false, {}, {}};
}

Points Xor4() {
    return {Labeled(0, 0, 0), Labeled(0, 1, 1), Labeled(1, 0, 1), Labeled(1, 1, 0)};
}

// Quadrant clouds: the label is the sign of x*y at a noise-shifted position.
Points XorCloud(int n, double noise, Rng& rng) {
    Points out;
    for (int i = 0; i < n; ++i) {
        double x = rng.Uniform(-5, 5), y = rng.Uniform(-5, 5);
        x += x > 0 ? 0.3 : -0.3; // a small gap along the axes
        y += y > 0 ? 0.3 : -0.3;
        const double nx = x + rng.Uniform(-5, 5) * noise, ny = y + rng.Uniform(-5, 5) * noise;
        out.push_back(Labeled(x, y, nx * ny >= 0 ? 1 : 0));
    }
    return out;
}

// Two classes: the TensorFlow Playground's circle. Half the points lie in the disc r < 2.5, half in
// the ring 3.5 < r < 5; the label is the disc's (class 1) when the point, shifted by the noise,
// lies within r = 2.5. Points keep their places: noise flips labels near the boundary.
// More classes: k rings, class c fills radii [5c/k + gap, 5(c+1)/k - gap] (class 0 the disc).
Points Circle(int n, double noise, int k, Rng& rng) {
    Points out;
    if (k == 2) {
        for (int i = 0; i < n; ++i) {
            const bool disc = i < (n + 1) / 2;
            const double r = disc ? rng.Uniform(0, 2.5) : rng.Uniform(3.5, 5);
            const double angle = rng.Uniform(0, 2 * kPi);
            const double x = r * std::sin(angle), y = r * std::cos(angle);
            const double nx = x + rng.Uniform(-5, 5) * noise, ny = y + rng.Uniform(-5, 5) * noise;
            out.push_back(Labeled(x, y, std::hypot(nx, ny) < 2.5 ? 1 : 0));
        }
        return out;
    }
    const double band = 5.0 / k, gap = band * 0.15;
    for (int i = 0; i < n; ++i) {
        const int c = i % k;
        const double r = rng.Uniform(c == 0 ? 0.0 : c * band + gap, (c + 1) * band - gap);
        const double angle = rng.Uniform(0, 2 * kPi);
        const double x = r * std::sin(angle) + rng.Uniform(-5, 5) * noise;
        const double y = r * std::cos(angle) + rng.Uniform(-5, 5) * noise;
        out.push_back(Labeled(x, y, c));
    }
    return out;
}

// k gaussian blobs on the circle of radius 2*sqrt(2) (k = 2: the playground's (-2,-2) and (2,2));
// noise widens them as the playground does: variance 0.5 + 7 * noise (0.5 .. 4 for noise 0 .. 0.5).
Points Gauss(int n, double noise, int k, Rng& rng) {
    Points out;
    const double stddev = std::sqrt(0.5 + 7.0 * std::min(noise, 1.0));
    for (int i = 0; i < n; ++i) {
        const int c = i % k;
        const double angle = kPi / 4 + kPi + 2 * kPi * c / k; // k = 2: (-2,-2) and (2,2)
        const double radius = 2.0 * std::numbers::sqrt2;
        out.push_back(Labeled(radius * std::cos(angle) + rng.Normal(0, stddev),
                              radius * std::sin(angle) + rng.Normal(0, stddev), c));
    }
    return out;
}

// k interleaved arms of 1.75 turns, radius growing to 5; each coordinate jitters by
// Uniform(-1, 1) * noise, the playground's scale (its link's noise=20 is a jitter of at most 0.2).
Points Spiral(int n, double noise, int k, Rng& rng) {
    Points out;
    const int per_arm = std::max(1, n / k);
    for (int c = 0; c < k; ++c) {
        const int count = c < k - 1 ? per_arm : n - per_arm * (k - 1);
        for (int i = 0; i < count; ++i) {
            const double r = 5.0 * i / count;
            // Class k-1 starts at angle 0: with two classes that is the playground's positive
            // arm (class 1, blue), and class 0 starts half a turn on.
            const double t = 1.75 * 2 * kPi * i / count + 2 * kPi * (c + 1) / k;
            out.push_back(Labeled(r * std::sin(t) + rng.Uniform(-1, 1) * noise,
                                  r * std::cos(t) + rng.Uniform(-1, 1) * noise, c));
        }
    }
    return out;
}

// Two interleaving half circles, scaled to the plane; noise is gaussian jitter.
Points Moons(int n, double noise, Rng& rng) {
    Points out;
    for (int i = 0; i < n; ++i) {
        const int c = i % 2;
        const double t = rng.Uniform(0, kPi);
        double x = c == 0 ? std::cos(t) : 1 - std::cos(t);
        double y = c == 0 ? std::sin(t) : 0.5 - std::sin(t);
        x = 3.0 * (x - 0.5) + rng.Normal(0, noise * 3);
        y = 3.0 * (y - 0.25) + rng.Normal(0, noise * 3);
        out.push_back(Labeled(x, y, c));
    }
    return out;
}

// 4 x 4 cells of side 3 over the plane; class = (column + row) mod k at a noise-shifted position.
Points Checkerboard(int n, double noise, int k, Rng& rng) {
    Points out;
    for (int i = 0; i < n; ++i) {
        const double x = rng.Uniform(-6, 6), y = rng.Uniform(-6, 6);
        const double nx = x + rng.Uniform(-3, 3) * noise, ny = y + rng.Uniform(-3, 3) * noise;
        const int cell = int(std::floor(nx / 3.0)) + int(std::floor(ny / 3.0));
        out.push_back(Labeled(x, y, ((cell % k) + k) % k));
    }
    return out;
}

// Regression, the playground's plane: value = (x + y) / 10 read at a noise-shifted position (not
// clamped: the corners reach +-1.2, more with noise, as in the playground).
Points Plane(int n, double noise, Rng& rng) {
    Points out;
    for (int i = 0; i < n; ++i) {
        const double x = rng.Uniform(-6, 6), y = rng.Uniform(-6, 6);
        const double nx = x + rng.Uniform(-6, 6) * noise, ny = y + rng.Uniform(-6, 6) * noise;
        out.push_back({x, y, 0, (nx + ny) / 10.0, false, {}, {}});
    }
    return out;
}

// Regression, the playground's six bumps of alternating sign: each is a cone, sign * max(0, 1 - d/2)
// at distance d from its centre, and the value is the strongest at the noise-shifted position.
Points MultiGauss(int n, double noise, Rng& rng) {
    struct Bump {
        double X, Y, Sign;
    };
    constexpr Bump kBumps[] = {{-4, 2.5, 1},   {0, 2.5, -1}, {4, 2.5, 1},
                               {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
    Points out;
    for (int i = 0; i < n; ++i) {
        const double x = rng.Uniform(-6, 6), y = rng.Uniform(-6, 6);
        const double nx = x + rng.Uniform(-6, 6) * noise, ny = y + rng.Uniform(-6, 6) * noise;
        double value = 0.0;
        for (const Bump& b : kBumps) {
            const double v = b.Sign * std::max(0.0, 1.0 - std::hypot(nx - b.X, ny - b.Y) / 2.0);
            if (std::abs(v) > std::abs(value)) value = v;
        }
        out.push_back({x, y, 0, value, false, {}, {}});
    }
    return out;
}

void CheckIndex(const Dataset& data, size_t index, const char* what) {
    if (index >= data.Points.size())
        throw UserError(std::string(what) + ": no point " + std::to_string(index) + " (the dataset has " +
                        std::to_string(data.Points.size()) + ")");
}

void CheckCoordinates(double x1, double x2) {
    if (!std::isfinite(x1) || !std::isfinite(x2))
        throw UserError("point: coordinates must be finite numbers");
}

void CheckLabel(const Dataset& data, int label) {
    if (data.Kind == ProblemKind::Regression)
        throw UserError("point: a regression dataset has values, not classes");
    if (label < 0 || label >= kMaxClasses)
        // Files number labels from 0, the window names classes from 1: the message says both, in
        // the file's numbering first (a file's "label": 99 used to be reported as class 100).
        throw UserError("point: label must be 0 to " + std::to_string(kMaxClasses - 1) +
                        " (the window's classes 1 to " + std::to_string(kMaxClasses) + "), got " +
                        std::to_string(label));
}
} // namespace

size_t Dataset::CountTrain() const {
    return size_t(std::count_if(Points.begin(), Points.end(), [](const DataPoint& p) { return !p.IsTest; }));
}

const std::vector<DatasetInfo>& DatasetCatalog() {
    static const std::vector<DatasetInfo> catalog = {
        {"xor4", ProblemKind::Classification, 2, 2, "the 4-point XOR truth table on {0,1}^2"},
        {"xor", ProblemKind::Classification, 2, 2, "XOR: clouds in the four quadrants"},
        {"circle", ProblemKind::Classification, 2, kMaxClasses, "a disc inside a ring (more classes: rings)"},
        {"gauss", ProblemKind::Classification, 2, kMaxClasses, "gaussian blobs, one per class"},
        {"spiral", ProblemKind::Classification, 2, kMaxClasses, "interleaved spiral arms, one per class"},
        {"moons", ProblemKind::Classification, 2, 2, "two interleaving half circles"},
        {"checkerboard", ProblemKind::Classification, 2, kMaxClasses, "a 4x4 checkerboard"},
        {"plane", ProblemKind::Regression, 0, 0, "regression: a tilted plane (x1 + x2) / 10"},
        {"multigauss", ProblemKind::Regression, 0, 0, "regression: six bumps of alternating sign"},
    };
    return catalog;
}

const DatasetInfo& FindDataset(std::string_view name, std::string_view field) {
    std::string names;
    for (const DatasetInfo& info : DatasetCatalog()) {
        if (info.Name == name) return info;
        names += (names.empty() ? "" : ", ") + std::string(info.Name);
    }
    throw UserError(std::string(field) + ": unknown dataset " + Quoted(name) + " (expected one of: " + names +
                    ")");
}

Dataset GenerateDataset(const DatasetSpec& spec) {
    const DatasetInfo& info = FindDataset(spec.Name);
    if (spec.NumPoints < 1 || spec.NumPoints > kMaxPoints)
        throw UserError("--points: must be between 1 and " + std::to_string(kMaxPoints) + ", got " +
                        std::to_string(spec.NumPoints));
    if (!(spec.Noise >= 0.0 && spec.Noise <= 1.0))
        throw UserError("--noise: must be between 0 and 1, got " + std::to_string(spec.Noise));
    if (!(spec.TrainFraction > 0.0 && spec.TrainFraction <= 1.0))
        throw UserError("--train-fraction: must be in (0, 1], got " + std::to_string(spec.TrainFraction));
    const int k = spec.NumClasses;
    if (info.Kind == ProblemKind::Classification && (k < info.MinClasses || k > info.MaxClasses))
        throw UserError("--classes: dataset " + std::string(info.Name) + " supports " +
                        (info.MinClasses == info.MaxClasses
                             ? "exactly " + std::to_string(info.MinClasses)
                             : std::to_string(info.MinClasses) + " to " + std::to_string(info.MaxClasses)) +
                        " classes, got " + std::to_string(k));
    Rng rng(spec.Seed);
    const int n = spec.NumPoints;
    const double noise = spec.Noise;
    Dataset data;
    data.Kind = info.Kind;
    data.NumClasses = info.Kind == ProblemKind::Classification ? k : 0;
    const std::string_view name = info.Name;
    if (name == "xor4")
        data.Points = Xor4();
    else if (name == "xor")
        data.Points = XorCloud(n, noise, rng);
    else if (name == "circle")
        data.Points = Circle(n, noise, k, rng);
    else if (name == "gauss")
        data.Points = Gauss(n, noise, k, rng);
    else if (name == "spiral")
        data.Points = Spiral(n, noise, k, rng);
    else if (name == "moons")
        data.Points = Moons(n, noise, rng);
    else if (name == "checkerboard")
        data.Points = Checkerboard(n, noise, k, rng);
    else if (name == "plane")
        data.Points = Plane(n, noise, rng);
    else
        data.Points = MultiGauss(n, noise, rng);
    // The truth table is the whole problem: holding any of its 4 rows out would make it unlearnable.
    if (name != "xor4") AssignSplit(data, spec.TrainFraction, spec.Seed ^ 0x5EED5EEDull);
    return data;
}

void AssignSplit(Dataset& data, double train_fraction, uint64_t seed) {
    if (!(train_fraction > 0.0 && train_fraction <= 1.0))
        throw UserError("train fraction: must be in (0, 1], got " + std::to_string(train_fraction));
    std::vector<size_t> order(data.Points.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    Rng rng(seed);
    rng.Shuffle(order);
    // Rounded down, as the playground splits: 50% of 5 points is 2 for training.
    // (An empty training set is possible, and refused by the session that would train on it.)
    const size_t n_train = size_t(std::floor(train_fraction * double(order.size()) + 1e-9));
    for (size_t r = 0; r < order.size(); ++r)
        data.Points[order[r]].IsTest = r >= n_train;
}

void AddPoint(Dataset& data, const DataPoint& p) {
    CheckCoordinates(p.X1, p.X2);
    if (p.Inputs.size() != size_t(data.RawInputs))
        throw UserError(data.RawInputs > 0
                            ? "point: this dataset's samples carry " + std::to_string(data.RawInputs) +
                                  " inputs each (it came from a scenario file); edit the file to change them"
                            : std::string("point: a point of the plane has x1 and x2, no other inputs"));
    for (double x : p.Inputs)
        if (!std::isfinite(x)) throw UserError("point: inputs must be finite numbers");
    if (data.Kind == ProblemKind::Classification)
        CheckLabel(data, p.Label);
    else if (!std::isfinite(p.Value))
        throw UserError("point: value must be a finite number");
    if (data.Kind == ProblemKind::Regression && data.Outputs > 1) {
        if (p.Targets.size() != size_t(data.Outputs))
            throw UserError(
                "point: this dataset's points carry " + std::to_string(data.Outputs) +
                " target values each (it came from a scenario file); edit the file to change them");
        for (double t : p.Targets)
            if (!std::isfinite(t)) throw UserError("point: target values must be finite numbers");
    }
    if (data.Points.size() >= size_t(kMaxPoints))
        throw UserError("point: the dataset already holds the maximum of " + std::to_string(kMaxPoints) +
                        " points");
    data.Points.push_back(p);
    if (data.Kind == ProblemKind::Classification) data.NumClasses = std::max(data.NumClasses, p.Label + 1);
}

void MovePoint(Dataset& data, size_t index, double x1, double x2) {
    CheckIndex(data, index, "move");
    CheckCoordinates(x1, x2);
    data.Points[index].X1 = x1;
    data.Points[index].X2 = x2;
}

void RelabelPoint(Dataset& data, size_t index, int label) {
    CheckIndex(data, index, "relabel");
    CheckLabel(data, label);
    data.Points[index].Label = label;
    data.NumClasses = std::max(data.NumClasses, label + 1);
}

void SetPointValue(Dataset& data, size_t index, double value) {
    CheckIndex(data, index, "set value");
    if (data.Kind != ProblemKind::Regression)
        throw UserError("set value: a classification dataset has classes");
    if (data.Outputs > 1)
        throw UserError("set value: this point carries several target values (from a scenario file)");
    if (!std::isfinite(value)) throw UserError("set value: value must be a finite number");
    data.Points[index].Value = value;
}

void RemovePoint(Dataset& data, size_t index) {
    CheckIndex(data, index, "remove");
    data.Points.erase(data.Points.begin() + std::ptrdiff_t(index));
}

} // namespace nnplay
