// train_images.cpp: `nnplay train --images`: the digit MLP (or any network the flags give) on
// IDX images, with a CSV row per epoch (cost and accuracy on the training and validation images:
// the gap that opens is the lesson on overfitting) or a JSON summary with the test set's
// accuracy and confusion matrix.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/epoch_loop.hpp"
#include "app/cli/train_options.hpp"
#include "core/train/image_training.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <ostream>

namespace nnplay {

namespace {

ImageSet LoadImages(const std::string& what) {
    const std::vector<std::string> files = SplitCommas(what);
    if (files.size() == 4) return LoadImageFiles(files[0], files[1], files[2], files[3]);
    if (files.size() != 1)
        throw ArgError("--images: a folder in MNIST's layout, or its four files: "
                       "train-images,train-labels,test-images,test-labels");
    return LoadImageFolder(what);
}

nlohmann::json SplitJson(const ImageMetrics& m, bool confusion) {
    nlohmann::json j = {{"images", m.Count}, {"loss", m.Loss}, {"accuracy", m.Accuracy}};
    if (confusion) j["confusion_matrix"] = m.Confusion;
    return j;
}

} // namespace

int TrainOnImages(const TrainOptions& o, std::ostream& out, std::ostream& err) {
    const auto all =
        std::make_shared<const ImageSet>(LoadImages(o.Images)); // broken: status 1, the file named
    const size_t validation =
        o.Validation >= 0 ? size_t(o.Validation) : DefaultValidation(all->TrainImages.Count);
    if (o.TrainImages > 0 && size_t(o.TrainImages) + validation > all->TrainImages.Count)
        throw ArgError("--train-images: " + std::to_string(o.TrainImages) + " and " +
                       std::to_string(validation) + " held out for validation are more than the " +
                       std::to_string(all->TrainImages.Count) + " training images");
    const std::shared_ptr<const ImageSet> used = TrainingSubset(all, size_t(o.TrainImages), validation);
    const ImageSet& set = *used;
    std::optional<ImageSession> session;
    try {
        session.emplace(o.Config, set, validation);
    } catch (const UserError& e) {
        throw ArgError(e.what()); // a setting the engine refuses: a bad argument
    }
    ImageSession& s = *session;
    err << "nnplay train: " << s.Size(ImageSplit::Train) << " training, " << s.Size(ImageSplit::Validation)
        << " validation and " << s.Size(ImageSplit::Test) << " test images of " << set.TrainImages.Rows << "x"
        << set.TrainImages.Cols << ", " << s.Classes() << " classes\n";
    if (!o.Json) out << "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,seconds\n";
    // (An epoch of any updates went through every training image: the last batch is a short one.)
    const EpochTotals totals = RunEpochs(
        s, o.Epochs, [&](long updates) { return updates == 0 ? 0L : long(s.Size(ImageSplit::Train)); },
        [&](const EpochTotals&, double dt) {
            if (o.Json || s.Status() != SessionStatus::Ready) return;
            const ImageMetrics tr = s.Evaluate(ImageSplit::Train), va = s.Evaluate(ImageSplit::Validation);
            out << s.EpochCount() << ',' << CsvNumber(tr.Loss) << ',' << CsvNumber(tr.Accuracy) << ','
                << (va.Count ? CsvNumber(va.Loss) : "") << ',' << (va.Count ? CsvNumber(va.Accuracy) : "")
                << ',' << CsvNumber(dt) << '\n'
                << std::flush;
        });
    const double train_seconds = totals.TrainSeconds;
    const long samples = totals.Samples;
    const bool diverged = s.Status() == SessionStatus::Diverged;
    const double per_s = train_seconds > 0 ? double(samples) / train_seconds : 0.0;
    const ImageMetrics tr = s.Evaluate(ImageSplit::Train), va = s.Evaluate(ImageSplit::Validation),
                       te = s.Evaluate(ImageSplit::Test);
    if (o.Json) {
        nlohmann::json j = {{"images", o.Images},
                            {"classes", s.Classes()},
                            {"epochs", s.EpochCount()},
                            {"updates", s.UpdateCount()},
                            {"samples_per_s", per_s},
                            {"status", diverged ? "diverged" : "ok"},
                            {"train", SplitJson(tr, false)},
                            {"validation", SplitJson(va, false)},
                            {"test", SplitJson(te, true)},
                            {"settings", SettingsJson(o)}};
        if (diverged) {
            j["message"] = s.StatusMessage();
            for (const char* split : {"train", "validation", "test"})
                j[split]["loss"] = nullptr; // not a result
        }
        j["settings"].erase("dataset");
        j["settings"].erase("points");
        j["settings"].erase("noise");
        j["settings"].erase("train_fraction");
        j["settings"].erase("features");
        j["settings"]["validation"] = s.Size(ImageSplit::Validation);
        j["settings"]["train_images"] = s.Size(ImageSplit::Train);
        out << j.dump() << "\n";
    }
    if (diverged) {
        err << "nnplay train: " << s.StatusMessage() << "\n";
        return kExitFailure;
    }
    err << "nnplay train: " << s.EpochCount() << " epochs, " << s.UpdateCount() << " updates; accuracy train "
        << CsvNumber(tr.Accuracy) << ", validation " << (va.Count ? CsvNumber(va.Accuracy) : "-") << ", test "
        << CsvNumber(te.Accuracy) << "; " << CsvNumber(per_s) << " training images/s\n";
    return 0;
}

} // namespace nnplay
