// init.cpp: weight initialization schemes.
#include "core/nn/init.hpp"

#include "core/util/enum_names.hpp"
#include "core/util/error.hpp"

#include <array>
#include <cmath>

namespace nnplay {

namespace {
constexpr NameTable<InitScheme, 6> kInitNames{{
    {InitScheme::Uniform, "uniform"},
    {InitScheme::Xavier, "xavier"},
    {InitScheme::He, "he"},
    {InitScheme::Normal, "normal"},
    {InitScheme::Zeros, "zeros"},
    {InitScheme::Normal01, "normal-0.1"},
}};
} // namespace

std::string_view InitSchemeName(InitScheme s) {
    return NameIn(kInitNames, s);
}

std::string InitSchemeChoices() {
    return ChoicesIn(kInitNames);
}

InitScheme ParseInitScheme(std::string_view name, std::string_view field) {
    for (const auto& [k, n] : kInitNames)
        if (n == name) return k;
    throw UserError(std::string(field) + ": unknown initialization '" + std::string(name) +
                    "' (expected one of: " + InitSchemeChoices() + ")");
}

void InitializeParams(Mlp& mlp, InitScheme scheme, Rng& rng) {
    for (int l = 0; l < mlp.NumLayers(); ++l) {
        const double fan_in = mlp.Layer(l).In, fan_out = mlp.Layer(l).Out;
        MatrixMap w = mlp.W(l);
        for (Eigen::Index k = 0; k < w.size(); ++k) {
            double& v = w.data()[k];
            switch (scheme) {
            case InitScheme::Uniform:
                v = rng.Uniform(-0.5, 0.5);
                break;
            case InitScheme::Xavier: {
                const double limit = std::sqrt(6.0 / (fan_in + fan_out));
                v = rng.Uniform(-limit, limit);
                break;
            }
            case InitScheme::He:
                v = rng.Normal(0.0, std::sqrt(2.0 / fan_in));
                break;
            case InitScheme::Normal:
                v = rng.Normal(0.0, 1.0 / std::sqrt(fan_in));
                break;
            case InitScheme::Normal01:
                v = rng.Normal(0.0, 0.1);
                break;
            case InitScheme::Zeros:
                v = 0.0;
                break;
            }
        }
        mlp.B(l).setZero();
    }
}

} // namespace nnplay
