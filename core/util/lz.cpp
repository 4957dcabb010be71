// lz.cpp: greedy LZ77 over a hash of the next four bytes.
#include "core/util/lz.hpp"

#include "core/util/error.hpp"

#include <cstdint>
#include <vector>

namespace nnplay {

namespace {
constexpr size_t kMinMatch = 4, kMaxMatch = 0x7F + kMinMatch, kMaxLiterals = 0x80, kWindow = 65535;
constexpr int kHashBits = 15;

uint32_t HashAt(std::string_view s, size_t i) {
    uint32_t v = 0;
    for (size_t k = 0; k < 4; ++k)
        v |= uint32_t(static_cast<unsigned char>(s[i + k])) << (8 * k);
    return (v * 2654435761u) >> (32 - kHashBits);
}
} // namespace

std::string LzCompress(std::string_view in) {
    std::string out;
    out.reserve(in.size() / 2 + 16);
    for (int k = 0; k < 4; ++k)
        out.push_back(char((uint64_t(in.size()) >> (8 * k)) & 0xFF));
    std::vector<int64_t> last(size_t(1) << kHashBits, -1); // where each hash was last seen
    size_t literals_from = 0, i = 0;
    const auto flush_literals = [&](size_t until) {
        while (literals_from < until) {
            const size_t n = std::min(kMaxLiterals, until - literals_from);
            out.push_back(char(n - 1));
            out.append(in.substr(literals_from, n));
            literals_from += n;
        }
    };
    while (i + kMinMatch <= in.size()) {
        const uint32_t h = HashAt(in, i);
        const int64_t at = last[h];
        last[h] = int64_t(i);
        size_t len = 0;
        if (at >= 0 && i - size_t(at) <= kWindow)
            while (len < kMaxMatch && i + len < in.size() && in[size_t(at) + len] == in[i + len])
                ++len;
        if (len < kMinMatch) {
            ++i;
            continue;
        }
        flush_literals(i);
        const size_t distance = i - size_t(at);
        out.push_back(char(0x80 | (len - kMinMatch)));
        out.push_back(char(distance & 0xFF));
        out.push_back(char(distance >> 8));
        for (size_t k = 1; k < len && i + k + kMinMatch <= in.size(); ++k) // (the copied bytes' places)
            last[HashAt(in, i + k)] = int64_t(i + k);
        i += len;
        literals_from = i;
    }
    flush_literals(in.size());
    return out;
}

std::string LzDecompress(std::string_view in, size_t max_bytes, const std::string& what) {
    const auto damaged = [&](const std::string& why) { return UserError(what + ": damaged (" + why + ")"); };
    if (in.size() < 4) throw damaged("too short");
    uint64_t size = 0;
    for (int k = 0; k < 4; ++k)
        size |= uint64_t(static_cast<unsigned char>(in[size_t(k)])) << (8 * k);
    if (size > max_bytes)
        throw UserError(what + ": holds " + std::to_string(size) + " bytes; at most " +
                        std::to_string(max_bytes) + " are read");
    std::string out;
    out.reserve(size_t(size));
    size_t i = 4;
    while (i < in.size()) {
        const auto t = static_cast<unsigned char>(in[i++]);
        if (t < 0x80) {
            const size_t n = size_t(t) + 1;
            if (i + n > in.size()) throw damaged("a run of letters is cut short");
            if (out.size() + n > size) throw damaged("longer than it says");
            out.append(in.substr(i, n));
            i += n;
        } else {
            if (i + 2 > in.size()) throw damaged("a reference is cut short");
            const size_t len = size_t(t & 0x7F) + kMinMatch;
            const size_t distance = size_t(static_cast<unsigned char>(in[i])) |
                                    size_t(static_cast<unsigned char>(in[i + 1])) << 8;
            i += 2;
            if (distance == 0 || distance > out.size()) throw damaged("a reference points before the start");
            if (out.size() + len > size) throw damaged("longer than it says");
            for (size_t k = 0; k < len; ++k) // byte by byte: a reference may overlap what it writes
                out.push_back(out[out.size() - distance]);
        }
    }
    if (out.size() != size) throw damaged("shorter than it says");
    return out;
}

} // namespace nnplay
