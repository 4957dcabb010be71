// lesson_test.cpp: a lesson file's form (steps, setup and task blocks), its refusals naming the
// line, and the checks' grammar and meaning.
#include "core/io/lesson.hpp"
#include "core/tests/refusal.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace nnplay {
namespace {

using test::Refusal;

const char* kExample = R"(# XOR needs a hidden layer

After a tutorial's XOR demo.

## One line is not enough

A single unit draws **one** straight line.

```setup
dataset: xor
layers: none
# a comment
lr: 0.03
```

```task
goal: See the accuracy stay near 50%.
check: epochs >= 100 and train_accuracy < 0.8
hint: Press Play.
hint: Wait for 100 epochs.
show: train 100
```

## Five units

```python
print("a code example stays text")
```

```task
goal: Reach 95%.
check: test_accuracy >= 0.95 and (hidden_units <= 5 or not diverged)
show: layers 5; activation relu; train 200
```
)";

TEST(Lesson, StepsHaveTheirTextSetupAndTask) {
    const Lesson l = ParseLesson(kExample, "xor.md");
    EXPECT_EQ(l.Title, "XOR needs a hidden layer");
    EXPECT_EQ(l.About, "After a tutorial's XOR demo.");
    ASSERT_EQ(l.Steps.size(), 2u);
    const LessonStep& a = l.Steps[0];
    EXPECT_EQ(a.Title, "One line is not enough");
    EXPECT_EQ(a.Line, 5);
    EXPECT_EQ(a.Text, "A single unit draws **one** straight line.");
    ASSERT_EQ(a.Setup.size(), 3u);
    EXPECT_EQ(a.Setup[1].Key, "layers");
    EXPECT_EQ(a.Setup[1].Value, "none");
    EXPECT_EQ(a.Setup[2].Line, 13);
    ASSERT_TRUE(a.Task && a.Task->Check);
    EXPECT_EQ(a.Task->Goal, "See the accuracy stay near 50%.");
    EXPECT_EQ(a.Task->Hints.size(), 2u);
    ASSERT_EQ(a.Task->Show.size(), 1u);
    EXPECT_EQ(a.Task->Show[0].Key, "train");
    EXPECT_EQ(a.Task->Show[0].Value, "100");
    const LessonStep& b = l.Steps[1];
    EXPECT_NE(b.Text.find("print(\"a code example stays text\")"), std::string::npos) << b.Text;
    ASSERT_EQ(b.Task->Show.size(), 3u);
    EXPECT_EQ(b.Task->Show[1].Key, "activation");
    EXPECT_EQ(b.Task->Show[1].Value, "relu");
}

TEST(Lesson, ChecksReadTheRunsNumbersWordsAndFindings) {
    LessonFacts f;
    f.Numbers = {{"test_accuracy", 0.96},
                 {"hidden_units", 2},
                 {"diverged", 0},
                 {"answer", 0.12346},
                 {"test_loss", std::numeric_limits<double>::quiet_NaN()}};
    f.Words = {{"phase", "backward"}};
    f.Findings = {"dying_relu"};
    const auto holds = [&](const char* text) { return LessonCheck::Parse(text, 1).Holds(f); };
    EXPECT_TRUE(holds("test_accuracy >= 0.95 and hidden_units <= 2"));
    EXPECT_FALSE(holds("test_accuracy >= 0.97"));
    EXPECT_TRUE(holds("test_accuracy >= 0.97 or hidden_units == 2"));
    EXPECT_FALSE(holds("diverged"));
    EXPECT_TRUE(holds("not diverged"));
    EXPECT_TRUE(holds("phase == backward"));
    EXPECT_FALSE(holds("phase != backward"));
    EXPECT_TRUE(holds("finding dying_relu"));
    EXPECT_TRUE(holds("finding"));
    EXPECT_FALSE(holds("finding vanishing_gradients"));
    EXPECT_TRUE(holds("answer ~= 0.1235")); // to the digits given: within 0.00005
    EXPECT_FALSE(holds("answer ~= 0.1234"));
    EXPECT_TRUE(holds("answer ~= 0.12"));
    EXPECT_FALSE(holds("test_loss < 1")); // no test set: no number, no claim
    EXPECT_FALSE(holds("not (test_accuracy > 0.9 and (hidden_units < 3))"));
}

TEST(Lesson, ABrokenCheckIsRefusedNamingWhatWasExpected) {
    for (const auto& [check, expected] : std::initializer_list<std::pair<const char*, const char*>>{
             {"", "an empty check"},
             {"accuracy > 0.9", "unknown name 'accuracy'"},
             {"test_accuracy >=", "a number after test_accuracy >="},
             {"test_accuracy >= high", "'high' is not a number"},
             {"phase backward", "compared with == or !="},
             {"(diverged", "a ')' missing"},
             {"diverged diverged", "after a whole check"},
             {"not not not not not not not not not not not not not not not not not not diverged",
              "nested deeper"}}) {
        const std::string text = check; // (clang 14 captures no structured binding)
        const std::string why = Refusal([&] { LessonCheck::Parse(text, 7); });
        EXPECT_NE(why.find("line 7: check: "), std::string::npos) << check << ": " << why;
        EXPECT_NE(why.find(expected), std::string::npos) << check << ": " << why;
    }
}

TEST(Lesson, ABrokenFileIsRefusedWithItsLine) {
    for (const auto& [text, expected] : std::initializer_list<std::pair<std::string, std::string>>{
             {"Hello\n# Title\n## A\n", "x.md:1: expected the lesson's '# title' first"},
             {"# T\n", "x.md:2: no step"},
             {"# T\n## A\n```setup\nlayers 4\n```\n", "x.md:4: expected 'key: value'"},
             {"# T\n## A\n```setup\nlayer: 4\n```\n", "x.md:4: unknown setup key 'layer'"},
             {"# T\n## A\n```setup\nlr: 1\nlr: 2\n```\n", "x.md:5: 'lr' is set twice"},
             {"# T\n## A\n```task\ngoal: g\n```\n", "x.md:3: the task has a goal but no 'check:' line"},
             {"# T\n## A\n```task\ncheck: diverged\n```\n", "x.md:3: the task has no 'goal:' line"},
             {"# T\n## A\n```task\ngoal: g\ncheck: nope\n```\n", "x.md:5: check: unknown name 'nope'"},
             {"# T\n## A\n```task\ngoal: g\ncheck: diverged\nshow: fly 3\n```\n",
              "x.md:6: unknown action 'fly'"},
             {"# T\n## A\n```setup\nlr: 1\n", "x.md:3: this block is not closed"},
             {"# T\n```setup\nlr: 1\n```\n", "x.md:2: a setup block before the first step"},
             {"# T\n# U\n", "x.md:2: a second '# title'"},
             {"# T\n## A\n" + std::string(9000, 'a') + "\n", "x.md:3: the text is longer than 8 KB"},
             {std::string("# T\n## A\n\0", 10), "not a text file"},
             {"# T\n" + std::string(300 * 1024, '\n'), "a lesson file is at most 256 KB"}}) {
        const std::string file = text; // (clang 14 captures no structured binding)
        const std::string why = Refusal([&] { ParseLesson(file, "x.md"); });
        EXPECT_NE(why.find(expected), std::string::npos) << why;
    }
    std::string many = "# T\n";
    for (int k = 0; k <= 100; ++k)
        many += "## S" + std::to_string(k) + "\n";
    EXPECT_NE(Refusal([&] { ParseLesson(many, "x.md"); }).find("x.md:102: more than 100 steps"),
              std::string::npos);
}

TEST(Lesson, ACheckNamesWhatItReadsOnceInTheOrderWritten) {
    const LessonCheck c = LessonCheck::Parse(
        "(test_accuracy >= 0.9 or finding dying_relu) and not diverged and test_accuracy < 1", 1);
    EXPECT_EQ(c.Names(), (std::vector<std::string>{"test_accuracy", "finding", "diverged"}));
    EXPECT_EQ(LessonCheck::Parse("phase == backward", 1).Names(), std::vector<std::string>{"phase"});
}

TEST(Lesson, TextIsSplitIntoParagraphsItemsHeadingsAndCodeWithoutItsMarks) {
    const std::vector<TextBlock> b = TextBlocks("A **first** line\n"
                                                "goes on `here`.\n"
                                                "\n"
                                                "- one\n"
                                                "  more of one\n"
                                                "- two\n"
                                                "2. second\n"
                                                "### Aside\n"
                                                "```\n"
                                                "x = 1\n"
                                                "  y = 2\n"
                                                "```\n"
                                                "Last.");
    ASSERT_EQ(b.size(), 7u);
    EXPECT_EQ(b[0].Type, TextBlock::Kind::Paragraph);
    EXPECT_EQ(b[0].Text, "A first line goes on here.");
    EXPECT_EQ(b[1].Type, TextBlock::Kind::Item);
    EXPECT_EQ(b[1].Text, "one more of one");
    EXPECT_EQ(b[1].Marker, "\u2022");
    EXPECT_EQ(b[2].Text, "two");
    EXPECT_EQ(b[3].Marker, "2.");
    EXPECT_EQ(b[3].Text, "second");
    EXPECT_EQ(b[4].Type, TextBlock::Kind::Heading);
    EXPECT_EQ(b[4].Text, "Aside");
    EXPECT_EQ(b[5].Type, TextBlock::Kind::Code);
    EXPECT_EQ(b[5].Text, "x = 1\n  y = 2");
    EXPECT_EQ(b[6].Text, "Last.");
}

} // namespace
} // namespace nnplay
