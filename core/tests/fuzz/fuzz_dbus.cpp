// fuzz_dbus.cpp: libFuzzer over the D-Bus messages the portal chooser reads (app/gui/dbus_wire):
// they come from another process. Read within bounds or refused with std::runtime_error; a message
// that reads is read the same way twice.
#include "app/gui/dbus_wire.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::vector<uint8_t> bytes(data, data + size);
    try {
        const nnplay::dbus::Message m = nnplay::dbus::ParseMessage(bytes);
        const nnplay::dbus::Message again = nnplay::dbus::ParseMessage(bytes);
        if (again.Body.size() != m.Body.size() || again.Signature != m.Signature || again.Path != m.Path)
            __builtin_trap();
    } catch (const std::runtime_error&) {
    }
    return 0;
}
