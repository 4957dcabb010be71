// features.cpp: input features.
#include "core/data/features.hpp"

#include "core/data/dataset.hpp"
#include "core/util/enum_names.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace nnplay {

namespace {
constexpr NameTable<Feature, kNumFeatureKinds> kFeatureNames{{
    {Feature::X1, "x1"},
    {Feature::X2, "x2"},
    {Feature::X1Squared, "x1^2"},
    {Feature::X2Squared, "x2^2"},
    {Feature::X1TimesX2, "x1*x2"},
    {Feature::SinX1, "sin_x1"},
    {Feature::SinX2, "sin_x2"},
}};
} // namespace

std::string_view FeatureName(Feature f) {
    return NameIn(kFeatureNames, f);
}

std::string FeatureChoices() {
    return ChoicesIn(kFeatureNames);
}

Feature ParseFeature(std::string_view name, std::string_view field) {
    // Friendly spellings a user is likely to type.
    if (name == "x1x2") return Feature::X1TimesX2;
    if (name == "x1_2" || name == "x1sq") return Feature::X1Squared;
    if (name == "x2_2" || name == "x2sq") return Feature::X2Squared;
    return ParseIn(kFeatureNames, name, field, "feature");
}

std::vector<Feature> ParseFeatureList(std::string_view csv, std::string_view field) {
    std::vector<Feature> out;
    size_t start = 0;
    while (start <= csv.size()) {
        const size_t comma = std::min(csv.find(',', start), csv.size());
        const std::string_view name = csv.substr(start, comma - start);
        const Feature f = ParseFeature(name, field);
        if (std::find(out.begin(), out.end(), f) != out.end())
            throw UserError(std::string(field) + ": feature '" + std::string(name) + "' is listed twice");
        out.push_back(f);
        start = comma + 1;
    }
    if (out.empty()) throw UserError(std::string(field) + ": at least one feature is needed");
    return out;
}

std::vector<Feature> AllFeatures() {
    std::vector<Feature> all;
    for (const auto& entry : kFeatureNames)
        all.push_back(entry.first);
    return all;
}

void ComputeFeatures(const std::vector<Feature>& features, const Eigen::MatrixXd& XY, Eigen::MatrixXd& F) {
    F.resize(Eigen::Index(features.size()), XY.cols());
    if (XY.cols() == 0)
        return; // an empty set (no test points): row(1) of a null matrix is not a pointer to take
    const auto x1 = XY.row(0).array();
    const auto x2 = XY.row(1).array();
    for (size_t k = 0; k < features.size(); ++k) {
        auto row = F.row(Eigen::Index(k)).array();
        switch (features[k]) {
        case Feature::X1:
            row = x1;
            break;
        case Feature::X2:
            row = x2;
            break;
        case Feature::X1Squared:
            row = x1.square();
            break;
        case Feature::X2Squared:
            row = x2.square();
            break;
        case Feature::X1TimesX2:
            row = x1 * x2;
            break;
        case Feature::SinX1:
            row = x1.sin();
            break;
        case Feature::SinX2:
            row = x2.sin();
            break;
        }
    }
}

void InputMatrix(const Dataset& data, const std::vector<Feature>& features,
                 const std::vector<const DataPoint*>& points, Eigen::MatrixXd& F) {
    if (data.RawInputs > 0) {
        F.resize(data.RawInputs, Eigen::Index(points.size()));
        for (size_t s = 0; s < points.size(); ++s)
            for (int i = 0; i < data.RawInputs; ++i)
                F(i, Eigen::Index(s)) = points[s]->Inputs[size_t(i)];
        return;
    }
    Eigen::MatrixXd xy(2, Eigen::Index(points.size()));
    for (size_t s = 0; s < points.size(); ++s)
        xy.col(Eigen::Index(s)) << points[s]->X1, points[s]->X2;
    ComputeFeatures(features, xy, F);
}

int NetworkInputs(const Dataset& data, const std::vector<Feature>& features) {
    return data.RawInputs > 0 ? data.RawInputs : int(features.size());
}

} // namespace nnplay
