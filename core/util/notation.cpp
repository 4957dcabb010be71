// notation.cpp: numbers and names in the lecture's notation.
#include "core/util/notation.hpp"

#include <cctype>
#include <cstdio>

namespace nnplay {

std::string FormatNumber(double v, int digits) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

std::string TidySigns(std::string line) {
    // A number as FormatNumber writes it, after its minus sign: 0.25, 3, 1.5e-05, inf.
    const auto number_end = [&](size_t i) {
        while (i < line.size() && (std::isdigit(static_cast<unsigned char>(line[i])) || line[i] == '.' ||
                                   line[i] == 'e' || line[i] == 'i' || line[i] == 'n' || line[i] == 'f' ||
                                   ((line[i] == '-' || line[i] == '+') && i > 0 && line[i - 1] == 'e')))
            ++i;
        return i;
    };
    const std::string minus = "−", plus_neg = " + -", minus_neg = " − -", times_neg[] = {"× -", "×-", "· -"};
    for (size_t at; (at = line.find(plus_neg)) != std::string::npos;)
        line.replace(at, plus_neg.size(), " " + minus + " ");
    for (size_t at = 0; (at = line.find(minus_neg, at)) != std::string::npos;) {
        const size_t start = at + minus_neg.size(), end = number_end(start);
        if (end == start) {
            ++at;
            continue;
        }
        line.replace(at, end - at, " " + minus + " (" + minus + line.substr(start, end - start) + ")");
        ++at;
    }
    for (const std::string& t : times_neg)
        for (size_t at = 0; (at = line.find(t, at)) != std::string::npos;) {
            const size_t start = at + t.size(), end = number_end(start);
            if (end == start) {
                ++at;
                continue;
            }
            const std::string op = t.substr(0, t.size() - 1); // "× ", "×", "· "
            line.replace(at, end - at, op + "(" + minus + line.substr(start, end - start) + ")");
            ++at;
        }
    return line;
}

std::string UnitName(int layers, int layer, int unit) {
    // append(), not "i" + string: GCC 12 warns falsely (-Wrestrict) about the operator+ form.
    const std::string n = std::to_string(unit + 1);
    if (layer < 0) return std::string("i").append(n);
    if (layer == layers - 1) return std::string("o").append(n);
    if (layers == 2) return std::string("h").append(n);
    return std::string("h").append(std::to_string(layer + 1)).append("_").append(n);
}

} // namespace nnplay
