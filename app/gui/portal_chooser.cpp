// portal_chooser.cpp: OpenFile / SaveFile on org.freedesktop.portal.FileChooser. The portal
// answers a call with a request object at once and the user's choice later, as a Response
// signal on that object: the match for it is added before the call, at the path the portal
// documents (built from our bus name and a token we choose), so the answer cannot be missed.
#include "app/gui/portal_chooser.hpp"

#include "app/gui/dbus_wire.hpp"

#include <atomic>
#include <cctype>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace nnplay {

namespace {

constexpr const char* kPortal = "org.freedesktop.portal.Desktop";
constexpr const char* kBus = "org.freedesktop.DBus";
constexpr int kProbeMs = 1000;

uint32_t CallForBool(dbus::Connection& c, const std::string& member, const std::string& name) {
    dbus::Writer w;
    w.String(name);
    const dbus::Message m =
        c.Reply(c.Send(kBus, "/org/freedesktop/DBus", kBus, member, "s", w.Bytes()), kProbeMs);
    return m.Type == dbus::Message::MethodReturn && !m.Body.empty() ? uint32_t(m.Body[0].Num) : 0;
}

// An a{sv} entry whose value is a string, a boolean or a byte string (a path, nul-terminated).
void Entry(dbus::Writer& w, const std::string& key, char type, const std::string& text, bool flag = false) {
    w.BeginStruct();
    w.String(key);
    w.Signature(type == 'p' ? "ay" : std::string(1, type));
    if (type == 's') w.String(text);
    if (type == 'b') w.Bool(flag);
    if (type == 'p') {
        const dbus::Writer::ArrayMark bytes = w.BeginArray(1);
        for (const char ch : text)
            w.Byte(uint8_t(ch));
        w.Byte(0);
        w.EndArray(bytes);
    }
}

// filters a(sa(us)): the request's patterns ("*.json *.csv") first, then everything.
void Filters(dbus::Writer& w, const std::string& patterns) {
    w.BeginStruct();
    w.String("filters");
    w.Signature("a(sa(us))");
    const dbus::Writer::ArrayMark list = w.BeginArray(8);
    for (const std::string& group : {patterns, std::string("*")}) {
        w.BeginStruct();
        w.String(group == "*" ? "All files" : group);
        const dbus::Writer::ArrayMark globs = w.BeginArray(8);
        for (size_t k = 0; k < group.size();) {
            const size_t space = group.find(' ', k);
            const std::string glob =
                group.substr(k, space == std::string::npos ? std::string::npos : space - k);
            k = space == std::string::npos ? group.size() : space + 1;
            if (glob.empty()) continue;
            w.BeginStruct();
            w.U32(0); // 0: a glob pattern, 1: a MIME type
            w.String(glob);
        }
        w.EndArray(globs);
    }
    w.EndArray(list);
}

} // namespace

bool PortalAvailable() {
    try {
        dbus::Connection c(kProbeMs);
        if (CallForBool(c, "NameHasOwner", kPortal)) return true;
        const dbus::Message m =
            c.Reply(c.Send(kBus, "/org/freedesktop/DBus", kBus, "ListActivatableNames"), kProbeMs);
        if (m.Type != dbus::Message::MethodReturn || m.Body.empty()) return false;
        for (const dbus::Value& name : m.Body[0].Items)
            if (name.Str == kPortal) return true;
    } catch (const std::runtime_error&) {
    }
    return false;
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
    dbus::Connection c(kProbeMs);
    static std::atomic<int> counter{0};
    const std::string token = "nnplay" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    std::string sender = c.UniqueName().substr(1); // ":1.42" -> "1_42"
    for (char& ch : sender)
        if (ch == '.') ch = '_';
    const std::string request = "/org/freedesktop/portal/desktop/request/" + sender + "/" + token;
    const auto match = [&](const std::string& path) {
        dbus::Writer w;
        w.String("type='signal',interface='org.freedesktop.portal.Request',member='Response',path='" + path +
                 "'");
        c.Reply(c.Send(kBus, "/org/freedesktop/DBus", kBus, "AddMatch", "s", w.Bytes()), kProbeMs);
    };
    match(request);

    dbus::Writer w;
    w.String(""); // no parent window handle: the dialog is not tied to ours
    w.String(r.Title);
    const dbus::Writer::ArrayMark options = w.BeginArray(8);
    Entry(w, "handle_token", 's', token);
    Entry(w, "modal", 'b', "", true);
    const std::filesystem::path start(r.StartPath);
    if (r.Saving) {
        if (!start.filename().empty()) Entry(w, "current_name", 's', start.filename().string());
        if (!start.parent_path().empty()) Entry(w, "current_folder", 'p', start.parent_path().string());
    } else if (!r.StartPath.empty()) {
        Entry(w, "current_folder", 'p', start.parent_path().string());
    }
    if (!r.Filter.empty()) Filters(w, r.Filter);
    w.EndArray(options);
    const dbus::Message answer =
        c.Reply(c.Send(kPortal, "/org/freedesktop/portal/desktop", "org.freedesktop.portal.FileChooser",
                       r.Saving ? "SaveFile" : "OpenFile", "ssa{sv}", w.Bytes()),
                10 * kProbeMs); // the portal may be started for this call
    if (answer.Type == dbus::Message::Error)
        throw std::runtime_error("the desktop portal refused: " + answer.ErrorName);
    if (answer.Body.empty() || answer.Body[0].Type != 'o')
        throw std::runtime_error("the desktop portal answered nonsense");
    const std::string handle = answer.Body[0].Str;
    if (handle != request) match(handle); // portals older than 0.9 ignore handle_token

    for (;;) { // the user takes their time
        const dbus::Message m = c.Next(-1);
        if (m.Type != dbus::Message::Signal || m.Member != "Response" ||
            (m.Path != request && m.Path != handle))
            continue;
        if (m.Body.size() != 2 || m.Body[0].Type != 'u')
            throw std::runtime_error("the desktop portal answered nonsense");
        if (m.Body[0].Num != 0) return std::nullopt; // 1: cancelled, 2: closed another way
        const dbus::Value* uris = m.Body[1].Find("uris");
        if (!uris || uris->Items.empty() || uris->Items[0].Items.empty()) return std::nullopt;
        const std::optional<std::string> path = PathFromFileUri(uris->Items[0].Items[0].Str);
        if (!path)
            throw std::runtime_error("the desktop portal picked something that is not a local file: " +
                                     uris->Items[0].Items[0].Str);
        return path;
    }
}

} // namespace nnplay
