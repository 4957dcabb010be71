// web_chooser.cpp: the browser's file chooser, behind native_chooser.hpp as the desktop's is (the
// browser build compiles this file instead of native_chooser.cpp). Opening shows the browser's
// own file picker and copies the file picked into the page's file system (/uploads), whose path
// the window then opens as any other. Saving answers at once with a path under /downloads; once
// the window has written the file there (atomically: it appears whole), the browser downloads it
// under the proposed name, and the copy in the page goes.
#include "app/gui/platform/native_chooser.hpp"

#include <emscripten.h>

#include <filesystem>
#include <memory>
#include <sys/stat.h>

namespace nnplay {

namespace {

std::unique_ptr<std::promise<std::optional<std::string>>> g_picking; // the open question, if any

struct Download {
    std::string Path;
    double Until = 0.0; // when to stop waiting for the window to write it (ms since the page began)
};

// Picks a file with an <input type="file"> and copies it into the page's files; answers through
// nnplay_file_picked (the path, or nothing when the user cancelled).
// (JavaScript: not clang-format's to lay out.)
// clang-format off
EM_JS(void, PickFileInTheBrowser, (const char* accept), {
    // (Double quotes only: the preprocessor reads this body as C++ tokens.)
    const input = document.createElement("input");
    input.type = "file";
    input.accept = UTF8ToString(accept);
    input.style.display = "none";
    document.body.appendChild(input);
    const answer = function(path) {
        input.remove();
        ccall("nnplay_file_picked", null, ["string"], [path]);
    };
    input.addEventListener("cancel", function() { answer(""); });
    input.addEventListener("change", function() {
        const file = input.files[0];
        if (!file) return answer("");
        file.arrayBuffer().then(function(bytes) {
            FS.mkdirTree("/uploads");
            const path = "/uploads/" + file.name.split("/").join("_");
            FS.writeFile(path, new Uint8Array(bytes));
            answer(path);
        }, function() { answer(""); });
    });
    input.click();
});
// clang-format on

// Hands a file of the page's to the user as a download named `name`, then removes it.
// (JavaScript: not clang-format's to lay out.)
// clang-format off
EM_JS(void, DownloadFromThePage, (const char* path, const char* name), {
    const where = UTF8ToString(path);
    const bytes = FS.readFile(where);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([bytes], {type : "application/octet-stream"}));
    link.download = UTF8ToString(name);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function() { URL.revokeObjectURL(link.href); }, 60000);
    FS.unlink(where);
});
// clang-format on

// Polled twice a second until the window has written the file (or gave up: a refused save says
// why in the window itself).
void AwaitWrite(void* pending) {
    std::unique_ptr<Download> d(static_cast<Download*>(pending));
    struct stat st {};
    if (stat(d->Path.c_str(), &st) == 0) {
        const std::string name = std::filesystem::path(d->Path).filename().string();
        DownloadFromThePage(d->Path.c_str(), name.c_str());
        return;
    }
    if (emscripten_get_now() < d->Until) emscripten_async_call(AwaitWrite, d.release(), 500);
}

// "*.json *.csv" -> ".json,.csv": the picker's `accept`.
std::string AcceptOf(const std::string& filter) {
    std::string accept;
    size_t start = 0;
    while (start < filter.size()) {
        size_t end = filter.find(' ', start);
        if (end == std::string::npos) end = filter.size();
        const std::string pattern = filter.substr(start, end - start);
        const size_t star = pattern.rfind('*');
        const std::string suffix = star == std::string::npos ? pattern : pattern.substr(star + 1);
        if (!suffix.empty()) accept += (accept.empty() ? "" : ",") + suffix;
        start = end + 1;
    }
    return accept;
}

} // namespace

std::string PlaceShown(const std::string& path) {
    const std::string name = std::filesystem::path(path).filename().string();
    if (path.rfind("/downloads/", 0) == 0) return "your downloads (" + name + ")";
    if (path.rfind("/uploads/", 0) == 0) return name;
    return path;
}

std::optional<Chooser> FindChooser() {
    return Chooser{}; // the browser always has its own
}

std::future<std::optional<std::string>> RunChooser(const Chooser&, const ChooserRequest& r) {
    std::promise<std::optional<std::string>> answer;
    std::future<std::optional<std::string>> out = answer.get_future();
    if (r.Saving) {
        std::error_code ec;
        std::filesystem::create_directories("/downloads", ec);
        const std::string name = std::filesystem::path(r.StartPath).filename().string();
        auto d = std::make_unique<Download>();
        d->Path = "/downloads/" + (name.empty() ? std::string("nnplay-file") : name);
        std::filesystem::remove(d->Path, ec); // what an earlier save left
        d->Until = emscripten_get_now() + 60000.0;
        answer.set_value(d->Path);
        emscripten_async_call(AwaitWrite, d.release(), 500);
        return out;
    }
    g_picking = std::make_unique<std::promise<std::optional<std::string>>>(std::move(answer));
    PickFileInTheBrowser(AcceptOf(r.Filter).c_str());
    return out;
}

} // namespace nnplay

// The picker's answer, from the page's JavaScript: a path in the page's files, or "" (cancelled).
extern "C" EMSCRIPTEN_KEEPALIVE void nnplay_file_picked(const char* path) {
    if (!nnplay::g_picking) return;
    const std::string p = path ? path : "";
    nnplay::g_picking->set_value(p.empty() ? std::nullopt : std::optional<std::string>(p));
    nnplay::g_picking.reset();
}
