// lesson.hpp: a lesson file, as a teacher writes it in a text editor: Markdown with small setup
// and task blocks (docs/lessons.md), and the checks its tasks make against a run. Plain data, no
// GUI and no training: the command line plays a lesson headless, the window's player will read
// the same steps. A broken file is refused naming its line and what was expected there.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace nnplay {

// Bounds of every lesson file, like every file the app reads.
inline constexpr size_t kMaxLessonBytes = 256 * 1024;
inline constexpr size_t kMaxLessonSteps = 100;
inline constexpr size_t kMaxStepTextBytes = 8 * 1024;
inline constexpr size_t kMaxHints = 10;
inline constexpr int kMaxCheckDepth = 16;

// One "key: value" line of a setup block, or one action of a task's "show" (key and value split at
// the first space: "train 300", "lr 0.3").
struct LessonSetting {
    int Line = 0;
    std::string Key, Value;
};

// What a check reads of a run: numbers by name, the words (phase, tab) and the diagnosis's findings.
struct LessonFacts {
    std::map<std::string, double> Numbers;
    std::map<std::string, std::string> Words;
    std::set<std::string> Findings;
};

// A check: "test_accuracy >= 0.95 and hidden_units <= 2", "diverged", "finding dying_relu",
// "phase == backward", "answer ~= 0.1235" (equal to the digits given), with and, or, not and
// parentheses.
class LessonCheck {
  public:
    struct Node;
    // Throws UserError naming what was expected; `line` is put in front of the message.
    static LessonCheck Parse(std::string_view text, int line);
    bool Holds(const LessonFacts& facts) const;
    const std::string& Text() const { return m_text; }
    // The numbers and words it reads, each once, in the order written ("finding" for a finding):
    // the window shows their values beside a task that is not met yet.
    std::vector<std::string> Names() const;

  private:
    std::shared_ptr<const Node> m_root;
    std::string m_text;
};

// The names a check may read (numbers, then words), for the docs and `lesson check`.
const std::vector<std::string>& LessonNumberNames();
const std::vector<std::string>& LessonWordNames();

struct LessonTask {
    int Line = 0;
    std::string Goal;                 // what the student is asked, in words
    std::optional<LessonCheck> Check; // none: a step to read and explore
    std::vector<std::string> Hints;   // revealed one at a time
    std::vector<LessonSetting> Show;  // the solution "Show me" performs, in order
};

struct LessonStep {
    int Line = 0;
    std::string Title, Text;
    std::vector<LessonSetting> Setup;
    std::optional<LessonTask> Task;
};

struct Lesson {
    std::string Title, About;
    std::vector<LessonStep> Steps;
};

// The keys a setup block takes besides the training options (dataset, layers, lr, ...: the flags
// of `nnplay train` without their dashes), and the actions a "show" takes besides those.
const std::vector<std::string>& LessonSetupKeys();
const std::vector<std::string>& LessonShowActions();

// A step's text as the window and a worksheet show it: paragraphs (a paragraph's lines joined),
// list items, headings and code, with **bold** and `code` marks taken out of running text.
struct TextBlock {
    enum class Kind { Paragraph, Item, Heading, Code };
    Kind Type = Kind::Paragraph;
    std::string Text;
    std::string Marker; // an item's: "•", or its number ("2.")
};
std::vector<TextBlock> TextBlocks(std::string_view markdown);

// "a, b, c": the names a message lists as the choices.
std::string JoinedNames(const std::vector<std::string>& names);

// Parses a lesson file's text; `name` is put in front of every error ("xor.md:12: ...").
// Checks the form only (the blocks, their keys, the checks' grammar); the values of training
// settings are the command line's to check (`nnplay lesson check`).
Lesson ParseLesson(std::string_view text, const std::string& name);
// Reads and parses a lesson file (at most kMaxLessonBytes), its errors named by its file name.
Lesson ReadLessonFile(const std::string& path);

} // namespace nnplay
