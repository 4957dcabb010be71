# page.cmake: the nnplay target of the browser build is a page: index.html (app/web/shell.html),
# index.js, index.wasm, and index.data holding the files the window opens (the font, the
# scenarios and sessions), at the paths the desktop build uses. Any static host serves the folder.
set_target_properties(nnplay PROPERTIES OUTPUT_NAME index SUFFIX ".html")
set(nnplay_font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf) # fonts-dejavu-core's
target_link_options(nnplay PRIVATE
  "SHELL:--shell-file ${CMAKE_CURRENT_SOURCE_DIR}/web/shell.html"
  "SHELL:--preload-file ${nnplay_font}@${nnplay_font}" # (SHELL: CMake would merge the repeated flag)
  "SHELL:--preload-file ${PROJECT_SOURCE_DIR}/assets/scenarios@/assets/scenarios"
  "SHELL:--preload-file ${PROJECT_SOURCE_DIR}/assets/sessions@/assets/sessions"
  "SHELL:--preload-file ${PROJECT_SOURCE_DIR}/assets/lessons@/assets/lessons"
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=64MB
  -sEXIT_RUNTIME=0
  -sMINIFY_HTML=0 # (Debian 12 emscripten 3.1.6 calls its HTML minifier wrongly: a TypeError)
  -lidbfs.js # settings, the last session and the autosave kept in IndexedDB (shell.html)
  -sEXPORTED_RUNTIME_METHODS=ccall)
set_property(TARGET nnplay APPEND PROPERTY LINK_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/web/shell.html)
set_target_properties(nnplay PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/site)
# EM_ASM's JavaScript names its arguments $0, $1...
set_source_files_properties(gui/platform/platform_web.cpp gui/platform/web_chooser.cpp PROPERTIES COMPILE_OPTIONS -Wno-dollar-in-identifier-extension)
