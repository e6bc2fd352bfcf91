#pragma once

#include "common/result.h"
#include "models/backendspec.h"
#include "models/image.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace curator {

struct ScoreRange {
    double minimum = 0;
    double maximum = 15;
};

// Rates images paired with their captions (HPSv3 takes both). modelName() names the scorer honestly:
// the offline proxy is "builtin-proxy", never a name it is not.
class Scorer {
public:
    virtual ~Scorer() = default;
    virtual std::string modelName() const = 0;
    // The scale scores fall on: histograms use fixed bins over it.
    virtual ScoreRange range() const = 0;
    virtual Result<std::vector<double>> score(const std::vector<RgbImage>& images,
                                              const std::vector<std::string>& captions) = 0;
    // score(), given up as soon as `cancel` becomes true (a remote backend aborts its request); a
    // backend that cannot stop mid-call just scores.
    virtual Result<std::vector<double>> scoreUnlessCancelled(const std::vector<RgbImage>& images,
                                                             const std::vector<std::string>& captions,
                                                             const std::atomic<bool>& cancel) {
        (void)cancel;
        return score(images, captions);
    }
    // Whether score() may run on several threads at once (a remote backend: the work is done elsewhere).
    virtual bool allowsConcurrentCalls() const { return false; }
    // Images per score() call that suit the backend (a remote scorer batches them on its GPU).
    virtual size_t preferredBatchSize() const { return 1; }
};

Result<std::unique_ptr<Scorer>> createScorer(const BackendSpec& spec, const BackendOptions& options = {});

} // namespace curator
