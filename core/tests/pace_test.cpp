// pace_test.cpp: the named paces, the +/- ladder, and the pace files carry.
#include "core/io/scenario.hpp"
#include "core/io/session_file.hpp"
#include "core/tests/test_paths.hpp"
#include "core/train/pace.hpp"
#include "core/util/error.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace nnplay {
namespace {

TEST(Pace, PlusAndMinusClimbTheLadderAndStopAtItsEnds) {
    EXPECT_EQ(FasterPace(kClassPace), 500);
    EXPECT_EQ(SlowerPace(kClassPace), 100);
    EXPECT_EQ(FasterPace(300), 500) << "a pace between two steps goes to the next one";
    EXPECT_EQ(SlowerPace(300), 250);
    EXPECT_EQ(FasterPace(100000), 0) << "past the top is max";
    EXPECT_EQ(FasterPace(0), 0) << "max stays max";
    EXPECT_EQ(SlowerPace(0), 100000);
    EXPECT_EQ(SlowerPace(1), 1) << "nothing is slower than one update a second";
    EXPECT_EQ(SlowerPace(0.5), 1);
    double p = 0;
    for (int k = 0; k < 30; ++k)
        p = SlowerPace(p);
    EXPECT_EQ(p, 1);
    for (int k = 0; k < 30; ++k)
        p = FasterPace(p);
    EXPECT_EQ(p, 0);
}

TEST(Pace, EveryPresetIsOnTheLadderAndNamed) {
    for (const PacePreset& preset : PacePresets()) {
        EXPECT_EQ(PresetOf(preset.UpdatesPerSecond), preset.Name);
        EXPECT_EQ(ParsePace(preset.Name, "x"), preset.UpdatesPerSecond);
        if (preset.UpdatesPerSecond > 0) {
            EXPECT_EQ(FasterPace(SlowerPace(preset.UpdatesPerSecond)), preset.UpdatesPerSecond);
        }
    }
    EXPECT_EQ(PaceName(kClassPace), "class (250 updates/s)");
    EXPECT_EQ(PaceName(0), "max (as fast as possible)");
    EXPECT_EQ(PaceName(40), "40 updates/s");
    EXPECT_EQ(PaceName(2.5), "2.5 updates/s");
}

TEST(Pace, ParsedFromWordsOrNumbersAndRefusedOtherwise) {
    EXPECT_EQ(ParsePace("120", "--pace"), 120);
    EXPECT_EQ(ParsePace("0", "--pace"), 0);
    for (const char* bad : {"", "turbo", "-5", "0x10", "inf", "nan", "1e8", "250 "}) {
        try {
            ParsePace(bad, "--pace");
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const UserError& e) {
            EXPECT_NE(std::string(e.what()).find("--pace: expected slow, class, fast, max"),
                      std::string::npos)
                << e.what();
        }
    }
}

TEST(Pace, SessionsAndScenariosCarryTheirPaceAndDefaultToClass) {
    SessionFile s;
    s.Data.Kind = ProblemKind::Classification;
    EXPECT_EQ(s.SpeedLimit, kClassPace);
    nlohmann::json j = SessionToJson(s);
    j.erase("speed_limit");
    EXPECT_EQ(SessionFromJson(j).SpeedLimit, kClassPace) << "a file without a pace plays at the class pace";
    j["speed_limit"] = "slow";
    EXPECT_EQ(SessionFromJson(j).SpeedLimit, 5);
    j["speed_limit"] = 0;
    EXPECT_EQ(SessionFromJson(j).SpeedLimit, 0) << "0 is max";
    j["speed_limit"] = -3;
    EXPECT_THROW(SessionFromJson(j), UserError);
    j["speed_limit"] = "warp";
    try {
        SessionFromJson(j);
        ADD_FAILURE();
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("speed_limit: ", 0), 0u) << e.what();
    }
    // The shipped perceptron lessons settle in a few updates: they play slowly enough to follow.
    const SessionFile and_gate =
        LoadPlaygroundFile(std::string(NNPLAY_ASSETS_DIR) + "/scenarios/perceptron-and.json");
    EXPECT_EQ(and_gate.SpeedLimit, 5);
    const SessionFile scratch =
        LoadPlaygroundFile(std::string(NNPLAY_ASSETS_DIR) + "/scenarios/xor-from-scratch.json");
    EXPECT_EQ(scratch.SpeedLimit, kClassPace);
}

} // namespace
} // namespace nnplay
