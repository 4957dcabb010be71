// fuzz_link.cpp: libFuzzer over links: TensorFlow Playground links, nnplay's session links and
// the compressed bytes inside them. Refused in words (UserError) or read; a playground link read
// and written back reads as the same settings whenever nothing was omitted; bytes that decompress
// compress and decompress back to the same bytes.
#include "core/io/session_link.hpp"
#include "core/io/tf_playground_link.hpp"
#include "core/util/error.hpp"
#include "core/util/lz.hpp"

#include <cstddef>
#include <cstdint>

namespace {
void SessionLinkBytes(std::string_view bytes) {
    try {
        const std::string out = nnplay::LzDecompress(bytes, size_t(1) << 20, "fuzz");
        if (nnplay::LzDecompress(nnplay::LzCompress(out), out.size(), "again") != out) __builtin_trap();
    } catch (const nnplay::UserError&) {
    }
    try {
        nnplay::SessionFromLink(std::string("#nnplay=").append(bytes));
    } catch (const nnplay::UserError&) {
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    SessionLinkBytes(std::string_view(reinterpret_cast<const char*>(data), size));
    nnplay::TfPlaygroundSetup setup;
    try {
        setup = nnplay::ParseTfPlaygroundLink(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const nnplay::UserError&) {
        return 0;
    }
    const nnplay::TfPlaygroundLink link =
        nnplay::MakeTfPlaygroundLink(setup.Data, setup.Config, setup.ShowTest, setup.Discretize);
    nnplay::TfPlaygroundSetup again;
    try {
        again = nnplay::ParseTfPlaygroundLink(link.Url);
    } catch (const nnplay::UserError&) {
        if (link.Omitted.empty()) __builtin_trap(); // our own link refused
        return 0;
    }
    if (link.Omitted.empty() &&
        !(again.Config == setup.Config && again.Data.Name == setup.Data.Name &&
          again.Data.Noise == setup.Data.Noise && again.Data.TrainFraction == setup.Data.TrainFraction))
        __builtin_trap();
    return 0;
}
