#pragma once

#include "models/scorer.h"

namespace curator {

// An offline stand-in for a preference model: a CONVENTIONAL-AESTHETICS PROXY computed from pixel
// statistics, on HPSv3's 0..15 scale so that histograms can share bins. It is not HPSv3 and is never
// named so: modelName() is "builtin-proxy". The caption is not used (checked for count only).
//
//   score = 15 * (0.30 S + 0.25 E + 0.15 C + 0.20 N + 0.10 K), each term clamped to 0..1:
//   S sharpness     (ln(contrast-normalised Laplacian energy) + 6.5) / 3
//   E exposure      1 - |mean luma - 0.5| / 0.4 - 2 * (share of clipped white + clipped black pixels)
//   C colourfulness Hasler-Suesstrunk colourfulness / 0.25
//   N low noise     1 - (ln(robust noise sigma) + 6) / 3
//   K contrast      luma standard deviation / 0.2
// (the measurements are BuiltinEmbedder::measureFeatures'). A sharp, well-exposed, colourful, clean
// photograph scores about 11-14; blurred, grainy, washed-out or murky images score lower.
class BuiltinScorer : public Scorer {
public:
    static constexpr const char* kModelName = "builtin-proxy";

    std::string modelName() const override { return kModelName; }
    ScoreRange range() const override { return {0, 15}; }
    Result<std::vector<double>> score(const std::vector<RgbImage>& images,
                                      const std::vector<std::string>& captions) override;

    static Result<double> scoreImage(const RgbImage& image);
};

} // namespace curator
