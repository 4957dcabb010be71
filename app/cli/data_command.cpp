// data_command.cpp: `nnplay data`: the points a dataset setting (or a TensorFlow Playground
// link) generates, as JSON or CSV, so a teacher can take the very task into a notebook.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/train_options.hpp"
#include "core/data/dataset.hpp"
#include "core/util/error.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace nnplay {

namespace {

const std::set<std::string> kDataOptions = {"--dataset", "--points",         "--noise",          "--classes",
                                            "--seed",    "--train-fraction", "--playground-link"};

} // namespace

int RunDataCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args(argv, kDataOptions, {"--csv"});
    const TrainOptions o = ParseTrainOptions(args);
    Dataset data;
    try {
        data = GenerateDataset(o.Data);
    } catch (const UserError& e) {
        throw ArgError(e.what());
    }
    for (const std::string& note : o.LinkNotes)
        if (note.find("dataset") != std::string::npos || note.find("noise") != std::string::npos)
            err << "nnplay data: --playground-link: " << note << "\n";
    const bool regression = data.Kind == ProblemKind::Regression;
    if (args.Has("--csv")) {
        out << (regression ? "x1,x2,value,split\n" : "x1,x2,label,split\n");
        for (const DataPoint& p : data.Points)
            out << NumberText(p.X1) << ',' << NumberText(p.X2) << ','
                << (regression ? NumberText(p.Value) : std::to_string(p.Label)) << ','
                << (p.IsTest ? "test" : "train") << '\n';
        return 0;
    }
    nlohmann::json points = nlohmann::json::array();
    for (const DataPoint& p : data.Points) {
        nlohmann::json row = {{"x1", p.X1}, {"x2", p.X2}, {"split", p.IsTest ? "test" : "train"}};
        if (regression)
            row["value"] = p.Value;
        else
            row["label"] = p.Label;
        points.push_back(std::move(row));
    }
    const nlohmann::json settings = {{"dataset", o.Data.Name},
                                     {"points", o.Data.NumPoints},
                                     {"noise", o.Data.Noise},
                                     {"classes", data.NumClasses},
                                     {"train_fraction", o.Data.TrainFraction},
                                     {"seed", o.Data.Seed},
                                     {"problem", regression ? "regression" : "classification"}};
    out << nlohmann::json{{"settings", settings}, {"points", points}}.dump() << "\n";
    return 0;
}

} // namespace nnplay
