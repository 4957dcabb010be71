// web_chooser.cpp: the browser's file chooser, behind native_chooser.hpp as the desktop's is (the
// browser build compiles this file instead of native_chooser.cpp). Opening shows the browser's
// own file picker and copies the file picked into the page's file system (/uploads), whose path
// the window then opens as any other. Saving answers at once with a path under /downloads; once
// the window has written the file there (atomically: it appears whole), the browser downloads it
// under the proposed name, and the copy in the page goes. An image set comes in as its four
// files picked at once, or fetched from beside the page (FetchImageSet).
#include "app/gui/platform/native_chooser.hpp"

#include "core/data/idx.hpp"

#include <emscripten.h>

#include <filesystem>
#include <memory>
#include <sys/stat.h>

namespace nnplay {

namespace {

std::unique_ptr<std::promise<std::optional<std::string>>> g_picking; // the open question, if any
std::unique_ptr<std::promise<std::string>> g_fetching;               // the image set being fetched

struct Download {
    std::string Path;
    double Until = 0.0; // when to stop waiting for the window to write it (ms since the page began)
};

// Picks a file with an <input type="file"> and copies it into the page's files; answers through
// nnplay_file_picked (the path, or nothing when the user cancelled). `several`: the files picked
// together (an image set's four) go into a folder of their own, gzipped ones unpacked by the
// browser (Module.nnplayUnpack, app/web/shell.html), and the answer is the first of them.
// (JavaScript: not clang-format's to lay out.)
// clang-format off
EM_JS(void, PickFileInTheBrowser, (const char* accept, int several), {
    // (Double quotes only: the preprocessor reads this body as C++ tokens.)
    const input = document.createElement("input");
    input.type = "file";
    input.accept = UTF8ToString(accept);
    input.multiple = !!several;
    input.style.display = "none";
    document.body.appendChild(input);
    const answer = function(path) {
        input.remove();
        ccall("nnplay_file_picked", null, ["string"], [path]);
    };
    const safe = function(name) { return name.split("/").join("_"); };
    input.addEventListener("cancel", function() { answer(""); });
    input.addEventListener("change", function() {
        const files = Array.from(input.files);
        if (!files.length) return answer("");
        if (!several) {
            return files[0].arrayBuffer().then(function(bytes) {
                FS.mkdirTree("/uploads");
                const path = "/uploads/" + safe(files[0].name);
                FS.writeFile(path, new Uint8Array(bytes));
                answer(path);
            }, function() { answer(""); });
        }
        const folder = "/uploads/images";
        FS.mkdirTree(folder);
        FS.readdir(folder).forEach(function(name) { // an earlier set picked
            if (name !== "." && name !== "..") FS.unlink(folder + "/" + name);
        });
        Promise.all(files.map(function(file) {
            return file.arrayBuffer().then(function(bytes) { return Module.nnplayUnpack(file.name, bytes); });
        })).then(function(unpacked) {
            unpacked.forEach(function(f) { FS.writeFile(folder + "/" + safe(f.name), f.bytes); });
            answer(folder + "/" + safe(unpacked[0].name));
        }, function(e) {
            console.error("nnplay: the files picked could not be read: " + e);
            answer("");
        });
    });
    input.click();
});

// Fetches the four files of the image set the page's site ships in fashion-mnist/ into the
// page's folder `to`, unpacked; answers through nnplay_image_set_fetched ("" or why not).
EM_JS(void, FetchImagesBesideThePage, (const char* to), {
    const folder = UTF8ToString(to);
    const names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                   "t10k-labels-idx1-ubyte"];
    Promise.all(names.map(function(name) {
        return fetch("fashion-mnist/" + name + ".gz").then(function(r) {
            if (!r.ok) throw new Error("fashion-mnist/" + name + ".gz: " + r.status + " " + r.statusText);
            return r.arrayBuffer();
        }).then(function(bytes) { return Module.nnplayUnpack(name + ".gz", bytes); });
    })).then(function(unpacked) {
        FS.mkdirTree(folder);
        unpacked.forEach(function(f) { FS.writeFile(folder + "/" + f.name, f.bytes); });
        ccall("nnplay_image_set_fetched", null, ["string"], [""]);
    }, function(e) {
        ccall("nnplay_image_set_fetched", null, ["string"], ["Fashion-MNIST could not be fetched from the page's site (" + e.message + ")"]);
    });
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
    if (path == FashionMnistDir()) return "fashion-mnist/ beside the page";
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
    PickFileInTheBrowser(AcceptOf(r.Filter).c_str(), r.Several ? 1 : 0);
    return out;
}

std::future<std::string> FetchImageSet(const std::string& folder) {
    std::promise<std::string> answer;
    std::future<std::string> out = answer.get_future();
    std::error_code ec;
    if (std::filesystem::is_directory(folder, ec) || folder != FashionMnistDir()) {
        answer.set_value(""); // fetched before, or picked: in the page's files already
    } else if (g_fetching) {
        answer.set_value("Fashion-MNIST is being fetched already");
    } else {
        g_fetching = std::make_unique<std::promise<std::string>>(std::move(answer));
        FetchImagesBesideThePage(folder.c_str());
    }
    return out;
}

bool ImageSetAvailable(const std::string& folder) {
    std::error_code ec;
    if (std::filesystem::is_directory(folder, ec)) return true;
    // The page asked its site for the set when it loaded (app/web/shell.html).
    return folder == FashionMnistDir() && EM_ASM_INT({ return Module.nnplayShipsImages ? 1 : 0; }) != 0;
}

} // namespace nnplay

// FetchImagesBesideThePage's answer: "" or why the set could not be fetched.
extern "C" EMSCRIPTEN_KEEPALIVE void nnplay_image_set_fetched(const char* error) {
    if (!nnplay::g_fetching) return;
    nnplay::g_fetching->set_value(error ? error : "");
    nnplay::g_fetching.reset();
}

// The picker's answer, from the page's JavaScript: a path in the page's files, or "" (cancelled).
extern "C" EMSCRIPTEN_KEEPALIVE void nnplay_file_picked(const char* path) {
    if (!nnplay::g_picking) return;
    const std::string p = path ? path : "";
    nnplay::g_picking->set_value(p.empty() ? std::nullopt : std::optional<std::string>(p));
    nnplay::g_picking.reset();
}
