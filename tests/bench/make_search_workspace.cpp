// Writes a workspace for the whole-process search figures of docs/benchmarks.md: one source of random
// unit vectors in the store's layout (embeddings/bench@bench-model/) and four random unit query vectors
// as .npy files (query.npy, negative1..3.npy). Usage: make_search_workspace DIR ROWS DIM f16|f32 [CLUSTERS]
// With CLUSTERS, rows lie around that many centres and the query near the first one, the negatives near
// the next three (the data the approximate search is measured on).
#include "search/scanbenchmark.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

bool writeNpy(const std::string& path, const std::vector<float>& vector) {
    std::string header =
        "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(vector.size()) + ",), }";
    while ((10 + header.size() + 1) % 64 != 0) {
        header += ' ';
    }
    header += '\n';
    std::FILE* out = std::fopen(path.c_str(), "wb");
    if (out == nullptr) {
        return false;
    }
    const unsigned char preamble[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    const unsigned char length[2] = {static_cast<unsigned char>(header.size() & 0xff),
                                     static_cast<unsigned char>(header.size() >> 8)};
    bool ok = std::fwrite(preamble, 1, 8, out) == 8 && std::fwrite(length, 1, 2, out) == 2 &&
              std::fwrite(header.data(), 1, header.size(), out) == header.size() &&
              std::fwrite(vector.data(), sizeof(float), vector.size(), out) == vector.size();
    return std::fclose(out) == 0 && ok;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 5 && argc != 6) {
        std::fprintf(stderr, "usage: make_search_workspace DIR ROWS DIM f16|f32 [CLUSTERS]\n");
        return 2;
    }
    const std::filesystem::path directory = argv[1];
    const size_t rows = std::strtoull(argv[2], nullptr, 10);
    const size_t dimension = std::strtoull(argv[3], nullptr, 10);
    const auto storage = curator::parseStorageType(argv[4]);
    const size_t clusters = argc == 6 ? std::strtoull(argv[5], nullptr, 10) : 0;
    if (rows == 0 || dimension == 0 || !storage) {
        std::fprintf(stderr, "make_search_workspace: ROWS and DIM must be positive, the type f16 or f32\n");
        return 2;
    }
    const auto status =
        curator::writeSyntheticMatrix((directory / "embeddings" / "bench@bench-model").string(), "bench",
                                      "bench-model", rows, dimension, *storage, 7, clusters);
    if (!status) {
        std::fprintf(stderr, "%s\n", status.error().c_str());
        return 1;
    }
    std::mt19937 random(11);
    std::normal_distribution<float> gaussian;
    size_t centre = 0;
    for (const char* name : {"query", "negative1", "negative2", "negative3"}) {
        std::vector<float> vector(dimension);
        const std::vector<float> near =
            clusters > 0 ? curator::syntheticCentre(dimension, clusters, centre++ % clusters, 7)
                         : std::vector<float>(dimension, 0.0f);
        for (size_t c = 0; c < dimension; ++c) {
            vector[c] = near[c] + (clusters > 0 ? 0.3f : 1.0f) * gaussian(random);
        }
        if (!writeNpy((directory / (std::string(name) + ".npy")).string(), vector)) {
            std::fprintf(stderr, "%s: cannot write %s.npy\n", directory.c_str(), name);
            return 1;
        }
    }
    std::printf("%s: %zu x %zu %s\n", directory.c_str(), rows, dimension, argv[4]);
    return 0;
}
