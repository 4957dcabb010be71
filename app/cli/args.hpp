// args.hpp: a small command-line parser whose errors name the argument.
#pragma once
#include "core/util/error.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace nnplay {

// A bad command line: the CLI prints it on one line and exits with status 2.
class ArgError : public UserError {
  public:
    using UserError::UserError;
};

class Args {
  public:
    // `options` take a value (--lr 0.03 or --lr=0.03); `switches` do not. Anything else throws.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& options,
         const std::set<std::string>& switches);

    bool Has(const std::string& name) const { return m_values.count(name) || m_switches.count(name); }
    std::optional<std::string> Get(const std::string& name) const;
    std::string GetString(const std::string& name, const std::string& fallback) const;
    long GetInt(const std::string& name, long fallback, long lo, long hi) const;
    // For a seed, up to 2^53: `long` has 32 bits in WebAssembly.
    int64_t GetInt64(const std::string& name, int64_t fallback, int64_t lo, int64_t hi) const;
    double GetDouble(const std::string& name, double fallback, double lo, double hi) const;

  private:
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_switches;
};

} // namespace nnplay
