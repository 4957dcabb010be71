// points_csv.hpp: points in and out as CSV, the format spreadsheets and notebooks already have:
// x1,x2,label (classes) or x1,x2,value (regression), an optional fourth column "split"
// (train/test), an optional header; comma, semicolon (with decimal commas) or tab.
#pragma once
#include "core/data/dataset.hpp"
#include "core/util/loss_history.hpp"

#include <string>
#include <string_view>

namespace nnplay {

inline constexpr size_t kMaxCsvBytes = size_t(16) << 20; // 100,000 points take ~5 MB
inline constexpr size_t kMaxCsvLineLength = 1024;

struct PointsCsv {
    Dataset Data;
    bool HasSplit = false; // a "split" column said which points are test points
    char Delimiter = ',';
    std::string ReadAs; // why it was read as classes or values ("the header names the third column label")
};

// Refused as a whole (UserError naming the line and column: "line 7, column 2: 'abc' is not a
// number"): a wrong column count, a number that is not finite or beyond ±kMaxCoordinate, a
// label that is not a class number 0..5, an unknown header name, a line longer than
// kMaxCsvLineLength, more than kMaxPoints points, no points at all. Nothing is half-loaded.
// Without a header the third column is a class when every entry is a whole number 0..5, and a
// value when some entry has a fraction; whole numbers some of which are no class (7, -1: a
// label file with a slip?) are refused, naming the line and the header that says which.
PointsCsv ParsePointsCsv(std::string_view text);
// The file at `path` (bounded, regular files only; see ReadUserFile); messages start with it.
PointsCsv ReadPointsCsv(const std::string& path);

// Header x1,x2,label,split (or value); every number written so it reads back exactly. Throws
// UserError for data that are not points of the plane (a scenario's table of inputs, several
// targets per point).
std::string PointsToCsv(const Dataset& data);

// The loss curves as rows: series (batch / epoch_train / epoch_test), first and last update or
// epoch of the bucket, count, mean, min, max (a long run's buckets cover many updates).
std::string LossHistoryToCsv(const LossHistory& history);

} // namespace nnplay
