// The register-blocked dot-product kernel shared by the AVX2 and AVX-512 files. Each of those files
// includes this header inside its own anonymous namespace and is compiled with its own -m flags, so
// nothing here may be an inline function visible to other translation units (the linker could otherwise
// pick an AVX-512 copy for a caller running on an AVX2 machine): no std:: helpers, no shared headers.
//
// Expects a `Traits` type with: Vec, kWidth, zero(), load(const float*), load(const uint16_t*),
// fma(a, b, acc), sum(Vec), scalar(float|uint16_t), prefetch(address) (into L2).

// Dots of R rows with N vectors. The R row loads are reused across N vectors and the N vector loads
// across R rows, so the loop is bound by FMA throughput, not by loads; R*N accumulators hide latency.
// One row with one vector (the hnsw distance): four accumulators, or FMA latency would bound the loop.
template <typename Traits, typename T>
static float singleDot(const T* row, size_t dimension, const float* vector) {
    typename Traits::Vec a0 = Traits::zero(), a1 = Traits::zero(), a2 = Traits::zero(), a3 = Traits::zero();
    const size_t w = Traits::kWidth;
    size_t c = 0;
    for (; c + 4 * w <= dimension; c += 4 * w) {
        a0 = Traits::fma(Traits::load(row + c), Traits::load(vector + c), a0);
        a1 = Traits::fma(Traits::load(row + c + w), Traits::load(vector + c + w), a1);
        a2 = Traits::fma(Traits::load(row + c + 2 * w), Traits::load(vector + c + 2 * w), a2);
        a3 = Traits::fma(Traits::load(row + c + 3 * w), Traits::load(vector + c + 3 * w), a3);
    }
    for (; c + w <= dimension; c += w) {
        a0 = Traits::fma(Traits::load(row + c), Traits::load(vector + c), a0);
    }
    float total = Traits::sum(a0) + Traits::sum(a1) + Traits::sum(a2) + Traits::sum(a3);
    for (; c < dimension; ++c) {
        total += Traits::scalar(row[c]) * vector[c];
    }
    return total;
}

template <typename Traits, int R, int N, typename T>
static void microKernel(const T* rows, size_t dimension, const float* vectors, float* out, size_t outStride) {
    if constexpr (R == 1 && N == 1) {
        out[0] = singleDot<Traits>(rows, dimension, vectors);
        return;
    }
    typename Traits::Vec accumulators[R][N];
    for (int r = 0; r < R; ++r) {
        for (int n = 0; n < N; ++n) {
            accumulators[r][n] = Traits::zero();
        }
    }
    // The rows stream from memory while this group is computed: each step asks for the same number of
    // bytes further on, into L2 (T1), at least two groups and 32 KB ahead. Without it the R interleaved
    // row streams are fetched only when loaded, and memory time and compute time add up (measured in
    // docs/benchmarks.md: 1024-d fp16 query + 3 negatives went from ~2x the plain read to ~1.2x). Into L1
    // (T0), or only one group ahead, it did not help. A prefetch never faults, so an address past the
    // matrix's last row is harmless; it is computed as an integer so no pointer leaves the matrix.
    constexpr size_t kMinAheadBytes = 32 * 1024;
    constexpr size_t kStepBytes = static_cast<size_t>(R) * Traits::kWidth * sizeof(T);
    const size_t groupBytes = static_cast<size_t>(R) * dimension * sizeof(T);
    const uintptr_t groupAhead = reinterpret_cast<uintptr_t>(rows) +
                                 (2 * groupBytes > kMinAheadBytes ? 2 * groupBytes : kMinAheadBytes);
    size_t c = 0;
    for (; c + Traits::kWidth <= dimension; c += Traits::kWidth) {
        const uintptr_t ahead = groupAhead + c * static_cast<size_t>(R) * sizeof(T);
        for (size_t line = 0; line < kStepBytes; line += 64) {
            Traits::prefetch(ahead + line);
        }
        typename Traits::Vec x[R];
        for (int r = 0; r < R; ++r) {
            x[r] = Traits::load(rows + static_cast<size_t>(r) * dimension + c);
        }
        for (int n = 0; n < N; ++n) {
            const typename Traits::Vec q = Traits::load(vectors + static_cast<size_t>(n) * dimension + c);
            for (int r = 0; r < R; ++r) {
                accumulators[r][n] = Traits::fma(x[r], q, accumulators[r][n]);
            }
        }
    }
    for (int r = 0; r < R; ++r) {
        for (int n = 0; n < N; ++n) {
            float total = Traits::sum(accumulators[r][n]);
            for (size_t t = c; t < dimension; ++t) {
                total += Traits::scalar(rows[static_cast<size_t>(r) * dimension + t]) *
                         vectors[static_cast<size_t>(n) * dimension + t];
            }
            out[static_cast<size_t>(r) * outStride + static_cast<size_t>(n)] = total;
        }
    }
}

template <typename Traits, int R, typename T>
static void vectorGroups(const T* rows, size_t dimension, const float* vectors, size_t vectorCount,
                         float* out) {
    size_t v = 0;
    for (; v + 4 <= vectorCount; v += 4) {
        microKernel<Traits, R, 4>(rows, dimension, vectors + v * dimension, out + v, vectorCount);
    }
    switch (vectorCount - v) {
    case 3:
        microKernel<Traits, R, 3>(rows, dimension, vectors + v * dimension, out + v, vectorCount);
        break;
    case 2:
        microKernel<Traits, R, 2>(rows, dimension, vectors + v * dimension, out + v, vectorCount);
        break;
    case 1:
        microKernel<Traits, R, 1>(rows, dimension, vectors + v * dimension, out + v, vectorCount);
        break;
    default:
        break;
    }
}

template <typename Traits, int R, typename T>
static void rowGroups(const T* rows, size_t rowCount, size_t dimension, const float* vectors,
                      size_t vectorCount, float* out) {
    size_t r = 0;
    for (; r + R <= rowCount; r += R) {
        vectorGroups<Traits, R>(rows + r * dimension, dimension, vectors, vectorCount, out + r * vectorCount);
    }
    for (; r < rowCount; ++r) {
        vectorGroups<Traits, 1>(rows + r * dimension, dimension, vectors, vectorCount, out + r * vectorCount);
    }
}
