// session_file_test.cpp: sessions survive a round trip; scenarios open in the playground.
#include "core/io/scenario.hpp"
#include "core/io/session_file.hpp"
#include "core/tests/test_paths.hpp"
#include "core/util/error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace nnplay {
namespace {

TEST(SessionFile, RoundTripKeepsDataSettingsWeightsAndCounters) {
    SessionFile s;
    DatasetSpec spec;
    spec.Name = "spiral";
    spec.NumClasses = 3;
    spec.NumPoints = 60;
    s.Data = GenerateDataset(spec);
    s.Config.Network.Hidden = {{5, Activation::Relu}, {3, Activation::Sigmoid}};
    s.Config.Network.Features = {Feature::X1, Feature::SinX2};
    s.Config.LossKind = Loss::SoftmaxCrossEntropy;
    s.Config.Optimizer.Kind = OptimizerKind::Adam;
    s.Config.Optimizer.LearningRate = 0.0123;
    s.Config.Reg = {RegularizationKind::L1, 0.004};
    s.Config.BatchSize = 7;
    s.Config.Seed = 42;
    s.Params.assign(45, 0.5); // the 2-5-3-3 network's weights and biases, some of them odd values
    s.Params[0] = 0.1, s.Params[1] = -0.25, s.Params[2] = 1e-300, s.Params[44] = 3.0;
    s.Frozen = {1, 3};
    s.Updates = 1234;
    s.Epochs = 56;
    const std::string path = ::testing::TempDir() + "nnplay_session_test.json";
    SaveSessionFile(s, path);
    const SessionFile back = LoadSessionFile(path);
    EXPECT_EQ(back.Config, s.Config);
    EXPECT_EQ(back.Params, s.Params);
    EXPECT_EQ(back.Frozen, s.Frozen);
    EXPECT_EQ(back.Updates, 1234);
    ASSERT_EQ(back.Data.Points.size(), s.Data.Points.size());
    for (size_t k = 0; k < s.Data.Points.size(); ++k) {
        EXPECT_EQ(back.Data.Points[k].X1, s.Data.Points[k].X1);
        EXPECT_EQ(back.Data.Points[k].Label, s.Data.Points[k].Label);
        EXPECT_EQ(back.Data.Points[k].IsTest, s.Data.Points[k].IsTest);
    }
    std::remove(path.c_str());
}

TEST(SessionFile, BrokenFilesSayWhatIsWrong) {
    const std::string path = ::testing::TempDir() + "nnplay_broken_session.json";
    std::ofstream(path) << R"({"nnplay_session": 1, "dataset": {"points": [{"x1": 1}]}})";
    try {
        LoadSessionFile(path);
        FAIL();
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("dataset.points[0].x2: is missing"), std::string::npos)
            << e.what();
    }
    std::ofstream(path) << "{ not json";
    EXPECT_THROW(LoadPlaygroundFile(path), UserError);
    EXPECT_THROW(LoadPlaygroundFile("/nonexistent/session.json"), UserError);
    std::remove(path.c_str());
}

// Each {body, field}: the session file `{"nnplay_session": 1, body` is refused with a UserError
// whose message starts with "field:" and then `then`.
const std::string kSessionHead = R"({"nnplay_session": 1, )";
void ExpectEachRefusedByName(const std::vector<std::pair<std::string, std::string>>& cases,
                             const std::string& then) {
    for (const auto& [body, field] : cases) {
        try {
            SessionFromJson(nlohmann::json::parse(kSessionHead + body));
            ADD_FAILURE() << body << " was accepted";
        } catch (const UserError& e) {
            EXPECT_EQ(std::string(e.what()).rfind(field + ":" + then, 0), 0u) << body << " -> " << e.what();
        } catch (const std::exception& e) {
            ADD_FAILURE() << body << " escaped as " << e.what();
        }
    }
}

// A field of the wrong kind (a number where an object or a list belongs, and so on) is refused
// with its name, never let through as a default and never escaping as a JSON library error.
TEST(SessionFile, FieldsOfTheWrongKindAreRefusedByName) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"("dataset": 5})", "dataset"},
        {R"("dataset": {"points": 5}})", "dataset.points"},
        {R"("dataset": {"points": [5]}})", "dataset.points[0]"},
        {R"("dataset": {"points": [{"x1": 1, "x2": 2, "targets": "a"}]}})", "dataset.points[0].targets"},
        {R"("dataset": {"points": []}, "network": 3})", "network"},
        {R"("dataset": {"points": []}, "network": {"features": "x1"}})", "network.features"},
        {R"("dataset": {"points": []}, "network": {"features": [1]}})", "network.features[0]"},
        {R"("dataset": {"points": []}, "network": {"hidden": 3}})", "network.hidden"},
        {R"("dataset": {"points": []}, "network": {"hidden": [3]}})", "network.hidden[0]"},
        {R"("dataset": {"points": []}, "network": {"output": 3}})", "network.output"},
        {R"("dataset": {"points": []}, "regularization": "l2"})", "regularization"},
        {R"("dataset": {"points": []}, "optimizer": []})", "optimizer"},
        {R"("dataset": {"points": []}, "counters": [1, 2]})", "counters"},
        {R"("dataset": {"points": []}, "params": "none"})", "params"},
        {R"("dataset": {"points": []}, "params": [1, null]})", "params"},
        {R"("dataset": {"points": []}, "frozen": [0.5]})", "frozen[0]"},
    };
    ExpectEachRefusedByName(cases, "");
}

// What a hostile-input session had accepted: absurd counts, a newer format, weights that do not fit
// the network. Each is refused naming the file's field (never a command-line flag).
TEST(SessionFile, NonsenseThatParsesIsRefusedByTheFileField) {
    const std::string pts = R"("dataset": {"points": []})";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"("dataset": {"classes": 100, "points": []}})", "dataset.classes"},
        {R"("dataset": {"classes": 1, "points": []}})", "dataset.classes"},
        {R"("dataset": {"classes": 0, "points": []}})", "dataset.classes"},
        {pts + R"(, "network": {"features": ["x1", "x2", "x1"]}})", "network.features[2]"},
        {pts + R"(, "network": {"hidden": [{"units": 0, "activation": "tanh"}]}})",
         "network.hidden[0].units"},
        {pts + R"(, "network": {"hidden": [{"units": 3, "activation": "softmax"}]}})",
         "network.hidden[0].activation"},
        {pts + R"(, "frozen": [999999999]})", "frozen[0]"},
        {pts + R"(, "params": [1, 2, 3]})", "params"},
        {pts + R"(, "speed_limit": -5})", "speed_limit"},
        {pts + R"(, "counters": {"updates": -1}})", "counters"},
        {pts + R"(, "optimizer": {"name": "sgd", "learning_rate": 1e300}})", "optimizer.learning_rate"},
        {pts + R"(, "batch_size": 0})", "batch_size"},
        {pts + R"(, "regularization": {"kind": "l2", "rate": -1}})", "regularization.rate"},
    };
    ExpectEachRefusedByName(cases, "");
    try {
        SessionFromJson(nlohmann::json::parse(R"({"nnplay_session": 99, "dataset": {"points": []}})"));
        ADD_FAILURE() << "version 99 accepted";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("version 99"), std::string::npos) << e.what();
    }
}

// Counts, labels and seeds are whole numbers in range: 2.5 classes is not silently 2, and a
// number too big for the field is refused (converting it was undefined behaviour; the fuzzer found it).
TEST(SessionFile, WholeNumbersOutOfRangeOrWithAFractionAreRefusedByName) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"("dataset": {"kind": "regression", "outputs": 2333333333333333333333333333333333333333333, "points": []}})",
         "dataset.outputs"},
        {R"("dataset": {"classes": 2.5, "points": []}})", "dataset.classes"},
        {R"("dataset": {"classes": 3000000000, "points": []}})", "dataset.classes"},
        {R"("dataset": {"points": [{"x1": 1, "x2": 2, "label": 1e300}]}})", "dataset.points[0].label"},
        {R"("dataset": {"points": []}, "network": {"hidden": [{"units": -1e99, "activation": "tanh"}]}})",
         "network.hidden[0].units"},
        {R"("dataset": {"points": []}, "batch_size": 1.5})", "batch_size"},
        {R"("dataset": {"points": []}, "seed": -1})", "seed"},
        {R"("dataset": {"points": []}, "counters": {"updates": 1e40}})", "counters.updates"},
    };
    ExpectEachRefusedByName(cases, " expected a whole number");
    // In range, written as an integer or as 3.0, it is read.
    EXPECT_EQ(
        SessionFromJson(nlohmann::json::parse(kSessionHead + R"("dataset": {"classes": 3, "points": []}})"))
            .Data.NumClasses,
        3);
    EXPECT_EQ(
        SessionFromJson(nlohmann::json::parse(kSessionHead + R"("dataset": {"classes": 3.0, "points": []}})"))
            .Data.NumClasses,
        3);
}

TEST(SessionFile, AHandWiredStepScenarioOpensAsXorOnThePlane) {
    const Scenario sc = ParseScenario(R"({"network": {"inputs": 2, "layers": [
        {"units": 2, "activation": "step", "weights": [[1, 1], [1, 1]], "biases": [-1.5, -0.5]},
        {"units": 1, "activation": "step", "weights": [[-1, 1]], "biases": [-0.5]}]},
      "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.1},
      "batch": {"inputs": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]}})");
    const SessionFile f = SessionFromScenario(sc);
    EXPECT_EQ(f.Data.Kind, ProblemKind::Classification);
    ASSERT_EQ(f.Data.Points.size(), 4u);
    EXPECT_EQ(f.Data.Points[1].Label, 1);
    EXPECT_EQ(f.Data.Points[3].Label, 0);
    EXPECT_EQ(f.Params, sc.Network.Params());
    EXPECT_EQ(f.Config.BatchSize, 4);
    // The session built from it computes XOR exactly and says it cannot be trained.
    TrainingSession s(f.Config, f.Data);
    s.LoadWeights(f.Params, 0, 0);
    EXPECT_EQ(s.Evaluate().Train.Accuracy, 1.0);
    EXPECT_EQ(s.Status(), SessionStatus::Untrainable);
}

// The worked example opens in the playground: one update there gives the reference numbers.
TEST(SessionFile, TheWorkedExampleTrainsInThePlaygroundToTheReference) {
    const Scenario sc = LoadScenarioFile(std::string(NNPLAY_REFERENCE_DIR) + "/worked-2-2-2.json");
    const SessionFile file = SessionFromScenario(sc);
    EXPECT_EQ(file.Data.Kind, ProblemKind::Regression);
    EXPECT_EQ(file.Data.Outputs, 2);
    ASSERT_EQ(file.Data.Points.size(), 1u);
    EXPECT_EQ(file.Data.Points[0].Targets, (std::vector<double>{0.01, 0.99}));
    TrainingSession s(file.Config, file.Data);
    s.LoadWeights(file.Params, 0, 0);
    EXPECT_NEAR(s.Evaluate().Train.Loss, sc.Expected["loss"].get<double>(), 1e-12);
    ASSERT_TRUE(s.Update());
    EXPECT_NEAR(s.LastBatchLoss(), sc.Expected["loss"].get<double>(), 1e-12);
    for (int l = 0; l < 2; ++l) {
        const auto& want = sc.Expected["layers"][size_t(l)];
        for (int j = 0; j < 2; ++j) {
            EXPECT_NEAR(s.Network().B(l)(j), want["new_biases"][size_t(j)].get<double>(), 1e-12);
            for (int i = 0; i < 2; ++i)
                EXPECT_NEAR(s.Network().W(l)(j, i), want["new_weights"][size_t(j)][size_t(i)].get<double>(),
                            1e-12);
        }
    }
    // It survives a session file round trip, targets included.
    const std::string path = ::testing::TempDir() + "nnplay_worked_session.json";
    SaveSessionFile(file, path);
    EXPECT_EQ(LoadSessionFile(path).Data.Points[0].Targets, (std::vector<double>{0.01, 0.99}));
    std::remove(path.c_str());
}

// A scenario of three inputs has no plane: it opens as samples of their own inputs, and one
// update there gives its worked numbers; the samples survive a session file.
TEST(SessionFile, AThreeInputScenarioOpensAsSamplesAndTrainsToItsNumbers) {
    const Scenario sc = LoadScenarioFile(std::string(NNPLAY_ASSETS_DIR) + "/scenarios/worked-3-2-1.json");
    const SessionFile file = SessionFromScenario(sc);
    EXPECT_EQ(file.Data.RawInputs, 3);
    ASSERT_EQ(file.Data.Points.size(), 1u);
    EXPECT_EQ(file.Data.Points[0].Inputs, (std::vector<double>{1.0, 0.5, -1.0}));
    TrainingSession s(file.Config, file.Data);
    s.LoadWeights(file.Params, 0, 0);
    EXPECT_EQ(s.Network().Inputs(), 3);
    ASSERT_TRUE(s.Update());
    EXPECT_NEAR(s.LastBatchLoss(), sc.Expected["loss"].get<double>(), 1e-12);
    const auto& hidden = sc.Expected["layers"][0];
    for (int j = 0; j < 2; ++j)
        for (int i = 0; i < 3; ++i)
            EXPECT_NEAR(s.Network().W(0)(j, i), hidden["new_weights"][size_t(j)][size_t(i)].get<double>(),
                        1e-12);
    const std::string path = ::testing::TempDir() + "nnplay_three_inputs.json";
    SaveSessionFile(file, path);
    const SessionFile back = LoadSessionFile(path);
    EXPECT_EQ(back.Data.RawInputs, 3);
    EXPECT_EQ(back.Data.Points[0].Inputs, file.Data.Points[0].Inputs);
    EXPECT_EQ(back.Params, file.Params);
    std::remove(path.c_str());
    // A session whose samples do not carry the inputs it says is refused by the sample.
    nlohmann::json j = SessionToJson(file);
    j["dataset"]["points"][0]["inputs"] = {1.0, 2.0};
    try {
        SessionFromJson(j);
        ADD_FAILURE();
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("dataset.points[0]: this dataset's samples carry 3 inputs", 0),
                  0u)
            << e.what();
    }
}

} // namespace
} // namespace nnplay

namespace nnplay {
namespace {

TEST(SessionFile, TheLossHistoryIsKeptBoundedAndComesBackWithItsExtremes) {
    SessionFile s;
    s.Data.Kind = ProblemKind::Classification;
    for (long x = 1; x <= 100000; ++x)
        s.History.BatchLoss.Add(x, x == 5000 ? 7.0 : 1.0 / double(x));
    s.History.BatchLoss.Add(100001, std::numeric_limits<double>::quiet_NaN()); // a diverged last update
    for (long e = 1; e <= 300; ++e)
        s.History.EpochTrainLoss.Add(e, 0.5 / double(e));
    const SessionFile back = SessionFromJson(nlohmann::json::parse(SessionToJson(s).dump()));
    const auto& b = back.History.BatchLoss.Buckets();
    ASSERT_FALSE(b.empty());
    EXPECT_LE(b.size(), kSavedHistoryBuckets);
    EXPECT_EQ(back.History.BatchLoss.TotalCount(), 100001);
    EXPECT_EQ(b.front().FirstX, 1);
    EXPECT_EQ(b.back().LastX, 100001);
    EXPECT_TRUE(std::isnan(b.back().Sum)) << "the value that was not a number stays one";
    double max = 0;
    for (const SeriesBucket& k : b)
        if (std::isfinite(k.Max)) max = std::max(max, k.Max);
    EXPECT_EQ(max, 7.0) << "a spike survives the merging";
    EXPECT_EQ(back.History.EpochTrainLoss.TotalCount(), 300);
    EXPECT_EQ(back.History.EpochTrainLoss.Buckets().size(), 300u) << "a short series is kept point by point";
}

TEST(SessionFile, ABrokenLossHistoryIsRefusedByItsRow) {
    SessionFile s;
    s.Data.Kind = ProblemKind::Classification;
    nlohmann::json j = SessionToJson(s);
    const auto refused = [&](nlohmann::json rows, const std::string& start) {
        j["history"] = {{"batch_loss", rows}};
        try {
            SessionFromJson(j);
            ADD_FAILURE() << "accepted " << rows.dump();
        } catch (const UserError& e) {
            EXPECT_EQ(std::string(e.what()).rfind(start, 0), 0u) << e.what();
        }
    };
    refused({{1, 1, 1, 0.5, 0.5}}, "history.batch_loss[0]: expected [first, last, count, min, max, sum]");
    refused({{2, 2, 1, 0.5, 0.5, 0.5}, {1, 1, 1, 0.5, 0.5, 0.5}},
            "history.batch_loss[1]: rows must go forward");
    refused({{1, 1, 0, 0.5, 0.5, 0.5}}, "history.batch_loss[0]: rows must go forward");
    refused({{1, 1, 1, "a", 0.5, 0.5}}, "history.batch_loss[0][3]: expected a number or null");
    refused("rows", "history.batch_loss: expected a list");
    refused(nlohmann::json::array({nlohmann::json::array({1.5, 2, 1, 0, 0, 0})}),
            "history.batch_loss[0][0]: expected a whole number");
}

} // namespace
} // namespace nnplay

namespace nnplay {
namespace {

// A session says what it holds in its first few KB: the autosaves a window offers are described
// without reading them whole (forty large ones took 6.8 s). The rest of the file is not read:
// a summary followed by anything still reads.
TEST(SessionFile, TheSummaryIsReadFromTheFirstKilobytesAlone) {
    SessionFile f;
    DatasetSpec spec;
    spec.NumPoints = 3000;
    f.Data = GenerateDataset(spec);
    f.Config.Network.Hidden = {{5, Activation::Tanh}, {3, Activation::Relu}};
    f.Updates = 77;
    const std::string path = ::testing::TempDir() + "nnplay_summary.json";
    SaveSessionFile(f, path);
    const SessionSummary s = ReadSessionSummary(path);
    EXPECT_TRUE(s.Known);
    EXPECT_EQ(s.Points, 3000u);
    EXPECT_EQ(s.Updates, 77);
    EXPECT_EQ(s.Hidden, (std::vector<int>{5, 3}));
    EXPECT_EQ(s.Images, "");
    EXPECT_EQ(LoadSessionFile(path).Data.Points.size(), 3000u) << "the summary does not disturb reading";
    { // past the first KB, the file is cut: the summary still reads
        std::ifstream in(path);
        std::stringstream all;
        all << in.rdbuf();
        std::ofstream(path) << all.str().substr(0, kSummaryBytes) << "\x01 not JSON";
    }
    EXPECT_TRUE(ReadSessionSummary(path).Known);
    EXPECT_EQ(ReadSessionSummary(path).Points, 3000u);
    // No summary (a file from before it), no file, a folder: not Known, nothing thrown.
    std::ofstream(path) << R"({"nnplay_session": 1, "dataset": {"points": []}})";
    EXPECT_FALSE(ReadSessionSummary(path).Known);
    EXPECT_FALSE(ReadSessionSummary(path + ".missing").Known);
    EXPECT_FALSE(ReadSessionSummary(::testing::TempDir()).Known);
    std::remove(path.c_str());
}

// The File menu lists the shipped sessions and scenarios by their "name": a file without one
// showed its file name among titles. Each has a name of its own, and an "about" for sessions.
TEST(SessionFile, EveryShippedFileHasATitleOfItsOwn) {
    std::set<std::string> names;
    int files = 0;
    for (const char* folder : {"sessions", "scenarios"})
        for (const auto& e :
             std::filesystem::directory_iterator(std::string(NNPLAY_ASSETS_DIR) + "/" + folder)) {
            if (e.path().extension() != ".json") continue;
            ++files;
            std::ifstream in(e.path());
            const nlohmann::json j = nlohmann::json::parse(in);
            ASSERT_TRUE(j.contains("name") && j["name"].is_string()) << e.path();
            const std::string name = j["name"];
            EXPECT_GE(name.size(), 10u) << e.path();
            EXPECT_TRUE(names.insert(name).second) << "two files named " << name;
            if (std::string(folder) == "sessions") {
                EXPECT_TRUE(j.contains("about") && j["about"].is_string()) << e.path();
                EXPECT_NO_THROW(LoadSessionFile(e.path().string())) << e.path();
            }
        }
    EXPECT_GE(files, 11);
}

// A file of kMaxPoints + 1 points is refused by counting them, before a document of every point
// is built (the refusal came from adding the 100,001st point, after 3.9 s and 174 MB). (A file of
// exactly kMaxPoints is not opened here: building it takes 3 s, and 6 minutes under the
// sanitizers; the count's bound is the refusal's.)
TEST(SessionFile, TooManyPointsAreRefusedBeforeTheFileIsParsedWhole) {
    const auto write = [](const std::string& path, int points) {
        std::ofstream out(path);
        out << R"({"nnplay_session": 1, "dataset": {"kind": "classification", "classes": 2, "points": [)";
        for (int i = 0; i < points; ++i)
            out << (i ? "," : "") << R"({"x1": 0.5, "x2": -0.5, "label": )" << i % 2 << "}";
        out << "]}}";
    };
    const std::string over = ::testing::TempDir() + "nnplay_over.json",
                      few = ::testing::TempDir() + "nnplay_few.json";
    write(over, kMaxPoints + 1);
    write(few, 20);
    try {
        LoadSessionFile(over);
        FAIL() << "loaded " << kMaxPoints + 1 << " points";
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()),
                  over + ": dataset.points: more than 100000 points; nnplay takes at most 100000");
    }
    EXPECT_EQ(LoadSessionFile(few).Data.Points.size(), 20u);
    // Points elsewhere (a list named "points" that is not the dataset's) are not counted.
    std::ofstream(over)
        << R"({"nnplay_session": 1, "notes": {"points": [{}, {}]}, "dataset": {"points": []}})";
    EXPECT_NO_THROW(LoadSessionFile(over));
}

} // namespace
} // namespace nnplay
