// lesson.cpp: see lesson.hpp; the format is docs/lessons.md.
#include "core/io/lesson.hpp"

#include "core/util/error.hpp"
#include "core/util/json_file.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace nnplay {

namespace {

std::string Trim(std::string_view s) {
    size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a])))
        ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1])))
        --b;
    return std::string(s.substr(a, b - a));
}

bool Contains(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// The training options a setup takes: `nnplay train`'s flags without their dashes.
const std::vector<std::string>& TrainingKeys() {
    static const std::vector<std::string> keys = {
        "dataset",      "points",     "noise",  "classes",  "train-fraction",  "features",
        "layers",       "activation", "output", "loss",     "reduction",       "reg",
        "reg-rate",     "optimizer",  "lr",     "momentum", "beta1",           "beta2",
        "epsilon",      "batch",      "init",   "seed",     "playground-link", "images",
        "train-images", "validation"};
    return keys;
}

} // namespace

// ---- checks ----

struct LessonCheck::Node {
    enum class Op { Number, Word, Finding, And, Or, Not };
    Op Kind = Op::Number;
    std::string Name, Compare, Value; // Number: Name Compare Value ("" Compare: true when not 0)
    double Number = 0.0;
    double Tolerance = 0.0; // ~=: half a unit of the last digit written
    std::shared_ptr<const Node> A, B;
};

namespace {

using Op = LessonCheck::Node::Op;

class CheckParser {
  public:
    CheckParser(std::string_view text, int line) : m_text(text), m_line(line) { Tokenize(); }

    std::shared_ptr<const LessonCheck::Node> Parse() {
        if (m_tokens.empty()) Fail("an empty check; e.g. check: test_accuracy >= 0.95");
        auto root = Or(0);
        if (m_at < m_tokens.size())
            Fail("'" + m_tokens[m_at] + "' after a whole check (an 'and' or 'or' missing?)");
        return root;
    }

  private:
    [[noreturn]] void Fail(const std::string& what) const {
        throw UserError("line " + std::to_string(m_line) + ": check: " + what);
    }
    void Tokenize() {
        size_t i = 0;
        while (i < m_text.size()) {
            const char c = m_text[i];
            if (std::isspace(static_cast<unsigned char>(c))) {
                ++i;
            } else if (c == '(' || c == ')') {
                m_tokens.emplace_back(1, c);
                ++i;
            } else if (std::string_view("<>=!~").find(c) != std::string_view::npos) {
                size_t j = i + 1;
                if (j < m_text.size() && m_text[j] == '=') ++j;
                m_tokens.emplace_back(m_text.substr(i, j - i));
                i = j;
            } else {
                size_t j = i;
                while (j < m_text.size() && !std::isspace(static_cast<unsigned char>(m_text[j])) &&
                       std::string_view("()<>=!~").find(m_text[j]) == std::string_view::npos)
                    ++j;
                m_tokens.emplace_back(m_text.substr(i, j - i));
                i = j;
            }
        }
    }
    bool Next(std::string_view word) {
        if (m_at < m_tokens.size() && m_tokens[m_at] == word) {
            ++m_at;
            return true;
        }
        return false;
    }
    std::string Take(const std::string& expected) {
        if (m_at >= m_tokens.size()) Fail("the check ends where " + expected + " was expected");
        return m_tokens[m_at++];
    }
    std::shared_ptr<const LessonCheck::Node> Join(Op op, std::shared_ptr<const LessonCheck::Node> a,
                                                  std::shared_ptr<const LessonCheck::Node> b) {
        auto n = std::make_shared<LessonCheck::Node>();
        n->Kind = op;
        n->A = std::move(a);
        n->B = std::move(b);
        return n;
    }
    std::shared_ptr<const LessonCheck::Node> Or(int depth) {
        auto a = And(depth);
        while (Next("or"))
            a = Join(Op::Or, a, And(depth));
        return a;
    }
    std::shared_ptr<const LessonCheck::Node> And(int depth) {
        auto a = Unary(depth);
        while (Next("and"))
            a = Join(Op::And, a, Unary(depth));
        return a;
    }
    std::shared_ptr<const LessonCheck::Node> Unary(int depth) {
        if (depth > kMaxCheckDepth) Fail("nested deeper than " + std::to_string(kMaxCheckDepth));
        if (Next("not")) return Join(Op::Not, Unary(depth + 1), nullptr);
        if (Next("(")) {
            auto inner = Or(depth + 1);
            if (!Next(")")) Fail("a ')' missing");
            return inner;
        }
        auto n = std::make_shared<LessonCheck::Node>();
        const std::string name = Take("a name (e.g. test_accuracy)");
        if (name == "finding") {
            n->Kind = Op::Finding;
            if (m_at < m_tokens.size() && m_tokens[m_at] != "and" && m_tokens[m_at] != "or" &&
                m_tokens[m_at] != ")")
                n->Name = m_tokens[m_at++];
            return n;
        }
        n->Name = name;
        const bool number = Contains(LessonNumberNames(), name), word = Contains(LessonWordNames(), name);
        if (!number && !word)
            Fail("unknown name '" + name + "'; a check reads " + JoinedNames(LessonNumberNames()) + ", " +
                 JoinedNames(LessonWordNames()) + " and 'finding ID'");
        static const std::vector<std::string> ops = {">=", "<=", ">", "<", "==", "!=", "~="};
        if (m_at < m_tokens.size() && Contains(ops, m_tokens[m_at])) n->Compare = m_tokens[m_at++];
        if (word) {
            n->Kind = Op::Word;
            if (n->Compare != "==" && n->Compare != "!=")
                Fail("'" + name + "' is compared with == or != and a word");
            n->Value = Take("a word after " + name + " " + n->Compare);
            return n;
        }
        n->Kind = Op::Number;
        if (n->Compare.empty()) return n; // true when not 0: "diverged"
        n->Value = Take("a number after " + name + " " + n->Compare);
        char* end = nullptr;
        n->Number = std::strtod(n->Value.c_str(), &end);
        if (*end != '\0' || !std::isfinite(n->Number))
            Fail("'" + n->Value + "' is not a number (after " + name + " " + n->Compare + ")");
        if (n->Compare == "~=") {
            const size_t dot = n->Value.find('.');
            const int decimals = dot == std::string::npos ? 0 : int(n->Value.size() - dot - 1);
            n->Tolerance = 0.5 * std::pow(10.0, -decimals);
        }
        return n;
    }

    std::string_view m_text;
    int m_line;
    std::vector<std::string> m_tokens;
    size_t m_at = 0;
};

bool Holds(const LessonCheck::Node& n, const LessonFacts& f) {
    switch (n.Kind) {
    case Op::And:
        return Holds(*n.A, f) && Holds(*n.B, f);
    case Op::Or:
        return Holds(*n.A, f) || Holds(*n.B, f);
    case Op::Not:
        return !Holds(*n.A, f);
    case Op::Finding:
        return n.Name.empty() ? !f.Findings.empty() : f.Findings.count(n.Name) > 0;
    case Op::Word: {
        const auto it = f.Words.find(n.Name);
        const bool equal = it != f.Words.end() && it->second == n.Value;
        return n.Compare == "==" ? equal : !equal;
    }
    case Op::Number:
        break;
    }
    const auto it = f.Numbers.find(n.Name);
    if (it == f.Numbers.end() || !std::isfinite(it->second)) return false; // e.g. no test set
    const double v = it->second;
    if (n.Compare.empty()) return v != 0.0;
    if (n.Compare == ">=") return v >= n.Number;
    if (n.Compare == "<=") return v <= n.Number;
    if (n.Compare == ">") return v > n.Number;
    if (n.Compare == "<") return v < n.Number;
    if (n.Compare == "==") return v == n.Number;
    if (n.Compare == "!=") return v != n.Number;
    return std::abs(v - n.Number) <= n.Tolerance * (1 + 1e-9); // ~=
}

} // namespace

LessonCheck LessonCheck::Parse(std::string_view text, int line) {
    LessonCheck c;
    c.m_root = CheckParser(text, line).Parse();
    c.m_text = std::string(text);
    return c;
}

bool LessonCheck::Holds(const LessonFacts& facts) const {
    return m_root && nnplay::Holds(*m_root, facts);
}

std::string JoinedNames(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names)
        out.append(out.empty() ? "" : ", ").append(n);
    return out;
}

std::vector<std::string> LessonCheck::Names() const {
    std::vector<std::string> out;
    std::vector<const Node*> todo;
    if (m_root) todo.push_back(m_root.get());
    while (!todo.empty()) { // depth first, left before right: the order written
        const Node* n = todo.back();
        todo.pop_back();
        if (n->B) todo.push_back(n->B.get());
        if (n->A) todo.push_back(n->A.get());
        if (n->A || n->B) continue;
        const std::string name = n->Kind == Op::Finding ? "finding" : n->Name;
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
}

const std::vector<std::string>& LessonNumberNames() {
    static const std::vector<std::string> names = {
        "train_loss", "test_loss", "loss_gap", "train_accuracy", "test_accuracy",       "epochs",
        "updates",    "lr",        "batch",    "reg_rate",       "hidden_layers",       "hidden_units",
        "max_units",  "diverged",  "points",   "answer",         "validation_accuracy", "accuracy_gap"};
    return names;
}

const std::vector<std::string>& LessonWordNames() {
    static const std::vector<std::string> names = {"phase", "tab", "activation", "optimizer", "dataset"};
    return names;
}

const std::vector<std::string>& LessonSetupKeys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k = TrainingKeys();
        for (const char* lesson : {"session", "scenario", "pace", "tab", "phase", "highlight", "lock"})
            k.push_back(lesson);
        return k;
    }();
    return keys;
}

const std::vector<std::string>& LessonShowActions() {
    static const std::vector<std::string> actions = [] {
        std::vector<std::string> k = TrainingKeys();
        for (const char* action : {"train", "phase", "tab", "answer", "reset"})
            k.push_back(action);
        return k;
    }();
    return actions;
}

namespace {

// Running text without its Markdown marks: "**bold**" and "`code`" read as "bold" and "code".
std::string Unmarked(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s.substr(i, 2) == "**" || s.substr(i, 2) == "__") {
            ++i;
            continue;
        }
        if (s[i] == '`') continue;
        out += s[i];
    }
    return out;
}

} // namespace

std::vector<TextBlock> TextBlocks(std::string_view markdown) {
    std::vector<TextBlock> out;
    bool open = false; // the last block takes the next line (a paragraph or an item goes on)
    bool code = false;
    size_t at = 0;
    while (at <= markdown.size()) {
        size_t end = markdown.find('\n', at);
        if (end == std::string_view::npos) end = markdown.size();
        const std::string_view raw = markdown.substr(at, end - at);
        at = end + 1;
        const std::string line = Trim(raw);
        if (line.rfind("```", 0) == 0) {
            code = !code;
            if (code) out.push_back({TextBlock::Kind::Code, "", ""});
            open = false;
            continue;
        }
        if (code) {
            std::string& text = out.back().Text;
            text.append(text.empty() ? "" : "\n").append(raw);
            continue;
        }
        if (line.empty()) {
            open = false;
        } else if (line[0] == '#') {
            out.push_back(
                {TextBlock::Kind::Heading, Unmarked(Trim(line.substr(line.find_first_not_of('#')))), ""});
            open = false;
        } else if ((line[0] == '-' || line[0] == '*' || line[0] == '+') && line.size() > 1 &&
                   line[1] == ' ') {
            out.push_back({TextBlock::Kind::Item, Unmarked(Trim(line.substr(2))), "\u2022"});
            open = true;
        } else if (const size_t dot = line.find_first_not_of("0123456789");
                   dot > 0 && dot != std::string::npos && dot < 4 && line.compare(dot, 2, ". ") == 0) {
            out.push_back(
                {TextBlock::Kind::Item, Unmarked(Trim(line.substr(dot + 2))), line.substr(0, dot + 1)});
            open = true;
        } else if (open) {
            out.back().Text.append(" ").append(Unmarked(line));
        } else {
            out.push_back({TextBlock::Kind::Paragraph, Unmarked(line), ""});
            open = true;
        }
        if (end == markdown.size()) break;
    }
    return out;
}

Lesson ParseLesson(std::string_view text, const std::string& name) {
    const auto fail = [&](int line, const std::string& what) -> UserError {
        return UserError(name + ":" + std::to_string(line) + ": " + what);
    };
    if (text.size() > kMaxLessonBytes)
        throw UserError(name + ": " + std::to_string(text.size() / 1024) + " KB; a lesson file is at most " +
                        std::to_string(kMaxLessonBytes / 1024) + " KB");
    if (text.find('\0') != std::string_view::npos) throw UserError(name + ": not a text file (a zero byte)");
    Lesson lesson;
    enum class Block { None, Setup, Task, Other } block = Block::None;
    int block_line = 0;
    bool seen_title = false;
    std::set<std::string> block_keys;
    const auto step = [&]() -> LessonStep& { return lesson.Steps.back(); };
    const auto add_text = [&](int line, const std::string& raw) {
        std::string& into = lesson.Steps.empty() ? lesson.About : step().Text;
        if (into.empty() && Trim(raw).empty()) return;
        into += raw + "\n";
        if (into.size() > kMaxStepTextBytes)
            throw fail(line, "the text is longer than " + std::to_string(kMaxStepTextBytes / 1024) +
                                 " KB; split it into more steps");
    };
    size_t start = 0;
    int line = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string raw(text.substr(start, end - start));
        start = end + 1;
        ++line;
        if (!raw.empty() && raw.back() == '\r') raw.pop_back();
        const std::string trimmed = Trim(raw);
        if (block != Block::None) {
            if (trimmed.rfind("```", 0) == 0) {
                if (block == Block::Other) add_text(line, raw);
                if (block == Block::Task && step().Task && !step().Task->Check && !step().Task->Goal.empty())
                    throw fail(block_line, "the task has a goal but no 'check:' line");
                if (block == Block::Task && step().Task && step().Task->Goal.empty())
                    throw fail(block_line, "the task has no 'goal:' line (what the student is asked)");
                block = Block::None;
                continue;
            }
            if (block == Block::Other) {
                add_text(line, raw);
                continue;
            }
            if (trimmed.empty() || trimmed[0] == '#') continue; // a blank line or a comment
            const size_t colon = trimmed.find(':');
            if (colon == std::string::npos)
                throw fail(line, "expected 'key: value', got '" + trimmed.substr(0, 60) + "'");
            const std::string key = Trim(std::string_view(trimmed).substr(0, colon)),
                              value = Trim(std::string_view(trimmed).substr(colon + 1));
            if (block == Block::Setup) {
                if (!Contains(LessonSetupKeys(), key))
                    throw fail(line, "unknown setup key '" + key + "'; a setup takes " +
                                         JoinedNames(LessonSetupKeys()));
                if (!block_keys.insert(key).second)
                    throw fail(line, "'" + key + "' is set twice in this setup");
                if (value.empty()) throw fail(line, "'" + key + ":' has no value");
                step().Setup.push_back({line, key, value});
                continue;
            }
            LessonTask& task = *step().Task;
            if (key == "goal") {
                if (!task.Goal.empty()) throw fail(line, "a second 'goal:' in one task");
                task.Goal = value;
            } else if (key == "check") {
                if (task.Check) throw fail(line, "a second 'check:' in one task (join them with 'and')");
                try {
                    task.Check = LessonCheck::Parse(value, line);
                } catch (const UserError& e) {
                    throw UserError(name + ":" + (e.what() + 5)); // "line N: ..." -> "name:N: ..."
                }
            } else if (key == "hint") {
                if (task.Hints.size() >= kMaxHints)
                    throw fail(line, "more than " + std::to_string(kMaxHints) + " hints in one task");
                task.Hints.push_back(value);
            } else if (key == "show") {
                size_t from = 0;
                while (from <= value.size()) {
                    size_t semi = value.find(';', from);
                    if (semi == std::string::npos) semi = value.size();
                    const std::string action = Trim(std::string_view(value).substr(from, semi - from));
                    from = semi + 1;
                    if (action.empty()) continue;
                    const size_t space = action.find(' ');
                    LessonSetting s{
                        line, action.substr(0, space),
                        space == std::string::npos ? "" : Trim(std::string_view(action).substr(space))};
                    if (!Contains(LessonShowActions(), s.Key))
                        throw fail(line, "unknown action '" + s.Key + "' in show; it takes " +
                                             JoinedNames(LessonShowActions()));
                    if (s.Value.empty() && s.Key != "reset")
                        throw fail(line,
                                   "'" + s.Key + "' in show needs a value (e.g. 'train 100', 'lr 0.3')");
                    task.Show.push_back(s);
                }
            } else {
                throw fail(line, "unknown task key '" + key + "'; a task takes goal, check, hint and show");
            }
            continue;
        }
        if (trimmed.rfind("```", 0) == 0) {
            const std::string kind = Trim(std::string_view(trimmed).substr(3));
            block_line = line;
            block_keys.clear();
            if (kind == "setup" || kind == "task") {
                if (lesson.Steps.empty())
                    throw fail(line, "a " + kind + " block before the first step ('## Step title')");
                if (kind == "task" && step().Task) throw fail(line, "a second task in one step");
                if (kind == "setup" && !step().Setup.empty()) throw fail(line, "a second setup in one step");
                if (kind == "task") step().Task = LessonTask{line, {}, {}, {}, {}};
                block = kind == "setup" ? Block::Setup : Block::Task;
            } else {
                block = Block::Other; // a code example in the text
                add_text(line, raw);
            }
            continue;
        }
        if (raw.rfind("# ", 0) == 0) {
            if (seen_title) throw fail(line, "a second '# title'; steps are '## Step title'");
            if (!lesson.About.empty()) throw fail(line, "text before the '# title'");
            lesson.Title = Trim(std::string_view(raw).substr(2));
            seen_title = true;
            continue;
        }
        if (raw.rfind("## ", 0) == 0) {
            if (!seen_title) throw fail(line, "a step before the lesson's '# title'");
            if (lesson.Steps.size() >= kMaxLessonSteps)
                throw fail(line, "more than " + std::to_string(kMaxLessonSteps) + " steps");
            LessonStep s;
            s.Line = line;
            s.Title = Trim(std::string_view(raw).substr(3));
            if (s.Title.empty()) throw fail(line, "a step without a title");
            lesson.Steps.push_back(std::move(s));
            continue;
        }
        if (!seen_title && !trimmed.empty()) throw fail(line, "expected the lesson's '# title' first");
        add_text(line, raw);
    }
    if (block != Block::None) throw fail(block_line, "this block is not closed (a line of ``` missing)");
    if (!seen_title) throw fail(1, "expected the lesson's '# title' first");
    if (lesson.Title.empty()) throw fail(1, "the lesson's title is empty");
    if (lesson.Steps.empty()) throw fail(line, "no step: a lesson needs at least one '## Step title'");
    for (LessonStep& s : lesson.Steps)
        while (!s.Text.empty() && std::isspace(static_cast<unsigned char>(s.Text.back())))
            s.Text.pop_back();
    while (!lesson.About.empty() && std::isspace(static_cast<unsigned char>(lesson.About.back())))
        lesson.About.pop_back();
    return lesson;
}

Lesson ReadLessonFile(const std::string& path) {
    return ParseLesson(ReadUserFile(path, kMaxLessonBytes + 1),
                       std::filesystem::path(path).filename().string());
}

} // namespace nnplay
