// session_io.cpp: files in and out of the window.
#include "app/gui/files/session_io.hpp"

#include "core/io/session_link.hpp"

#include "app/gui/files/asset_paths.hpp"
#include "app/gui/platform/native_chooser.hpp"
#include "app/gui/platform/xdg_paths.hpp"
#include "app/gui/runs/step_mode.hpp"
#include "core/io/image_session_file.hpp"
#include "core/io/lesson.hpp"
#include "core/io/points_csv.hpp"
#include "core/io/session_file.hpp"
#include "core/io/tf_playground_link.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace nnplay {

ViewRect FitView(const Dataset& d) {
    if (d.Points.empty()) return {};
    double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
    for (const DataPoint& p : d.Points) {
        x0 = std::min(x0, p.X1);
        x1 = std::max(x1, p.X1);
        y0 = std::min(y0, p.X2);
        y1 = std::max(y1, p.X2);
    }
    if (x0 >= -6.5 && x1 <= 6.5 && y0 >= -6.5 && y1 <= 6.5 && (x1 - x0 > 4 || y1 - y0 > 4)) return {};
    const double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, half = std::max({x1 - x0, y1 - y0, 0.5}) * 0.75;
    return {cx - half, cx + half, cy - half, cy + half};
}

std::string WindowLimitProblem(size_t points, const std::vector<int>& hidden) {
    const std::string also = "; nnplay train and nnplay compare take it without a window";
    if (int(hidden.size()) > kWindowMaxHidden)
        return "network.hidden: " + std::to_string(hidden.size()) +
               " hidden layers; the window draws at most " + std::to_string(kWindowMaxHidden) + also;
    for (size_t l = 0; l < hidden.size(); ++l)
        if (hidden[l] > kWindowMaxUnits)
            return "network.hidden[" + std::to_string(l) + "].units: " + std::to_string(hidden[l]) +
                   " units; the window draws at most " + std::to_string(kWindowMaxUnits) + " per layer" +
                   also;
    if (points > size_t(kWindowMaxPoints))
        return "dataset.points: " + std::to_string(points) + " points; the window draws at most " +
               std::to_string(kWindowMaxPoints) + also;
    return "";
}

void CheckFitsTheWindow(const SessionFile& f) {
    const auto refuse = [](const std::string& what) {
        throw UserError(what + "; nnplay train and nnplay compare take it without a window");
    };
    std::vector<int> hidden;
    for (const LayerSpec& h : f.Config.Network.Hidden)
        hidden.push_back(h.Units);
    if (const std::string problem = WindowLimitProblem(0, hidden); !problem.empty()) throw UserError(problem);
    for (size_t i = 0; i < f.Data.Points.size(); ++i) {
        const DataPoint& p = f.Data.Points[i];
        if (f.Data.RawInputs == 0 && (std::abs(p.X1) > kMaxCoordinate || std::abs(p.X2) > kMaxCoordinate))
            refuse("dataset.points[" + std::to_string(i) + "]: (" + NumberText(p.X1) + ", " +
                   NumberText(p.X2) + ") is beyond the plane the window shows (coordinates within ±1e6)");
    }
    if (const std::string problem = WindowLimitProblem(f.Data.Points.size(), {}); !problem.empty())
        throw UserError(problem);
}

void CheckSummaryFitsTheWindow(const std::string& path) {
    const SessionSummary s = ReadSessionSummary(path);
    if (!s.Known || !s.Images.empty()) return;
    if (const std::string problem = WindowLimitProblem(s.Points, s.Hidden); !problem.empty())
        throw UserError(path + ": " + problem);
}

void SaveSession(const SessionFile& f, const std::string& path) {
    SaveSessionFile(f, path);
}

namespace {

bool IsPointsFile(const std::string& path) {
    const std::string ext = std::filesystem::path(path).extension().string();
    return ext == ".csv" || ext == ".tsv" || ext == ".CSV" || ext == ".TSV";
}

SessionFile SessionFromLink(const TfPlaygroundSetup& setup) {
    SessionFile f;
    f.Data = GenerateDataset(setup.Data);
    f.Config = setup.Config;
    return f;
}

} // namespace

SessionFile LoadForWindow(const std::string& what, std::vector<std::string>& notes) {
    if (LooksLikeTfPlaygroundLink(what)) {
        const TfPlaygroundSetup setup = ParseTfPlaygroundLink(what);
        notes = setup.Notes;
        return SessionFromLink(setup);
    }
    if (IsPointsFile(what)) {
        SessionFile f;
        PointsCsv csv = ReadPointsCsv(what);
        if (!csv.HasSplit) AssignSplit(csv.Data, 0.5, 1);
        f.Data = std::move(csv.Data);
        if (f.Data.Kind == ProblemKind::Classification && f.Data.NumClasses > 2)
            f.Config.LossKind = Loss::HalfSquaredError;
        return f;
    }
    return LoadPlaygroundFile(what); // (a session link too: no extension, so never points)
}

std::string OpenedName(const std::string& what) {
    return LooksLikeTfPlaygroundLink(what) ? "playground link"
           : LooksLikeSessionLink(what)    ? "session link"
                                           : std::filesystem::path(what).filename().string();
}

void ReplaceDataset(UiState& ui, Run& run, Dataset data, const std::string& label, const std::string& what,
                    const ViewRect& view) {
    const Snapshot& s = run.Snap();
    run.BeginSetupEdit(
        what); // a new dataset may rebuild the network (other classes): undo brings back all of it
    if (data.Kind == ProblemKind::Regression &&
        (s.Config.LossKind == Loss::BinaryCrossEntropy || s.Config.LossKind == Loss::SoftmaxCrossEntropy))
        run.Post(cmd::SetLoss{Loss::HalfSquaredError, s.Config.Reduce});
    run.Post(cmd::SetDataset{std::move(data)});
    run.DataLabel = label;
    ui.Canvas.View = view;
}

bool ImportPoints(UiState& ui, Run& run, const std::string& path) {
    PointsCsv csv;
    try {
        csv = ReadPointsCsv(path);
        if (csv.Data.Points.size() > size_t(kWindowMaxPoints))
            throw UserError(path + ": " + std::to_string(csv.Data.Points.size()) +
                            " points; the window draws at most " + std::to_string(kWindowMaxPoints) +
                            " (nnplay train takes more)");
    } catch (const UserError& e) {
        ShowToast(ui, e.what(), 10.0);
        return false;
    }
    if (!csv.HasSplit) AssignSplit(csv.Data, ui.DataForm.TrainFraction, ui.DataForm.DataSeed);
    const std::string name = std::filesystem::path(path).filename().string();
    const size_t n = csv.Data.Points.size();
    const std::string kind = csv.Data.Kind == ProblemKind::Regression
                                 ? "values (regression)"
                                 : std::to_string(csv.Data.NumClasses) + " classes";
    ui.DataForm.Preset = "empty"; // drawing tools work on imported points as on drawn ones
    const std::string csv_read_as = csv.ReadAs;
    const ViewRect view = FitView(csv.Data);
    ReplaceDataset(ui, run, std::move(csv.Data), name, "import of " + name, view);
    ShowToast(ui, "Imported " + std::to_string(n) + " points from " + name + ": " + kind + " (" +
                      csv_read_as + "). Ctrl+Z puts the points back.");
    return true;
}

void KeepSessionBeforeOpen(UiState& ui, Run& run, const std::string& opened) {
    ui.Files.BeforeOpen = {true,
                           opened,
                           run.SessionWithHistory(),
                           ui.Canvas.View,
                           ui.DataForm.Preset,
                           ui.Step.Active,
                           ui.Canvas.UnitLines,
                           run.DataLabel,
                           run.CurrentCurves(),
                           std::move(run.Undo),
                           std::move(run.Redo),
                           std::nullopt,
                           false};
    run.Undo.clear();
    run.Redo.clear();
}

bool OpenPlaygroundFile(UiState& ui, Run& run, const std::string& path) {
    if (IsPointsFile(path)) return ImportPoints(ui, run, path);
    if (LooksLikeImageSessionFile(path)) return OpenImageSessionFile(ui, path);
    SessionFile f;
    std::optional<TfPlaygroundSetup> link;
    const bool session_link = LooksLikeSessionLink(path);
    try {
        if (session_link) {
            f = SessionFromLink(path);
        } else if (LooksLikeTfPlaygroundLink(path)) {
            link = ParseTfPlaygroundLink(path);
            f = SessionFromLink(*link);
        } else {
            CheckSummaryFitsTheWindow(path);
            f = LoadPlaygroundFile(path);
        }
        CheckFitsTheWindow(f);
    } catch (const UserError& e) {
        ShowToast(ui, e.what(), 8.0);
        return false;
    } catch (
        const std::exception& e) { // not expected (the loaders are fuzzed), but never worth the user's work
        ShowToast(ui, PlaceShown(path) + ": cannot be opened (" + e.what() + ")", 8.0);
        return false;
    }
    const std::string name = OpenedName(path);
    KeepSessionBeforeOpen(ui, run, name);
    ui.Canvas.View = FitView(f.Data);
    ui.DataForm.Preset = "empty";
    run.DataLabel = name;
    ui.Canvas.UnitLines = f.FromScenario;
    if (link) ShowLinkDataset(ui, run, *link);
    if (f.FromScenario)
        EnterStepMode(ui, run);
    else
        LeaveStepMode(ui);
    if (f.Comparison) {
        ui.PendingComparison = ComparisonRequest{*f.Comparison, false, ""};
        ui.Show.Lab = true;
    }
    ui.Files.Saved = {run.Edits, f.Updates, f.Config}; // what was opened is what is saved
    ui.Files.DocumentPath = link || session_link || f.FromScenario
                                ? ""
                                : path; // Save writes a session: never over a scenario or a link
    run.ShowSession(std::move(f), name);
    if (link) {
        std::string text = "Opened the playground link: " + run.DataLabel + ".";
        for (const std::string& note : link->Notes)
            text += "\n- " + note;
        ShowToast(ui, text + "\nFile > Back to before the playground link restores what you had.", 12.0);
    } else {
        ShowToast(ui, "Opened " + name + ". File > Back to before " + name + " restores what you had.");
    }
    return true;
}

void RestoreSessionBeforeOpen(UiState& ui, Run& run) {
    if (!ui.Files.BeforeOpen.Valid) return;
    SessionBeforeOpen& b = ui.Files.BeforeOpen;
    ui.Canvas.View = b.View;
    ui.DataForm.Preset = b.Preset;
    ui.Canvas.UnitLines = b.UnitLines;
    run.DataLabel = b.DataLabel;
    run.Undo = std::move(b.Undo);
    run.Redo = std::move(b.Redo);
    if (b.StepMode)
        EnterStepMode(ui, run);
    else
        LeaveStepMode(ui);
    run.ShowSession(std::move(b.File), "back to before " + b.Opened, std::move(b.Curves));
    ui.Show.Images = b.ShowingImages;
    if (b.Images) ui.Images.ImageRequest = std::move(b.Images); // the image mode's session too (a lesson's)
    ShowToast(ui, "Back to what you had before opening " + b.Opened);
    b = {};
}

bool OpenImageSessionFile(UiState& ui, const std::string& path, const std::string& remove_once_open) {
    try {
        auto f = std::make_shared<const ImageSessionFile>(LoadImageSessionFile(path));
        ui.Images.ImageRequest = ReopenImages(f, remove_once_open.empty() ? path : "");
        ui.Images.ImageRequest->RemoveOnceOpen = remove_once_open;
        return true;
    } catch (const UserError& e) {
        ShowToast(ui, e.what(), 8.0);
    } catch (const std::exception& e) { // not expected, but never worth the user's work
        ShowToast(ui, PlaceShown(path) + ": cannot be opened (" + e.what() + ")", 8.0);
    }
    return false;
}

std::string LastSessionPath() {
    return DataFile("last-session.json");
}

void SaveLastSession(const SessionFile& f) {
    KeepForNextTime(LastSessionPath(), "this session",
                    [&](const std::string& path) { SaveSession(f, path); });
}

namespace {
std::string BeforeLessonPath() {
    return DataFile("before-lesson.json");
}
std::string BeforeLessonImagesPath() {
    return DataFile("before-lesson-images.json");
}
} // namespace

void KeepBeforeLessonOnDisk(const UiState& ui) {
    const SessionBeforeOpen& b = ui.Files.BeforeOpen;
    KeepForNextTime(BeforeLessonPath(), "what the window held before the lesson",
                    [&](const std::string& path) { SaveSession(b.File, path); });
    std::error_code ec;
    if (b.Images && b.Images->Session)
        KeepForNextTime(BeforeLessonImagesPath(), "the image session held before the lesson",
                        [&](const std::string& path) { SaveImageSessionFile(*b.Images->Session, path); });
    else if (const std::string images = BeforeLessonImagesPath(); !images.empty())
        std::filesystem::remove(images, ec); // an older lesson's: not what this one replaced
}

bool BeforeLastLessonKept() {
    std::error_code ec;
    const std::string path = BeforeLessonPath();
    return !path.empty() && std::filesystem::exists(path, ec);
}

void RestoreBeforeLastLesson(UiState& ui, Run& run) {
    if (!OpenPlaygroundFile(ui, run, BeforeLessonPath())) return;
    ui.Files.DocumentPath.clear(); // work no file holds: Save asks where, closing asks first
    ui.Files.Saved = SessionVersion{0, -1, {}};
    std::error_code ec;
    if (const std::string images = BeforeLessonImagesPath(); std::filesystem::exists(images, ec)) {
        try {
            ui.Images.ImageRequest = ReopenImages(
                std::make_shared<const ImageSessionFile>(LoadImageSessionFile(images)), "", true);
        } catch (const UserError& e) {
            ShowToast(ui, e.what(), 8.0);
            return;
        }
    }
    ShowToast(ui, "Back to what the window held before the last lesson (kept in " +
                      PlaceShown(BeforeLessonPath()) + ")");
}

std::vector<LibraryEntry> ListLibrary(const std::string& folder) {
    std::vector<LibraryEntry> out;
    const std::string assets = AssetsDir();
    if (assets.empty()) return out;
    const std::filesystem::path dir = std::filesystem::path(assets) / folder;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        LibraryEntry e{entry.path().stem().string(), entry.path().string()};
        if (entry.path().extension() == ".md") { // a lesson: its title and introduction
            try {
                const Lesson l = ReadLessonFile(e.Path);
                e.Title = l.Title;
                e.About = l.About;
            } catch (const UserError& err) {
                e.About = err.what(); // listed, so that choosing it says what is wrong
            }
            out.push_back(std::move(e));
            continue;
        }
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path());
        const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
        if (j.is_object() && j.contains("name") && j["name"].is_string())
            e.Title = j["name"].get<std::string>();
        for (const char* key : {"about", "source"})
            if (j.is_object() && j.contains(key) && j[key].is_string() && e.About.empty())
                e.About = j[key].get<std::string>();
        out.push_back(std::move(e));
    }
    // The folder's order.txt (the lessons': the lectures' order) first, then the rest by name.
    std::vector<std::string> order;
    std::ifstream listed(dir / "order.txt");
    for (std::string line; std::getline(listed, line);)
        if (!line.empty() && line[0] != '#') order.push_back(line);
    const auto rank = [&](const LibraryEntry& e) {
        const auto it =
            std::find(order.begin(), order.end(), std::filesystem::path(e.Path).filename().string());
        return it - order.begin();
    };
    std::sort(out.begin(), out.end(), [&](const LibraryEntry& a, const LibraryEntry& b) {
        return std::pair(rank(a), a.Path) < std::pair(rank(b), b.Path);
    });
    return out;
}

void ShowLinkDataset(UiState& ui, Run& run, const TfPlaygroundSetup& link) {
    ui.DataForm.Preset = link.Data.Name;
    ui.DataForm.NumPoints = link.Data.NumPoints;
    ui.DataForm.Noise = float(link.Data.Noise);
    ui.DataForm.TrainFraction = float(link.Data.TrainFraction);
    ui.DataForm.DataSeed = link.Data.Seed;
    ui.Canvas.ShowTest = link.ShowTest;
    ui.Canvas.Discretize = link.Discretize;
    run.DataLabel = link.Data.Name;
}

} // namespace nnplay
