#pragma once

#include "common/result.h"
#include "models/backendspec.h"
#include "models/image.h"

#include <memory>
#include <string>
#include <vector>

namespace curator {

struct TextEmbedding {
    std::vector<float> vector;         // L2-normalised, dimension()
    std::vector<std::string> warnings; // e.g. words the builtin embedder does not know
};

// Maps images and texts into one space where cosine similarity compares them. A store embedded by one
// model can only be queried through the same model: modelName() is recorded with every matrix.
// Implementations are not required to be thread-safe; use one instance per thread.
class Embedder {
public:
    virtual ~Embedder() = default;
    virtual std::string modelName() const = 0;
    virtual size_t dimension() const = 0;
    // A text that the model cannot place (the builtin embedder knows only taxonomy words) is an error
    // whose message says so, never a random vector.
    virtual Result<TextEmbedding> embedText(const std::string& text) = 0;
    // One L2-normalised vector per image, in order.
    virtual Result<std::vector<std::vector<float>>> embedImages(const std::vector<RgbImage>& images) = 0;
    // A closed vocabulary: the phrases the text side knows (the search box offers them as the user types).
    // Empty: any text (a model).
    virtual std::vector<std::string> knownPhrases() const { return {}; }
};

Result<std::unique_ptr<Embedder>> createEmbedder(const BackendSpec& spec, const BackendOptions& options = {});

} // namespace curator
