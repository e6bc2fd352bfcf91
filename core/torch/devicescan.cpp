// The GPU scan (issue 2): the matrices live on the device; a query and its negatives are scored as one
// matrix product, the mask and the top-k are computed there, and only k candidates per segment come back.
//
// Storage on the device: on CUDA, fp16 matrices stay fp16 (half the memory; the scan is memory-bound) and
// fp32 ones stay fp32; each block of rows is widened to fp32 just before its product, so the products
// accumulate in fp32 with the query kept in fp32, as the CPU scan does. On the CPU device (tests,
// comparisons) the rows are held as fp32, since LibTorch 1.13 has no fp16 matrix product on the CPU.

#include "devicescan.h"

#include <torch/cuda.h>
#include <torch/script.h>

#include <algorithm>
#include <limits>

namespace curator::torchplugin {

namespace {

// Rows per matrix product: bounds the fp32 copy of an fp16 block on the device (64 Ki rows x 4096 dims
// is 1 GiB).
constexpr int64_t kBlockRows = 65536;
// Candidates taken beyond k from each segment, so that ties at the cut are ordered on the host by
// (segment, row) as the CPU scan orders them.
constexpr int64_t kTieMargin = 16;

template <typename T, typename Body>
Result<T> guarded(const char* what, Body&& body) {
    try {
        return body();
    } catch (const c10::Error& error) {
        return makeError(std::string(what) + ": " + error.what_without_backtrace());
    } catch (const std::exception& error) {
        return makeError(std::string(what) + ": " + error.what());
    } catch (...) {
        return makeError(std::string(what) + ": unknown error");
    }
}

struct Scores {
    torch::Tensor similarity; // [rows] fp32: similarity to the query
    torch::Tensor masked;     // [rows] bool: some negative reached the threshold
};

class TorchDeviceScan final : public DeviceScan {
public:
    TorchDeviceScan(std::vector<torch::Tensor> segments, size_t dimension, torch::Device device)
        : m_segments(std::move(segments))
        , m_dimension(dimension)
        , m_device(device) {
        for (const torch::Tensor& segment : m_segments) {
            m_rows += static_cast<size_t>(segment.size(0));
        }
    }

    std::string device() const override { return m_device.str(); }
    size_t rows() const override { return m_rows; }
    size_t dimension() const override { return m_dimension; }

    Result<SearchResult> searchTopK(const QuerySet& querySet, size_t k) override {
        if (Status status = check(querySet); !status) {
            return status.takeError();
        }
        return guarded<SearchResult>("GPU scan", [&]() -> Result<SearchResult> {
            torch::InferenceMode inference;
            const torch::Tensor vectors = queryTensor(querySet);
            SearchResult result;
            result.scanned = m_rows;
            for (size_t segment = 0; segment < m_segments.size() && k > 0; ++segment) {
                const Scores scores = score(m_segments[segment], vectors, querySet);
                result.masked += static_cast<size_t>(scores.masked.sum().item<int64_t>());
                const int64_t rows = scores.similarity.size(0);
                const int64_t take = std::min<int64_t>(rows, static_cast<int64_t>(k) + kTieMargin);
                if (take == 0) {
                    continue;
                }
                const torch::Tensor candidates =
                    scores.similarity.masked_fill(scores.masked, -std::numeric_limits<float>::infinity());
                auto [values, indices] = candidates.topk(take, 0, /*largest=*/true, /*sorted=*/false);
                values = values.to(torch::kCPU).contiguous();
                indices = indices.to(torch::kCPU, torch::kInt64).contiguous();
                const float* valueData = values.data_ptr<float>();
                const int64_t* indexData = indices.data_ptr<int64_t>();
                for (int64_t i = 0; i < take; ++i) {
                    if (valueData[i] == -std::numeric_limits<float>::infinity()) {
                        continue; // masked
                    }
                    SearchHit hit;
                    hit.ref = RowRef{static_cast<uint32_t>(segment), static_cast<uint32_t>(indexData[i])};
                    hit.similarity = valueData[i];
                    result.hits.push_back(std::move(hit));
                }
            }
            std::sort(result.hits.begin(), result.hits.end(), [](const SearchHit& a, const SearchHit& b) {
                if (a.similarity != b.similarity) {
                    return a.similarity > b.similarity;
                }
                return a.ref.segment != b.ref.segment ? a.ref.segment < b.ref.segment : a.ref.row < b.ref.row;
            });
            if (result.hits.size() > k) {
                result.hits.resize(k);
            }
            return result;
        });
    }

    Result<CountResult> countAbove(const QuerySet& querySet, float threshold) override {
        if (Status status = check(querySet); !status) {
            return status.takeError();
        }
        return guarded<CountResult>("GPU scan", [&]() -> Result<CountResult> {
            torch::InferenceMode inference;
            const torch::Tensor vectors = queryTensor(querySet);
            CountResult result;
            result.scanned = m_rows;
            for (const torch::Tensor& segment : m_segments) {
                const Scores scores = score(segment, vectors, querySet);
                const torch::Tensor above = scores.similarity >= threshold;
                result.count +=
                    static_cast<size_t>((above & scores.masked.logical_not()).sum().item<int64_t>());
                result.masked += static_cast<size_t>(scores.masked.sum().item<int64_t>());
                result.maskedAboveThreshold +=
                    static_cast<size_t>((above & scores.masked).sum().item<int64_t>());
            }
            return result;
        });
    }

    Result<std::vector<SegmentScores>> scoreRows(const QuerySet& querySet) override {
        if (Status status = check(querySet); !status) {
            return status.takeError();
        }
        using Rows = std::vector<SegmentScores>;
        return guarded<Rows>("GPU scan", [&]() -> Result<Rows> {
            torch::InferenceMode inference;
            const torch::Tensor vectors = queryTensor(querySet);
            Rows rows;
            for (const torch::Tensor& segment : m_segments) {
                const Scores scores = score(segment, vectors, querySet);
                const torch::Tensor similarity = scores.similarity.to(torch::kCPU).contiguous();
                const torch::Tensor masked = scores.masked.to(torch::kCPU, torch::kUInt8).contiguous();
                const auto count = static_cast<size_t>(similarity.size(0));
                SegmentScores out;
                out.similarity.assign(similarity.data_ptr<float>(), similarity.data_ptr<float>() + count);
                out.masked.assign(masked.data_ptr<uint8_t>(), masked.data_ptr<uint8_t>() + count);
                rows.push_back(std::move(out));
            }
            return rows;
        });
    }

private:
    Status check(const QuerySet& querySet) const {
        if (querySet.dimension != m_dimension) {
            return makeError("the query has dimension " + std::to_string(querySet.dimension) +
                             ", the matrices on the device " + std::to_string(m_dimension));
        }
        if (querySet.vectors.size() != (1 + querySet.negativeCount) * querySet.dimension) {
            return makeError("a query set whose vectors do not match its negative count");
        }
        return {};
    }

    // [1 + negatives, D] fp32 on the device.
    torch::Tensor queryTensor(const QuerySet& querySet) const {
        const int64_t count = static_cast<int64_t>(1 + querySet.negativeCount);
        return torch::from_blob(const_cast<float*>(querySet.vectors.data()),
                                {count, static_cast<int64_t>(m_dimension)}, torch::kFloat32)
            .to(m_device, /*non_blocking=*/false, /*copy=*/true);
    }

    // Similarities of every row to the query and all negatives in one product per block of rows.
    Scores score(const torch::Tensor& segment, const torch::Tensor& vectors, const QuerySet& querySet) const {
        const int64_t rows = segment.size(0);
        const torch::Tensor transposed = vectors.t();
        std::vector<torch::Tensor> products;
        for (int64_t start = 0; start < rows; start += kBlockRows) {
            const torch::Tensor block = segment.narrow(0, start, std::min(kBlockRows, rows - start));
            products.push_back(block.to(torch::kFloat32).mm(transposed)); // [block, 1 + negatives]
        }
        const torch::Tensor all = products.size() == 1 ? products.front() : torch::cat(products, 0);
        Scores scores;
        scores.similarity = all.select(1, 0).contiguous();
        if (querySet.negativeCount == 0) {
            scores.masked = torch::zeros({rows}, torch::TensorOptions().dtype(torch::kBool).device(m_device));
        } else {
            scores.masked =
                (all.narrow(1, 1, static_cast<int64_t>(querySet.negativeCount)) >= querySet.negativeThreshold)
                    .any(1);
        }
        return scores;
    }

    std::vector<torch::Tensor> m_segments; // [rows, D] each, on m_device
    size_t m_dimension = 0;
    size_t m_rows = 0;
    torch::Device m_device;
};

} // namespace

Result<std::unique_ptr<DeviceScan>> createTorchDeviceScan(const std::vector<const EmbeddingMatrix*>& segments,
                                                          ScanDevice device) {
    using Pointer = std::unique_ptr<DeviceScan>;
    return guarded<Pointer>("GPU scan", [&]() -> Result<Pointer> {
        const bool cuda = torch::cuda::is_available();
        if (device == ScanDevice::Cuda && !cuda) {
            return makeError("the GPU scan needs CUDA, and LibTorch sees no CUDA device");
        }
        const torch::Device target = (device == ScanDevice::Cpu || !cuda) ? torch::Device(torch::kCPU)
                                                                          : torch::Device(torch::kCUDA, 0);
        size_t dimension = 0;
        std::vector<torch::Tensor> tensors;
        for (const EmbeddingMatrix* matrix : segments) {
            if (dimension != 0 && matrix->dimension() != dimension) {
                return makeError("the matrices of a GPU scan must share one dimension (" + matrix->source() +
                                 " has " + std::to_string(matrix->dimension()) + ", others " +
                                 std::to_string(dimension) + ")");
            }
            dimension = matrix->dimension();
            const bool half = matrix->storage() == StorageType::Float16;
            const torch::Tensor host =
                torch::from_blob(const_cast<void*>(matrix->data()),
                                 {static_cast<int64_t>(matrix->rows()), static_cast<int64_t>(dimension)},
                                 half ? torch::kFloat16 : torch::kFloat32);
            if (target.is_cuda()) {
                tensors.push_back(host.to(target, /*non_blocking=*/false, /*copy=*/true)); // dtype kept
            } else {
                tensors.push_back(host.to(torch::kFloat32, /*non_blocking=*/false, /*copy=*/true));
            }
        }
        if (segments.empty()) {
            return makeError("a GPU scan needs at least one matrix");
        }
        return Pointer(std::make_unique<TorchDeviceScan>(std::move(tensors), dimension, target));
    });
}

} // namespace curator::torchplugin
