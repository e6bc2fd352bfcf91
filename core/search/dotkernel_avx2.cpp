// Compiled with -mavx2 -mfma -mf16c; called only after a run-time CPU check.
#include "search/simd.h"

#include <immintrin.h>

namespace curator::kernels {
namespace {

struct Avx2 {
    using Vec = __m256;
    static constexpr size_t kWidth = 8;
    static Vec zero() { return _mm256_setzero_ps(); }
    static Vec load(const float* p) { return _mm256_loadu_ps(p); }
    static Vec load(const uint16_t* p) {
        return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    }
    static Vec fma(Vec a, Vec b, Vec acc) { return _mm256_fmadd_ps(a, b, acc); }
    static float sum(Vec v) {
        __m128 low = _mm256_castps256_ps128(v);
        const __m128 high = _mm256_extractf128_ps(v, 1);
        low = _mm_add_ps(low, high);
        __m128 shuffled = _mm_movehdup_ps(low);
        __m128 sums = _mm_add_ps(low, shuffled);
        shuffled = _mm_movehl_ps(shuffled, sums);
        sums = _mm_add_ss(sums, shuffled);
        return _mm_cvtss_f32(sums);
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

// 16 ymm registers: with three or more vectors, two rows at a time (up to 8 accumulators); with one or
// two vectors, four rows, so that latency stays hidden.
template <typename T>
void dispatch(const T* rows, size_t rowCount, size_t dimension, const float* vectors, size_t vectorCount,
              float* out) {
    if (vectorCount <= 2) {
        rowGroups<Avx2, 4>(rows, rowCount, dimension, vectors, vectorCount, out);
    } else {
        rowGroups<Avx2, 2>(rows, rowCount, dimension, vectors, vectorCount, out);
    }
}

} // namespace

void dotF32Avx2(const float* rows, size_t rowCount, size_t dimension, const float* vectors,
                size_t vectorCount, float* out) {
    dispatch(rows, rowCount, dimension, vectors, vectorCount, out);
}

void dotF16Avx2(const uint16_t* rows, size_t rowCount, size_t dimension, const float* vectors,
                size_t vectorCount, float* out) {
    dispatch(rows, rowCount, dimension, vectors, vectorCount, out);
}

} // namespace curator::kernels
