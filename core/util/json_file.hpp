// json_file.hpp: reading a JSON document the user named, within bounds. Sessions and scenarios
// come from anywhere (a download, a USB stick, a hostile classmate): whatever the path or the
// bytes, this refuses with a message naming the file and what is wrong, in bounded time and
// memory, and never lets a library exception or a stack overflow end the program.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace nnplay {

inline constexpr size_t kMaxJsonFileBytes = size_t(32) << 20; // 32 MiB: 100,000 points fit in ~9
inline constexpr int kMaxJsonDepth = 64;                      // our formats nest 5 deep at most

// The bytes of the file at `path`. Refused (UserError, starting with the path): a folder, a FIFO,
// a device or anything else that is not a regular file (never read, so never blocking); an
// unreadable file (with the system's reason); a file over `max_bytes` (never read).
std::string ReadUserFile(const std::string& path, size_t max_bytes);

// At most `max_bytes` from the start of the file at `path`: "" when it is not a regular file
// (a FIFO is never opened, so this never blocks) or cannot be read.
std::string ReadFileHead(const std::string& path, size_t max_bytes);

// The document in `path`. Refused (UserError, starting with the path): a folder, a FIFO, a device
// or anything else that is not a regular file (never read, so never blocking); an unreadable file
// (with the system's reason); a file over kMaxJsonFileBytes; and what ParseJsonText refuses.
nlohmann::json ReadJsonFile(const std::string& path);

// The document in `text`. Refused (UserError, in words, with line and column where the parser
// knows them): invalid JSON, NaN or Infinity, a number too large for a double (1e999), nesting
// deeper than kMaxJsonDepth, and a key given twice in one object.
nlohmann::json ParseJsonText(std::string_view text);

} // namespace nnplay
