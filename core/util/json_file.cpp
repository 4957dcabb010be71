// json_file.cpp: bounded, checked JSON input.
#include "core/util/json_file.hpp"

#include "core/util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace nnplay {

namespace {

using json = nlohmann::json;

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1,
// column 3: "; users get what follows, in our words where it helps.
std::string Describe(const json::exception& e) {
    std::string text = e.what();
    if (const size_t end = text.find("] ");
        text.rfind("[json.exception.", 0) == 0 && end != std::string::npos)
        text = text.substr(end + 2);
    if (text.rfind("parse error ", 0) == 0) text = text.substr(12);
    if (text.rfind("number overflow parsing ", 0) == 0)
        return "the number " + text.substr(24) +
               " is too large (numbers must fit a double, below about 1.8e308)";
    return "not valid JSON: " + text;
}

class RaiiFd {
  public:
    explicit RaiiFd(int fd) : m_fd(fd) {}
    ~RaiiFd() {
        if (m_fd >= 0) close(m_fd);
    }
    RaiiFd(const RaiiFd&) = delete;
    RaiiFd& operator=(const RaiiFd&) = delete;
    int Get() const { return m_fd; }

  private:
    int m_fd;
};

std::string Megabytes(double bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
    return buf;
}

} // namespace

json ParseJsonText(std::string_view text) {
    // The callback sees every value as the parser builds it: deep nesting and duplicate keys
    // are refused before anything deep exists (nlohmann destroys and prints values recursively).
    std::vector<std::set<std::string>> keys; // per open object, the keys seen so far
    const json::parser_callback_t check = [&](int depth, json::parse_event_t event, json& parsed) {
        switch (event) {
        case json::parse_event_t::object_start:
        case json::parse_event_t::array_start:
            if (depth >= kMaxJsonDepth)
                throw UserError("nests lists and objects deeper than " + std::to_string(kMaxJsonDepth) +
                                " levels");
            if (event == json::parse_event_t::object_start) keys.emplace_back();
            break;
        case json::parse_event_t::object_end:
            if (!keys.empty()) keys.pop_back();
            break;
        case json::parse_event_t::key: {
            const std::string& key = parsed.get_ref<const std::string&>();
            if (!keys.empty() && !keys.back().insert(key).second) {
                const std::string shown = key.size() <= 40 ? key : key.substr(0, 37) + "...";
                throw UserError("the key \"" + shown + "\" is given twice in one object");
            }
            break;
        }
        default:
            break;
        }
        return true;
    };
    try {
        return json::parse(text.begin(), text.end(), check);
    } catch (const json::exception& e) {
        throw UserError(Describe(e));
    }
}

std::string ReadUserFile(const std::string& path, size_t max_bytes) {
    if (path.empty()) throw UserError("no file name given");
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer; we refuse it below.
    const RaiiFd fd(open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (fd.Get() < 0) throw UserError(path + ": cannot open it (" + std::strerror(errno) + ")");
    struct stat st {};
    if (fstat(fd.Get(), &st) != 0) throw UserError(path + ": cannot read it (" + std::strerror(errno) + ")");
    if (S_ISDIR(st.st_mode)) throw UserError(path + ": is a folder, not a file");
    if (!S_ISREG(st.st_mode))
        throw UserError(path +
                        ": is not a regular file (a FIFO, a device or a socket); nnplay opens files only");
    if (size_t(st.st_size) > max_bytes)
        throw UserError(path + ": is " + Megabytes(double(st.st_size)) + "; nnplay opens files up to " +
                        Megabytes(double(max_bytes)));
    std::string text(size_t(st.st_size), '\0');
    size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = read(fd.Get(), text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw UserError(path + ": cannot read it (" + std::strerror(errno) + ")");
        if (n == 0) break; // shrank while we read: parse what is there
        got += size_t(n);
    }
    text.resize(got);
    return text;
}

std::string ReadFileHead(const std::string& path, size_t max_bytes) {
    const RaiiFd fd(open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    struct stat st {};
    if (fd.Get() < 0 || fstat(fd.Get(), &st) != 0 || !S_ISREG(st.st_mode)) return "";
    std::string head(max_bytes, '\0');
    size_t got = 0;
    while (got < head.size()) {
        const ssize_t n = read(fd.Get(), head.data() + got, head.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += size_t(n);
    }
    head.resize(got);
    return head;
}

json ReadJsonFile(const std::string& path) {
    const std::string text = ReadUserFile(path, kMaxJsonFileBytes);
    try {
        return ParseJsonText(text);
    } catch (const UserError& e) {
        throw UserError(path + ": " + e.what());
    }
}

} // namespace nnplay
