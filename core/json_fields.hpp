// json_fields.hpp: what reading session and scenario files shares: the field paths that error
// messages name, and whole numbers read without nlohmann's silent truncation (2.5 -> 2) or
// undefined behaviour (1e70 -> int). Each format keeps its own rules on top (ranges, messages).
#pragma once
#include "core/error.hpp"
#include "core/pace.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>

namespace nnplay {

// "network" + "layers" -> "network.layers"; "" + "seed" -> "seed".
inline std::string Child(const std::string& path, const char* key) {
    return path.empty() ? key : path + "." + key;
}
// "frozen", 2 -> "frozen[2]".
inline std::string Item(const std::string& path, size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

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

// A file's pace ("speed_limit"): a number of updates per second (0: max) or a preset's name.
inline double PaceField(const nlohmann::json& v, const std::string& where) {
    if (v.is_string()) return ParsePace(v.get<std::string>(), where);
    if (v.is_number() && v.get<double>() >= 0 && v.get<double>() <= kMaxPaceLimit) return v.get<double>();
    throw UserError(
        where +
        ": expected slow, class, fast, max or a number of updates per second from 0 (max) to 1e7, got " +
        Quoted(v.dump()));
}

} // namespace nnplay
