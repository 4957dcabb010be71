// session_link.cpp: session JSON, compressed (util/lz.hpp), in base64url.
#include "core/io/session_link.hpp"

#include "core/io/json_fields.hpp"
#include "core/util/error.hpp"
#include "core/util/json_file.hpp"
#include "core/util/lz.hpp"

namespace nnplay {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kVersion = 1; // the payload's first byte, before the compressed session

std::string Base64Url(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (size_t i = 0; i < bytes.size(); i += 3) {
        uint32_t v = uint32_t(static_cast<unsigned char>(bytes[i])) << 16;
        if (i + 1 < bytes.size()) v |= uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8;
        if (i + 2 < bytes.size()) v |= uint32_t(static_cast<unsigned char>(bytes[i + 2]));
        const size_t chars = std::min<size_t>(4, bytes.size() - i + 1);
        for (size_t k = 0; k < chars; ++k)
            out.push_back(kAlphabet[(v >> (18 - 6 * k)) & 63]);
    }
    return out;
}

std::string FromBase64Url(std::string_view text) {
    if (text.size() % 4 == 1) // (no whole byte in a last character of its own: cut)
        throw UserError("link: damaged (cut short: " + std::to_string(text.size()) + " characters)");
    std::string out;
    out.reserve(text.size() * 3 / 4);
    uint32_t v = 0;
    int bits = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char* at = c ? std::char_traits<char>::find(kAlphabet, 64, c) : nullptr;
        if (!at)
            throw UserError("link: character " + std::to_string(i + 1) + " of the session ('" +
                            std::string(1, c) + "') is not one a link carries: was it cut or changed?");
        v = (v << 6) | uint32_t(at - kAlphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(char((v >> bits) & 0xFF));
        }
    }
    return out;
}

} // namespace

std::string SessionLinkHash(const SessionFile& s) {
    SessionFile f = s;
    f.History = LossHistory{kSavedHistoryBuckets}; // the curves stay home: a link is a setup
    nlohmann::json j = SessionToJson(f);
    j.erase("metrics");
    return std::string(kSessionLinkKey) + Base64Url(std::string(1, kVersion) + LzCompress(j.dump()));
}

bool LooksLikeSessionLink(std::string_view text) {
    return text.find(kSessionLinkKey) != std::string_view::npos ||
           text.rfind(kSessionLinkKey.substr(1), 0) == 0;
}

SessionFile SessionFromLink(std::string_view link) {
    if (link.size() > kMaxSessionLinkChars)
        throw UserError("link: " + std::to_string(link.size()) + " characters; a session link has at most " +
                        std::to_string(kMaxSessionLinkChars));
    size_t at = link.find(kSessionLinkKey);
    at = at == std::string_view::npos ? kSessionLinkKey.size() - 1 : at + kSessionLinkKey.size();
    std::string_view payload = link.substr(std::min(at, link.size()));
    payload = payload.substr(0, payload.find('&')); // (a page may add its own keys after it)
    if (payload.empty()) throw UserError("link: no session after \"nnplay=\"");
    const std::string bytes = FromBase64Url(payload);
    if (bytes.empty() || bytes[0] != kVersion)
        throw UserError("link: not a session link this nnplay reads (format " +
                        std::to_string(bytes.empty() ? 0 : int(static_cast<unsigned char>(bytes[0]))) +
                        "; this one reads format 1)");
    const std::string text = LzDecompress(std::string_view(bytes).substr(1), kMaxJsonFileBytes, "link");
    try {
        return SessionFromJson(ParseJsonText(text));
    } catch (const UserError& e) {
        throw UserError(std::string("link: ") + e.what());
    }
}

} // namespace nnplay
