// fuzz_link.cpp: libFuzzer over TensorFlow Playground links. Refused in words (UserError) or
// read; a link read and written back reads as the same settings whenever nothing was omitted.
#include "core/io/tf_playground_link.hpp"
#include "core/util/error.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
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
