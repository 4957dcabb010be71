// session_io.cpp: files in and out of the window.
#include "app/gui/session_io.hpp"

#include "app/gui/step_mode.hpp"
#include "core/error.hpp"
#include "core/session_file.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

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

void SaveSession(const Snapshot& s, const std::string& path) {
    SessionFile f;
    if (s.Data) f.Data = *s.Data;
    f.Config = s.Config;
    f.Params = s.Params;
    f.Updates = s.Updates;
    f.Epochs = s.Epochs;
    f.SpeedLimit = s.SpeedLimit;
    f.Metrics = MetricsToJson(s.Eval);
    SaveSessionFile(f, path);
}

void OpenPlaygroundFile(UiState& ui, const Commands& cmd, const std::string& path) {
    try {
        SessionFile f = LoadPlaygroundFile(path);
        ui.View = FitView(f.Data);
        ui.Undo.clear();
        ui.Redo.clear();
        ui.Seed = f.Config.Seed;
        ui.SpeedLimit = f.SpeedLimit;
        ui.Preset = "empty";
        cmd.Post(cmd::SetSpeedLimit{f.SpeedLimit});
        cmd.Post(cmd::LoadSession{f.Config, std::move(f.Data), f.Params, f.Updates, f.Epochs,
                                  std::filesystem::path(path).filename().string()});
        ui.UnitLines = f.FromScenario;
        if (f.FromScenario)
            EnterStepMode(ui, cmd);
        else
            LeaveStepMode(ui);
    } catch (const UserError& e) {
        ShowToast(ui, e.what(), 8.0);
    }
}

std::vector<LibraryEntry> ListLibrary(const std::string& folder) {
    std::vector<LibraryEntry> out;
    const std::filesystem::path dir = std::filesystem::path(NNPLAY_ASSETS_DIR) / folder;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".json") continue;
        LibraryEntry e{entry.path().stem().string(), entry.path().string()};
        std::ifstream in(entry.path());
        const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
        if (j.is_object() && j.contains("name") && j["name"].is_string()) e.Title = j["name"].get<std::string>();
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const LibraryEntry& a, const LibraryEntry& b) { return a.Path < b.Path; });
    return out;
}

} // namespace nnplay
