#pragma once

#include "common/result.h"
#include "models/backendspec.h"
#include "models/image.h"

#include <atomic>
#include <memory>
#include <string>

namespace curator {

// Describes an image in one objective sentence (physical facts, not aesthetic judgement). A failure is
// an error for that image: never a placeholder caption.
class Captioner {
public:
    virtual ~Captioner() = default;
    virtual std::string modelName() const = 0;
    // `imagePath` lets sidecar-based captioners find the caption (captions.jsonl beside the image).
    virtual Result<std::string> caption(const RgbImage& image, const std::string& imagePath) = 0;
    // caption(), given up as soon as `cancel` becomes true (a remote backend aborts its request).
    virtual Result<std::string> captionUnlessCancelled(const RgbImage& image, const std::string& imagePath,
                                                       const std::atomic<bool>& cancel) {
        (void)cancel;
        return caption(image, imagePath);
    }
    // Whether caption() may run on several threads at once (a remote backend).
    virtual bool allowsConcurrentCalls() const { return false; }
};

Result<std::unique_ptr<Captioner>> createCaptioner(const BackendSpec& spec,
                                                   const BackendOptions& options = {});

} // namespace curator
