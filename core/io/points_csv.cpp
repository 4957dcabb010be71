// points_csv.cpp: CSV of points, strict on the way in (everything or nothing), exact on the way out.
#include "core/io/points_csv.hpp"

#include "core/util/error.hpp"
#include "core/util/json_file.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

namespace nnplay {

namespace {

// Blanks and quotes off both ends: a spreadsheet quotes its fields.
std::string_view TrimField(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '"' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> SplitFields(std::string_view line, char delim) {
    std::vector<std::string_view> out;
    for (size_t start = 0;;) {
        const size_t at = line.find(delim, start);
        out.push_back(TrimField(
            line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
        if (at == std::string_view::npos || out.size() > 8) return out;
        start = at + 1;
    }
}

std::string Where(size_t line, size_t column) {
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": ";
}

// A number as a spreadsheet writes it; with ';' between fields a decimal comma is allowed.
bool ReadNumber(std::string_view field, bool decimal_comma, double& out) {
    std::string text(field);
    if (decimal_comma) std::replace(text.begin(), text.end(), ',', '.');
    if (!text.empty() && text[0] == '+') text.erase(0, 1);
    return ReadDouble(text, out);
}

enum class Third { Unknown, Label, Value };

} // namespace

PointsCsv ParsePointsCsv(std::string_view text) {
    PointsCsv csv;
    struct Row {
        double X1, X2, Third;
        int Split; // -1 none, 0 train, 1 test
        size_t Line;
    };
    std::vector<Row> rows;
    Third third = Third::Unknown;
    bool header_seen = false, first = true, decimal_comma = false;
    size_t columns = 0;
    size_t line_no = 0;
    for (size_t pos = 0; pos < text.size();) {
        const size_t nl = text.find('\n', pos);
        const std::string_view raw =
            text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        ++line_no;
        if (raw.size() > kMaxCsvLineLength)
            throw UserError("line " + std::to_string(line_no) + ": longer than " +
                            std::to_string(kMaxCsvLineLength) +
                            " characters; a row is x1, x2 and a label or value");
        const std::string_view line = TrimField(raw);
        if (line.empty() || line[0] == '#') continue; // blank lines and comments
        if (first) {                                  // the first line decides the delimiter
            csv.Delimiter = line.find('\t') != std::string_view::npos  ? '\t'
                            : line.find(';') != std::string_view::npos ? ';'
                                                                       : ',';
            decimal_comma = csv.Delimiter == ';';
        }
        const std::vector<std::string_view> f = SplitFields(line, csv.Delimiter);
        // A header starts with a name (a letter); "nan" and "inf" are refused as numbers below.
        const bool named = !f[0].empty() && std::isalpha(static_cast<unsigned char>(f[0][0])) &&
                           f[0] != "nan" && f[0] != "inf" && f[0] != "NaN";
        if (first && named) { // a header
            first = false;
            header_seen = true;
            static constexpr std::string_view kExpected =
                "expected x1, x2, then label or value, then optionally split";
            if (f.size() < 3 || f.size() > 4)
                throw UserError("line " + std::to_string(line_no) + ": a header of " +
                                std::to_string(f.size()) + " columns; " + std::string(kExpected));
            const std::string third_name = [&] {
                std::string s(f[2]);
                for (char& c : s)
                    c = char(std::tolower(static_cast<unsigned char>(c)));
                return s;
            }();
            if (third_name == "label" || third_name == "class")
                third = Third::Label;
            else if (third_name == "value" || third_name == "target")
                third = Third::Value;
            else
                throw UserError(Where(line_no, 3) + Quoted(f[2]) + ": " + std::string(kExpected));
            columns = f.size();
            continue;
        }
        first = false;
        if (columns == 0) columns = f.size();
        if (f.size() != columns || columns < 3 || columns > 4)
            throw UserError("line " + std::to_string(line_no) + ": " + std::to_string(f.size()) + " columns" +
                            (columns >= 3 && columns <= 4 && f.size() != columns
                                 ? " where the file has " + std::to_string(columns)
                                 : std::string()) +
                            "; expected x1, x2 and a label or value (3 columns, or 4 with a split)");
        if (rows.size() == size_t(kMaxPoints))
            throw UserError("line " + std::to_string(line_no) + ": more than " + std::to_string(kMaxPoints) +
                            " points; nnplay takes at most " + std::to_string(kMaxPoints));
        Row r{0, 0, 0, -1, line_no};
        double* targets[3] = {&r.X1, &r.X2, &r.Third};
        for (size_t c = 0; c < 3; ++c) {
            if (!ReadNumber(f[c], decimal_comma, *targets[c]))
                throw UserError(Where(line_no, c + 1) + Quoted(f[c]) + " is not a number");
            if (!std::isfinite(*targets[c]) || std::abs(*targets[c]) > kMaxCoordinate)
                throw UserError(Where(line_no, c + 1) + Quoted(f[c]) +
                                ": numbers must be finite and within ±1e6");
        }
        if (columns == 4) {
            const std::string_view s = f[3];
            if (s == "train" || s == "0")
                r.Split = 0;
            else if (s == "test" || s == "1")
                r.Split = 1;
            else
                throw UserError(Where(line_no, 4) + Quoted(s) + ": the split is train or test");
        }
        rows.push_back(r);
    }
    if (rows.empty()) throw UserError(header_seen ? "a header but no points" : "no points (an empty file)");
    const auto is_class = [](double v) { return v == std::floor(v) && v >= 0 && v < kMaxClasses; };
    const auto no_class =
        std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return !is_class(r.Third); });
    const auto fraction =
        std::find_if(rows.begin(), rows.end(), [](const Row& r) { return r.Third != std::floor(r.Third); });
    if (third == Third::Label) {
        csv.ReadAs = "the header names the third column label";
    } else if (third == Third::Value) {
        csv.ReadAs = "the header names the third column value";
    } else if (no_class == rows.end()) {
        third = Third::Label;
        csv.ReadAs = "every third entry is a whole number from 0 to " + std::to_string(kMaxClasses - 1);
    } else if (fraction == rows.end()) {
        throw UserError(Where(no_class->Line, 3) + NumberText(no_class->Third) +
                        ": a class is a number from 0 to " + std::to_string(kMaxClasses - 1) +
                        ", and every third entry is a whole number, as labels are; to read them as values "
                        "(regression), start the file with the header x1,x2,value");
    } else {
        third = Third::Value;
        csv.ReadAs = "line " + std::to_string(fraction->Line) + " has " + NumberText(fraction->Third) +
                     " in the third column, not a class number";
    }
    Dataset& d = csv.Data;
    d.Kind = third == Third::Label ? ProblemKind::Classification : ProblemKind::Regression;
    d.NumClasses = third == Third::Label ? 2 : 0;
    d.Points.reserve(rows.size());
    for (const Row& r : rows) {
        DataPoint p;
        p.X1 = r.X1;
        p.X2 = r.X2;
        if (third == Third::Label) {
            if (!is_class(r.Third))
                throw UserError(Where(r.Line, 3) + NumberText(r.Third) +
                                ": a label is a class number from 0 to " + std::to_string(kMaxClasses - 1));
            p.Label = int(r.Third);
            d.NumClasses = std::max(d.NumClasses, p.Label + 1);
        } else {
            p.Value = r.Third;
        }
        p.IsTest = r.Split == 1;
        d.Points.push_back(std::move(p));
    }
    csv.HasSplit = columns == 4;
    return csv;
}

PointsCsv ReadPointsCsv(const std::string& path) {
    const std::string text = ReadUserFile(path, kMaxCsvBytes);
    try {
        return ParsePointsCsv(text);
    } catch (const UserError& e) {
        throw UserError(path + ": " + e.what());
    }
}

std::string PointsToCsv(const Dataset& d) {
    if (d.RawInputs > 0)
        throw UserError("these samples have " + std::to_string(d.RawInputs) +
                        " inputs each, not points (x1, x2): save the session instead");
    if (d.Kind == ProblemKind::Regression && d.Outputs > 1)
        throw UserError("these points have " + std::to_string(d.Outputs) +
                        " targets each; CSV holds one: save the session instead");
    const bool classes = d.Kind == ProblemKind::Classification;
    std::string out = classes ? "x1,x2,label,split\n" : "x1,x2,value,split\n";
    for (const DataPoint& p : d.Points) {
        out.append(NumberText(p.X1)).append(",").append(NumberText(p.X2)).append(",");
        out.append(classes ? std::to_string(p.Label) : NumberText(p.FirstValue()));
        out.append(p.IsTest ? ",test\n" : ",train\n");
    }
    return out;
}

std::string LossHistoryToCsv(const LossHistory& h) {
    std::string out = "series,first,last,count,mean,min,max\n";
    const auto rows = [&](const char* name, const Series& s) {
        for (const SeriesBucket& b : s.Buckets())
            out.append(name)
                .append(",")
                .append(std::to_string(b.FirstX))
                .append(",")
                .append(std::to_string(b.LastX))
                .append(",")
                .append(std::to_string(b.Count))
                .append(",")
                .append(NumberText(b.Mean()))
                .append(",")
                .append(NumberText(b.Min))
                .append(",")
                .append(NumberText(b.Max))
                .append("\n");
    };
    rows("batch", h.BatchLoss);
    rows("epoch_train", h.EpochTrainLoss);
    rows("epoch_test", h.EpochTestLoss);
    return out;
}

} // namespace nnplay
