// fuzz_csv.cpp: libFuzzer over points CSV files. Refused in words (UserError) or loaded; a
// loaded file written back and read again gives the same points bit for bit, and trains.
#include "core/io/points_csv.hpp"
#include "core/train/training.hpp"
#include "core/util/error.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    nnplay::PointsCsv csv;
    try {
        csv = nnplay::ParsePointsCsv(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const nnplay::UserError&) {
        return 0;
    }
    const nnplay::PointsCsv back = nnplay::ParsePointsCsv(nnplay::PointsToCsv(csv.Data)); // must not throw
    if (back.Data.Points.size() != csv.Data.Points.size() || back.Data.Kind != csv.Data.Kind)
        __builtin_trap();
    for (size_t i = 0; i < csv.Data.Points.size(); ++i) {
        const nnplay::DataPoint &a = csv.Data.Points[i], &b = back.Data.Points[i];
        if (a.X1 != b.X1 || a.X2 != b.X2 || a.Label != b.Label || a.Value != b.Value || a.IsTest != b.IsTest)
            __builtin_trap();
    }
    try {
        nnplay::TrainConfig config;
        if (csv.Data.Kind == nnplay::ProblemKind::Classification && csv.Data.NumClasses > 2)
            config.LossKind = nnplay::Loss::SoftmaxCrossEntropy;
        nnplay::TrainingSession session(config, csv.Data);
        session.Update();
        session.Evaluate();
    } catch (const nnplay::UserError&) {
    }
    return 0;
}
