#pragma once

#include "models/backendspec.h"
#include "models/image.h"
#include "models/modelpresets.h"
#include "models/scorer.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace curator {

// What to check before a workspace's model settings are saved (`curator-cli check-models`, the
// workstation's Settings): the specs, each made with the same factories every command uses.
struct ModelCheckRequest {
    std::string workspaceDirectory; // whose store the embedder's dimension must match
    std::string embedder;           // backend specs; empty: that role is not checked
    std::string scorer;
    std::string captioner;
    // The API key's variable, the request timeout, the embedder's query template, the captioner's prompt.
    BackendOptions options;
};

// One role's result. `message` says what was found, or what went wrong naming the backend and what was
// expected.
struct ModelCheckOutcome {
    explicit ModelCheckOutcome(ModelRole checkedRole)
        : role(checkedRole) {}

    ModelRole role;
    std::string spec;     // as given, a URL's user info redacted
    bool checked = false; // false: no spec given, or the check was cancelled first
    bool ok = false;
    std::string model; // the backend's model name, once made
    std::string message;
};

struct ModelCheckReport {
    ModelCheckOutcome embedder{ModelRole::Embedder};
    ModelCheckOutcome scorer{ModelRole::Scorer};
    ModelCheckOutcome captioner{ModelRole::Captioner};
    size_t dimension = 0;      // the embedder's vectors
    size_t storeDimension = 0; // the store's rows of the embedder's model; 0: none
    std::optional<double> score;
    std::optional<ScoreRange> scoreRange;
    std::string caption;
    bool cancelled = false;

    // Every role checked passed and nothing was cancelled.
    bool ok() const;
    // The outcomes of the roles that were checked, in the order embedder, captioner, scorer.
    std::vector<const ModelCheckOutcome*> checkedOutcomes() const;
    // One line per role checked: "embedder: ok: ..." or "embedder: FAILED: ...".
    std::string text() const;
};

// Told before each step (1-based) what it does; answering false cancels the check.
using ModelCheckProgress = std::function<bool(size_t step, size_t steps, const std::string& what)>;

// Makes each backend named in `request` and tries it on a small test image: the embedder embeds a text
// and the image (both of one dimension, which must be the dimension of the store's rows: vectors of
// another model cannot be compared), the captioner captions it, the scorer scores it with that caption.
// A role that fails does not stop the others. Cancelling (`*cancel` becoming true or `progress` answering
// false) stops at the next step; a remote scorer or captioner aborts its request.
ModelCheckReport checkModels(const ModelCheckRequest& request, const std::atomic<bool>* cancel = nullptr,
                             const ModelCheckProgress& progress = {});

// The test image: 128 x 96, a colour gradient with a dark square, large enough for a vision model.
RgbImage modelCheckImage();

// The text the embedder is tried on: words every embedder knows, the builtin one included.
constexpr const char* kModelCheckText = "motion blur";

} // namespace curator
