// idx_writer.hpp: IDX files as the tests write them (MNIST's format, plain or gzipped).
#pragma once
#include "core/data/idx.hpp"

#include <zlib.h>

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

namespace nnplay::test {

// The header: magic, then each size, big-endian.
inline std::string IdxHeader(uint32_t magic, std::vector<uint32_t> sizes) {
    sizes.insert(sizes.begin(), magic);
    std::string h;
    for (uint32_t v : sizes)
        h += {char(v >> 24), char(v >> 16 & 255), char(v >> 8 & 255), char(v & 255)};
    return h;
}

// n images of rows x cols with the bytes of `pixels` (n * rows * cols of them).
inline std::string IdxImagesFile(uint32_t n, uint32_t rows, uint32_t cols,
                                 const std::vector<uint8_t>& pixels) {
    return IdxHeader(0x803, {n, rows, cols}) + std::string(pixels.begin(), pixels.end());
}

inline std::string IdxLabelsFile(const std::vector<uint8_t>& labels) {
    return IdxHeader(0x801, {uint32_t(labels.size())}) + std::string(labels.begin(), labels.end());
}

inline std::string Gzip(const std::string& in) {
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, uLong(in.size())) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = uInt(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

// side x side images of bars: label 0 vertical, 1 horizontal, 2 diagonal, at a place drawn
// from `seed`, on faint noise. Learnable in a few epochs.
inline void BarImages(size_t n, int side, int classes, uint64_t seed, std::vector<uint8_t>& pixels,
                      std::vector<uint8_t>& labels) {
    uint64_t s = seed * 6364136223846793005ull + 1442695040888963407ull;
    const auto next = [&](uint64_t below) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return (s >> 33) % below;
    };
    pixels.assign(n * size_t(side) * size_t(side), 0);
    labels.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const int c = int(next(uint64_t(classes))), at = int(next(uint64_t(side)));
        labels[i] = uint8_t(c);
        uint8_t* p = pixels.data() + i * size_t(side) * size_t(side);
        for (int k = 0; k < side * side; ++k)
            p[k] = uint8_t(next(40));
        for (int k = 0; k < side; ++k) {
            const int r = c == 1 ? at : k, col = c == 0 ? at : c == 1 ? k : (k + at) % side;
            p[r * side + col] = 255;
        }
    }
}

// A training and a test set of BarImages (seeds 7 and 8).
inline ImageSet BarSet(size_t train, size_t test, int side, int classes) {
    ImageSet s;
    for (auto [n, images, labels, seed] : {std::tuple{train, &s.TrainImages, &s.TrainLabels, 7},
                                           std::tuple{test, &s.TestImages, &s.TestLabels, 8}}) {
        images->Count = n;
        images->Rows = images->Cols = side;
        test::BarImages(n, side, classes, uint64_t(seed), images->Pixels, labels->Labels);
        labels->Classes = classes;
    }
    s.Classes = classes;
    return s;
}

} // namespace nnplay::test
