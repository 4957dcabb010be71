// image_session_file.cpp: reading and writing image sessions.
#include "core/io/image_session_file.hpp"

#include "core/io/atomic_file.hpp"
#include "core/io/json_fields.hpp"
#include "core/io/session_file.hpp"
#include "core/util/error.hpp"
#include "core/util/json_file.hpp"

#include <cmath>

namespace nnplay {

using json = nlohmann::json;
using field::Get, field::GetOr, field::List, field::Num, field::NumberOrNan, field::Object,
    field::WholeNumber;

namespace {

std::vector<double> FiniteNumbers(const json& j, const char* key, const std::string& path) {
    std::vector<double> v = GetOr<std::vector<double>>(j, key, path, {});
    for (double x : v)
        if (!std::isfinite(x)) throw UserError(Child(path, key) + ": every value must be a finite number");
    return v;
}

constexpr const char* kRecordFields = "[epoch, updates, train loss, train accuracy, validation loss, "
                                      "validation accuracy, test loss, test accuracy]";

} // namespace

json ImageSessionToJson(const ImageSessionFile& f) {
    const ImageProgress& p = f.Progress;
    json records = json::array();
    for (const ImageEpochRecord& r : f.Records)
        records.push_back({r.Epoch, r.Updates, Num(r.TrainLoss), Num(r.TrainAccuracy), Num(r.ValidationLoss),
                           Num(r.ValidationAccuracy), Num(r.TestLoss), Num(r.TestAccuracy)});
    json j = TrainConfigToJson(f.Config);
    j["nnplay_session"] = 1;
    j["mode"] = "images";
    j["images"] = {{"folder", f.Folder},   {"label", f.Label},     {"training", f.TrainImages},
                   {"test", f.TestImages}, {"classes", f.Classes}, {"validation", f.Validation}};
    if (f.Used) j["images"]["used"] = f.Used;
    j["counters"] = {{"updates", p.Updates}, {"epochs", p.Epochs}, {"epoch_position", p.Position}};
    j["start_loss"] = Num(p.StartLoss);
    j["records"] = records;
    j["order_rng"] = p.OrderRng;
    j["optimizer_state"] = {{"steps", p.OptimizerSteps},
                            {"velocity", p.Velocity},
                            {"first_moment", p.FirstMoment},
                            {"second_moment", p.SecondMoment}};
    j["params"] = p.Params;
    j["order"] = p.Order;
    return j;
}

std::string ImageSessionText(const ImageSessionFile& f) {
    json j = ImageSessionToJson(f);
    SessionSummary summary;
    summary.Images = f.Label.empty() ? "images" : f.Label;
    summary.Updates = f.Progress.Updates;
    j["summary"] = SummaryToJson(summary);
    // The header first, where LooksLikeImageSessionFile and the autosave's offer read it.
    return HeaderFirstText(j, {"nnplay_session", "mode", "summary", "images", "counters"});
}

ImageSessionFile ImageSessionFromJson(const json& j) {
    if (!IsImageSessionJson(j)) throw UserError("session: not an image session (no \"mode\": \"images\")");
    CheckSessionVersion(j);
    ImageSessionFile f;
    if (!j.contains("images")) throw UserError("images: is missing");
    const json& im = Object(j["images"], "images");
    f.Folder = Get<std::string>(im, "folder", "images");
    f.Label = GetOr<std::string>(im, "label", "images", "");
    f.TrainImages = Get<size_t>(im, "training", "images");
    f.TestImages = Get<size_t>(im, "test", "images");
    f.Classes = Get<int>(im, "classes", "images");
    f.Validation = Get<size_t>(im, "validation", "images");
    if (f.Validation >= f.TrainImages)
        throw UserError("images.validation: " + std::to_string(f.Validation) + " of " +
                        std::to_string(f.TrainImages) + " training images would leave none to train on");
    f.Used = GetOr<size_t>(im, "used", "images", 0);
    if (f.Used + f.Validation > f.TrainImages)
        throw UserError("images.used: " + std::to_string(f.Used) + " and " + std::to_string(f.Validation) +
                        " for validation are more than the " + std::to_string(f.TrainImages) +
                        " training images");
    f.Config = TrainConfigFromJson(j);
    ImageProgress& p = f.Progress;
    if (!j.contains("counters")) throw UserError("counters: is missing");
    p.Updates = Get<long>(j["counters"], "updates", "counters");
    p.Epochs = Get<long>(j["counters"], "epochs", "counters");
    p.Position = Get<size_t>(j["counters"], "epoch_position", "counters");
    if (p.Updates < 0 || p.Epochs < 0) throw UserError("counters: updates and epochs must be >= 0");
    p.StartLoss = j.contains("start_loss") ? NumberOrNan(j["start_loss"], "start_loss") : p.StartLoss;
    p.Params = FiniteNumbers(j, "params", "");
    if (p.Params.empty()) throw UserError("params: is missing (the weights of the network)");
    if (!j.contains("order_rng")) throw UserError("order_rng: is missing");
    const json& rng = List(j["order_rng"], "order_rng");
    if (rng.size() != 4) throw UserError("order_rng: expected the generator's 4 numbers");
    for (size_t k = 0; k < 4; ++k)
        p.OrderRng[k] = WholeNumber<uint64_t>(rng[k], Item("order_rng", k));
    if (!j.contains("order")) throw UserError("order: is missing");
    const json& order = List(j["order"], "order");
    p.Order.reserve(order.size());
    for (size_t k = 0; k < order.size(); ++k)
        p.Order.push_back(WholeNumber<uint32_t>(order[k], Item("order", k)));
    if (j.contains("optimizer_state")) {
        const json& o = Object(j["optimizer_state"], "optimizer_state");
        p.OptimizerSteps = GetOr<long>(o, "steps", "optimizer_state", 0);
        p.Velocity = FiniteNumbers(o, "velocity", "optimizer_state");
        p.FirstMoment = FiniteNumbers(o, "first_moment", "optimizer_state");
        p.SecondMoment = FiniteNumbers(o, "second_moment", "optimizer_state");
    }
    if (j.contains("records")) {
        const json& rows = List(j["records"], "records");
        for (size_t k = 0; k < rows.size(); ++k) {
            const std::string at = Item("records", k);
            const json& r = List(rows[k], at);
            if (r.size() != 8) throw UserError(at + ": expected " + kRecordFields);
            ImageEpochRecord e;
            e.Epoch = WholeNumber<long>(r[0], at + "[0]");
            e.Updates = WholeNumber<long>(r[1], at + "[1]");
            double* values[] = {&e.TrainLoss,          &e.TrainAccuracy, &e.ValidationLoss,
                                &e.ValidationAccuracy, &e.TestLoss,      &e.TestAccuracy};
            for (size_t v = 0; v < 6; ++v)
                *values[v] = NumberOrNan(r[2 + v], at + "[" + std::to_string(2 + v) + "]");
            f.Records.push_back(e);
        }
    }
    return f;
}

void SaveImageSessionFile(const ImageSessionFile& f, const std::string& path) {
    WriteFileAtomically(path, ImageSessionText(f));
}

ImageSessionFile LoadImageSessionFile(const std::string& path) {
    const json j = ParseJsonText(ReadUserFile(path, kMaxImageSessionBytes));
    try {
        return ImageSessionFromJson(j);
    } catch (const UserError& e) {
        throw UserError(path + ": " + e.what());
    }
}

bool LooksLikeImageSessionFile(const std::string& path) {
    const std::string head = ReadFileHead(path, kSummaryBytes);
    const size_t mode = head.find("\"mode\"");
    if (head.find("\"nnplay_session\"") == std::string::npos || mode == std::string::npos) return false;
    const size_t colon = head.find_first_not_of(" \t\r\n", mode + 6);
    if (colon == std::string::npos || head[colon] != ':') return false;
    const size_t value = head.find_first_not_of(" \t\r\n", colon + 1);
    return value != std::string::npos && head.compare(value, 8, "\"images\"") == 0;
}

} // namespace nnplay
