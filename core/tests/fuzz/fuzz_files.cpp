// fuzz_files.cpp: libFuzzer over what a user can hand the program as a file: a session or a
// scenario, parsed, opened in the playground and trained a few updates, or stepped as a trace.
// A file may be refused (UserError, with the field named) but nothing else may happen: no other
// exception, no sanitizer report, no hang.
#include "core/io/scenario.hpp"
#include "core/io/session_file.hpp"
#include "core/train/training.hpp"
#include "core/util/error.hpp"
#include "core/util/json_file.hpp"

#include <cstddef>
#include <cstdint>

namespace {

void OpenAndTrain(const nnplay::SessionFile& f) {
    nnplay::TrainingSession session(f.Config, f.Data); // the window's LoadSession does exactly this
    if (!f.Params.empty()) session.LoadWeights(f.Params, f.Updates, f.Epochs);
    for (size_t i : f.Frozen)
        session.SetFrozen(i, true);
    for (int k = 0; k < 3; ++k)
        session.Update();
    session.Evaluate();
    Eigen::MatrixXd plane(2, 3), out;
    plane << -6, 0, 6, -6, 0, 6;
    if (f.Data.RawInputs > 0) { // no plane: asking for one is refused in words
        try {
            session.PredictPlane(plane, out);
            __builtin_trap();
        } catch (const nnplay::UserError&) {
        }
    } else {
        session.PredictPlane(plane, out);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        // The loaders' own reader (bounds, depth, duplicate keys, huge numbers), not a bare parse:
        // a bare parse hid that 1e999 escaped as an exception the loaders never caught.
        const nlohmann::json j =
            nnplay::ParseJsonText(std::string_view(reinterpret_cast<const char*>(data), size));
        if (nnplay::IsSessionJson(j)) {
            OpenAndTrain(nnplay::SessionFromJson(j));
        } else {
            nnplay::Scenario sc = nnplay::ParseScenarioJson(j);
            OpenAndTrain(nnplay::SessionFromScenario(sc)); // any input count: the plane or a table of samples
            nnplay::RunScenario(sc, 2);
        }
    } catch (const nnplay::UserError&) {
        // refused in words: what the user sees
    }
    return 0;
}
