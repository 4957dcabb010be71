// run_process.hpp: runs a shell command and captures its stdout and exit status (tests only).
#pragma once
#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace nnplay::test {

struct ProcessResult {
    int Status = -1;
    std::string Out;
};

inline ProcessResult RunProcess(const std::string& command) {
    ProcessResult r;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
        r.Out.append(buf.data(), n);
    const int status = pclose(pipe);
    r.Status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

} // namespace nnplay::test
