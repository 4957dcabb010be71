// The text detector of the layout tests (app/gui/views/text_fit.hpp), on frames drawn by Dear ImGui with
// no display: what it reads must be the text drawn, and what it calls cut or overlapping must be.
#include "app/gui/views/text_fit.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace nnplay {
namespace {

// A Dear ImGui context with its default font and no backend: frames are drawn into draw data only.
class Frames {
  public:
    Frames() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = {800, 600};
        io.DeltaTime = 1.0f / 60;
        io.IniFilename = nullptr;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h); // builds the atlas
    }
    ~Frames() { ImGui::DestroyContext(); }
    // Draws `body` for a few frames (windows take their size on the frame after they appear) and
    // returns what the detector finds in the last.
    TextFaults Faults(const std::function<void()>& body, std::vector<DrawnText>* text = nullptr) {
        for (int frame = 0; frame < 3; ++frame) {
            ImGui::NewFrame();
            body();
            ImGui::Render();
        }
        if (text) *text = FindDrawnText(*ImGui::GetDrawData(), *ImGui::GetIO().Fonts);
        return FindTextFaults(*ImGui::GetDrawData(), *ImGui::GetIO().Fonts);
    }
};

void FixedWindow(const char* name, ImVec2 pos, ImVec2 size, const std::function<void()>& body,
                 ImGuiWindowFlags flags = 0) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(name, nullptr, ImGuiWindowFlags_NoDecoration | flags);
    body();
    ImGui::End();
}

bool Has(const std::vector<DrawnText>& text, const std::string& line) {
    for (const DrawnText& t : text)
        if (t.Text == line) return true;
    return false;
}

TEST(TextFit, ReadsTheLettersDrawnWithTheSpacesBetweenWords) {
    Frames f;
    std::vector<DrawnText> text;
    const TextFaults faults = f.Faults(
        [] {
            FixedWindow("Wide", {10, 10}, {400, 200}, [] {
                ImGui::TextUnformatted("update 2718 epoch 12");
                ImGui::Button("Keep as reference");
            });
        },
        &text);
    EXPECT_TRUE(Has(text, "update 2718 epoch 12"));
    EXPECT_TRUE(Has(text, "Keep as reference"));
    EXPECT_TRUE(faults.Cut.empty()) << DescribeCut(faults);
    EXPECT_TRUE(faults.Overlapping.empty()) << DescribeOverlap(faults);
}

// (Dear ImGui leaves out letters wholly past the edge: wide letters make sure one straddles it.)
TEST(TextFit, TextPastItsPanelsRightEdgeIsCut) {
    Frames f;
    const TextFaults faults = f.Faults([] {
        FixedWindow("Narrow", {10, 10}, {90, 200},
                    [] { ImGui::TextUnformatted("WWWWWWWWWWWWWWWWWWWWWWWW"); });
    });
    ASSERT_EQ(faults.Cut.size(), 1u) << DescribeCut(faults);
    EXPECT_EQ(faults.Cut[0].Text.rfind("WWWWWW", 0), 0u) << faults.Cut[0].Text;
    EXPECT_GT(faults.Cut[0].CutPx, 1.5f);
    EXPECT_EQ(faults.Cut[0].Window, "Narrow");
}

TEST(TextFit, ALabelTrimmedToItsButtonIsCut) {
    Frames f;
    const TextFaults faults = f.Faults([] {
        FixedWindow("Buttons", {10, 10}, {300, 200}, [] { ImGui::Button("gradients (G)", {50, 0}); });
    });
    ASSERT_EQ(faults.Cut.size(), 1u) << DescribeCut(faults);
    EXPECT_TRUE(faults.Cut[0].CutByCpu);
}

TEST(TextFit, TheBottomOfAPanelThatScrollsIsNoFaultButTheEdgeOfAPlotIs) {
    Frames f;
    const auto lines = [] {
        for (int k = 0; k < 40; ++k)
            ImGui::Text("line %d", k);
    };
    EXPECT_TRUE(f.Faults([&] { FixedWindow("Scrolls", {10, 10}, {200, 105}, lines); }).Cut.empty());
    // A plot's clip rectangle does not scroll: a tick cut by it is cut.
    const TextFaults plot = f.Faults([] {
        FixedWindow("Plot", {10, 10}, {300, 200}, [] {
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->PushClipRect({20, 20}, {200, 47});
            dl->AddText({30, 40}, IM_COL32_WHITE, "a tick cut by its plot");
            dl->PopClipRect();
        });
    });
    ASSERT_EQ(plot.Cut.size(), 1u) << DescribeCut(plot);
    EXPECT_EQ(plot.Cut[0].Text, "a tick cut by its plot");
}

TEST(TextFit, TwoLabelsOnOnePlaceOverlapButAShadowDoesNot) {
    Frames f;
    const TextFaults over = f.Faults([] {
        FixedWindow("Plot", {10, 10}, {300, 200}, [] {
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddText({40, 60}, IM_COL32_WHITE, "epoch");
            dl->AddText({52, 63}, IM_COL32_WHITE, "1e-05");
            dl->AddText({40, 120}, IM_COL32_BLACK, "h1_2"); // a shadow under its text
            dl->AddText({39, 119}, IM_COL32_WHITE, "h1_2");
            dl->AddText({40, 150}, IM_COL32_WHITE, "apart");
            dl->AddText({120, 150}, IM_COL32_WHITE, "apart");
        });
    });
    ASSERT_EQ(over.Overlapping.size(), 1u) << DescribeOverlap(over);
    EXPECT_EQ(DescribeOverlap(over), "\"epoch\" over \"1e-05\" in Plot");
}

} // namespace
} // namespace nnplay
