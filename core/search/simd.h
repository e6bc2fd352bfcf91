#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace curator {

enum class SimdLevel { Scalar, Avx2, Avx512 };

const char* simdLevelName(SimdLevel level);
std::optional<SimdLevel> parseSimdLevel(const std::string& text);

// The best level this CPU runs (AVX-512F+BW+VL with F16C/FMA, else AVX2+F16C+FMA, else scalar), capped
// by $CURATOR_SIMD (scalar|avx2|avx512) when set, so the fallbacks can be tested and compared.
SimdLevel detectSimdLevel();
bool cpuSupports(SimdLevel level);

// Dot products of `rowCount` consecutive rows (each `dimension` values, row-major) with `vectorCount`
// float32 vectors (contiguous, `dimension` each): out[row * vectorCount + vector].
using DotKernelF32 = void (*)(const float* rows, size_t rowCount, size_t dimension, const float* vectors,
                              size_t vectorCount, float* out);
using DotKernelF16 = void (*)(const uint16_t* rows, size_t rowCount, size_t dimension, const float* vectors,
                              size_t vectorCount, float* out);

struct DotKernels {
    SimdLevel level;
    DotKernelF32 float32;
    DotKernelF16 float16;
};

// Kernels of `level`; the level must be supported by this CPU.
DotKernels dotKernels(SimdLevel level);

namespace kernels {
void dotF32Scalar(const float*, size_t, size_t, const float*, size_t, float*);
void dotF16Scalar(const uint16_t*, size_t, size_t, const float*, size_t, float*);
void dotF32Avx2(const float*, size_t, size_t, const float*, size_t, float*);
void dotF16Avx2(const uint16_t*, size_t, size_t, const float*, size_t, float*);
void dotF32Avx512(const float*, size_t, size_t, const float*, size_t, float*);
void dotF16Avx512(const uint16_t*, size_t, size_t, const float*, size_t, float*);
} // namespace kernels

} // namespace curator
