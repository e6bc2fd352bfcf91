#pragma once

#include "common/result.h"
#include "models/embedder.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace curator {

// The offline embedder: pixel statistics measured with OpenCV, and a text side that knows only the
// taxonomy words that those statistics can express.
//
// Image side: kFeatureCount features (sharpness, blur anisotropy, noise, JPEG blockiness, scanlines,
// chroma misalignment, saturation, colourfulness, hue clash, neon fraction, colour cast, brightness,
// contrast, clipping, vignette, flash, light leak, tilt, edge density, text-like dense edges, haloing,
// warmth). Each is standardised with fixed constants calibrated on clean images of the demo collection
// (z = (raw - centre) / spread), shrunk by a dead zone of 0.75 so that ordinary variation reads as zero,
// softly capped (4 tanh(z / 4)) and put on a "high" axis; the ten two-sided features (sharpness,
// saturation, colourfulness, the two cast axes, brightness, contrast, edge density, haloing, warmth) also
// get a "low" axis. One constant axis comes first, so a clean image points mostly along it and is far
// from every attribute direction. The vector is L2-normalised: dimension kDimension (35).
//
// Text side (resources/builtin_vocabulary.json): each attribute has phrases and the feature axes it
// raises, lowers or avoids; a text's vector is the normalised sum of the directions of the phrases it
// contains. Words it does not know are listed in a warning; a text with none it knows is an error.
class BuiltinEmbedder : public Embedder {
public:
    static constexpr const char* kModelName = "builtin-pixel-v4";
    static constexpr size_t kFeatureCount = 24;
    static constexpr size_t kDimension = 35; // 1 + 24 high axes + 10 low axes

    // `threads` images are described at once in embedImages (one OpenCV pipeline per thread).
    static Result<std::unique_ptr<BuiltinEmbedder>> create(const std::string& vocabularyPath,
                                                           unsigned threads = 1);
    static Result<std::unique_ptr<BuiltinEmbedder>>
    fromVocabularyJson(std::string_view json, const std::string& label, unsigned threads = 1);

    std::string modelName() const override { return kModelName; }
    size_t dimension() const override { return kDimension; }
    Result<TextEmbedding> embedText(const std::string& text) override;
    Result<std::vector<std::vector<float>>> embedImages(const std::vector<RgbImage>& images) override;

    // The feature names, in descriptor order ("sharpness", "noise", ...).
    static const std::vector<std::string>& featureNames();
    // Raw measurements (before standardisation) of one image, in featureNames() order.
    static Result<std::vector<double>> measureFeatures(const RgbImage& image);
    // Standardised features (0 = a typical clean image; +/-1 = one calibrated spread).
    static std::vector<double> standardize(const std::vector<double>& raw);
    // The descriptor of one image, as embedImages computes it.
    static Result<std::vector<float>> describe(const RgbImage& image);

    // Attribute names the text side knows, in vocabulary order.
    std::vector<std::string> knownAttributes() const;
    // Every phrase of the vocabulary ("motion blur", "scanlines", ...), distinct, sorted.
    std::vector<std::string> knownPhrases() const override;
    // Known words near a word it does not know (a typo, a truncation: "blurr" -> "blur", "scan" ->
    // "scanline"), closest first, at most `limit`.
    std::vector<std::string> nearbyKnownWords(const std::string& word, size_t limit = 3) const;

private:
    struct Phrase {
        std::vector<std::string> words;
        std::string attribute;
    };
    BuiltinEmbedder() = default;

    std::map<std::string, std::vector<float>> m_directions; // attribute -> unit vector
    std::vector<std::string> m_attributeOrder;
    std::vector<Phrase> m_phrases; // longest first
    unsigned m_threads = 1;
};

// The vocabulary file inside a resources directory.
std::string defaultBuiltinVocabularyPath(const std::string& resourcesDirectory);

} // namespace curator
