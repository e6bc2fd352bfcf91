// The plugin's entry point, the TorchScript embedder and the TorchScript scorer. With devicescan.cpp,
// the only files of the project that include LibTorch.

#include "devicescan.h"
#include "models/cliptokenizer.h"
#include "plugin/torchbackend.h"
#include "preprocess.h"

#include <torch/cuda.h>
#include <torch/script.h>
#include <torch/version.h>

#include <filesystem>

namespace curator::torchplugin {

namespace {

// Runs `body`, turning any exception into an error that starts with `what`.
template <typename T, typename Body>
Result<T> guarded(const std::string& what, Body&& body) {
    try {
        return body();
    } catch (const c10::Error& error) {
        return makeError(what + ": " + error.what_without_backtrace());
    } catch (const std::exception& error) {
        return makeError(what + ": " + error.what());
    } catch (...) {
        return makeError(what + ": unknown error");
    }
}

torch::Device chooseDevice() {
    return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
}

Result<torch::jit::Module> loadModule(const std::string& path, const torch::Device& device) {
    if (!std::filesystem::is_regular_file(path)) {
        return makeError("missing TorchScript file " + path);
    }
    return guarded<torch::jit::Module>("cannot load TorchScript " + path,
                                       [&]() -> Result<torch::jit::Module> {
                                           torch::jit::Module module = torch::jit::load(path, device);
                                           module.eval();
                                           return module;
                                       });
}

// The first tensor of a model's output (a tensor, or a tuple/list whose first element is one).
torch::Tensor firstTensor(const torch::IValue& output) {
    if (output.isTensor()) {
        return output.toTensor();
    }
    if (output.isTuple()) {
        return firstTensor(output.toTupleRef().elements().at(0));
    }
    if (output.isList()) {
        return firstTensor(output.toListRef().at(0));
    }
    throw std::runtime_error("the model returned " + output.tagKind() + ", not a tensor");
}

// Images as one float tensor [N, 3, S, S] on `device`.
Result<torch::Tensor> imageBatch(const std::vector<RgbImage>& images, const Preprocessing& preprocessing,
                                 const torch::Device& device) {
    const int64_t size = preprocessing.imageSize;
    torch::Tensor batch = torch::empty({static_cast<int64_t>(images.size()), 3, size, size}, torch::kFloat32);
    float* data = batch.data_ptr<float>();
    const size_t perImage = static_cast<size_t>(3 * size * size);
    for (size_t i = 0; i < images.size(); ++i) {
        Status status = preprocessImage(images[i], preprocessing, data + i * perImage);
        if (!status) {
            return makeError("image " + std::to_string(i) + ": " + status.error());
        }
    }
    return batch.to(device);
}

Result<torch::Tensor> tokenBatch(const ClipTokenizer& tokenizer, const std::vector<std::string>& texts,
                                 size_t contextLength, const torch::Device& device) {
    torch::Tensor tokens = torch::empty(
        {static_cast<int64_t>(texts.size()), static_cast<int64_t>(contextLength)}, torch::kInt64);
    int64_t* data = tokens.data_ptr<int64_t>();
    for (size_t i = 0; i < texts.size(); ++i) {
        Result<std::vector<int64_t>> ids = tokenizer.encodeForModel(texts[i], contextLength);
        if (!ids) {
            return ids.takeError();
        }
        std::copy(ids->begin(), ids->end(), data + i * contextLength);
    }
    return tokens.to(device);
}

// Rows of `embeddings` [N, D], L2-normalised, as vectors; a zero row is an error.
Result<std::vector<std::vector<float>>> normalisedRows(torch::Tensor embeddings, size_t expectedRows,
                                                       size_t dimension, const std::string& what) {
    embeddings = embeddings.to(torch::kCPU, torch::kFloat32).contiguous();
    if (embeddings.dim() != 2 || static_cast<size_t>(embeddings.size(0)) != expectedRows ||
        static_cast<size_t>(embeddings.size(1)) != dimension) {
        return makeError(what + " returned a tensor of shape " + c10::str(embeddings.sizes()) +
                         ", expected [" + std::to_string(expectedRows) + ", " + std::to_string(dimension) +
                         "]");
    }
    const torch::Tensor norms = embeddings.norm(2, {1}, true);
    if ((norms <= 0).any().item<bool>() || !torch::isfinite(norms).all().item<bool>()) {
        return makeError(what + " returned a zero or non-finite embedding");
    }
    const torch::Tensor normalised = (embeddings / norms).contiguous();
    std::vector<std::vector<float>> rows(expectedRows);
    const float* data = normalised.data_ptr<float>();
    for (size_t i = 0; i < expectedRows; ++i) {
        rows[i].assign(data + i * dimension, data + (i + 1) * dimension);
    }
    return rows;
}

constexpr size_t kImageBatch = 32;

class TorchScriptEmbedder final : public Embedder {
public:
    TorchScriptEmbedder(ModelConfig config, ClipTokenizer tokenizer, const torch::jit::Module& imageEncoder,
                        const torch::jit::Module& textEncoder, torch::Device device)
        : m_config(std::move(config))
        , m_tokenizer(std::move(tokenizer))
        , m_imageEncoder(imageEncoder)
        , m_textEncoder(textEncoder)
        , m_device(device) {}

    std::string modelName() const override { return m_config.modelName; }
    size_t dimension() const override { return m_config.embeddingDimension; }

    Result<TextEmbedding> embedText(const std::string& text) override {
        return guarded<TextEmbedding>(
            "text encoder of " + m_config.modelName, [&]() -> Result<TextEmbedding> {
                torch::InferenceMode inference;
                Result<torch::Tensor> tokens =
                    tokenBatch(m_tokenizer, {text}, m_config.contextLength, m_device);
                if (!tokens) {
                    return tokens.takeError();
                }
                const torch::Tensor output = firstTensor(m_textEncoder.forward({*tokens}));
                Result<std::vector<std::vector<float>>> rows =
                    normalisedRows(output, 1, m_config.embeddingDimension, "the text encoder");
                if (!rows) {
                    return rows.takeError();
                }
                TextEmbedding embedding;
                embedding.vector = std::move(rows->front());
                return embedding;
            });
    }

    Result<std::vector<std::vector<float>>> embedImages(const std::vector<RgbImage>& images) override {
        using Rows = std::vector<std::vector<float>>;
        return guarded<Rows>("image encoder of " + m_config.modelName, [&]() -> Result<Rows> {
            torch::InferenceMode inference;
            Rows all;
            all.reserve(images.size());
            for (size_t start = 0; start < images.size(); start += kImageBatch) {
                const size_t count = std::min(kImageBatch, images.size() - start);
                const std::vector<RgbImage> part(images.begin() + static_cast<std::ptrdiff_t>(start),
                                                 images.begin() + static_cast<std::ptrdiff_t>(start + count));
                Result<torch::Tensor> batch = imageBatch(part, m_config.preprocessing, m_device);
                if (!batch) {
                    return batch.takeError();
                }
                const torch::Tensor output = firstTensor(m_imageEncoder.forward({*batch}));
                Result<Rows> rows =
                    normalisedRows(output, count, m_config.embeddingDimension, "the image encoder");
                if (!rows) {
                    return rows.takeError();
                }
                for (auto& row : *rows) {
                    all.push_back(std::move(row));
                }
            }
            return all;
        });
    }

private:
    ModelConfig m_config;
    ClipTokenizer m_tokenizer;
    torch::jit::Module m_imageEncoder;
    torch::jit::Module m_textEncoder;
    torch::Device m_device;
};

class TorchScriptScorer final : public Scorer {
public:
    TorchScriptScorer(ModelConfig config, ClipTokenizer tokenizer, const torch::jit::Module& module,
                      torch::Device device)
        : m_config(std::move(config))
        , m_tokenizer(std::move(tokenizer))
        , m_module(module)
        , m_device(device) {}

    std::string modelName() const override { return m_config.modelName; }
    ScoreRange range() const override { return {m_config.scoreMin, m_config.scoreMax}; }

    Result<std::vector<double>> score(const std::vector<RgbImage>& images,
                                      const std::vector<std::string>& captions) override {
        if (images.size() != captions.size()) {
            return makeError("the scorer needs one caption per image (" + std::to_string(images.size()) +
                             " images, " + std::to_string(captions.size()) + " captions)");
        }
        using Scores = std::vector<double>;
        return guarded<Scores>("scorer " + m_config.modelName, [&]() -> Result<Scores> {
            torch::InferenceMode inference;
            Scores scores;
            scores.reserve(images.size());
            for (size_t start = 0; start < images.size(); start += kImageBatch) {
                const size_t count = std::min(kImageBatch, images.size() - start);
                const auto first = static_cast<std::ptrdiff_t>(start);
                const auto last = static_cast<std::ptrdiff_t>(start + count);
                Result<torch::Tensor> batch =
                    imageBatch(std::vector<RgbImage>(images.begin() + first, images.begin() + last),
                               m_config.preprocessing, m_device);
                if (!batch) {
                    return batch.takeError();
                }
                Result<torch::Tensor> tokens = tokenBatch(
                    m_tokenizer, std::vector<std::string>(captions.begin() + first, captions.begin() + last),
                    m_config.contextLength, m_device);
                if (!tokens) {
                    return tokens.takeError();
                }
                const torch::Tensor output = firstTensor(m_module.forward({*batch, *tokens}))
                                                 .to(torch::kCPU, torch::kFloat64)
                                                 .contiguous();
                if (output.numel() != static_cast<int64_t>(count)) {
                    return makeError("scorer.pt returned a tensor of shape " + c10::str(output.sizes()) +
                                     " for " + std::to_string(count) + " images");
                }
                const double* data = output.data_ptr<double>();
                scores.insert(scores.end(), data, data + count);
            }
            return scores;
        });
    }

private:
    ModelConfig m_config;
    ClipTokenizer m_tokenizer;
    torch::jit::Module m_module;
    torch::Device m_device;
};

class TorchBackendImpl final : public TorchBackend {
public:
    int abiVersion() const override { return kTorchBackendAbiVersion; }

    std::string description() const override {
        const bool cuda = cudaAvailable();
        return std::string("LibTorch ") + TORCH_VERSION +
               (cuda ? " (CUDA, " + std::to_string(torch::cuda::device_count()) + " device(s))" : " (CPU)");
    }

    bool cudaAvailable() const override {
        try {
            return torch::cuda::is_available();
        } catch (...) {
            return false;
        }
    }

    Result<std::unique_ptr<Embedder>> createEmbedder(const std::string& directory) override {
        using Pointer = std::unique_ptr<Embedder>;
        return guarded<Pointer>("torchscript:" + directory, [&]() -> Result<Pointer> {
            Result<ModelConfig> config = readModelConfig(directory + "/config.json", true);
            if (!config) {
                return config.takeError();
            }
            Result<ClipTokenizer> tokenizer = ClipTokenizer::loadDirectory(directory);
            if (!tokenizer) {
                return tokenizer.takeError();
            }
            const torch::Device device = chooseDevice();
            Result<torch::jit::Module> image = loadModule(directory + "/image_encoder.pt", device);
            if (!image) {
                return image.takeError();
            }
            Result<torch::jit::Module> text = loadModule(directory + "/text_encoder.pt", device);
            if (!text) {
                return text.takeError();
            }
            return Pointer(std::make_unique<TorchScriptEmbedder>(
                std::move(*config), std::move(*tokenizer), std::move(*image), std::move(*text), device));
        });
    }

    Result<std::unique_ptr<Scorer>> createScorer(const std::string& directory) override {
        using Pointer = std::unique_ptr<Scorer>;
        return guarded<Pointer>("torchscript:" + directory, [&]() -> Result<Pointer> {
            Result<ModelConfig> config = readModelConfig(directory + "/config.json", false);
            if (!config) {
                return config.takeError();
            }
            Result<ClipTokenizer> tokenizer = ClipTokenizer::loadDirectory(directory);
            if (!tokenizer) {
                return tokenizer.takeError();
            }
            const torch::Device device = chooseDevice();
            Result<torch::jit::Module> module = loadModule(directory + "/scorer.pt", device);
            if (!module) {
                return module.takeError();
            }
            return Pointer(std::make_unique<TorchScriptScorer>(std::move(*config), std::move(*tokenizer),
                                                               std::move(*module), device));
        });
    }

    Result<std::unique_ptr<DeviceScan>> createDeviceScan(const std::vector<const EmbeddingMatrix*>& segments,
                                                         ScanDevice device) override {
        return createTorchDeviceScan(segments, device);
    }
};

} // namespace

} // namespace curator::torchplugin

extern "C" __attribute__((visibility("default"))) curator::TorchBackend* curator_torch_backend() noexcept {
    try {
        static curator::torchplugin::TorchBackendImpl backend;
        return &backend;
    } catch (...) {
        return nullptr;
    }
}
