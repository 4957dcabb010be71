// session_link.hpp: a whole session (data, network, weights, settings, counters; not the curves)
// in a link's hash, so a teacher can hand a setup to a class as one address and move it between
// the page and the desktop: "<page>#nnplay=<base64url of the compressed session file>".
// Opening one checks it as a file is checked (session_file.hpp): a damaged or oversized link is
// refused with the reason, and nothing is loaded.
#pragma once
#include "core/io/session_file.hpp"

#include <string>
#include <string_view>

namespace nnplay {

inline constexpr std::string_view kSessionLinkKey = "#nnplay=";
// Far more than a class's sessions need (a 10,000-point session is ~0.5 MB of text), far less
// than a browser's address allows.
inline constexpr size_t kMaxSessionLinkChars = size_t(4) << 20;

// "#nnplay=..." (put it after a page's address).
std::string SessionLinkHash(const SessionFile& s);
// Has "#nnplay=" (an address with it, or the hash alone; "nnplay=..." without '#' too).
bool LooksLikeSessionLink(std::string_view text);
// Throws UserError starting "link: " with why it cannot be opened.
SessionFile SessionFromLink(std::string_view link);

} // namespace nnplay
