// dbus_wire.hpp: just enough of the D-Bus wire protocol to ask the desktop portal for a file: a
// connection to the session bus (Unix socket, EXTERNAL authentication), method calls, and the
// replies and signals read back as plain values. Written here rather than linking libdbus: the
// portal needs a handful of messages, and the build keeps to the packages it already has.
// Little-endian messages only (what every bus on x86-64 and ARM64 Linux sends).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace nnplay::dbus {

// D-Bus's marshalling into a growing buffer; alignment is counted from the buffer's start, so a
// body written alone aligns as it will inside the message (a body starts 8-aligned).
class Writer {
  public:
    void Align(size_t n);
    void Byte(uint8_t v);
    void Bool(bool v) { U32(v ? 1 : 0); }
    void U32(uint32_t v);
    void String(const std::string& s); // 's' and 'o'
    void Signature(const std::string& s);
    // An array: BeginArray returns where its length goes, EndArray writes it. elem_align is the
    // element's alignment (8 for structs and dict entries, 4 for strings, 1 for bytes).
    struct ArrayMark {
        size_t LengthAt, Start;
    };
    ArrayMark BeginArray(size_t elem_align);
    void EndArray(ArrayMark m);
    void BeginStruct() { Align(8); } // also a dict entry
    const std::vector<uint8_t>& Bytes() const { return m_b; }

  private:
    std::vector<uint8_t> m_b;
};

// A value read from a message, by its signature code: integers in Num, strings (s, o, g) in Str,
// the items of an array, struct or dict entry (key, value) or a variant's one value in Items.
struct Value {
    char Type = 0;
    uint64_t Num = 0;
    std::string Str;
    std::vector<Value> Items;
    // For an a{s...}: the value under `key`, or null.
    const Value* Find(const std::string& key) const;
};

// Reads the values of `signature` from `bytes` (a message body). Throws std::runtime_error on
// anything malformed: a length past the end, bad nesting, an unknown code.
std::vector<Value> ReadValues(const std::vector<uint8_t>& bytes, size_t offset, size_t end,
                              const std::string& signature);

struct Message {
    enum Kind : uint8_t { MethodCall = 1, MethodReturn = 2, Error = 3, Signal = 4 };
    uint8_t Type = 0;
    uint32_t Serial = 0, ReplySerial = 0;
    std::string Path, Interface, Member, ErrorName, Sender, Signature;
    std::vector<Value> Body;
};

// A whole message (header and body) from its bytes; throws std::runtime_error if malformed.
Message ParseMessage(const std::vector<uint8_t>& bytes);
// A method call's bytes.
std::vector<uint8_t> MethodCallBytes(uint32_t serial, const std::string& destination, const std::string& path,
                                     const std::string& interface, const std::string& member,
                                     const std::string& signature, const std::vector<uint8_t>& body);

class Connection {
  public:
    // Connects to $DBUS_SESSION_BUS_ADDRESS (unix:path=... or unix:abstract=...), authenticates
    // and says Hello. Throws std::runtime_error when there is no bus or it refuses.
    explicit Connection(int timeout_ms);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    const std::string& UniqueName() const { return m_name; }
    // Sends a call; returns its serial.
    uint32_t Send(const std::string& destination, const std::string& path, const std::string& interface,
                  const std::string& member, const std::string& signature = "",
                  const std::vector<uint8_t>& body = {});
    // The reply (a return or an error) to `serial`; other messages are kept for Next. Throws on
    // a closed connection or after timeout_ms (< 0: no limit).
    Message Reply(uint32_t serial, int timeout_ms);
    // The next message (kept ones first). Throws on a closed connection or after timeout_ms.
    Message Next(int timeout_ms);

  private:
    bool ReadMore(int timeout_ms); // false on timeout
    int m_fd = -1;
    uint32_t m_serial = 0;
    std::string m_name;
    std::vector<uint8_t> m_in;
    std::vector<Message> m_kept;
};

} // namespace nnplay::dbus
