// idx.cpp: IDX headers checked before any allocation; gzip inflated by zlib into exactly the
// size the (checked) header announces.
#include "core/data/idx.hpp"

#include "core/util/error.hpp"
#include "core/util/json_file.hpp"

#ifndef NNPLAY_NO_ZLIB
#include <zlib.h>
#endif

#include <cstdlib>
#include <filesystem>

namespace nnplay {

namespace {

uint32_t BigEndian32(const uint8_t* p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

std::string Hex(uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", v);
    return buf;
}

bool IsGzip(std::string_view b) {
    return b.size() >= 2 && uint8_t(b[0]) == 0x1f && uint8_t(b[1]) == 0x8b;
}

#ifndef NNPLAY_NO_ZLIB
// Inflates a gzip stream: first `head` bytes (the header), then, once `body_size(header)` says
// how many more there must be (and has checked that number), exactly that many.
class Gunzip {
  public:
    Gunzip(std::string_view in, const std::string& name) : m_name(name) {
        m_z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
        m_z.avail_in = uInt(in.size());
        if (inflateInit2(&m_z, 16 + MAX_WBITS) != Z_OK)
            throw UserError(name + ": cannot start decompressing it");
    }
    ~Gunzip() { inflateEnd(&m_z); }
    // Fills out[0, n) or throws (truncated or broken stream).
    void Read(uint8_t* out, size_t n, const char* what) {
        m_z.next_out = out;
        m_z.avail_out = uInt(n);
        while (m_z.avail_out > 0) {
            const int rc = inflate(&m_z, Z_NO_FLUSH);
            if (rc == Z_STREAM_END && m_z.avail_out > 0)
                throw UserError(m_name + ": the gzip stream ends early: " + what +
                                " is cut short (a truncated download?)");
            if (rc == Z_STREAM_END) break;
            if (rc != Z_OK)
                throw UserError(m_name + ": broken gzip data (" +
                                (m_z.msg ? m_z.msg : "zlib error " + std::to_string(rc)) + ")");
            if (m_z.avail_in == 0 && m_z.avail_out > 0)
                throw UserError(m_name + ": the gzip stream ends early: " + what +
                                " is cut short (a truncated download?)");
        }
    }
    // True if nothing but the end of the stream follows.
    bool AtEnd() {
        uint8_t extra = 0;
        m_z.next_out = &extra;
        m_z.avail_out = 1;
        const int rc = inflate(&m_z, Z_NO_FLUSH);
        return rc == Z_STREAM_END && m_z.avail_out == 1;
    }

  private:
    z_stream m_z{};
    std::string m_name;
};
#else
// A build without zlib (the browser page: Emscripten's zlib is a download) reads unpacked files:
// the page unpacks gzipped ones as they come in (app/web/shell.html), so one still gzipped here is
// one the browser could not unpack.
class Gunzip {
  public:
    Gunzip(std::string_view, const std::string& name) {
        throw UserError(name + ": gzipped, and it could not be unpacked (a broken or cut gzip file?): "
                               "unpack it with gunzip and open the unpacked file");
    }
    void Read(uint8_t*, size_t, const char*) {}
    bool AtEnd() { return true; }
};
#endif

// The header: magic (0, 0, type 0x08 = unsigned bytes, dims) and dims big-endian sizes.
std::vector<uint32_t> CheckHeader(const uint8_t* h, size_t dims_expected, const std::string& name,
                                  const char* kind) {
    const uint32_t magic = BigEndian32(h);
    const uint32_t want = 0x800u | uint32_t(dims_expected);
    if (magic != want) {
        std::string what = "not an IDX " + std::string(kind) + " file: magic number " + Hex(magic) +
                           ", expected " + Hex(want);
        if (magic == 0x801 || magic == 0x803)
            what += magic == 0x801 ? " (this is a labels file)" : " (this is an images file)";
        if (h[0] == 0x1f && h[1] == 0x8b) what += " (a gzip file inside a gzip file?)";
        throw UserError(name + ": " + what);
    }
    std::vector<uint32_t> sizes(dims_expected);
    for (size_t d = 0; d < dims_expected; ++d)
        sizes[d] = BigEndian32(h + 4 + 4 * d);
    return sizes;
}

template <class Out, class Checked>
Out ParseIdx(std::string_view bytes, const std::string& name, size_t dims, const char* kind,
             Checked check_and_size) {
    const size_t header = 4 + 4 * dims;
    Out out;
    if (IsGzip(bytes)) {
        Gunzip z(bytes, name);
        uint8_t h[16] = {};
        z.Read(h, header, "the header");
        const size_t body = check_and_size(CheckHeader(h, dims, name, kind), out);
        z.Read(out.Data(), body, "the data");
        if (!z.AtEnd())
            throw UserError(name + ": more data than the header's counts say (is it the right file?)");
        return out;
    }
    if (bytes.size() < header) {
        uint8_t h[16] = {}; // the magic number says more than the length when it is wrong
        std::copy(bytes.begin(), bytes.end(), h);
        if (bytes.size() >= 4) CheckHeader(h, dims, name, kind);
        throw UserError(name + ": " + std::to_string(bytes.size()) + " bytes: too short for an IDX header");
    }
    const size_t body =
        check_and_size(CheckHeader(reinterpret_cast<const uint8_t*>(bytes.data()), dims, name, kind), out,
                       bytes.size() - header);
    std::copy(bytes.begin() + std::ptrdiff_t(header), bytes.begin() + std::ptrdiff_t(header + body),
              out.Data());
    return out;
}

struct ImagesOut : IdxImages {
    uint8_t* Data() { return Pixels.data(); }
};
struct LabelsOut : IdxLabels {
    uint8_t* Data() { return Labels.data(); }
};

std::string CountText(size_t n) {
    return std::to_string(n);
}

} // namespace

IdxImages ParseIdxImages(std::string_view bytes, const std::string& name) {
    const auto size = [&](const std::vector<uint32_t>& s, ImagesOut& out,
                          size_t available = SIZE_MAX) -> size_t {
        if (s[0] > kMaxIdxImages)
            throw UserError(name + ": claims " + CountText(s[0]) + " images; nnplay reads at most " +
                            CountText(kMaxIdxImages));
        if (s[1] == 0 || s[2] == 0 || size_t(s[1]) * size_t(s[2]) > kMaxIdxPixels)
            throw UserError(name + ": images of " + CountText(s[1]) + " x " + CountText(s[2]) +
                            " pixels; nnplay reads 1 to " + CountText(kMaxIdxPixels) + " pixels an image");
        if (s[0] == 0) throw UserError(name + ": holds no images");
        const size_t body = size_t(s[0]) * s[1] * s[2];
        if (available != SIZE_MAX && available != body)
            throw UserError(name + ": the header claims " + CountText(s[0]) + " images of " +
                            CountText(s[1]) + " x " + CountText(s[2]) + " (" + CountText(body) +
                            " bytes) but the file holds " + CountText(available) +
                            (available < body ? " (truncated?)" : " (bytes left over)"));
        out.Count = s[0];
        out.Rows = int(s[1]);
        out.Cols = int(s[2]);
        out.Pixels.resize(body);
        return body;
    };
    return ParseIdx<ImagesOut>(
        bytes, name, 3, "images",
        [&](const auto& s, ImagesOut& o, size_t a = SIZE_MAX) { return size(s, o, a); });
}

IdxLabels ParseIdxLabels(std::string_view bytes, const std::string& name) {
    const auto size = [&](const std::vector<uint32_t>& s, LabelsOut& out,
                          size_t available = SIZE_MAX) -> size_t {
        if (s[0] > kMaxIdxImages)
            throw UserError(name + ": claims " + CountText(s[0]) + " labels; nnplay reads at most " +
                            CountText(kMaxIdxImages));
        if (s[0] == 0) throw UserError(name + ": holds no labels");
        if (available != SIZE_MAX && available != s[0])
            throw UserError(name + ": the header claims " + CountText(s[0]) + " labels but the file holds " +
                            CountText(available) +
                            (available < s[0] ? " (truncated?)" : " (bytes left over)"));
        out.Labels.resize(s[0]);
        return s[0];
    };
    IdxLabels l =
        ParseIdx<LabelsOut>(bytes, name, 1, "labels",
                            [&](const auto& s, LabelsOut& o, size_t a = SIZE_MAX) { return size(s, o, a); });
    for (uint8_t v : l.Labels)
        l.Classes = std::max(l.Classes, int(v) + 1);
    return l;
}

IdxImages ReadIdxImages(const std::string& path) {
    return ParseIdxImages(ReadUserFile(path, kMaxIdxFileBytes), path);
}
IdxLabels ReadIdxLabels(const std::string& path) {
    return ParseIdxLabels(ReadUserFile(path, kMaxIdxFileBytes), path);
}

ImageSet LoadImageFiles(const std::string& train_images, const std::string& train_labels,
                        const std::string& test_images, const std::string& test_labels) {
    ImageSet set;
    set.TrainImages = ReadIdxImages(train_images);
    set.TrainLabels = ReadIdxLabels(train_labels);
    set.TestImages = ReadIdxImages(test_images);
    set.TestLabels = ReadIdxLabels(test_labels);
    if (set.TrainImages.Count != set.TrainLabels.Labels.size())
        throw UserError(train_labels + ": " + CountText(set.TrainLabels.Labels.size()) + " labels for the " +
                        CountText(set.TrainImages.Count) + " images of " + train_images);
    if (set.TestImages.Count != set.TestLabels.Labels.size())
        throw UserError(test_labels + ": " + CountText(set.TestLabels.Labels.size()) + " labels for the " +
                        CountText(set.TestImages.Count) + " images of " + test_images);
    if (set.TestImages.Rows != set.TrainImages.Rows || set.TestImages.Cols != set.TrainImages.Cols)
        throw UserError(test_images + ": images of " + std::to_string(set.TestImages.Rows) + " x " +
                        std::to_string(set.TestImages.Cols) + ", the training images are " +
                        std::to_string(set.TrainImages.Rows) + " x " + std::to_string(set.TrainImages.Cols));
    // MNIST's layout (28 x 28) means its 10 classes: a label of 255 there is a broken file, not a
    // 256th class (it made the test accuracy 0 while training reported success).
    if (set.TrainImages.Rows == 28 && set.TrainImages.Cols == 28)
        for (const auto& [labels, path] :
             {std::pair{&set.TrainLabels, &train_labels}, std::pair{&set.TestLabels, &test_labels}})
            for (size_t i = 0; i < labels->Labels.size(); ++i)
                if (labels->Labels[i] >= kMnistClasses)
                    throw UserError(*path + ": label " + std::to_string(labels->Labels[i]) + " at index " +
                                    std::to_string(i) + ": images of 28 x 28 (MNIST's layout) have " +
                                    std::to_string(kMnistClasses) + " classes, 0 to " +
                                    std::to_string(kMnistClasses - 1));
    set.Classes = std::max(2, std::max(set.TrainLabels.Classes, set.TestLabels.Classes));
    return set;
}

std::string FashionMnistDir() {
    const char* dir = std::getenv("NNPLAY_FASHION_MNIST_DIR");
    return dir && *dir ? dir : kFashionMnistDir;
}

std::array<std::string, 4> FindImageFiles(const std::string& folder) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) throw UserError(folder + ": not a folder");
    const auto find = [&](const std::string& stem) {
        for (const std::string& name : {stem, stem + ".gz"}) {
            const fs::path p = fs::path(folder) / name;
            if (fs::exists(p, ec)) return p.string();
        }
        throw UserError(folder + ": no " + stem + " (or " + stem +
                        ".gz) in this folder; it needs the four files of MNIST's layout");
    };
    return {find("train-images-idx3-ubyte"), find("train-labels-idx1-ubyte"), find("t10k-images-idx3-ubyte"),
            find("t10k-labels-idx1-ubyte")};
}

ImageSet LoadImageFolder(const std::string& folder) {
    const std::array<std::string, 4> f = FindImageFiles(folder);
    return LoadImageFiles(f[0], f[1], f[2], f[3]);
}

} // namespace nnplay
