// args.cpp: command-line parsing.
#include "app/cli/args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nnplay {

namespace {
std::string Format(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return buf;
}
} // namespace

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& options,
           const std::set<std::string>& switches) {
    for (size_t k = 0; k < argv.size(); ++k) {
        std::string arg = argv[k], value;
        const size_t eq = arg.find('=');
        const bool inline_value = arg.rfind("--", 0) == 0 && eq != std::string::npos;
        if (inline_value) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        }
        if (switches.count(arg)) {
            if (inline_value) throw ArgError(arg + ": takes no value");
            m_switches.insert(arg);
        } else if (options.count(arg)) {
            if (!inline_value) {
                if (k + 1 >= argv.size()) throw ArgError(arg + ": needs a value");
                value = argv[++k];
            }
            if (m_values.count(arg)) throw ArgError(arg + ": given twice");
            m_values[arg] = value;
        } else {
            throw ArgError((arg.size() <= 40 ? arg : arg.substr(0, 40) + "...") +
                           ": unknown argument (see --help)");
        }
    }
}

std::optional<std::string> Args::Get(const std::string& name) const {
    const auto it = m_values.find(name);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

std::string Args::GetString(const std::string& name, const std::string& fallback) const {
    return Get(name).value_or(fallback);
}

long Args::GetInt(const std::string& name, long fallback, long lo, long hi) const {
    return long(GetInt64(name, fallback, lo, hi)); // within [lo, hi]: fits a long
}

int64_t Args::GetInt64(const std::string& name, int64_t fallback, int64_t lo, int64_t hi) const {
    const auto v = Get(name);
    if (!v) return fallback;
    char* end = nullptr;
    errno = 0;
    const int64_t x = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || errno == ERANGE)
        throw ArgError(name + ": expected a whole number, got " + Quoted(*v));
    if (x < lo || x > hi)
        throw ArgError(name + ": must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                       ", got " + (v->size() <= 40 ? *v : Quoted(*v)));
    return x;
}

double Args::GetDouble(const std::string& name, double fallback, double lo, double hi) const {
    const auto v = Get(name);
    if (!v) return fallback;
    char* end = nullptr;
    const double x = std::strtod(v->c_str(), &end);
    // strtod also reads hexadecimal ("0x10" is 16), "inf" and "nan": none is a number a user means.
    const bool decimal = v->find_first_not_of("0123456789+-.eE") == std::string::npos;
    if (v->empty() || *end != '\0' || !std::isfinite(x) || !decimal)
        throw ArgError(name + ": expected a decimal number like 0.03 or 1e-4, got " + Quoted(*v));
    if (x < lo || x > hi)
        throw ArgError(name + ": must be between " + Format(lo) + " and " + Format(hi) + ", got " +
                       (v->size() <= 40 ? *v : Quoted(*v)));
    return x;
}

} // namespace nnplay
