// image_session_file.hpp: an image-mode session as JSON: which images, the settings, the weights,
// the optimizer's state, where the epoch is, and the curves, so a session reopened goes on with
// exactly the update that would have come next. The images themselves stay where they are (47 MB
// of Fashion-MNIST are not copied into every save): the file names their folder.
#pragma once
#include "core/train/image_training.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace nnplay {

// (ImageSessionFile, what it holds, is in image_training.hpp: the image trainer keeps one.)
// Larger than a 2-D session may be: the weights of a 784-input network with Adam's two moments.
inline constexpr size_t kMaxImageSessionBytes = size_t(512) << 20;

nlohmann::json ImageSessionToJson(const ImageSessionFile& f);
// The file's text: the header (kind, images, counters) first.
std::string ImageSessionText(const ImageSessionFile& f);
// Throws UserError naming the field.
ImageSessionFile ImageSessionFromJson(const nlohmann::json& j);

// Written atomically; throws UserError with the reason.
void SaveImageSessionFile(const ImageSessionFile& f, const std::string& path);
// Throws UserError starting with the path.
ImageSessionFile LoadImageSessionFile(const std::string& path);
// Whether the file at `path` starts as an image session does (its first few KB: the header this
// format writes first), without reading the rest: Open tells the two kinds of session apart.
bool LooksLikeImageSessionFile(const std::string& path);

} // namespace nnplay
