// error.hpp: the exception type for bad user input (files, parameters, datasets).
#pragma once
#include <stdexcept>
#include <string>

namespace nnplay {

// Thrown for anything the user can fix: a malformed scenario, an absurd parameter, an empty
// dataset. The message names the field or argument and says what was wrong, so the CLI prints
// it as-is and the GUI shows it in a status line. Programming errors use assert instead.
class UserError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

} // namespace nnplay
