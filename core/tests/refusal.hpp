// refusal.hpp: what a test asks of a refusal: the UserError's message, or "(accepted)".
#pragma once
#include "core/util/error.hpp"

#include <functional>
#include <string>

namespace nnplay::test {

inline std::string Refusal(const std::function<void()>& f) {
    try {
        f();
    } catch (const UserError& e) {
        return e.what();
    }
    return "(accepted)";
}

} // namespace nnplay::test
