// image_session_io.hpp: the image mode's session as a document, as the 2-D one is: saved to a
// file (Ctrl+S), autosaved, kept when the window closes, and asked about when it is not saved.
// The trainer hands the session over on request (imgcmd::Keep): its optimizer state and the
// epoch's order are not in every snapshot.
#pragma once
#include "app/gui/runs/image_mode.hpp"

#include <memory>
#include <string>

namespace nnplay {

// The session on screen as "what changed" counts it (updates, settings).
SessionVersion ImageVersion(const ImageMode& m);
// Trained or changed since it was opened or saved.
bool ImageUnsaved(const ImageMode& m);

// Asks the trainer for the session (returns the request's id); KeptSession gives it, with the
// window's folder and label, once the trainer has handed it over (null until then).
uint64_t AskToKeep(ImageMode& m);
std::shared_ptr<const ImageSessionFile> KeptSession(const ImageMode& m, uint64_t id);
// Asks and waits for it (closing): null if the trainer did not answer within `timeout_s`.
std::shared_ptr<const ImageSessionFile> KeepNow(ImageMode& m, double timeout_s);

// $XDG_DATA_HOME/nnplay/last-image-session.json: the image session the window held when it last
// closed ("" without a HOME), beside last-session.json; and keeping it there (on failure, said
// on stderr).
std::string LastImageSessionPath();
void SaveLastImageSession(const ImageSessionFile& f);

} // namespace nnplay
