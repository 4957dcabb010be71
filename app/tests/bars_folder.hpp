// bars_folder.hpp: a small image set in MNIST's layout for the window tests of the image mode:
// vertical bars (class 0) and horizontal ones (class 1), learned in a few epochs.
#pragma once
#include "app/tests/test_dir.hpp"
#include "core/tests/idx_writer.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace nnplay {

inline void WriteTestFile(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

// Bars in MNIST's layout: class 0 a vertical bar, class 1 a horizontal one, three pixels wide and
// near the middle, on faint noise (the training images gzipped, as MNIST's downloads are).
inline void CrossBars(size_t n, uint32_t seed, std::vector<uint8_t>& pixels, std::vector<uint8_t>& labels) {
    uint32_t s = seed;
    const auto next = [&](uint32_t below) {
        s = s * 1664525u + 1013904223u;
        return (s >> 8) % below;
    };
    pixels.assign(n * 28 * 28, 0);
    labels.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const int c = int(next(2)), at = 10 + int(next(6));
        labels[i] = uint8_t(c);
        uint8_t* p = pixels.data() + i * 28 * 28;
        for (int k = 0; k < 28 * 28; ++k)
            p[k] = uint8_t(next(30));
        for (int k = 3; k < 25; ++k)
            for (int w = 0; w < 3; ++w)
                p[c == 0 ? k * 28 + at + w : (at + w) * 28 + k] = 255;
    }
}

inline std::string WriteBarsFolder(const std::string& name) {
    const std::string dir = TestDir() + name + "/";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::vector<uint8_t> pixels, labels;
    CrossBars(2000, 7, pixels, labels);
    WriteTestFile(dir + "train-images-idx3-ubyte.gz", test::Gzip(test::IdxImagesFile(2000, 28, 28, pixels)));
    WriteTestFile(dir + "train-labels-idx1-ubyte", test::IdxLabelsFile(labels));
    CrossBars(400, 8, pixels, labels);
    WriteTestFile(dir + "t10k-images-idx3-ubyte", test::IdxImagesFile(400, 28, 28, pixels));
    WriteTestFile(dir + "t10k-labels-idx1-ubyte", test::IdxLabelsFile(labels));
    return dir;
}

} // namespace nnplay
