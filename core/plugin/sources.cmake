# Sources that the LibTorch plugin work adds to curator_core (Qt-free, no LibTorch): the plugin loader and
# CLIP's BPE tokenizer. Wire in from core/CMakeLists.txt, after add_library(curator_core ...):
#     include(plugin/sources.cmake)
# curator_core then needs ${CMAKE_DL_LIBS} (dlopen) and nothing else new; LibTorch itself is only linked
# by the plugin module (core/torch, add_subdirectory(torch) from core/CMakeLists.txt).
target_sources(curator_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/pluginfiles.cpp
    ${CMAKE_CURRENT_LIST_DIR}/torchplugin.cpp
    ${CMAKE_CURRENT_LIST_DIR}/../models/cliptokenizer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/../models/cliptext.cpp)
target_link_libraries(curator_core PUBLIC ${CMAKE_DL_LIBS})
