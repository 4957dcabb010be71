// fuzz_idx.cpp: libFuzzer over IDX image and label files, plain or gzipped: refused in words
// (UserError) or read, and what is read is what the header says, within the limits.
#include "core/data/idx.hpp"
#include "core/util/error.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const nnplay::IdxImages i = nnplay::ParseIdxImages(bytes, "fuzz");
        if (i.Count == 0 || i.Count > nnplay::kMaxIdxImages ||
            i.Pixels.size() != i.Count * size_t(i.Rows) * size_t(i.Cols))
            __builtin_trap();
    } catch (const nnplay::UserError&) {
    }
    try {
        const nnplay::IdxLabels l = nnplay::ParseIdxLabels(bytes, "fuzz");
        if (l.Labels.empty() || l.Classes < 1 || l.Classes > 256) __builtin_trap();
    } catch (const nnplay::UserError&) {
    }
    return 0;
}
