#include "search/simd.h"

#include "common/half.h"

#include <cstdlib>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace curator {

const char* simdLevelName(SimdLevel level) {
    switch (level) {
    case SimdLevel::Scalar:
        return "scalar";
    case SimdLevel::Avx2:
        return "avx2";
    case SimdLevel::Avx512:
        return "avx512";
    }
    return "?";
}

std::optional<SimdLevel> parseSimdLevel(const std::string& text) {
    for (SimdLevel level : {SimdLevel::Scalar, SimdLevel::Avx2, SimdLevel::Avx512}) {
        if (text == simdLevelName(level)) {
            return level;
        }
    }
    return std::nullopt;
}

bool cpuSupports(SimdLevel level) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    // F16C from CPUID leaf 1 (ECX bit 29): clang's __builtin_cpu_supports does not know "f16c".
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    const bool f16c = __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_F16C) != 0;
    const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && f16c;
    switch (level) {
    case SimdLevel::Scalar:
        return true;
    case SimdLevel::Avx2:
        return avx2;
    case SimdLevel::Avx512:
        return avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512vl");
    }
    return false;
#else
    return level == SimdLevel::Scalar;
#endif
}

SimdLevel detectSimdLevel() {
    SimdLevel best = SimdLevel::Scalar;
    for (SimdLevel level : {SimdLevel::Avx2, SimdLevel::Avx512}) {
        if (cpuSupports(level)) {
            best = level;
        }
    }
    if (const char* cap = std::getenv("CURATOR_SIMD"); cap && *cap) {
        if (auto requested = parseSimdLevel(cap);
            requested && static_cast<int>(*requested) < static_cast<int>(best)) {
            best = *requested;
        }
    }
    return best;
}

DotKernels dotKernels(SimdLevel level) {
    switch (level) {
#if defined(CURATOR_HAVE_X86_KERNELS)
    case SimdLevel::Avx512:
        return {level, kernels::dotF32Avx512, kernels::dotF16Avx512};
    case SimdLevel::Avx2:
        return {level, kernels::dotF32Avx2, kernels::dotF16Avx2};
#endif
    default:
        return {SimdLevel::Scalar, kernels::dotF32Scalar, kernels::dotF16Scalar};
    }
}

namespace kernels {

// Scalar fallback: four accumulators per dot so the compiler can keep them in registers.
template <typename LoadRow>
static void dotScalar(LoadRow load, size_t rowCount, size_t dimension, const float* vectors,
                      size_t vectorCount, float* out) {
    for (size_t r = 0; r < rowCount; ++r) {
        for (size_t v = 0; v < vectorCount; ++v) {
            const float* vector = vectors + v * dimension;
            float sums[4] = {0, 0, 0, 0};
            size_t c = 0;
            for (; c + 4 <= dimension; c += 4) {
                for (size_t lane = 0; lane < 4; ++lane) {
                    sums[lane] += load(r, c + lane) * vector[c + lane];
                }
            }
            for (; c < dimension; ++c) {
                sums[0] += load(r, c) * vector[c];
            }
            out[r * vectorCount + v] = (sums[0] + sums[1]) + (sums[2] + sums[3]);
        }
    }
}

void dotF32Scalar(const float* rows, size_t rowCount, size_t dimension, const float* vectors,
                  size_t vectorCount, float* out) {
    dotScalar([&](size_t r, size_t c) { return rows[r * dimension + c]; }, rowCount, dimension, vectors,
              vectorCount, out);
}

void dotF16Scalar(const uint16_t* rows, size_t rowCount, size_t dimension, const float* vectors,
                  size_t vectorCount, float* out) {
    dotScalar([&](size_t r, size_t c) { return halfToFloat(rows[r * dimension + c]); }, rowCount, dimension,
              vectors, vectorCount, out);
}

} // namespace kernels
} // namespace curator
