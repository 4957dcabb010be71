// dbus_wire.cpp: D-Bus marshalling (the specification's "Marshaling (Wire Format)" section) and a
// blocking connection to the session bus.
#include "app/gui/dbus_wire.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace nnplay::dbus {

namespace {

constexpr size_t kMaxMessage = size_t(8) << 20; // the portal's answers are a few hundred bytes
constexpr int kMaxDepth = 64;                   // the specification's limit on nesting
constexpr size_t kMaxValues = 1 << 16;          // a byte array of megabytes would be 80 bytes a byte here

[[noreturn]] void Malformed(const char* what) {
    throw std::runtime_error(std::string("D-Bus message: ") + what);
}

size_t AlignmentOf(char code) {
    switch (code) {
    case 'y':
    case 'g':
    case 'v':
        return 1;
    case 'n':
    case 'q':
        return 2;
    case 'b':
    case 'i':
    case 'u':
    case 'h':
    case 's':
    case 'o':
    case 'a':
        return 4;
    case 'x':
    case 't':
    case 'd':
    case '(':
    case '{':
        return 8;
    default:
        Malformed("unknown type code in a signature");
    }
}

// The index just past the complete type starting at sig[i].
size_t CompleteTypeEnd(const std::string& sig, size_t i, int depth = 0) {
    if (depth > kMaxDepth) Malformed("signature nested too deeply");
    if (i >= sig.size()) Malformed("signature ends inside a type");
    const char c = sig[i];
    if (c == 'a') return CompleteTypeEnd(sig, i + 1, depth + 1);
    if (c == '(' || c == '{') {
        const char close = c == '(' ? ')' : '}';
        const size_t open = ++i;
        int fields = 0;
        for (; i < sig.size() && sig[i] != close; ++fields)
            i = CompleteTypeEnd(sig, i, depth + 1);
        if (i >= sig.size()) Malformed("unclosed struct in a signature");
        // The specification forbids "()": an array of them would hold any number in no bytes.
        if (fields == 0 || (c == '{' && (fields != 2 || !std::strchr("ybnqiuxtdhsog", sig[open]))))
            Malformed("an empty struct or a malformed dict entry in a signature");
        return i + 1;
    }
    AlignmentOf(c); // rejects unknown codes
    return i + 1;
}

class Reader {
  public:
    Reader(const std::vector<uint8_t>& b, size_t pos, size_t end) : m_b(b), m_pos(pos), m_end(end) {
        if (end > b.size() || pos > end) Malformed("bounds past the message");
    }
    size_t Pos() const { return m_pos; }

    Value One(const std::string& sig, size_t& i, int depth) {
        if (depth > kMaxDepth) Malformed("values nested too deeply");
        if (i >= sig.size()) Malformed("signature ends inside a type");
        if (++m_values > kMaxValues) Malformed("more values than a portal's answer ever holds");
        Value v;
        v.Type = sig[i];
        switch (sig[i]) {
        case 'y':
            v.Num = Fixed(1);
            break;
        case 'n':
        case 'q':
            v.Num = Fixed(2);
            break;
        case 'b':
        case 'i':
        case 'u':
        case 'h':
            v.Num = Fixed(4);
            break;
        case 'x':
        case 't':
        case 'd':
            v.Num = Fixed(8);
            break;
        case 's':
        case 'o':
            v.Str = Text(uint32_t(Fixed(4)));
            break;
        case 'g':
            v.Str = Text(uint32_t(Fixed(1)));
            break;
        case 'v': {
            const std::string inner = Text(uint32_t(Fixed(1)));
            size_t k = 0;
            v.Items.push_back(One(inner, k, depth + 1));
            if (k != inner.size()) Malformed("a variant holds more than one type");
            break;
        }
        case 'a': {
            const uint32_t len = uint32_t(Fixed(4));
            const size_t elem = i + 1, after = CompleteTypeEnd(sig, elem, depth + 1);
            Align(AlignmentOf(sig[elem]));
            if (len > m_end - m_pos) Malformed("an array runs past the end");
            const size_t stop = m_pos + len;
            while (m_pos < stop) {
                size_t k = elem;
                v.Items.push_back(One(sig, k, depth + 1));
            }
            if (m_pos != stop) Malformed("an array's elements overrun its length");
            i = after;
            return v;
        }
        case '(':
        case '{': {
            const char close = sig[i] == '(' ? ')' : '}';
            CompleteTypeEnd(sig, i, depth); // refuses "()" and bad dict entries
            Align(8);
            ++i;
            while (i < sig.size() && sig[i] != close)
                v.Items.push_back(One(sig, i, depth + 1));
            if (i >= sig.size()) Malformed("unclosed struct in a signature");
            break;
        }
        default:
            Malformed("unknown type code in a signature");
        }
        ++i;
        return v;
    }

  private:
    void Align(size_t n) {
        const size_t p = (m_pos + n - 1) / n * n;
        if (p > m_end) Malformed("padding runs past the end");
        m_pos = p;
    }
    uint64_t Fixed(size_t n) {
        Align(n);
        if (n > m_end - m_pos) Malformed("a number runs past the end");
        uint64_t v = 0;
        for (size_t k = 0; k < n; ++k)
            v |= uint64_t(m_b[m_pos + k]) << (8 * k);
        m_pos += n;
        return v;
    }
    std::string Text(uint32_t len) {
        if (size_t(len) + 1 > m_end - m_pos) Malformed("a string runs past the end");
        std::string s(reinterpret_cast<const char*>(m_b.data() + m_pos), len);
        if (m_b[m_pos + len] != 0) Malformed("a string without its terminating nul");
        m_pos += size_t(len) + 1;
        return s;
    }

    const std::vector<uint8_t>& m_b;
    size_t m_pos, m_end, m_values = 0;
};

uint32_t U32At(const std::vector<uint8_t>& b, size_t at) {
    return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 | uint32_t(b[at + 3]) << 24;
}

size_t Align8(size_t n) {
    return (n + 7) / 8 * 8;
}

// The total size of the message starting the buffer, once its first 16 bytes are in; 0 before.
size_t MessageSize(const std::vector<uint8_t>& b) {
    if (b.size() < 16) return 0;
    if (b[0] != 'l') throw std::runtime_error("D-Bus: only little-endian messages are understood");
    const size_t total = Align8(16 + size_t(U32At(b, 12))) + size_t(U32At(b, 4));
    if (total > kMaxMessage)
        throw std::runtime_error("D-Bus: a message of " + std::to_string(total) + " bytes");
    return total;
}

void HeaderField(Writer& w, uint8_t code, const char* type, const std::string& value) {
    w.BeginStruct();
    w.Byte(code);
    w.Signature(type);
    if (type[0] == 'g')
        w.Signature(value);
    else
        w.String(value);
}

std::string UnescapeAddressValue(const std::string& s) {
    std::string out;
    for (size_t k = 0; k < s.size(); ++k) {
        if (s[k] == '%' && k + 2 < s.size()) {
            out += char(std::stoi(s.substr(k + 1, 2), nullptr, 16));
            k += 2;
        } else {
            out += s[k];
        }
    }
    return out;
}

using Clock = std::chrono::steady_clock;

int Remaining(Clock::time_point deadline, int timeout_ms) {
    if (timeout_ms < 0) return -1;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? int(left) : 0;
}

} // namespace

void Writer::Align(size_t n) {
    m_b.resize((m_b.size() + n - 1) / n * n, 0);
}

void Writer::Byte(uint8_t v) {
    m_b.push_back(v);
}

void Writer::U32(uint32_t v) {
    Align(4);
    for (int k = 0; k < 4; ++k)
        m_b.push_back(uint8_t(v >> (8 * k)));
}

void Writer::String(const std::string& s) {
    U32(uint32_t(s.size()));
    m_b.insert(m_b.end(), s.begin(), s.end());
    m_b.push_back(0);
}

void Writer::Signature(const std::string& s) {
    Byte(uint8_t(s.size()));
    m_b.insert(m_b.end(), s.begin(), s.end());
    m_b.push_back(0);
}

Writer::ArrayMark Writer::BeginArray(size_t elem_align) {
    U32(0);
    const size_t at = m_b.size() - 4;
    Align(elem_align);
    return {at, m_b.size()};
}

void Writer::EndArray(ArrayMark m) {
    const uint32_t len = uint32_t(m_b.size() - m.Start);
    for (int k = 0; k < 4; ++k)
        m_b[m.LengthAt + size_t(k)] = uint8_t(len >> (8 * k));
}

const Value* Value::Find(const std::string& key) const {
    for (const Value& entry : Items)
        if (entry.Type == '{' && entry.Items.size() == 2 && entry.Items[0].Str == key) return &entry.Items[1];
    return nullptr;
}

std::vector<Value> ReadValues(const std::vector<uint8_t>& bytes, size_t offset, size_t end,
                              const std::string& signature) {
    Reader r(bytes, offset, end);
    std::vector<Value> out;
    for (size_t i = 0; i < signature.size();)
        out.push_back(r.One(signature, i, 0));
    if (r.Pos() != end) Malformed("the body is longer than its signature");
    return out;
}

Message ParseMessage(const std::vector<uint8_t>& b) {
    if (b.size() < 16 || MessageSize(b) != b.size()) Malformed("its length does not match its header");
    if (b[3] != 1) Malformed("protocol version is not 1");
    Message m;
    m.Type = b[1];
    m.Serial = U32At(b, 8);
    const size_t fields_end = 16 + size_t(U32At(b, 12)), body = Align8(fields_end);
    const std::vector<Value> header = ReadValues(b, 12, fields_end, "a(yv)");
    for (const Value& f : header[0].Items) {
        const Value& v = f.Items[1].Items[0];
        switch (f.Items[0].Num) {
        case 1:
            m.Path = v.Str;
            break;
        case 2:
            m.Interface = v.Str;
            break;
        case 3:
            m.Member = v.Str;
            break;
        case 4:
            m.ErrorName = v.Str;
            break;
        case 5:
            m.ReplySerial = uint32_t(v.Num);
            break;
        case 7:
            m.Sender = v.Str;
            break;
        case 8:
            m.Signature = v.Str;
            break;
        default:
            break;
        }
    }
    m.Body = ReadValues(b, body, b.size(), m.Signature);
    return m;
}

std::vector<uint8_t> MethodCallBytes(uint32_t serial, const std::string& destination, const std::string& path,
                                     const std::string& interface, const std::string& member,
                                     const std::string& signature, const std::vector<uint8_t>& body) {
    Writer w;
    for (const uint8_t c : {uint8_t('l'), uint8_t(Message::MethodCall), uint8_t(0), uint8_t(1)})
        w.Byte(c);
    w.U32(uint32_t(body.size()));
    w.U32(serial);
    const Writer::ArrayMark fields = w.BeginArray(8);
    HeaderField(w, 1, "o", path);
    if (!interface.empty()) HeaderField(w, 2, "s", interface);
    HeaderField(w, 3, "s", member);
    HeaderField(w, 6, "s", destination);
    if (!signature.empty()) HeaderField(w, 8, "g", signature);
    w.EndArray(fields);
    w.Align(8);
    std::vector<uint8_t> out = w.Bytes();
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

Connection::Connection(int timeout_ms) {
    const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    if (!address || !*address)
        throw std::runtime_error("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    socklen_t len = 0;
    std::string all = address;
    for (size_t start = 0; start < all.size() && len == 0;) {
        const size_t semi = all.find(';', start);
        const std::string one =
            all.substr(start, semi == std::string::npos ? std::string::npos : semi - start);
        start = semi == std::string::npos ? all.size() : semi + 1;
        if (one.rfind("unix:", 0) != 0) continue;
        for (size_t k = 5; k < one.size();) {
            const size_t comma = one.find(',', k);
            const std::string kv = one.substr(k, comma == std::string::npos ? std::string::npos : comma - k);
            k = comma == std::string::npos ? one.size() : comma + 1;
            const bool abstract = kv.rfind("abstract=", 0) == 0;
            if (!abstract && kv.rfind("path=", 0) != 0) continue;
            const std::string where = UnescapeAddressValue(kv.substr(kv.find('=') + 1));
            if (where.size() + 1 >= sizeof sa.sun_path) continue;
            std::memcpy(sa.sun_path + (abstract ? 1 : 0), where.data(), where.size());
            len = socklen_t(offsetof(sockaddr_un, sun_path) + where.size() + (abstract ? 1 : 0));
        }
    }
    if (len == 0) throw std::runtime_error("the session bus address has no unix socket: " + all);
    m_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0 || connect(m_fd, reinterpret_cast<const sockaddr*>(&sa), len) != 0) {
        if (m_fd >= 0) close(m_fd);
        m_fd = -1;
        throw std::runtime_error("cannot connect to the session bus");
    }
    // EXTERNAL authentication: the kernel tells the bus our uid; we name it, in hex of its digits.
    std::string uid_hex;
    for (const char c : std::to_string(getuid())) {
        static const char kHex[] = "0123456789abcdef";
        uid_hex += kHex[uint8_t(c) >> 4];
        uid_hex += kHex[uint8_t(c) & 15];
    }
    const std::string auth = std::string(1, '\0') + "AUTH EXTERNAL " + uid_hex + "\r\n";
    if (send(m_fd, auth.data(), auth.size(), MSG_NOSIGNAL) != ssize_t(auth.size()))
        throw std::runtime_error("the session bus hung up");
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    std::string line;
    while (line.find("\r\n") == std::string::npos) {
        if (!ReadMore(Remaining(deadline, timeout_ms)))
            throw std::runtime_error("the session bus did not answer");
        line.assign(m_in.begin(), m_in.end());
        if (line.size() > 512) throw std::runtime_error("the session bus answered nonsense");
    }
    if (line.rfind("OK ", 0) != 0)
        throw std::runtime_error("the session bus refused us: " + line.substr(0, line.find('\r')));
    m_in.erase(m_in.begin(), m_in.begin() + long(line.find("\r\n") + 2));
    const std::string begin = "BEGIN\r\n";
    if (send(m_fd, begin.data(), begin.size(), MSG_NOSIGNAL) != ssize_t(begin.size()))
        throw std::runtime_error("the session bus hung up");
    const Message hello =
        Reply(Send("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello"),
              Remaining(deadline, timeout_ms));
    if (hello.Type != Message::MethodReturn || hello.Body.empty())
        throw std::runtime_error("the session bus refused Hello");
    m_name = hello.Body[0].Str;
}

Connection::~Connection() {
    if (m_fd >= 0) close(m_fd);
}

uint32_t Connection::Send(const std::string& destination, const std::string& path,
                          const std::string& interface, const std::string& member,
                          const std::string& signature, const std::vector<uint8_t>& body) {
    const uint32_t serial = ++m_serial;
    const std::vector<uint8_t> bytes =
        MethodCallBytes(serial, destination, path, interface, member, signature, body);
    for (size_t sent = 0; sent < bytes.size();) {
        const ssize_t n = send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error("the session bus hung up");
        sent += size_t(n);
    }
    return serial;
}

bool Connection::ReadMore(int timeout_ms) {
    pollfd p{m_fd, POLLIN, 0};
    int r;
    while ((r = poll(&p, 1, timeout_ms)) < 0 && errno == EINTR) {
    }
    if (r == 0) return false;
    uint8_t buf[4096];
    ssize_t n;
    while ((n = read(m_fd, buf, sizeof buf)) < 0 && errno == EINTR) {
    }
    if (n <= 0) throw std::runtime_error("the session bus closed the connection");
    m_in.insert(m_in.end(), buf, buf + n);
    return true;
}

Message Connection::Next(int timeout_ms) {
    if (!m_kept.empty()) {
        Message m = std::move(m_kept.front());
        m_kept.erase(m_kept.begin());
        return m;
    }
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms);
    for (;;) {
        const size_t size = MessageSize(m_in);
        if (size != 0 && m_in.size() >= size) {
            const std::vector<uint8_t> one(m_in.begin(), m_in.begin() + long(size));
            m_in.erase(m_in.begin(), m_in.begin() + long(size));
            return ParseMessage(one);
        }
        if (!ReadMore(Remaining(deadline, timeout_ms)))
            throw std::runtime_error("no answer on the session bus in time");
    }
}

Message Connection::Reply(uint32_t serial, int timeout_ms) {
    for (size_t k = 0; k < m_kept.size(); ++k) {
        if (m_kept[k].ReplySerial != serial || m_kept[k].Type == Message::Signal) continue;
        Message m = std::move(m_kept[k]);
        m_kept.erase(m_kept.begin() + long(k));
        return m;
    }
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms);
    for (;;) {
        const std::vector<Message> kept = std::move(m_kept);
        m_kept.clear(); // Next reads from the socket only while nothing is kept
        Message m = Next(Remaining(deadline, timeout_ms));
        m_kept = kept;
        if ((m.Type == Message::MethodReturn || m.Type == Message::Error) && m.ReplySerial == serial)
            return m;
        if (m_kept.size() < 64) m_kept.push_back(std::move(m));
    }
}

} // namespace nnplay::dbus
