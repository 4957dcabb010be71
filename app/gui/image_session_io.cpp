// image_session_io.cpp: saving and keeping the image mode's session.
#include "app/gui/image_session_io.hpp"

#include "app/gui/file_actions.hpp"
#include "app/gui/xdg_paths.hpp"
#include "core/error.hpp"

#include <filesystem>
#include <iostream>

namespace nnplay {

SessionVersion ImageVersion(const ImageMode& m) {
    return m.Snap ? SessionVersion{0, m.Snap->Updates, m.Snap->Config} : SessionVersion{};
}

bool ImageUnsaved(const ImageMode& m) {
    return m.Active() && m.Snap && !(ImageVersion(m) == m.Saved);
}

uint64_t AskToKeep(ImageMode& m) {
    m.Post(imgcmd::Keep{++m.KeepPosted});
    return m.KeepPosted;
}

std::shared_ptr<const ImageSessionFile> KeptSession(const ImageMode& m, uint64_t id) {
    if (!m.Snap || !m.Snap->Kept || m.Snap->KeptId < id) return nullptr;
    auto f = std::make_shared<ImageSessionFile>(*m.Snap->Kept);
    f->Folder = m.Folder;
    f->Label = m.Label;
    return f;
}

std::shared_ptr<const ImageSessionFile> KeepNow(ImageMode& m, double timeout_s) {
    if (!m.Active()) return nullptr;
    const uint64_t id = AskToKeep(m);
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    std::shared_ptr<const ImageSnapshot> s = m.Trainer->Latest();
    while (s->KeptId < id && std::chrono::steady_clock::now() < until)
        s = m.Trainer->WaitNewer(s->Sequence, 0.1);
    m.Snap = s;
    return KeptSession(m, id);
}

void SaveImageSessionWhenKept(UiState& ui, ImageMode& m) {
    if (ui.ImageSaveTo && m.Active() && m.SavingTo.empty()) {
        m.SavingTo = *ui.ImageSaveTo;
        m.SavingId = AskToKeep(m);
    }
    ui.ImageSaveTo.reset();
    if (m.SavingTo.empty()) return;
    if (!m.Active()) { // the images were replaced meanwhile
        m.SavingTo.clear();
        ui.CloseAfterSave = false;
        return;
    }
    const std::shared_ptr<const ImageSessionFile> f = KeptSession(m, m.SavingId);
    if (!f) return; // not yet
    const std::string path = std::exchange(m.SavingTo, "");
    try {
        SaveImageSessionFile(*f, path);
    } catch (const UserError& e) {
        ShowToast(ui, e.what(), 10.0);
        ui.CloseAfterSave = false;
        return;
    }
    m.DocumentPath = path;
    m.Saved = {0, f->Progress.Updates, f->Config};
    NoteRecentFile(ui, path);
    ShowToast(ui, "Saved the image session (" + std::to_string(f->Progress.Updates) + " updates) to " + path);
    if (ui.CloseAfterSave) ui.CloseConfirmed = true; // the loop closes
}

std::string LastImageSessionPath() {
    const std::string dir = DataDir();
    return dir.empty() ? "" : (std::filesystem::path(dir) / "last-image-session.json").string();
}

void SaveLastImageSession(const ImageSessionFile& f) {
    const std::string path = LastImageSessionPath();
    if (path.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    try {
        SaveImageSessionFile(f, path);
    } catch (const UserError& e) {
        std::cerr << "nnplay: could not keep the image session for next time: " << e.what() << "\n";
    }
}

} // namespace nnplay
