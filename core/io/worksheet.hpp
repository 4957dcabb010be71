// worksheet.hpp: one update of a network as a printable handout: one self-contained HTML file
// (no file beside it, pictures as inline SVG) with the network diagram, the update's phases in the
// lecture's notation with the step mode's own numbers (DescribePhase), and blanks where a student
// computes a value; or its answer key, the same sheet with every blank filled in and listed.
#pragma once
#include "core/teach/walkthrough.hpp"

#include <string>
#include <vector>

namespace nnplay {

// Which phases' results are left blank.
enum class WorksheetBlanks { None, Forward, Backward, Update, All };
// "forward", "backward", "update", "all" (or "none"); throws UserError naming the choices.
WorksheetBlanks ParseWorksheetBlanks(const std::string& text);

// The decision over the plane, for a network of two inputs: Values (Size × Size, row 0 at the top)
// are the output in [0, 1] (0: class 0, 1: class 1); the points drawn on it.
struct WorksheetPlane {
    double X0 = -6, X1 = 6, Y0 = -6, Y1 = 6;
    int Size = 0;
    std::vector<double> Values;
    struct Point {
        double X, Y;
        int Label;
        bool InBatch;
    };
    std::vector<Point> Points;
};

// The plane picture of a network of two inputs (x1, x2 through `features`) and one output of two
// classes: its output on a grid over the data's points, the points, `batch` (indices into
// data.Points) ringed. Size 0 for any other network or data.
WorksheetPlane PlaneOf(const Mlp& net, const Dataset& data, const std::vector<Feature>& features,
                       const OutputEncoding& encoding, const std::vector<int>& batch);

struct WorksheetSource {
    std::string Title;        // the scenario's or run's name
    std::string Text;         // a lesson step's text (Markdown, core/io/lesson.hpp's TextBlocks), or ""
    std::string Task;         // a lesson step's goal, or ""
    const Mlp* Net = nullptr; // the parameters before the update
    const UpdateWalkthrough* Walk = nullptr;
    const TrainConfig* Config = nullptr;
    long Update = 1;            // which update this is (1-based, for the heading)
    int Digits = 5;             // significant digits, as the step mode's
    WorksheetPlane Plane;       // empty (Size 0): no picture of the plane
    std::vector<double> Losses; // the training loss so far (empty: no curve)
};

// The sheet (answers false) or its answer key: every phase up to the last one `blanks` asks for
// (those before it given whole). Throws UserError when the source has no update.
std::string WorksheetHtml(const WorksheetSource& source, WorksheetBlanks blanks, bool answers);

} // namespace nnplay
