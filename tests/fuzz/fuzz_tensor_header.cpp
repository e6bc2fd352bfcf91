// .npy and .safetensors files (curator-cli store import): the first byte picks the format.
#include "fuzzfiles.h"
#include "store/tensorfile.h"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) {
        return 0;
    }
    const bool npy = (data[0] & 1) == 0;
    const std::string path = curator::fuzz::writeScratchFile(
        npy ? "tensor.npy" : "tensor.safetensors", {reinterpret_cast<const char*>(data + 1), size - 1});
    auto tensor = curator::TensorFile::open(path);
    if (tensor && tensor->rows() > 0 && tensor->columns() <= (1u << 16)) {
        // A tensor that opens must be readable where its header says it lies: first and last row.
        std::vector<float> row(tensor->columns());
        tensor->readRow(0, row.data());
        tensor->readRow(tensor->rows() - 1, row.data());
    }
    return 0;
}
