// stb_image_write.cpp: the browser build's copy of Debian's stb_image_write (libstb-dev's
// header, compiled here: the desktop links Debian's libstb instead, which holds it).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>
