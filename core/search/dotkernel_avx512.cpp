// Compiled with -mavx512f -mavx512bw -mavx512vl -mavx2 -mfma -mf16c; called only after a run-time CPU check.
#include "search/simd.h"

#include <immintrin.h>

namespace curator::kernels {
namespace {

struct Avx512 {
    using Vec = __m512;
    static constexpr size_t kWidth = 16;
    static Vec zero() { return _mm512_setzero_ps(); }
    static Vec load(const float* p) { return _mm512_loadu_ps(p); }
    static Vec load(const uint16_t* p) {
        return _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)));
    }
    static Vec fma(Vec a, Vec b, Vec acc) { return _mm512_fmadd_ps(a, b, acc); }
    static float sum(Vec v) {
        const __m256 halves = _mm256_add_ps(_mm512_castps512_ps256(v),
                                            _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1)));
        __m128 quarter = _mm_add_ps(_mm256_castps256_ps128(halves), _mm256_extractf128_ps(halves, 1));
        quarter = _mm_add_ps(quarter, _mm_movehl_ps(quarter, quarter));
        quarter = _mm_add_ss(quarter, _mm_movehdup_ps(quarter));
        return _mm_cvtss_f32(quarter);
    }
    static float scalar(float x) { return x; }
    static float scalar(uint16_t h) { return _cvtsh_ss(h); }
    static void prefetch(uintptr_t address) {
        // The address may lie past the matrix (a prefetch never faults), so it is kept an integer until
        // here: no pointer outside the matrix is ever formed by arithmetic.
        // NOLINTNEXTLINE(performance-no-int-to-ptr)
        _mm_prefetch(reinterpret_cast<const char*>(address), _MM_HINT_T1);
    }
};

#include "search/dotkernel_impl.h"

// 32 zmm registers: four rows by four vectors (16 accumulators), eight rows for a lone query.
template <typename T>
void dispatch(const T* rows, size_t rowCount, size_t dimension, const float* vectors, size_t vectorCount,
              float* out) {
    if (vectorCount == 1) {
        rowGroups<Avx512, 8>(rows, rowCount, dimension, vectors, vectorCount, out);
    } else {
        rowGroups<Avx512, 4>(rows, rowCount, dimension, vectors, vectorCount, out);
    }
}

} // namespace

void dotF32Avx512(const float* rows, size_t rowCount, size_t dimension, const float* vectors,
                  size_t vectorCount, float* out) {
    dispatch(rows, rowCount, dimension, vectors, vectorCount, out);
}

void dotF16Avx512(const uint16_t* rows, size_t rowCount, size_t dimension, const float* vectors,
                  size_t vectorCount, float* out) {
    dispatch(rows, rowCount, dimension, vectors, vectorCount, out);
}

} // namespace curator::kernels
