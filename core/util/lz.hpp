// lz.hpp: a small byte compressor of our own (LZ77: literal runs and back-references into the
// last 64 KiB) for session links, where the page's address carries a whole session. Session JSON
// repeats its keys on every point: a 500-point session shrinks to about half.
//
// Format: a 4-byte little-endian length of the original, then tokens. A byte t < 0x80 is a run
// of t + 1 literal bytes that follow; t >= 0x80 copies (t & 0x7F) + 4 bytes from `distance`
// bytes back, the distance in the next two bytes (little-endian, 1..65535).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace nnplay {

std::string LzCompress(std::string_view in);
// Throws UserError ("<what>: damaged ...") for a stream that does not decode exactly, or that
// says it holds more than `max_bytes`.
std::string LzDecompress(std::string_view in, size_t max_bytes, const std::string& what);

} // namespace nnplay
