// A stored matrix's directory (meta.json, ids.txt, ids.idx and the matrix file), as a workspace copied from
// elsewhere may hold it: the input is those four files, separated by "\n--8<--\n".
#include "fuzzfiles.h"
#include "store/embeddingmatrix.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"

#include <nlohmann/json.hpp>

#include <filesystem>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace files = curator::matrixfiles;
    const auto parts = curator::fuzz::splitParts(data, size, 4);
    const std::string directory = curator::fuzz::scratchDirectory() + "/matrix";
    std::filesystem::create_directories(directory);
    curator::fuzz::writeScratchFile(std::string("matrix/") + files::kMeta, parts[0]);
    curator::fuzz::writeScratchFile(std::string("matrix/") + files::kIds, parts[1]);
    curator::fuzz::writeScratchFile(std::string("matrix/") + files::kIdOffsets, parts[2]);
    for (auto storage : {curator::StorageType::Float16, curator::StorageType::Float32}) {
        curator::fuzz::writeScratchFile("matrix/" + files::matrixFileName(storage), parts[3]);
    }
    auto matrix = curator::EmbeddingMatrix::open(directory);
    if (matrix) {
        // A matrix that opens must give every row's id, and its last row's bytes must lie in the file.
        auto ids = curator::readRowIdentities(**matrix);
        if (ids) {
            for (const auto& identity : *ids) {
                (void)nlohmann::json(identity.id).dump();
            }
        }
        if ((*matrix)->rows() > 0) {
            const size_t rowBytes =
                (*matrix)->dimension() * curator::storageElementSize((*matrix)->storage());
            const auto* bytes = static_cast<const unsigned char*>((*matrix)->data());
            volatile unsigned char last = bytes[(*matrix)->rows() * rowBytes - 1];
            (void)last;
        }
    }
    return 0;
}
