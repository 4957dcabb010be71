// init.hpp: weight initialization schemes.
#pragma once
#include "core/nn/mlp.hpp"
#include "core/util/rng.hpp"

#include <string>
#include <string_view>

namespace nnplay {

// Uniform: U(-0.5, 0.5), as the TensorFlow Playground does.
// Xavier (Glorot & Bengio 2010): U(±sqrt(6 / (fan_in + fan_out))).
// He (He et al. 2015): N(0, sqrt(2 / fan_in)), made for relu.
// Normal: N(0, 1 / sqrt(fan_in)) (LeCun).
// Zeros: every weight 0, so a class can watch symmetric units stay identical forever.
// Normal01: N(0, 0.1) whatever the fan-in, as the lecture's digit MLP draws its weights.
// Biases start at 0 in every scheme.
enum class InitScheme { Uniform, Xavier, He, Normal, Zeros, Normal01 };

std::string_view InitSchemeName(InitScheme s);
InitScheme ParseInitScheme(std::string_view name, std::string_view field = "init.scheme");
std::string InitSchemeChoices();

void InitializeParams(Mlp& mlp, InitScheme scheme, Rng& rng);

} // namespace nnplay
