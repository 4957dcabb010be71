// idx_test.cpp: IDX image and label files, plain and gzipped, written here; every refusal names
// the file and what is wrong, and nothing is allocated for what a header merely claims.
#include "core/data/idx.hpp"
#include "core/tests/idx_writer.hpp"
#include "core/tests/refusal.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace nnplay {
namespace {

using test::Refusal;
namespace fs = std::filesystem;

using test::Gzip;

std::string Header(uint32_t magic, std::vector<uint32_t> sizes) {
    return test::IdxHeader(magic, std::move(sizes));
}

std::string Images(uint32_t n, uint32_t rows, uint32_t cols) {
    std::vector<uint8_t> pixels(size_t(n) * rows * cols);
    for (size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = uint8_t(i * 7 % 256);
    return test::IdxImagesFile(n, rows, cols, pixels);
}

std::string Labels(uint32_t n, int classes) {
    std::vector<uint8_t> labels(n);
    for (uint32_t i = 0; i < n; ++i)
        labels[i] = uint8_t(i % uint32_t(classes));
    return test::IdxLabelsFile(labels);
}

TEST(Idx, PlainAndGzippedFilesReadTheSame) {
    for (const bool gz : {false, true}) {
        const std::string img = Images(3, 2, 4), lab = Labels(3, 10);
        const IdxImages i = ParseIdxImages(gz ? Gzip(img) : img, "train-images");
        ASSERT_EQ(i.Count, 3u);
        EXPECT_EQ(i.Rows, 2);
        EXPECT_EQ(i.Cols, 4);
        ASSERT_EQ(i.Pixels.size(), 24u);
        EXPECT_EQ(i.Image(2)[0], uint8_t(16 * 7 % 256));
        const IdxLabels l = ParseIdxLabels(gz ? Gzip(lab) : lab, "train-labels");
        EXPECT_EQ(l.Labels, (std::vector<uint8_t>{0, 1, 2}));
        EXPECT_EQ(l.Classes, 3);
    }
}

TEST(Idx, RefusalsNameTheFileAndWhatIsWrong) {
    EXPECT_EQ(
        Refusal([] { ParseIdxImages(Labels(3, 2), "f"); }),
        "f: not an IDX images file: magic number 0x00000801, expected 0x00000803 (this is a labels file)");
    EXPECT_EQ(Refusal([] { ParseIdxImages("{\"json\": 1}", "f"); }),
              "f: not an IDX images file: magic number 0x7B226A73, expected 0x00000803");
    EXPECT_EQ(Refusal([] {
                  ParseIdxImages(Header(0x80D, {1, 1, 1}) + "abcd", "f");
              }),
              "f: not an IDX images file: magic number 0x0000080D, expected 0x00000803");
    const std::string img = Images(3, 2, 4);
    EXPECT_EQ(Refusal([&] { ParseIdxImages(img.substr(0, img.size() - 5), "f"); }),
              "f: the header claims 3 images of 2 x 4 (24 bytes) but the file holds 19 (truncated?)");
    EXPECT_EQ(Refusal([&] { ParseIdxImages(img + "xx", "f"); }),
              "f: the header claims 3 images of 2 x 4 (24 bytes) but the file holds 26 (bytes left over)");
    const std::string gz = Gzip(Images(500, 28, 28));
    EXPECT_EQ(Refusal([&] { ParseIdxImages(gz.substr(0, gz.size() / 2), "f.gz"); }),
              "f.gz: the gzip stream ends early: the data is cut short (a truncated download?)");
    EXPECT_EQ(Refusal([&] { ParseIdxImages(Gzip(img + "xx"), "f.gz"); }),
              "f.gz: more data than the header's counts say (is it the right file?)");
    std::string broken = gz;
    for (size_t k = 40; k < 60; ++k)
        broken[k] = char(~broken[k]);
    EXPECT_EQ(Refusal([&] { ParseIdxImages(broken, "f.gz"); }).rfind("f.gz: broken gzip data (", 0), 0u);
    // 2^32 - 1 images claimed, in 16 bytes (plain or gzipped): refused before any allocation.
    EXPECT_EQ(Refusal([] {
                  ParseIdxImages(Header(0x803, {0xFFFFFFFFu, 28, 28}), "f");
              }),
              "f: claims 4294967295 images; nnplay reads at most 1000000");
    EXPECT_EQ(Refusal([] {
                  ParseIdxImages(Gzip(Header(0x803, {0xFFFFFFFFu, 28, 28})), "f.gz");
              }),
              "f.gz: claims 4294967295 images; nnplay reads at most 1000000");
    EXPECT_EQ(Refusal([] {
                  ParseIdxImages(Header(0x803, {10, 65536, 65536}), "f");
              }),
              "f: images of 65536 x 65536 pixels; nnplay reads 1 to 4096 pixels an image");
    EXPECT_EQ(Refusal([] { ParseIdxImages(Header(0x803, {0, 28, 28}), "f"); }), "f: holds no images");
    EXPECT_EQ(Refusal([] { ParseIdxLabels(Header(0x801, {4}) + "ab", "l"); }),
              "l: the header claims 4 labels but the file holds 2 (truncated?)");
    EXPECT_EQ(Refusal([] { ParseIdxLabels("ab", "l"); }), "l: 2 bytes: too short for an IDX header");
    EXPECT_EQ(Refusal([] { ReadIdxImages("/"); }), "/: is a folder, not a file");
}

TEST(Idx, AFolderInMnistsLayoutGivesBothSets) {
    const fs::path dir = fs::path(::testing::TempDir()) / "nnplay_idx";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "train-images-idx3-ubyte.gz", std::ios::binary) << Gzip(Images(20, 28, 28));
    std::ofstream(dir / "train-labels-idx1-ubyte", std::ios::binary) << Labels(20, 10);
    std::ofstream(dir / "t10k-images-idx3-ubyte", std::ios::binary) << Images(5, 28, 28);
    std::ofstream(dir / "t10k-labels-idx1-ubyte.gz", std::ios::binary) << Gzip(Labels(5, 3));
    const ImageSet s = LoadImageFolder(dir.string());
    EXPECT_EQ(s.TrainImages.Count, 20u);
    EXPECT_EQ(s.TestImages.Count, 5u);
    EXPECT_EQ(s.Classes, 10);
    std::ofstream(dir / "t10k-labels-idx1-ubyte", std::ios::binary) << Labels(4, 3);
    fs::remove(dir / "t10k-labels-idx1-ubyte.gz");
    EXPECT_EQ(Refusal([&] { LoadImageFolder(dir.string()); }), (dir / "t10k-labels-idx1-ubyte").string() +
                                                                   ": 4 labels for the 5 images of " +
                                                                   (dir / "t10k-images-idx3-ubyte").string());
    // A label of 255 in MNIST's layout is a broken file, not a 256th class: refused at its index.
    std::vector<uint8_t> labels(5, 1);
    labels[3] = 255;
    std::ofstream(dir / "t10k-labels-idx1-ubyte", std::ios::binary) << test::IdxLabelsFile(labels);
    EXPECT_EQ(Refusal([&] { LoadImageFolder(dir.string()); }),
              (dir / "t10k-labels-idx1-ubyte").string() +
                  ": label 255 at index 3: images of 28 x 28 (MNIST's layout) have 10 classes, 0 to 9");
    labels[3] = 9;
    std::ofstream(dir / "t10k-labels-idx1-ubyte", std::ios::binary) << test::IdxLabelsFile(labels);
    EXPECT_EQ(LoadImageFolder(dir.string()).Classes, 10);
    fs::remove(dir / "t10k-labels-idx1-ubyte");
    EXPECT_EQ(Refusal([&] { LoadImageFolder(dir.string()); }),
              dir.string() + ": no t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz) in this folder; it "
                             "needs the four files of MNIST's layout");
}

// Debian's dataset-fashion-mnist, where it is installed (the set-up installs it).
TEST(Idx, FashionMnistFromDebiansPackage) {
    if (!fs::exists(kFashionMnistDir)) GTEST_SKIP() << kFashionMnistDir << " is not installed";
    const ImageSet s = LoadImageFolder(kFashionMnistDir);
    EXPECT_EQ(s.TrainImages.Count, 60000u);
    EXPECT_EQ(s.TestImages.Count, 10000u);
    EXPECT_EQ(s.TrainImages.Rows, 28);
    EXPECT_EQ(s.TrainImages.Cols, 28);
    EXPECT_EQ(s.Classes, 10);
}

} // namespace
} // namespace nnplay
