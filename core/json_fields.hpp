// json_fields.hpp: what reading session and scenario files shares: the field paths that error
// messages name, and whole numbers read without nlohmann's silent truncation (2.5 -> 2) or
// undefined behaviour (1e70 -> int). Each format keeps its own rules on top (ranges, messages).
#pragma once
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>

namespace nnplay {

// "network" + "layers" -> "network.layers"; "" + "seed" -> "seed".
inline std::string Child(const std::string& path, const char* key) { return path.empty() ? key : path + "." + key; }
// "frozen", 2 -> "frozen[2]".
inline std::string Item(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

// `v` as a T when it is a whole number that T holds exactly: an integer, or a float with no
// fraction (3.0). Nothing for a fraction, a number out of T's range, or anything not a number.
template <class T> std::optional<T> ExactWholeNumber(const nlohmann::json& v) {
    if (v.is_number_unsigned()) {
        const uint64_t x = v.get<uint64_t>();
        return std::in_range<T>(x) ? std::optional<T>(static_cast<T>(x)) : std::nullopt;
    }
    if (v.is_number_integer()) {
        const int64_t x = v.get<int64_t>();
        return std::in_range<T>(x) ? std::optional<T>(static_cast<T>(x)) : std::nullopt;
    }
    if (v.is_number_float()) {
        // The bounds are powers of two (or zero), exact in double.
        const double x = v.get<double>();
        if (x == std::floor(x) && x >= static_cast<double>(std::numeric_limits<T>::min()) &&
            x < static_cast<double>(std::numeric_limits<T>::max()) + 1.0)
            return static_cast<T>(x);
    }
    return std::nullopt;
}

} // namespace nnplay
