// file_actions.cpp: open, save, import and export from the window, and the document's state.
#include "app/gui/files/file_actions.hpp"

#include "core/io/session_link.hpp"

#include "app/gui/files/autosave.hpp"
#include "app/gui/files/image_session_io.hpp"
#include "app/gui/runs/step_mode.hpp"

#include "app/gui/files/session_io.hpp"
#include "app/gui/platform/native_chooser.hpp"
#include "app/gui/platform/platform.hpp"
#include "core/io/atomic_file.hpp"
#include "core/io/network_export.hpp"
#include "core/io/points_csv.hpp"
#include "core/io/tf_playground_link.hpp"
#include "core/io/worksheet.hpp"
#include "core/util/error.hpp"
#include "core/util/json_file.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <utility>

namespace nnplay {

namespace {

struct ActionInfo {
    const char* Title;       // the dialog's title and the menu's words
    const char* Prompt;      // what the typed-path dialog asks
    const char* DefaultName; // the file name proposed
    bool Writes;
    const char* Filter; // the chooser's patterns
};

const ActionInfo& InfoOf(FileAction a) {
    static const ActionInfo kNone{"", "", "", false, ""};
    static const ActionInfo kInfo[] = {
        kNone,
        {"Open", "A session, a scenario, a lesson (.md), points as CSV, or a TensorFlow Playground link:", "",
         false, "*.json *.csv *.tsv *.md"},
        {"Save session", "Save the data, settings, weights and curves to:", "nnplay-session.json", true,
         "*.json"},
        {"Import points (CSV)", "Points as CSV (x1,x2,label or x1,x2,value) to replace the dataset:", "",
         false, "*.csv *.tsv *.txt"},
        {"Export points (CSV)", "Write the points (x1,x2,label or value,split) to:", "points.csv", true,
         "*.csv"},
        {"Export loss history (CSV)", "Write the loss curves to:", "loss-history.csv", true, "*.csv"},
        {"Export canvas (PNG)", "Write the canvas as it is on screen to:", "canvas.png", true, "*.png"},
        {"Export window (PNG)", "Write the whole window as it is on screen to:", "window.png", true, "*.png"},
        {"Export network as Python",
         "Write the network (weights and predict(x1, x2), standard library only) to:", "network.py", true,
         "*.py"},
        {"Export next update as scenario",
         "Write the next update (network, weights, batch) as a scenario for nnplay step to:",
         "next-update.json", true, "*.json"},
        {"Export worksheet (HTML)",
         "Write the next update as a printable worksheet (and its answer key, -answers.html) to:",
         "worksheet.html", true, "*.html"},
        {"Open images (IDX)",
         "A folder with MNIST's four IDX files (train-images-idx3-ubyte... gzipped or not), or one of them:",
         "", false, "*-ubyte *-ubyte.gz"},
        {"Save image session",
         "Save the network, its optimizer state, counters and curves (the images stay where they are) to:",
         "nnplay-images.json", true, "*.json"},
        {"Keep the autosave as",
         "Keep the autosaved session as a file (nnplay train --load FILE takes it) at:",
         "nnplay-autosave.json", true, "*.json"},
    };
    return kInfo[size_t(a)];
}

bool Saves(FileAction a) {
    return a == FileAction::SaveSession || a == FileAction::SaveImages || a == FileAction::KeepAutosave;
}

std::string StartFolder(const UiState& ui) {
    std::error_code ec;
    if (!ui.Files.LastFolder.empty() && std::filesystem::is_directory(ui.Files.LastFolder, ec))
        return ui.Files.LastFolder;
    const char* home = std::getenv("HOME");
    return home && *home ? home : ".";
}

std::string FileName(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

// The run's session as a training session (for the exporters, which read a network).
TrainingSession SessionOfRun(const Run& run) {
    const SessionFile f = SessionOf(run.Snap());
    TrainingSession s(f.Config, f.Data);
    s.LoadWeights(f.Params, f.Updates, f.Epochs);
    return s;
}

void Save(UiState& ui, Run& run, const std::string& path) {
    SaveSession(run.SessionWithHistory(), path);
    ui.Files.DocumentPath = path;
    ui.Files.Saved = run.Version();
    NoteRecentFile(ui, path);
    ShowToast(ui, "Saved to " + PlaceShown(path));
}

void WriteExport(UiState& ui, const std::string& path, const std::string& text, const std::string& what) {
    WriteFileAtomically(path, text);
    ui.Files.LastFolder = std::filesystem::path(path).parent_path().string();
    ShowToast(ui, what + " written to " + PlaceShown(path));
}

// The next update as a worksheet with the step mode's numbers (its digits, its batch), the
// lesson's step text and task when a lesson is open, and the answer key beside it.
void WriteWorksheet(UiState& ui, Run& run, const std::string& path) {
    const Snapshot& s = run.Snap();
    if (!s.Data || s.NextBatch.empty() || s.Layers.empty())
        throw UserError("no update to put on a worksheet: there are no training points");
    Mlp net;
    const UpdateWalkthrough walk = WalkThroughNextUpdate(s, net);
    WorksheetSource source;
    source.Title = ui.Lesson.Title.empty() ? run.DataLabel + ": update " + std::to_string(s.Updates + 1)
                                           : ui.Lesson.Title;
    source.Text = ui.Lesson.Text;
    source.Task = ui.Lesson.Goal;
    source.Net = &net;
    source.Walk = &walk;
    source.Config = &s.Config;
    source.Update = s.Updates + 1;
    source.Digits = ui.Step.Digits;
    source.Plane = PlaneOf(net, *s.Data, s.Config.Network.Features, s.Encoding, s.NextBatch);
    std::filesystem::path answers(path);
    answers.replace_filename(answers.stem().string() + "-answers" + answers.extension().string());
    WriteFileAtomically(answers.string(), WorksheetHtml(source, WorksheetBlanks::All, true));
    WriteExport(ui, path, WorksheetHtml(source, WorksheetBlanks::All, false),
                "The worksheet (its answer key: " + answers.filename().string() + ")");
}

void TypedPathDialog(UiState& ui, Run& run) {
    PrintItemValue(ui, "path dialog",
                   ui.Files.Dialog == FileAction::None ? "closed" : InfoOf(ui.Files.Dialog).Title);
    if (ui.Files.Dialog == FileAction::None) return;
    const ActionInfo& info = InfoOf(ui.Files.Dialog);
    if (!ImGui::IsPopupOpen(info.Title)) ImGui::OpenPopup(info.Title);
    bool open = true;
    if (!ImGui::BeginPopupModal(info.Title, &open, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (!open) ui.Files.Dialog = FileAction::None;
        return;
    }
    ImGui::TextUnformatted(info.Prompt);
    char buf[kMaxLinkLength + 1];
    std::snprintf(buf, sizeof buf, "%s", ui.Files.FilePath.c_str());
    ImGui::SetNextItemWidth(560 * ui.Look.Scale);
    // Enter deactivates the field; when it was refused (a problem below), the field takes the
    // keys back on the next frame so the user can correct the path without a click.
    if (ImGui::IsWindowAppearing() || std::exchange(ui.Files.RefocusPath, false))
        ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputText("##path", buf, sizeof buf, ImGuiInputTextFlags_EnterReturnsTrue);
    PrintItemValue(ui, "path field", std::string(ImGui::IsItemActive() ? "typing: " : "idle: ") + buf);
    ui.Files.FilePath = buf;
    // What is at the path, said before the button is pressed: no file replaced unannounced, no
    // button that can only fail.
    std::error_code ec;
    const bool link = ui.Files.Dialog == FileAction::Open && (LooksLikeTfPlaygroundLink(ui.Files.FilePath) ||
                                                              LooksLikeSessionLink(ui.Files.FilePath));
    const bool exists = !link && !ui.Files.FilePath.empty() && std::filesystem::exists(ui.Files.FilePath, ec);
    const char* problem = ui.Files.FilePath.empty() ? "Type a path."
                          : exists && std::filesystem::is_directory(ui.Files.FilePath, ec) &&
                                  ui.Files.Dialog != FileAction::OpenImages
                              ? "This is a folder: add a file name."
                          : !info.Writes && !exists && !link ? "There is no file at this path."
                                                             : nullptr;
    const ImVec4 warn{0.95f, 0.6f, 0.3f, 1.0f};
    if (problem)
        ImGui::TextColored(warn, "%s", problem);
    else if (info.Writes && exists)
        ImGui::TextColored(warn, "A file with this name exists: %s replaces it.",
                           Saves(ui.Files.Dialog) ? "Save" : "Export");
    else if (link)
        ImGui::TextDisabled("A TensorFlow Playground link: Open sets up what it says.");
    if (enter && problem) ui.Files.RefocusPath = true;
    ImGui::BeginDisabled(problem != nullptr);
    const char* go_label = info.Writes ? (Saves(ui.Files.Dialog) ? "Save" : "Export") : "Open";
    const bool go = ImGui::Button(go_label) || (enter && !problem);
    PrintItemLayout(ui, std::string("dialog button ") + go_label);
    ImGui::EndDisabled();
    if (go) {
        const FileAction a = ui.Files.Dialog;
        ui.Files.Dialog = FileAction::None;
        ImGui::CloseCurrentPopup();
        DoFileAction(ui, run, a, ui.Files.FilePath);
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) {
        ui.Files.Dialog = FileAction::None;
        ui.Files.CloseAfterSave = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    if (!open) ui.Files.Dialog = FileAction::None;
}

// The name the title and the questions give the image session.
std::string ImageDocumentName(const ImageMode& m) {
    return m.DocumentPath.empty() ? m.Label + " (images)" : FileName(m.DocumentPath);
}

void CloseQuestion(UiState& ui, Run& run, const ImageMode& images) {
    constexpr const char* kTitle = "Unsaved changes";
    PrintItemValue(ui, "unsaved question", ui.Files.AskClose ? "open" : "closed");
    if (!ui.Files.AskClose) return;
    // The question is about the session on screen; when only the other mode's is unsaved, the
    // window shows that one.
    const bool plane_unsaved = HasUnsavedChanges(ui, run), images_unsaved = ImageUnsaved(images);
    if (ui.Show.Images && !images_unsaved && plane_unsaved) ui.Show.Images = false;
    if (!ui.Show.Images && !plane_unsaved && images_unsaved) ui.Show.Images = true;
    const bool on_images = images.InFront(ui);
    if (!ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
    if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const std::string name = on_images                       ? ImageDocumentName(images)
                             : ui.Files.DocumentPath.empty() ? run.DataLabel
                                                             : FileName(ui.Files.DocumentPath);
    ImGui::Text("This %s (%s) has changes that are not saved in a file.",
                on_images ? "image session" : "session", name.c_str());
    ImGui::TextDisabled("Either way the window keeps it for %s.",
                        on_images ? "Images > Last image session" : "File > Last session");
    if (on_images ? plane_unsaved : images_unsaved)
        ImGui::TextDisabled("The %s is not saved either: it is kept the same way.",
                            on_images ? "2-D session" : "image session");
    const std::string document = on_images ? images.DocumentPath : ui.Files.DocumentPath;
    const bool to_document = !document.empty();
    const std::string save_label =
        to_document ? "Save to " + FileName(document) + " and quit" : std::string("Save as... and quit");
    if (ImGui::Button(save_label.c_str())) {
        ui.Files.AskClose = false;
        ImGui::CloseCurrentPopup();
        if (to_document && on_images) {
            ui.Files.CloseAfterSave =
                true; // closes once the trainer has handed the session over and it is written
            ui.Images.ImageSaveTo = document;
        } else if (to_document) {
            try {
                Save(ui, run, ui.Files.DocumentPath);
                ui.Files.CloseConfirmed = true;
                ui.Files.QuitAsked = true;
            } catch (const UserError& e) {
                ShowToast(ui, e.what(), 10.0);
            }
        } else {
            ui.Files.CloseAfterSave = true;
            AskForFile(ui, on_images ? FileAction::SaveImages : FileAction::SaveSession);
        }
    }
    PrintItemLayout(ui, "button Save and quit");
    ImGui::SameLine();
    const bool again = ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false);
    if (ImGui::Button("Quit without saving (Ctrl+Q)") || again) {
        ui.Actions.push_back(act::Quit{true}); // (Do's queue: the app carries it out, the log records it)
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) {
        ui.Files.AskClose = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// A window that did not close normally left an autosave: offered once, at the start.
// A window that did not close normally left an autosave: offered once, at the start. One this
// window cannot restore (beyond what it draws) says why and is kept as a file or discarded:
// never offered again.
void RestoreQuestion(UiState& ui, Run& run) {
    constexpr const char* kTitle = "Restore the autosaved session?";
    if (!ui.Files.RestoreOffer || ui.Files.Dialog != FileAction::None) return;
    if (!ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
    if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    OrphanAutosave& o = *ui.Files.RestoreOffer;
    const bool images = !o.Images.empty();
    PrintItemValue(ui, "restore offer", o.Path);
    ImGui::TextUnformatted(
        "An nnplay window ended with work not saved in a file (a crash, a power cut, a kill, a page left).");
    if (images)
        ImGui::Text("It autosaved its image session at %s: %s, %ld updates.", o.When.c_str(),
                    o.Images.c_str(), o.Updates);
    else
        ImGui::Text("It autosaved its session at %s: %zu points, %ld updates.", o.When.c_str(), o.Points,
                    o.Updates);
    bool done = false;
    if (!o.Refused.empty()) {
        PrintItemValue(ui, "restore refused", o.Refused);
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
        ImGui::TextColored({0.95f, 0.6f, 0.3f, 1.0f}, "This window cannot restore it: %s.",
                           o.Refused.c_str());
        ImGui::PopTextWrapPos();
    }
    const bool refused = !o.Refused.empty();
    if (refused && ImGui::Button("Keep it as a file...")) {
        ui.Files.KeepAutosaveFrom = o.Path;
        AskForFile(ui, FileAction::KeepAutosave);
        done = true;
    }
    if (refused) PrintItemLayout(ui, "button Keep it as a file");
    if (!refused && ImGui::Button("Restore it")) {
        const std::string path = o.Path;
        done = true;
        if (images) {
            // Its images are read off this thread; the autosave goes once the session is back.
            if (OpenImageSessionFile(ui, path, path))
                ShowToast(ui, "Restoring the image session autosaved at " + o.When + " ...", 30.0);
        } else if (OpenPlaygroundFile(ui, run, path)) {
            ui.Files.DocumentPath.clear(); // restored work is not in a file yet: it is unsaved
            run.DataLabel = "restored session";
            ui.Files.Saved.Updates = -1;
            ui.Files.AutosaveNow = true; // this window's own autosave holds it from now on
            RemoveOrphanAutosave(path);
            ShowToast(ui, "Restored the session autosaved at " + o.When + ". Save it with Ctrl+S.");
            PrintItemValue(ui, "restored", path);
        } else { // refused when read whole (the toast has why): the question says so and stays
            o.Refused = ui.Toast;
            ui.Toast.clear();
            done = false;
        }
    }
    if (!refused) PrintItemLayout(ui, "button Restore it");
    ImGui::SameLine();
    if (ImGui::Button("Discard it")) {
        RemoveOrphanAutosave(o.Path);
        done = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("Not now") || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) {
        done = true;   // kept: offered again next time, unless this window cannot restore it
        if (refused) { // out of the autosaves' way (never offered again), where the user can still find it
            const std::filesystem::path from(o.Path);
            const std::string aside = (from.parent_path() / ("refused-" + from.filename().string())).string();
            std::error_code ec;
            std::filesystem::rename(from, aside, ec);
            RemoveOrphanAutosave(o.Path); // (its dead window's lock)
            ShowToast(ui,
                      ec ? "Could not move the autosave aside: " + ec.message()
                         : "The autosave is kept as " + aside + "; it will not be offered again.",
                      12.0);
        }
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(refused ? "Moves it aside, beside the autosaves: it is not offered again"
                                  : "Keeps the autosave: the next window offers it again");
    if (done) {
        ui.Files.RestoreOffer.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace

void NoteRecentFile(UiState& ui, const std::string& path) {
    std::error_code ec;
    const std::string full = std::filesystem::absolute(path, ec).lexically_normal().string();
    ui.Files.Recent.erase(std::remove(ui.Files.Recent.begin(), ui.Files.Recent.end(), full),
                          ui.Files.Recent.end());
    ui.Files.Recent.insert(ui.Files.Recent.begin(), full);
    if (ui.Files.Recent.size() > kMaxRecent) ui.Files.Recent.resize(kMaxRecent);
    ui.Files.LastFolder = std::filesystem::path(full).parent_path().string();
}

void AskForFile(UiState& ui, FileAction a, const std::string& document) {
    if (ui.Files.Chooser.valid() || ui.Files.Dialog != FileAction::None) return; // one question at a time
    const ActionInfo& info = InfoOf(a);
    const std::string folder = StartFolder(ui);
    const std::string proposed = !document.empty() ? document
                                 : a == FileAction::SaveSession && !ui.Files.DocumentPath.empty()
                                     ? ui.Files.DocumentPath
                                     : (std::filesystem::path(folder) / info.DefaultName).string();
    if (const std::optional<Chooser> chooser = FindChooser()) {
        ui.Files.ChooserFor = a;
        ui.Files.Chooser = RunChooser(*chooser, {std::string(info.Title) + " - nnplay",
                                                 info.Writes ? proposed : folder + "/", info.Writes,
                                                 info.Filter, a == FileAction::OpenImages});
        return;
    }
    ui.Files.Dialog = a;
    ui.Files.FilePath = proposed;
}

void DoFileAction(UiState& ui, Run& run, FileAction a, const std::string& path) {
    ui.Done.push_back(act::File{a, path}); // (what the action log records)
    CarryOutFile(ui, run, a, path);
}

void CarryOutFile(UiState& ui, Run& run, FileAction a, const std::string& path) {
    const Snapshot& s = run.Snap();
    try {
        switch (a) {
        case FileAction::None:
            break;
        case FileAction::Open:
            if (std::filesystem::path(path).extension() == ".md") { // a lesson: the app opens it
                ui.Files.LessonToOpen = path;
                NoteRecentFile(ui, path);
            } else if (OpenPlaygroundFile(ui, run, path) && !LooksLikeTfPlaygroundLink(path) &&
                       !LooksLikeSessionLink(path))
                NoteRecentFile(ui, path);
            break;
        case FileAction::OpenImages:
            ui.Images.ImageRequest
                .emplace(); // read off this thread: the window starts the image mode when it is
            ui.Images.ImageRequest->Folder = path; // "": the installed Fashion-MNIST
            if (!path.empty()) ui.Files.LastFolder = std::filesystem::path(path).parent_path().string();
            break;
        case FileAction::ImportPoints:
            if (ImportPoints(ui, run, path)) NoteRecentFile(ui, path);
            break;
        case FileAction::SaveSession:
            Save(ui, run, path);
            break;
        case FileAction::KeepAutosave: // a copy first, written atomically; the autosave goes once it is there
            WriteFileAtomically(path, ReadUserFile(ui.Files.KeepAutosaveFrom, kMaxJsonFileBytes * 16));
            RemoveOrphanAutosave(ui.Files.KeepAutosaveFrom);
            ShowToast(ui, "The autosaved session was kept as " + path + " (nnplay train --load " + path +
                              " takes it)");
            NoteRecentFile(ui, path);
            ui.Files.KeepAutosaveFrom.clear();
            break;
        case FileAction::SaveImages: // written once the image trainer hands its session over
            ui.Images.ImageSaveTo = path;
            return;
        case FileAction::ExportPoints:
            if (!s.Data) throw UserError("no points yet");
            WriteExport(ui, path, PointsToCsv(*s.Data), std::to_string(s.Data->Points.size()) + " points");
            break;
        case FileAction::ExportLoss:
            WriteExport(ui, path, LossHistoryToCsv(run.History), "The loss history");
            break;
        case FileAction::ExportCanvasPng:
        case FileAction::ExportWindowPng:
            ui.Files.Png =
                PendingPng{path, a == FileAction::ExportCanvasPng}; // written once the dialog is gone
            ui.Files.LastFolder = std::filesystem::path(path).parent_path().string();
            break;
        case FileAction::ExportPython: {
            const TrainingSession session = SessionOfRun(run);
            WriteExport(
                ui, path,
                NetworkToPython(session, run.DataLabel + " after " + std::to_string(s.Updates) + " updates"),
                "The network (Python)");
            break;
        }
        case FileAction::ExportWorksheet:
            WriteWorksheet(ui, run, path);
            break;
        case FileAction::ExportScenario: {
            const TrainingSession session = SessionOfRun(run);
            const std::string title = run.DataLabel + ": the update after " + std::to_string(s.Updates);
            WriteExport(ui, path, NetworkToScenario(session, title, s.NextBatch).dump(2) + "\n",
                        "The next update (scenario)");
            break;
        }
        }
    } catch (const UserError& e) {
        ShowToast(ui, e.what(), 10.0);
        ui.Files.CloseAfterSave = false;
        return;
    }
    if (ui.Files.CloseAfterSave && a == FileAction::SaveSession)
        ui.Files.CloseConfirmed = true; // the loop closes
}

void DrawFileDialogs(UiState& ui, Run& run, const ImageMode& images) {
    if (ui.Files.Chooser.valid() &&
        ui.Files.Chooser.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        const std::optional<std::string> picked = ui.Files.Chooser.get();
        if (picked)
            DoFileAction(ui, run, ui.Files.ChooserFor, *picked);
        else
            ui.Files.CloseAfterSave = false;
        ui.Files.ChooserFor = FileAction::None;
    }
    RestoreQuestion(ui, run);
    TypedPathDialog(ui, run);
    CloseQuestion(ui, run, images);
}

void DrawFileMenuItems(UiState& ui, Run& run) {
    if (ImGui::MenuItem("Open...", "Ctrl+O")) AskForFile(ui, FileAction::Open);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A session, a lecture scenario, points as CSV, or a TensorFlow Playground link");
    if (ImGui::BeginMenu("Open recent", !ui.Files.Recent.empty())) {
        for (const std::string& path : ui.Files.Recent) {
            const std::string label = FileName(path) + "##" + path;
            if (ImGui::MenuItem(label.c_str())) {
                DoFileAction(ui, run, FileAction::Open, path);
                break; // the list may have changed
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", path.c_str());
        }
        ImGui::EndMenu();
    }
    PrintItemLayout(ui, "menu Open recent");
    if (ImGui::MenuItem("Save", nullptr, false, !ui.Files.DocumentPath.empty()))
        DoFileAction(ui, run, FileAction::SaveSession, ui.Files.DocumentPath);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", ui.Files.DocumentPath.empty() ? "Not saved in a file yet: Save session as..."
                                                              : ui.Files.DocumentPath.c_str());
    if (ImGui::MenuItem("Save session as...", "Ctrl+S")) AskForFile(ui, FileAction::SaveSession);
    ImGui::Separator();
    if (ImGui::MenuItem("Import points (CSV)...")) AskForFile(ui, FileAction::ImportPoints);
    PrintItemLayout(ui, "menu item Import points");
    if (ImGui::BeginMenu("Export")) {
        for (FileAction a : {FileAction::ExportPoints, FileAction::ExportLoss, FileAction::ExportCanvasPng,
                             FileAction::ExportWindowPng, FileAction::ExportPython,
                             FileAction::ExportScenario, FileAction::ExportWorksheet}) {
            const std::string label = std::string(InfoOf(a).Title) + "...";
            if (ImGui::MenuItem(label.c_str())) AskForFile(ui, a);
            PrintItemLayout(ui, "menu item " + std::string(InfoOf(a).Title));
        }
        ImGui::EndMenu();
    }
    PrintItemLayout(ui, "menu Export");
    if (ImGui::MenuItem("Copy link to this session")) {
        SessionFile f = SessionOf(run.Snap());
        f.SpeedLimit = run.SpeedLimit;
        const std::string link = PageAddress() + SessionLinkHash(f);
        ImGui::SetClipboardText(link.c_str());
        PrintItemValue(ui, "session link", link);
        ShowToast(ui,
                  "Copied a link to this session (" + std::to_string(link.size()) +
                      " characters): its data, network, weights and settings." +
                      (PageAddress().empty()
                           ? " Put it after the page's address, or open it with nnplay --load."
                           : " Whoever opens it gets this session; nnplay --load opens it too."),
                  10.0);
    }
    PrintItemLayout(ui, "menu item Copy session link");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "The whole session (not its curves) in a link: hand a setup to a class, or move it between "
            "the page and the desktop");
    if (ImGui::MenuItem("Copy as TensorFlow Playground link")) {
        const Snapshot& s = run.Snap();
        DatasetSpec spec;
        spec.Name = ui.DataForm.Preset;
        spec.NumPoints = ui.DataForm.NumPoints;
        spec.Noise = ui.DataForm.Noise;
        spec.NumClasses = s.Data ? std::max(2, s.Data->NumClasses) : 2;
        spec.TrainFraction = ui.DataForm.TrainFraction;
        const TfPlaygroundLink link =
            MakeTfPlaygroundLink(spec, s.Config, ui.Canvas.ShowTest, ui.Canvas.Discretize);
        ImGui::SetClipboardText(link.Url.c_str());
        PrintItemValue(ui, "playground link", link.Url);
        std::string text = "Copied the playground link.";
        if (ui.DataForm.Preset == "empty" || run.DataLabel != ui.DataForm.Preset)
            text += "\n- these points are not a generator's: the link names the " +
                    (ui.DataForm.Preset == "empty" ? std::string("circle") : ui.DataForm.Preset) + " dataset";
        for (const std::string& o : link.Omitted)
            text += "\n- " + o;
        ShowToast(ui, text, 12.0);
    }
    PrintItemLayout(ui, "menu item Copy link");
}

void SaveImageSessionWhenKept(UiState& ui, ImageMode& m) {
    if (ui.Images.ImageSaveTo && m.Active() && m.SavingTo.empty()) {
        m.SavingTo = *ui.Images.ImageSaveTo;
        m.SavingId = AskToKeep(m);
    }
    ui.Images.ImageSaveTo.reset();
    if (m.SavingTo.empty()) return;
    if (!m.Active()) { // the images were replaced meanwhile
        m.SavingTo.clear();
        ui.Files.CloseAfterSave = false;
        return;
    }
    const std::shared_ptr<const ImageSessionFile> f = KeptSession(m, m.SavingId);
    if (!f) return; // not yet
    const std::string path = std::exchange(m.SavingTo, "");
    try {
        SaveImageSessionFile(*f, path);
    } catch (const UserError& e) {
        ShowToast(ui, e.what(), 10.0);
        ui.Files.CloseAfterSave = false;
        return;
    }
    m.DocumentPath = path;
    m.Saved = {0, f->Progress.Updates, f->Config};
    NoteRecentFile(ui, path);
    ShowToast(ui, "Saved the image session (" + std::to_string(f->Progress.Updates) + " updates) to " +
                      PlaceShown(path));
    if (ui.Files.CloseAfterSave) ui.Files.CloseConfirmed = true; // the loop closes
}

bool HasUnsavedChanges(const UiState& ui, const Run& run) {
    return !(run.Version() == ui.Files.Saved);
}

bool UpdateWindowTitle(UiState& ui, const Run& run, const ImageMode& images) {
    const bool on_images = images.InFront(ui);
    if (on_images ? !images.Settled() : !run.Settled()) return false; // the snapshot lags the last command
    const std::string name = on_images                       ? ImageDocumentName(images)
                             : ui.Files.DocumentPath.empty() ? run.DataLabel
                                                             : FileName(ui.Files.DocumentPath);
    const bool unsaved = on_images ? ImageUnsaved(images) : HasUnsavedChanges(ui, run);
    const std::string title = name + (unsaved ? " \u2022" : "") + " - nnplay";
    if (title == ui.Files.Title) return false;
    ui.Files.Title = title;
    PrintItemValue(ui, "title", title);
    return true;
}

void OpenDroppedFiles(UiState& ui, Run& run, const std::vector<std::string>& dropped) {
    if (dropped.empty()) return;
    DoFileAction(ui, run, FileAction::Open, dropped[0]);
    if (dropped.size() > 1)
        ShowToast(ui,
                  ui.Toast + "\n(" + std::to_string(dropped.size()) +
                      " files were dropped; the window opens one at a time: the first)",
                  10.0);
}

} // namespace nnplay
