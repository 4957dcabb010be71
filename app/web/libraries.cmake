# libraries.cmake: the libraries of the browser build (Emscripten), under the names the desktop's
# find_package calls give them, so core/ and app/ build unchanged. Eigen and nlohmann-json are
# Debian's headers (libeigen3-dev, nlohmann-json3-dev), taken from their own folders: adding
# /usr/include itself would put the desktop's C library in front of Emscripten's.
add_library(Eigen3::Eigen INTERFACE IMPORTED)
target_include_directories(Eigen3::Eigen SYSTEM INTERFACE /usr/include/eigen3)

set(nnplay_json_include ${CMAKE_BINARY_DIR}/web-include)
file(MAKE_DIRECTORY ${nnplay_json_include})
file(CREATE_LINK /usr/include/nlohmann ${nnplay_json_include}/nlohmann SYMBOLIC)
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE ${nnplay_json_include})

# No threads: a page can use them only when its host sends the cross-origin isolation headers,
# which most static hosts (and a file opened from disk) do not; the trainers run in the frame
# loop's turns instead (core/util/worker_loop.hpp). No zlib: Emscripten's port is a download.
add_library(Threads::Threads INTERFACE IMPORTED)
add_library(ZLIB::ZLIB INTERFACE IMPORTED)
target_compile_definitions(nnplay_flags INTERFACE NNPLAY_NO_THREADS NNPLAY_NO_ZLIB)

# C++ exceptions carry every refusal (UserError): Emscripten turns catching off unless asked.
add_compile_options(-fexceptions)
add_link_options(-fexceptions)
