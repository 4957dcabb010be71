// features.hpp: the input features computed from a 2-D point (x1, x2).
#pragma once
#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

namespace nnplay {

enum class Feature { X1, X2, X1Squared, X2Squared, X1TimesX2, SinX1, SinX2 };
inline constexpr int kNumFeatureKinds = 7;

std::string_view FeatureName(Feature f); // "x1", "x2", "x1^2", "x2^2", "x1*x2", "sin_x1", "sin_x2"
Feature ParseFeature(std::string_view name, std::string_view field = "features");
std::string FeatureChoices();
// "x1,x2,sin_x1" -> features; throws UserError on an unknown, repeated or missing name.
std::vector<Feature> ParseFeatureList(std::string_view csv, std::string_view field = "--features");
std::vector<Feature> AllFeatures();

// XY: (2, n) points -> F: (features.size(), n).
void ComputeFeatures(const std::vector<Feature>& features, const Eigen::MatrixXd& XY, Eigen::MatrixXd& F);

// The network's inputs for these points of `data`: the features of their (x1, x2), or a
// scenario's own inputs when data.RawInputs > 0. F: (inputs, points).
struct Dataset;
struct DataPoint;
void InputMatrix(const Dataset& data, const std::vector<Feature>& features,
                 const std::vector<const DataPoint*>& points, Eigen::MatrixXd& F);
// How many inputs the network takes for this data: its raw inputs, or one per feature.
int NetworkInputs(const Dataset& data, const std::vector<Feature>& features);

} // namespace nnplay
