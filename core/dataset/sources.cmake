# The curation log (core/dataset): sources relative to core/, for core/CMakeLists.txt to add to curator_core.
# It needs SQLite: find_package(SQLite3 REQUIRED) and link SQLite::SQLite3 when CURATOR_DATASET_NEEDS_SQLITE.
set(CURATOR_DATASET_SOURCES
    dataset/sha256.cpp
    dataset/sqlitedatabase.cpp
    dataset/curationlog.cpp
    dataset/curationlogio.cpp
)
set(CURATOR_DATASET_NEEDS_SQLITE ON)
