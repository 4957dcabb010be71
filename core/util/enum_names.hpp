// enum_names.hpp: one table of names per enum, for printing, listing and parsing.
#pragma once
#include "core/util/error.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace nnplay {

template <class E, size_t N> using NameTable = std::array<std::pair<E, std::string_view>, N>;

template <class E, size_t N> std::string_view NameIn(const NameTable<E, N>& table, E value) {
    for (const auto& [v, name] : table)
        if (v == value) return name;
    return "?";
}

// "a, b, c": the choices, for --help and error messages.
template <class E, size_t N> std::string ChoicesIn(const NameTable<E, N>& table) {
    std::string s;
    for (const auto& [v, name] : table)
        s += (s.empty() ? "" : ", ") + std::string(name);
    return s;
}

template <class E, size_t N> std::optional<E> LookUp(const NameTable<E, N>& table, std::string_view name) {
    for (const auto& [v, n] : table)
        if (n == name) return v;
    return std::nullopt;
}

// Throws "<field>: unknown <what> '<name>' (expected one of: ...)".
template <class E, size_t N>
E ParseIn(const NameTable<E, N>& table, std::string_view name, std::string_view field,
          std::string_view what) {
    if (const auto v = LookUp(table, name)) return *v;
    throw UserError(std::string(field) + ": unknown " + std::string(what) + " " + Quoted(name) +
                    " (expected one of: " + ChoicesIn(table) + ")");
}

} // namespace nnplay
