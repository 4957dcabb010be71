// image_lab.cpp: the image mode's comparison of runs.
#include "app/gui/runs/image_lab.hpp"

#include "core/util/worker_loop.hpp"

namespace nnplay {

bool ImageLab::Busy() const {
    if (Starting.valid()) return true;
    for (const auto& s : Snaps)
        if (s && s->State == TrainerState::Running) return true;
    return false;
}

void StartImageComparison(ImageLab& lab, const TrainConfig& base, std::shared_ptr<const ImageSet> set,
                          size_t validation) {
    if (lab.Starting.valid()) return; // one at a time
    ComparisonSpec spec{lab.What, ParseValueList(lab.Values, lab.What, base, "values")};
    std::vector<TrainConfig> configs;
    for (const std::string& v : spec.Values)
        configs.push_back(WithSetting(base, spec.What, v));
    lab.Runs.clear(); // (their threads stop here)
    lab.Snaps.clear();
    lab.Spec = spec;
    lab.Error.clear();
    lab.Starting = RunAsync([configs, set, validation] {
        std::vector<std::unique_ptr<ImageTrainer>> runs;
        for (const TrainConfig& c : configs)
            runs.push_back(std::make_unique<ImageTrainer>(c, set, validation));
        return runs;
    });
}

void BeginImageLabFrame(ImageLab& lab) {
    if (lab.Starting.valid() && lab.Starting.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        try {
            lab.Runs = lab.Starting.get();
        } catch (const std::exception& e) {
            lab.Error = e.what();
        }
    }
    lab.Snaps.resize(lab.Runs.size());
    for (size_t k = 0; k < lab.Runs.size(); ++k)
        lab.Snaps[k] = lab.Runs[k]->Latest();
}

void PostToAllImageRuns(ImageLab& lab, const ImageCommand& c) {
    for (const auto& r : lab.Runs)
        r->Post(c);
}

} // namespace nnplay
