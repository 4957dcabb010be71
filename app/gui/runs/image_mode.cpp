// image_mode.cpp: the image mode's state from frame to frame: loading, snapshots, the pad, the textures.
#include "app/gui/runs/image_mode.hpp"

#include "app/gui/platform/native_chooser.hpp"

#include "app/gui/views/colors.hpp"
#include "core/util/error.hpp"
#include "core/util/worker_loop.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <filesystem>

namespace nnplay {

namespace {
constexpr double kTextureInterval = 0.1; // s between uploads of pictures that change every update

uint32_t Grey(uint8_t v) {
    return 0xFF000000u | uint32_t(v) << 16 | uint32_t(v) << 8 | v;
}

// Images side by side in rows of `per_row`, a one-pixel dark gap between them.
struct Atlas {
    int Rows, Cols, PerRow, TileRows, Width, Height;
    std::vector<uint32_t> Rgba;
    Atlas(int rows, int cols, int count, int per_row)
        : Rows(rows), Cols(cols), PerRow(std::max(1, per_row)), TileRows((count + PerRow - 1) / PerRow),
          Width(PerRow * (cols + 1) - 1), Height(std::max(1, TileRows * (rows + 1) - 1)),
          Rgba(size_t(std::max(1, Width)) * size_t(Height), 0xFF202020u) {}
    uint32_t& At(int tile, int r, int c) {
        const int x = (tile % PerRow) * (Cols + 1) + c, y = (tile / PerRow) * (Rows + 1) + r;
        return Rgba[size_t(y) * size_t(Width) + size_t(x)];
    }
};
} // namespace

void DrawingPad::Resize(int rows, int cols) {
    if (rows == Rows && cols == Cols) return;
    Rows = rows;
    Cols = cols;
    Ink.assign(size_t(rows) * size_t(cols), 0.0f);
    ++Version;
}

void DrawingPad::Clear() {
    std::fill(Ink.begin(), Ink.end(), 0.0f);
    Source.clear();
    ++Version;
}

void DrawingPad::Stroke(float x0, float y0, float x1, float y1, float radius, bool erase) {
    // Dabs along the segment, half a pixel apart, so a fast mouse still draws a line.
    const float length = std::hypot(x1 - x0, y1 - y0);
    const int dabs = std::max(1, int(std::ceil(length * 2.0f)));
    for (int k = 0; k <= dabs; ++k) {
        const float t = float(k) / float(dabs), cx = x0 + (x1 - x0) * t, cy = y0 + (y1 - y0) * t;
        for (int r = std::max(0, int(cy - radius - 1)); r <= std::min(Rows - 1, int(cy + radius + 1)); ++r)
            for (int c = std::max(0, int(cx - radius - 1)); c <= std::min(Cols - 1, int(cx + radius + 1));
                 ++c) {
                // Full ink within the radius, fading over the next pixel: strokes like MNIST's pen.
                const float d = std::hypot(float(c) + 0.5f - cx, float(r) + 0.5f - cy);
                const float amount = std::clamp(radius + 1.0f - d, 0.0f, 1.0f);
                float& ink = Ink[size_t(r) * size_t(Cols) + size_t(c)];
                ink = erase ? std::min(ink, 1.0f - amount) : std::max(ink, amount);
            }
    }
    Source.clear();
    ++Version;
}

void DrawingPad::CopyImage(const uint8_t* pixels) {
    for (size_t i = 0; i < Ink.size(); ++i)
        Ink[i] = float(pixels[i]) / 255.0f;
    ++Version;
}

PadReading ReadPad(const ImageSnapshot& s, const DrawingPad& pad) {
    PadReading r;
    r.PadVersion = pad.Version;
    r.ParamsVersion = s.ParamsVersion;
    if (s.Inputs != pad.Rows * pad.Cols || s.LayerSpecs.empty()) return r;
    Mlp net(s.Inputs, s.LayerSpecs);
    net.Params() = s.Params;
    Eigen::MatrixXd x(s.Inputs, 1);
    for (int i = 0; i < s.Inputs; ++i) {
        const double byte = std::round(double(pad.Ink[size_t(i)]) * 255.0); // the pixels a file would hold
        x(i, 0) = byte * (2.0 / 255.0) - 1.0;                               // as the trainer scales them
    }
    const Eigen::MatrixXd& out = net.Forward(x);
    r.Outputs.assign(out.data(), out.data() + out.size());
    if (net.NumLayers() > 1) r.Hidden.assign(net.A(0).data(), net.A(0).data() + net.A(0).size());
    r.Predicted = PredictClass(s.Encoding, out.data());
    if (r.Outputs.size() == 1) // two classes, one sigmoid output: its value is class 1's share
        r.Scores = {1.0 - r.Outputs[0], r.Outputs[0]};
    else
        r.Scores = r.Outputs;
    return r;
}

std::vector<std::string> ClassNamesFor(const std::string& label, int classes) {
    static const char* kFashion[] = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                     "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    std::string lower = label;
    for (char& c : lower)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    std::vector<std::string> names;
    for (int k = 0; k < classes; ++k)
        names.push_back(classes == 10 && lower.find("fashion") != std::string::npos ? kFashion[k]
                                                                                    : std::to_string(k));
    return names;
}

bool ImageMode::Busy() const {
    return SetComing() || (Snap && (Snap->State == TrainerState::Running || !Settled()));
}

namespace {

// Once the set's files are readable (at once on the desktop; in the page once fetched): reads
// them off this thread. False, with m.Error, when they could not be fetched.
bool StartReadingOnceFetched(ImageMode& m) {
    if (!m.Fetching.valid() || m.Fetching.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return true;
    const std::string error = m.Fetching.get();
    if (!error.empty()) {
        m.Error = error;
        return false;
    }
    const ImageRequest& r = m.LoadingFor;
    m.Loader =
        RunAsync([where = m.Loading, saved = r.Session, config = r.Config.value_or(LectureDigitConfig()),
                  validation = r.Validation, used = r.Used] {
            auto set = std::make_shared<const ImageSet>(LoadImageFolder(where));
            if (saved) return std::make_unique<ImageTrainer>(*saved, set);
            return std::make_unique<ImageTrainer>(
                config, set, validation >= 0 ? size_t(validation) : DefaultValidation(set->TrainImages.Count),
                used);
        });
    return true;
}

} // namespace

bool StartImageLoad(ImageMode& m, const ImageRequest& r) {
    if (m.SetComing()) return false; // one at a time
    namespace fs = std::filesystem;
    std::error_code ec;
    std::string where = r.Folder.empty() ? FashionMnistDir() : r.Folder;
    if (fs::is_regular_file(where, ec))
        where = fs::path(where).parent_path().string(); // one of the four files
    m.Loading = where;
    m.LoadingFor = r;
    if (!r.Folder.empty()) {
        fs::path full = fs::absolute(where, ec).lexically_normal();
        if (full.filename().empty()) full = full.parent_path(); // "dir/": one spelling of a folder
        m.LoadingFor.Folder = full.string();
    }
    m.Error.clear();
    m.Fetching = FetchImageSet(where);
    StartReadingOnceFetched(m);
    return true;
}

bool PollImageLoad(ImageMode& m) {
    if (!StartReadingOnceFetched(m)) return false;
    if (!m.Loader.valid() || m.Loader.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return false;
    try {
        std::unique_ptr<ImageTrainer> trainer = m.Loader.get();
        m.Trainer = std::move(trainer);
    } catch (const UserError& e) {
        m.Error = m.LoadingFor.SessionPath.empty() ? e.what() : m.LoadingFor.SessionPath + ": " + e.what();
        return false;
    } catch (const std::bad_alloc&) {
        m.Error = m.Loading + ": not enough memory for these images";
        return false;
    }
    m.Snap = m.Trainer->Latest();
    m.Posted = 0;
    m.SavingTo.clear(); // a save of the images replaced (KeepPosted goes on counting: no old id is met again)
    m.Folder = m.LoadingFor.Folder;
    m.DocumentPath = m.LoadingFor.SessionPath;
    // A file opened is saved as it is; new images, or a restored autosave, are not in a file yet.
    // A file opened, or an untrained network, is nothing to lose; a restored autosave is work
    // that is in no file yet.
    m.Saved = m.LoadingFor.RemoveOnceOpen.empty() && !m.LoadingFor.Unsaved
                  ? SessionVersion{0, m.Snap->Updates, m.Snap->Config}
                  : SessionVersion{0, -1, {}};
    m.Desired = m.Snap->Config;
    std::filesystem::path folder = std::filesystem::path(m.Loading).lexically_normal();
    if (folder.filename().empty()) folder = folder.parent_path(); // "dir/"
    const std::string name = folder.filename().string();
    m.Label = name == "fashion-mnist" ? "Fashion-MNIST" : name;
    m.ClassNames = ClassNamesFor(m.Label, m.Snap->Classes);
    const IdxImages& images = m.Snap->Set->TestImages;
    m.Pad.Resize(images.Rows, images.Cols);
    m.Pad.Clear();
    m.Reading = {};
    m.Selected = -1;
    // Nothing uploaded yet: not even version 0 (an untrained network's weights are a picture too).
    m.PadUploaded = m.WeightsUploaded = m.WrongUploaded = m.BatchUploaded = UINT64_MAX;
    return true;
}

void BeginImageFrame(ImageMode& m, bool editing) {
    if (!m.Trainer) return;
    m.Snap = m.Trainer->Latest();
    if (!editing && m.Settled()) m.Desired = m.Snap->Config;
    if (m.Reading.PadVersion != m.Pad.Version || m.Reading.ParamsVersion != m.Snap->ParamsVersion)
        m.Reading = ReadPad(*m.Snap, m.Pad);
}

void UpdateImageTextures(ImageMode& m, double now) {
    if (!m.Snap) return;
    const ImageSnapshot& s = *m.Snap;
    const IdxImages& test = s.Set->TestImages;
    const int rows = test.Rows, cols = test.Cols;
    if (m.PadUploaded != m.Pad.Version) {
        std::vector<uint32_t> rgba(m.Pad.Ink.size());
        for (size_t i = 0; i < rgba.size(); ++i)
            rgba[i] = Grey(uint8_t(std::lround(m.Pad.Ink[i] * 255.0f)));
        m.PadTexture.Upload(rgba, m.Pad.Cols, m.Pad.Rows, false);
        m.PadUploaded = m.Pad.Version;
    }
    const bool due = now - m.WeightsUploadedAt >= kTextureInterval || s.State != TrainerState::Running;
    if (m.WeightsUploaded != s.ParamsVersion && due && !s.LayerSpecs.empty() && s.Inputs == rows * cols) {
        // Every first-layer unit's weights as a picture, each on its own scale, in the network
        // diagram's colours (blue +, orange -): what the unit looks for in an image.
        const int units = s.LayerSpecs[0].Units;
        m.WeightsCols = int(std::ceil(std::sqrt(double(units))));
        Atlas a(rows, cols, units, m.WeightsCols);
        m.WeightsRows = a.TileRows;
        for (int j = 0; j < units; ++j) {
            double largest = 1e-12;
            for (int i = 0; i < s.Inputs; ++i)
                largest = std::max(largest, std::abs(s.Params[size_t(i) * size_t(units) + size_t(j)]));
            for (int i = 0; i < s.Inputs; ++i)
                a.At(j, i / cols, i % cols) =
                    SignedColor(s.Params[size_t(i) * size_t(units) + size_t(j)], largest);
        }
        m.Weights.Upload(a.Rgba, a.Width, a.Height, false);
        m.WeightsUploaded = s.ParamsVersion;
        m.WeightsUploadedAt = now;
    }
    if (m.WrongUploaded != s.EvalVersion) {
        m.WrongShown = int(s.Wrong.size());
        Atlas a(rows, cols, std::max(1, m.WrongShown), kWrongAtlasPerRow);
        for (int k = 0; k < m.WrongShown; ++k) {
            const uint8_t* p = test.Image(s.Wrong[size_t(k)].Index);
            for (int i = 0; i < rows * cols; ++i)
                a.At(k, i / cols, i % cols) = Grey(p[i]);
        }
        m.Wrong.Upload(a.Rgba, a.Width, a.Height, false);
        m.WrongUploaded = s.EvalVersion;
        if (m.Selected >= m.WrongShown) m.Selected = -1;
    }
    if (m.BatchUploaded != s.ParamsVersion && due && !s.Last.Batch.empty()) {
        const IdxImages& train = s.Set->TrainImages;
        const int shown = int(std::min<size_t>(s.Last.Batch.size(), kBatchShown));
        Atlas a(rows, cols, shown, kBatchAtlasPerRow);
        for (int k = 0; k < shown; ++k) {
            const uint8_t* p = train.Image(s.Last.Batch[size_t(k)]);
            for (int i = 0; i < rows * cols; ++i)
                a.At(k, i / cols, i % cols) = Grey(p[i]);
        }
        m.Batch.Upload(a.Rgba, a.Width, a.Height, false);
        m.BatchUploaded = s.ParamsVersion;
    }
}

} // namespace nnplay
