// notation.hpp: the lecture's notation: numbers as it writes them and the units' names, for every
// view that shows a derivation or a finding (the inspector, the step phases, the diagnosis,
// worksheets).
#pragma once
#include <string>

namespace nnplay {

std::string FormatNumber(double v, int digits); // %.<digits>g
// A derivation line as a lecture writes it: "a + -b" becomes "a − b", "a − -b" becomes
// "a − (−b)", and a negative factor after × or · goes in parentheses: "0.5 × (−0.08)".
std::string TidySigns(std::string line);
// i1, i2 (layer -1: the inputs), h1, h2 (one hidden layer), h2_3 (several), o1 (the outputs).
std::string UnitName(int layers, int layer, int unit);

} // namespace nnplay
