// image_session_io.cpp: saving and keeping the image mode's session.
#include "app/gui/files/image_session_io.hpp"

#include "app/gui/platform/xdg_paths.hpp"
#include "core/util/error.hpp"

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

std::string LastImageSessionPath() {
    return DataFile("last-image-session.json");
}

void SaveLastImageSession(const ImageSessionFile& f) {
    KeepForNextTime(LastImageSessionPath(), "the image session",
                    [&](const std::string& path) { SaveImageSessionFile(f, path); });
}

} // namespace nnplay
