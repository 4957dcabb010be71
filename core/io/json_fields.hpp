// json_fields.hpp: what reading session and scenario files shares: the field paths that error
// messages name, and whole numbers read without nlohmann's silent truncation (2.5 -> 2) or
// undefined behaviour (1e70 -> int). Each format keeps its own rules on top (ranges, messages).
#pragma once
#include "core/train/pace.hpp"
#include "core/util/error.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
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

// Reading a field of a file the user gave, with messages that name it ("network.hidden[0].units:
// is missing"). Shared by the session formats (2-D and image sessions).
namespace field {

// A number as JSON, null for NaN (JSON has no NaN: a diverged run's losses).
inline nlohmann::json Num(double x) {
    return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x);
}

// A value as the user wrote it, cut short: the message must stay one readable line.
inline std::string Shown(const nlohmann::json& v) {
    const std::string text = v.dump();
    return text.size() <= 40 ? text : text.substr(0, 37) + "...";
}

// `v` itself when it is an object (or a list), else a UserError naming `path`. Checked before
// anything is looked up in it: nlohmann's lookups on the wrong kind either answer "absent"
// (a wrong section silently becomes the defaults) or throw its own type_error.
inline const nlohmann::json& Object(const nlohmann::json& v, const std::string& path) {
    if (!v.is_object()) throw UserError(path + ": expected an object {...}, got " + Shown(v));
    return v;
}
inline const nlohmann::json& List(const nlohmann::json& v, const std::string& path) {
    if (!v.is_array()) throw UserError(path + ": expected a list [...], got " + Shown(v));
    return v;
}

// A count, an index or a seed: a whole number in T's range, 3.0 included.
template <class T> T WholeNumber(const nlohmann::json& v, const std::string& path) {
    if (const std::optional<T> x = ExactWholeNumber<T>(v)) return *x;
    throw UserError(path + ": expected a whole number from " + std::to_string(std::numeric_limits<T>::min()) +
                    " to " + std::to_string(std::numeric_limits<T>::max()) + ", got " + Shown(v));
}

// The session's own field `key` of the object at `path` ("" for the top level).
template <class T> T Get(const nlohmann::json& j, const char* key, const std::string& path) {
    const nlohmann::json& obj = path.empty() ? j : Object(j, path);
    if (!obj.contains(key)) throw UserError(Child(path, key) + ": is missing");
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
        return WholeNumber<T>(obj.at(key), Child(path, key));
    try {
        return obj.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw UserError(Child(path, key) + ": has the wrong type (" + Shown(obj.at(key)) + ")");
    }
}

template <class T> T GetOr(const nlohmann::json& j, const char* key, const std::string& path, T fallback) {
    const nlohmann::json& obj = path.empty() ? j : Object(j, path);
    return obj.contains(key) ? Get<T>(obj, key, path) : fallback;
}

inline double NumberOrNan(const nlohmann::json& v, const std::string& path) {
    if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (!v.is_number()) throw UserError(path + ": expected a number or null, got " + Shown(v));
    return v.get<double>();
}

} // namespace field

} // namespace nnplay
