// portal_chooser.cpp: OpenFile / SaveFile on org.freedesktop.portal.FileChooser, over sd-bus
// (libsystemd, on every systemd desktop). The portal answers a call with a request object at
// once and the user's choice later, as a Response signal on that object: the match for it is
// added before the call, at the path the portal documents (built from our bus name and a token
// we choose), so the answer cannot be missed.
#include "app/gui/platform/portal_chooser.hpp"

#include <systemd/sd-bus.h>

#include <atomic>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>
#include <vector>

namespace nnplay {

namespace {

constexpr const char* kPortal = "org.freedesktop.portal.Desktop";
constexpr const char* kPortalPath = "/org/freedesktop/portal/desktop";
constexpr const char* kBus = "org.freedesktop.DBus";
constexpr const char* kBusPath = "/org/freedesktop/DBus";
constexpr uint64_t kProbeUsec = 1000 * 1000;

// Throws with `what` and sd-bus's reason when `r` is an error (negative errno).
int Check(int r, const char* what) {
    if (r < 0) throw std::runtime_error(std::string(what) + ": " + std::strerror(-r));
    return r;
}

// sd-bus's objects, released with their scope.
struct Bus {
    sd_bus* B = nullptr;
    Bus() {
        Check(sd_bus_open_user(&B), "no session bus");
        Check(sd_bus_set_method_call_timeout(B, kProbeUsec), "the session bus");
    }
    ~Bus() { sd_bus_flush_close_unref(B); }
    Bus(const Bus&) = delete;
    Bus& operator=(const Bus&) = delete;
};
struct Msg {
    sd_bus_message* M = nullptr;
    ~Msg() { sd_bus_message_unref(M); }
};
struct Slot {
    sd_bus_slot* S = nullptr;
    ~Slot() { sd_bus_slot_unref(S); }
};
struct Error {
    sd_bus_error E = SD_BUS_ERROR_NULL;
    ~Error() { sd_bus_error_free(&E); }
};

// Appends one a{sv} entry: key -> a string, a boolean or a byte string (a path, nul-terminated).
void Entry(sd_bus_message* m, const char* key, char type, const std::string& text, bool flag = false) {
    Check(sd_bus_message_open_container(m, 'e', "sv"), "a portal option");
    Check(sd_bus_message_append_basic(m, 's', key), "a portal option");
    if (type == 's') Check(sd_bus_message_append(m, "v", "s", text.c_str()), "a portal option");
    if (type == 'b') Check(sd_bus_message_append(m, "v", "b", int(flag)), "a portal option");
    if (type == 'p') {
        Check(sd_bus_message_open_container(m, 'v', "ay"), "a portal option");
        Check(sd_bus_message_append_array(m, 'y', text.c_str(), text.size() + 1), "a portal option");
        Check(sd_bus_message_close_container(m), "a portal option");
    }
    Check(sd_bus_message_close_container(m), "a portal option");
}

// filters a(sa(us)): the request's patterns ("*.json *.csv") first, then everything.
void Filters(sd_bus_message* m, const std::string& patterns) {
    Check(sd_bus_message_open_container(m, 'e', "sv"), "the filters");
    Check(sd_bus_message_append_basic(m, 's', "filters"), "the filters");
    Check(sd_bus_message_open_container(m, 'v', "a(sa(us))"), "the filters");
    Check(sd_bus_message_open_container(m, 'a', "(sa(us))"), "the filters");
    for (const std::string& group : {patterns, std::string("*")}) {
        Check(sd_bus_message_open_container(m, 'r', "sa(us)"), "the filters");
        Check(sd_bus_message_append_basic(m, 's', group == "*" ? "All files" : group.c_str()), "the filters");
        Check(sd_bus_message_open_container(m, 'a', "(us)"), "the filters");
        for (size_t k = 0; k < group.size();) {
            const size_t space = group.find(' ', k);
            const std::string glob =
                group.substr(k, space == std::string::npos ? std::string::npos : space - k);
            k = space == std::string::npos ? group.size() : space + 1;
            if (!glob.empty()) // 0: a glob pattern, 1: a MIME type
                Check(sd_bus_message_append(m, "(us)", 0u, glob.c_str()), "the filters");
        }
        Check(sd_bus_message_close_container(m), "the filters");
        Check(sd_bus_message_close_container(m), "the filters");
    }
    Check(sd_bus_message_close_container(m), "the filters");
    Check(sd_bus_message_close_container(m), "the filters");
    Check(sd_bus_message_close_container(m), "the filters");
}

// What the Response signal said: the code (0 chose, 1 cancelled, 2 closed another way) and the
// first URI chosen.
struct Response {
    bool Came = false;
    uint32_t Code = 2;
    std::string Uri;
    std::string Broken; // why the signal could not be read
};

int OnResponse(sd_bus_message* m, void* userdata, sd_bus_error*) {
    Response& r = *static_cast<Response*>(userdata);
    r.Came = true;
    try {
        Check(sd_bus_message_read_basic(m, 'u', &r.Code), "the answer's code");
        Check(sd_bus_message_enter_container(m, 'a', "{sv}"), "the answer's results");
        while (Check(sd_bus_message_enter_container(m, 'e', "sv"), "the answer's results") > 0) {
            const char* key = nullptr;
            Check(sd_bus_message_read_basic(m, 's', &key), "the answer's results");
            if (std::strcmp(key, "uris") == 0 && sd_bus_message_enter_container(m, 'v', "as") > 0) {
                char** uris = nullptr;
                Check(sd_bus_message_read_strv(m, &uris), "the answer's uris");
                for (char** u = uris; u && *u; ++u) {
                    if (r.Uri.empty()) r.Uri = *u;
                    std::free(*u);
                }
                std::free(uris);
                Check(sd_bus_message_exit_container(m), "the answer's uris");
            } else {
                Check(sd_bus_message_skip(m, "v"), "the answer's results");
            }
            Check(sd_bus_message_exit_container(m), "the answer's results");
        }
    } catch (const std::runtime_error& e) {
        r.Broken = e.what();
    }
    return 0;
}

} // namespace

bool PortalAvailable() {
    try {
        Bus bus; // the session bus
        Error error;
        Msg reply;
        if (sd_bus_call_method(bus.B, kBus, kBusPath, kBus, "NameHasOwner", &error.E, &reply.M, "s",
                               kPortal) >= 0) {
            int has = 0;
            if (sd_bus_message_read(reply.M, "b", &has) >= 0 && has) return true;
        }
        Msg names;
        if (sd_bus_call_method(bus.B, kBus, kBusPath, kBus, "ListActivatableNames", &error.E, &names.M, "") <
            0)
            return false;
        char** list = nullptr;
        if (sd_bus_message_read_strv(names.M, &list) < 0) return false;
        bool found = false;
        for (char** n = list; n && *n; ++n) {
            found |= std::strcmp(*n, kPortal) == 0;
            std::free(*n);
        }
        std::free(list);
        return found;
    } catch (const std::runtime_error&) {
        return false;
    }
}

std::optional<std::string> PathFromFileUri(const std::string& uri) {
    if (uri.rfind("file://", 0) != 0) return std::nullopt;
    const size_t slash =
        uri.find('/', 7); // file://host/path: only the local host, written empty or "localhost"
    if (slash == std::string::npos) return std::nullopt;
    const std::string host = uri.substr(7, slash - 7);
    if (!host.empty() && host != "localhost") return std::nullopt;
    std::string path;
    for (size_t k = slash; k < uri.size(); ++k) {
        if (uri[k] != '%') {
            path += uri[k];
            continue;
        }
        if (k + 2 >= uri.size() || !std::isxdigit(uint8_t(uri[k + 1])) || !std::isxdigit(uint8_t(uri[k + 2])))
            return std::nullopt;
        const char ch = char(std::stoi(uri.substr(k + 1, 2), nullptr, 16));
        if (ch == 0) return std::nullopt;
        path += ch;
        k += 2;
    }
    return path;
}

std::optional<std::string> PortalChoose(const ChooserRequest& r) {
    Bus bus; // the session bus
    static std::atomic<int> counter{0};
    const std::string token = "nnplay" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    const char* unique = nullptr;
    Check(sd_bus_get_unique_name(bus.B, &unique), "the session bus");
    std::string sender = unique + 1; // ":1.42" -> "1_42"
    for (char& ch : sender)
        if (ch == '.') ch = '_';
    const std::string request = "/org/freedesktop/portal/desktop/request/" + sender + "/" + token;
    Response response;
    const auto match = [&](const std::string& path, Slot& slot) {
        Check(sd_bus_match_signal(bus.B, &slot.S, nullptr, path.c_str(), "org.freedesktop.portal.Request",
                                  "Response", OnResponse, &response),
              "watching for the portal's answer");
    };
    Slot at_request, at_handle;
    match(request, at_request);

    Msg call;
    Check(sd_bus_message_new_method_call(bus.B, &call.M, kPortal, kPortalPath,
                                         "org.freedesktop.portal.FileChooser",
                                         r.Saving ? "SaveFile" : "OpenFile"),
          "the portal call");
    // No parent window handle: the dialog is not tied to ours.
    Check(sd_bus_message_append(call.M, "ss", "", r.Title.c_str()), "the portal call");
    Check(sd_bus_message_open_container(call.M, 'a', "{sv}"), "the portal call");
    Entry(call.M, "handle_token", 's', token);
    Entry(call.M, "modal", 'b', "", true);
    const std::filesystem::path start(r.StartPath);
    if (r.Saving) {
        if (!start.filename().empty()) Entry(call.M, "current_name", 's', start.filename().string());
        if (!start.parent_path().empty()) Entry(call.M, "current_folder", 'p', start.parent_path().string());
    } else if (!r.StartPath.empty()) {
        Entry(call.M, "current_folder", 'p', start.parent_path().string());
    }
    if (!r.Filter.empty()) Filters(call.M, r.Filter);
    Check(sd_bus_message_close_container(call.M), "the portal call");
    Error error;
    Msg answer;
    // (10 s: the portal may be started for this call)
    if (sd_bus_call(bus.B, call.M, 10 * kProbeUsec, &error.E, &answer.M) < 0)
        throw std::runtime_error(std::string("the desktop portal refused: ") +
                                 (error.E.name ? error.E.name : "no answer"));
    const char* handle = nullptr;
    if (sd_bus_message_read(answer.M, "o", &handle) < 0 || !handle)
        throw std::runtime_error("the desktop portal answered nonsense");
    if (request != handle) match(handle, at_handle); // portals older than 0.9 ignore handle_token

    while (!response.Came) { // the user takes their time
        if (Check(sd_bus_process(bus.B, nullptr), "the session bus") > 0) continue;
        Check(sd_bus_wait(bus.B, UINT64_MAX), "the session bus");
    }
    if (!response.Broken.empty())
        throw std::runtime_error("the desktop portal answered nonsense: " + response.Broken);
    if (response.Code != 0 || response.Uri.empty())
        return std::nullopt; // 1: cancelled, 2: closed another way
    const std::optional<std::string> path = PathFromFileUri(response.Uri);
    if (!path)
        throw std::runtime_error("the desktop portal picked something that is not a local file: " +
                                 response.Uri);
    return path;
}

} // namespace nnplay
