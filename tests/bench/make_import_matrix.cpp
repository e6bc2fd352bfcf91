// Writes the input of the import-memory figures of docs/benchmarks.md: a ROWS x DIM float32 .npy of
// seeded values (finite, no row of zeros) and its ids file (.npy.jsonl, {"id", "path"} per row), a row at
// a time, so that its own memory stays small. Usage: make_import_matrix FILE.npy ROWS DIM
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s FILE.npy ROWS DIM\n", argv[0]);
        return 2;
    }
    const std::string path = argv[1];
    const size_t rows = std::stoul(argv[2]);
    const size_t columns = std::stoul(argv[3]);
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(rows) + ", " +
                         std::to_string(columns) + "), }";
    while ((10 + header.size() + 1) % 64 != 0) {
        header += ' ';
    }
    header += '\n';
    std::FILE* out = std::fopen(path.c_str(), "wb");
    std::FILE* ids = std::fopen((path + ".jsonl").c_str(), "w");
    if (out == nullptr || ids == nullptr) {
        std::fprintf(stderr, "cannot create %s or its ids file\n", path.c_str());
        return 1;
    }
    const unsigned char preamble[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    const unsigned char length[2] = {static_cast<unsigned char>(header.size() & 0xff),
                                     static_cast<unsigned char>(header.size() >> 8)};
    bool ok = std::fwrite(preamble, 1, 8, out) == 8 && std::fwrite(length, 1, 2, out) == 2 &&
              std::fwrite(header.data(), 1, header.size(), out) == header.size();
    uint64_t state = 88172645463325252ull; // xorshift64: the same file for the same shape
    std::vector<float> row(columns);
    for (size_t r = 0; r < rows && ok; ++r) {
        for (float& value : row) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            value = static_cast<float>(static_cast<int32_t>(state >> 32)) / 2147483648.0f + 1e-3f;
        }
        ok = std::fwrite(row.data(), sizeof(float), columns, out) == columns &&
             std::fprintf(ids, "{\"id\": \"%08zu.jpg\", \"path\": \"/data/photos/%08zu.jpg\"}\n", r, r) > 0;
    }
    ok = std::fclose(out) == 0 && ok;
    ok = std::fclose(ids) == 0 && ok;
    return ok ? 0 : 1;
}
