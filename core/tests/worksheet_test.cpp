// worksheet_test.cpp: the worked 2-2-2 example as a handout: the step mode's numbers in the answer
// key, blanks where they go, and no answer given away on the sheet.
#include "core/io/scenario.hpp"
#include "core/io/worksheet.hpp"
#include "core/tests/test_paths.hpp"
#include "core/util/error.hpp"

#include <gtest/gtest.h>

namespace nnplay {
namespace {

size_t Count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

struct WorkedSheet {
    Scenario S = LoadScenarioFile(std::string(NNPLAY_REFERENCE_DIR) + "/worked-2-2-2.json");
    TrainConfig Config;
    UpdateWalkthrough W;
    WorksheetSource Source;
    WorkedSheet() : Config(ScenarioConfig(S)), W(WalkThroughFirstUpdate(S, Config)) {
        Source.Title = "WorkedSheet example";
        Source.Net = &S.Network;
        Source.Walk = &W;
        Source.Config = &Config;
    }
};

TEST(Worksheet, TheAnswerKeyHasTheStepModesNumbersAndTheSheetHasBlanksInTheirPlace) {
    const WorkedSheet w;
    const std::string sheet = WorksheetHtml(w.Source, WorksheetBlanks::All, false);
    const std::string key = WorksheetHtml(w.Source, WorksheetBlanks::All, true);
    // 8 forward lines (net and out of 4 units), 4 of the loss, 16 backward (δ, 2 weights and a
    // bias of 4 units), 12 of the update (8 weights, 4 biases).
    const size_t blanks = Count(sheet, "class=\"blank\"");
    EXPECT_EQ(blanks, 40u);
    EXPECT_EQ(Count(key, "class=\"filled\""), blanks);
    for (const char* answer :
         {"out_h1 = σ(net_h1) = 0.59327", "E = E_o1 + E_o2 = 0.27481 + 0.02356 = 0.29837",
          "δ_h1 = (δ_o1·w5 + δ_o2·w7) × out(1 − out) = (0.1385×0.4 − 0.038098×0.5) × 0.2413 = 0.0087714",
          "w5 ← w5 − η ∂L/∂w5 = 0.4 − 0.5 × 0.082167 = 0.35892"})
        EXPECT_NE(key.find(std::string("<li>") + answer + "</li>"), std::string::npos) << answer;
    // The sheet gives none of them away, not even inside a later formula: only the weights,
    // biases, inputs and targets, which the student is given.
    for (const char* computed :
         {"0.59327", "0.59688", "0.75137", "0.29837", "0.1385", "0.0087714", "0.35892", "0.14978"})
        EXPECT_EQ(sheet.find(computed), std::string::npos) << computed;
    EXPECT_NE(sheet.find("net_o1 = w5·out_h1 + w6·out_h2 + b_o1 = <span class=\"blank\">"),
              std::string::npos);
    EXPECT_NE(sheet.find(">w5 0.4<"), std::string::npos); // the diagram's weights
}

TEST(Worksheet, OnlyThePhasesAskedForAreBlank) {
    const WorkedSheet w;
    const std::string forward = WorksheetHtml(w.Source, WorksheetBlanks::Forward, false);
    EXPECT_EQ(Count(forward, "class=\"blank\""), 12u);                 // 8 forward lines and 4 of the loss
    EXPECT_NE(forward.find("sample 1: i1 = 0.05"), std::string::npos); // the batch is given
    EXPECT_EQ(forward.find("backward"), std::string::npos); // and the phases after the loss left out
    const std::string update = WorksheetHtml(w.Source, WorksheetBlanks::Update, false);
    EXPECT_EQ(Count(update, "class=\"blank\""), 12u);
    EXPECT_NE(update.find("∂E/∂w5 = δ_o1 × out_h1 = 0.1385 × 0.59327 = 0.082167"),
              std::string::npos); // given
    const std::string none = WorksheetHtml(w.Source, WorksheetBlanks::None, false);
    EXPECT_EQ(Count(none, "class=\"blank\""), 0u);
    EXPECT_NE(none.find("out_h1 = σ(net_h1) = 0.59327"), std::string::npos);
    EXPECT_EQ(ParseWorksheetBlanks("backward"), WorksheetBlanks::Backward);
    EXPECT_THROW(ParseWorksheetBlanks("middle"), UserError);
}

TEST(Worksheet, AFormulaWithAnEqualsSignInBracketsKeepsItsFormula) {
    // The cross-entropy's line: "E_o1 = −[t ln out + (1 − t) ln(1 − out)] = (t = 0, out = 0.53743) =
    // 0.77096".
    Scenario s = LoadScenarioFile(std::string(NNPLAY_ASSETS_DIR) + "/scenarios/single-neuron.json");
    const TrainConfig c = ScenarioConfig(s);
    const UpdateWalkthrough walk = WalkThroughFirstUpdate(s, c);
    WorksheetSource src;
    src.Title = "One neuron";
    src.Net = &s.Network;
    src.Walk = &walk;
    src.Config = &c;
    const std::string sheet = WorksheetHtml(src, WorksheetBlanks::All, false);
    EXPECT_NE(sheet.find("E_o1 = −[t ln out + (1 − t) ln(1 − out)] = <span class=\"blank\">"),
              std::string::npos);
    EXPECT_EQ(sheet.find("0.53743"), std::string::npos);
    EXPECT_THROW(WorksheetHtml(WorksheetSource{}, WorksheetBlanks::All, false), UserError);
}

} // namespace
} // namespace nnplay
