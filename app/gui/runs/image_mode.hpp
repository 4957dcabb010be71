// image_mode.hpp: the image mode: the lecture's digit MLP (or any network) trained on IDX images
// in the same window, on a trainer thread of its own (core/train/image_trainer.hpp), with the pictures
// its panels draw: every first-layer unit's weights as an image, the misclassified test images,
// and a drawing pad the network reads as you draw.
#pragma once
#include "app/gui/ui_state.hpp"
#include "app/gui/views/texture.hpp"
#include "core/train/image_trainer.hpp"

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nnplay {

// A picture the user draws for the network: ink in [0, 1] per pixel, white on black like MNIST.
struct DrawingPad {
    int Rows = 28, Cols = 28;
    std::vector<float> Ink = std::vector<float>(28 * 28, 0.0f);
    bool Drawing = false;
    float LastX = 0, LastY = 0; // where the stroke was last frame (pixels of the pad)
    std::string Source;         // "" while drawn by hand; "test image 123 (t: 5)" when copied
    uint64_t Version = 1;       // changes with every change of the ink

    void Resize(int rows, int cols);
    void Clear();
    // A stroke from (x0, y0) to (x1, y1) in pad pixels: a soft round brush of `radius` pixels.
    // `erase`: removes ink instead.
    void Stroke(float x0, float y0, float x1, float y1, float radius, bool erase);
    void CopyImage(const uint8_t* pixels); // Rows x Cols bytes
};

// What the network makes of the pad: each output, and the first hidden layer's activations.
struct PadReading {
    uint64_t PadVersion = 0, ParamsVersion = 0;
    std::vector<double> Outputs, Hidden;
    std::vector<double> Scores; // per class: the outputs, or (one output for two classes) 1 - o and o
    int Predicted = -1;
};
// Runs the snapshot's network on the pad's pixels (scaled to [-1, 1] as the trainer does).
PadReading ReadPad(const ImageSnapshot& s, const DrawingPad& pad);

// The classes' names: Fashion-MNIST's ten when the set is Fashion-MNIST, else the digits.
std::vector<std::string> ClassNamesFor(const std::string& label, int classes);

// How the atlases hold their pictures: the panels draw from them by the same numbers.
inline constexpr int kWrongAtlasPerRow =
    5; // the misclassified test images (ImageTrainer::kMaxWrongShown of them)
inline constexpr int kBatchShown = 20, kBatchAtlasPerRow = 10; // the last update's batch

struct ImageMode {
    // The set being loaded off the main thread (its folder), what asked for it, and its result.
    std::string Loading;
    ImageRequest LoadingFor;
    std::future<std::string> Fetching; // the set's files made readable first ("" or why not: FetchImageSet)
    std::future<std::unique_ptr<ImageTrainer>> Loader; // the set read and the first evaluation done
    std::string Error;                                 // why the last set could not be opened

    // The document: the images' folder as a saved session names it ("" : the installed
    // Fashion-MNIST), the file the session came from or was last saved to, and its version then.
    std::string Folder, DocumentPath;
    SessionVersion Saved;
    uint64_t KeepPosted = 0; // the last imgcmd::Keep's id
    std::string SavingTo;    // a save waiting for the trainer to hand the session over (Keep SavingId)
    uint64_t SavingId = 0;

    std::unique_ptr<ImageTrainer> Trainer;
    std::shared_ptr<const ImageSnapshot> Snap;
    uint64_t Posted = 0;
    TrainConfig Desired; // the settings being edited
    std::string Label;   // "Fashion-MNIST", or the folder's name
    std::vector<std::string> ClassNames;

    DrawingPad Pad;
    PadReading Reading;
    Texture PadTexture, Weights, Wrong, Batch;
    uint64_t PadUploaded = 0, WeightsUploaded = 0, WrongUploaded = 0, BatchUploaded = 0;
    double WeightsUploadedAt = -1e9;
    int WeightsCols = 0, WeightsRows = 0; // units per row and rows in the atlas
    int WrongShown = 0;                   // misclassified images in the atlas
    int Selected = -1;                    // the misclassified image last clicked (index into Snap->Wrong)

    bool Active() const { return Trainer != nullptr; }
    // Whether the window shows this run rather than the plane's (the Images view is in front).
    bool InFront(const UiState& ui) const { return ui.Show.Images && Active(); }
    bool SetComing() const { return Fetching.valid() || Loader.valid(); } // a set asked for, not in yet
    bool Settled() const { return Snap && Snap->CommandsApplied == Posted; }
    void Post(ImageCommand c) {
        ++Posted;
        Trainer->Post(std::move(c));
    }
    bool Busy() const;
};

// Starts loading a set off the main thread: r.Folder (MNIST's layout; a file of it means its
// folder) or, "", the installed Fashion-MNIST, to train the lecture's digit MLP on, or to go on
// with r.Session on. The window picks it up with PollImageLoad.
// Returns false (nothing started) while another set is still being read.
bool StartImageLoad(ImageMode& m, const ImageRequest& r);
// Returns true when the set has just been read and its trainer started (a running one is
// replaced); a failure is in m.Error and the mode stays as it was.
bool PollImageLoad(ImageMode& m);
// Once a frame: the newest snapshot; the editing copy of the settings follows it when the
// trainer has applied everything and the user is not in the middle of a change.
void BeginImageFrame(ImageMode& m, bool editing);
// The textures the panels draw (main thread): uploaded when what they show changed.
void UpdateImageTextures(ImageMode& m, double now);

} // namespace nnplay
