// error.hpp: the exception type for bad user input (files, parameters, datasets).
#pragma once
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

namespace nnplay {

// Thrown for anything the user can fix: a malformed scenario, an absurd parameter, an empty
// dataset. The message names the field or argument and says what was wrong, so the CLI prints
// it as-is and the GUI shows it in a status line. Programming errors use assert instead.
class UserError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// What the user gave, as a message quotes it: whole when short, else its start and how long it
// was (a 100 KB argument is not echoed back whole).
// Control characters and bytes that are not UTF-8 are written as \xNN: a NUL or a stray byte
// from a link's %00 or %ff would otherwise cut the message short or reach the terminal raw.
inline std::string Escaped(std::string_view text) {
    std::string out;
    const auto hex = [&](unsigned char c) {
        constexpr char kDigits[] = "0123456789abcdef";
        out.append("\\x").push_back(kDigits[c >> 4]);
        out.push_back(kDigits[c & 15]);
    };
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        for (size_t k = 1; len > 1 && k < len; ++k)
            if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) >> 6) != 2) len = 0;
        if (len == 0 || c < 0x20 || c == 0x7f) {
            hex(c);
            ++i;
        } else {
            out.append(text.substr(i, len));
            i += len;
        }
    }
    return out;
}

inline std::string Quoted(std::string_view text, size_t max = 40) {
    // Built by append: GCC 12 warns falsely (-Wrestrict) on operator+ of a literal and a temporary.
    std::string out = "'";
    out.append(Escaped(text.substr(0, max)));
    if (text.size() <= max) return out.append("'");
    return out.append("...' (").append(std::to_string(text.size())).append(" characters)");
}

// A number as a message shows it: the shortest text that reads back as the same double (0.1,
// 1e+300), never std::to_string's six fixed decimals (1e300 as 301 digits, 1e-7 as 0.000000).
inline std::string NumberText(double v) {
    char buf[64];
#if defined(__cpp_lib_to_chars)
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
#else // the browser build's C++ library (libc++ 14) has no to_chars for doubles
    for (int digits = 1;; ++digits) { // 17 digits always read back
        std::snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (digits >= 17 || std::strtod(buf, nullptr) == v || v != v) return buf;
    }
#endif
}

// The whole of `text` as a double, as std::from_chars reads one (no spaces, no '+', no hex):
// false when it is not exactly a number.
inline bool ReadDouble(std::string_view text, double& out) {
#if defined(__cpp_lib_to_chars)
    const char* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, out);
    return !text.empty() && r.ec == std::errc() && r.ptr == end;
#else // the browser build's libc++ 14: strtod, held to from_chars's rules
    if (text.empty() || text.front() == '+' || text.find_first_of(" \t\n\r\f\vxX") != std::string_view::npos)
        return false;
    const std::string copy(text);
    char* end = nullptr;
    out = std::strtod(copy.c_str(), &end);
    return end == copy.c_str() + copy.size();
#endif
}

} // namespace nnplay
