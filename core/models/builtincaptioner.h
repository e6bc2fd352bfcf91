#pragma once

#include "models/captioner.h"

#include <map>
#include <string>

namespace curator {

// The offline captioner: it never looks at pixels, it reads captions written beside the images.
// Lookup order for an image path: the map it was given (an ids file's "caption", keyed by path or by
// file name), then captions.jsonl in the image's directory (lines {"file": NAME or "path": PATH,
// "caption": TEXT}). An image with no caption is an error naming it, never a placeholder.
class BuiltinCaptioner : public Captioner {
public:
    static constexpr const char* kModelName = "builtin-sidecar";

    BuiltinCaptioner() = default;
    explicit BuiltinCaptioner(std::map<std::string, std::string> captionsByPathOrName);

    std::string modelName() const override { return kModelName; }
    Result<std::string> caption(const RgbImage& image, const std::string& imagePath) override;

private:
    struct Sidecar {
        std::string path;
        bool exists = false;
        std::string error; // a malformed line, reported for every image of the directory
        std::map<std::string, std::string> byName;
        std::map<std::string, std::string> byPath;
    };
    const Sidecar& sidecarFor(const std::string& directory);

    std::map<std::string, std::string> m_given;
    std::map<std::string, Sidecar> m_sidecars; // directory -> parsed captions.jsonl
};

} // namespace curator
