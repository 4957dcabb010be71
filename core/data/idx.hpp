// idx.hpp: the IDX files MNIST and its siblings (Fashion-MNIST, KMNIST...) are distributed in,
// plain or gzipped: *-images-idx3-ubyte (N x rows x cols bytes) and *-labels-idx1-ubyte (N
// bytes). Read within bounds: nothing is allocated for what a header claims before the claim is
// checked against the limits and against the file's size.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nnplay {

inline constexpr size_t kMaxIdxImages = 1000000; // MNIST has 70,000
inline constexpr size_t kMaxIdxPixels = 4096;    // per image (64 x 64); MNIST's are 784
inline constexpr size_t kMaxIdxFileBytes = size_t(256)
                                           << 20; // of a gzipped file too (MNIST's: 55 MB unpacked)

struct IdxImages {
    size_t Count = 0;
    int Rows = 0, Cols = 0;
    std::vector<uint8_t> Pixels; // Count x Rows x Cols, row by row
    const uint8_t* Image(size_t i) const { return Pixels.data() + i * size_t(Rows) * size_t(Cols); }
};

struct IdxLabels {
    std::vector<uint8_t> Labels;
    int Classes = 0; // the largest label + 1
};

// Refused (UserError, naming the file and what is wrong): a wrong magic number (with what it
// is), a type other than unsigned bytes, a count or image size over the limits, a size that
// disagrees with the header's counts (truncated or with bytes left over), a truncated or broken
// gzip stream, and what ReadUserFile refuses (folders, devices, unreadable files).
IdxImages ReadIdxImages(const std::string& path);
IdxLabels ReadIdxLabels(const std::string& path);
// The same over bytes in memory (plain or gzip), `name` for the messages.
IdxImages ParseIdxImages(std::string_view bytes, const std::string& name);
IdxLabels ParseIdxLabels(std::string_view bytes, const std::string& name);

// A training and a test set with their labels, from a folder holding the four files under the
// names MNIST uses (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
// t10k-labels-idx1-ubyte; each may end in .gz) or from those four paths. Labels of 28 x 28 images
// (MNIST's layout) at or above kMnistClasses are refused with the file and index.
inline constexpr int kMnistClasses = 10; // labels of 28 x 28 images must be below it

struct ImageSet {
    IdxImages TrainImages, TestImages;
    IdxLabels TrainLabels, TestLabels;
    int Classes = 0;
};
ImageSet LoadImageFolder(const std::string& folder);
// The four files' paths in `folder` (each plain or .gz), without reading them: throws UserError
// naming the first missing one (a folder checked before a window opens on it).
std::array<std::string, 4> FindImageFiles(const std::string& folder);
ImageSet LoadImageFiles(const std::string& train_images, const std::string& train_labels,
                        const std::string& test_images, const std::string& test_labels);

// Where Debian's dataset-fashion-mnist package puts Fashion-MNIST.
inline constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";
// The folder the window's "Fashion-MNIST" means: kFashionMnistDir, or $NNPLAY_FASHION_MNIST_DIR
// where set (another copy; the soak test points it at a small set).
std::string FashionMnistDir();

} // namespace nnplay
