#include "models/modelcheck.h"

#include "common/urlredaction.h"
#include "common/utf8text.h"
#include "models/captioner.h"
#include "models/embedder.h"
#include "models/scorer.h"
#include "store/embeddingstore.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace curator {

namespace {

constexpr const char* kCheckCaption =
    "A small test image: a colour gradient with a dark square in the middle.";
constexpr size_t kCaptionShown = 160; // bytes of a caption quoted in the report

std::string quoted(const std::string& text) {
    return "'" + text + "'";
}

// "embedder 'openai:http://gpu:8000/v1#M'": how every message names the backend.
std::string backendName(const ModelCheckOutcome& outcome) {
    return std::string(modelRoleKey(outcome.role)) + " " + quoted(outcome.spec);
}

bool allFinite(const std::vector<float>& vector) {
    for (float value : vector) {
        if (!std::isfinite(value)) {
            return false;
        }
    }
    return true;
}

std::string formatScore(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", value);
    return text;
}

// A vector from the embedder that can be compared: not empty, every component finite.
Status checkVector(const ModelCheckOutcome& outcome, const std::vector<float>& vector, const char* what) {
    if (vector.empty()) {
        return makeError(backendName(outcome) + ": the " + what +
                         "'s embedding is empty (expected a vector)");
    }
    if (!allFinite(vector)) {
        return makeError(backendName(outcome) + ": the " + what +
                         "'s embedding holds NaN or infinite values (expected finite numbers)");
    }
    return {};
}

// Whether the store's rows can be compared with this embedder's vectors: the rows of its model must have
// its dimension; a store holding only other models' rows cannot be searched by text through it.
Status checkAgainstStore(const std::string& workspaceDirectory, const ModelCheckOutcome& outcome,
                         size_t dimension, ModelCheckReport& report) {
    auto store = EmbeddingStore::open(workspaceDirectory);
    if (!store) {
        return makeError("the workspace's store: " + store.error());
    }
    std::map<std::string, size_t> dimensionOf; // model -> dimension of its rows
    for (const auto& matrix : store->matrices()) {
        dimensionOf[matrix->model()] = matrix->dimension();
    }
    if (dimensionOf.empty()) {
        return {}; // nothing stored yet: any dimension fits
    }
    const auto own = dimensionOf.find(outcome.model);
    if (own != dimensionOf.end()) {
        report.storeDimension = own->second;
        if (own->second != dimension) {
            return makeError(backendName(outcome) + " embeds in " + std::to_string(dimension) +
                             " dimensions, but the workspace's store holds " + std::to_string(own->second) +
                             "-d rows of model " + quoted(outcome.model) + " (expected " +
                             std::to_string(own->second) +
                             "-d vectors: the store's vectors were made with another model)");
        }
        return {};
    }
    std::string stored;
    for (const auto& [model, modelDimension] : dimensionOf) {
        stored +=
            (stored.empty() ? "" : ", ") + quoted(model) + " (" + std::to_string(modelDimension) + "-d)";
    }
    report.storeDimension = dimensionOf.size() == 1 ? dimensionOf.begin()->second : 0;
    return makeError(backendName(outcome) + " is model " + quoted(outcome.model) + " (" +
                     std::to_string(dimension) + "-d), but the workspace's store holds rows of " + stored +
                     ": a text query is compared only with rows of its own model (expected that model's "
                     "embedder, or ingest the images again with this one)");
}

void checkEmbedder(const ModelCheckRequest& request, ModelCheckReport& report) {
    ModelCheckOutcome& outcome = report.embedder;
    auto fail = [&outcome](const std::string& message) { outcome.message = message; };
    auto spec = BackendSpec::parse(request.embedder);
    if (!spec) {
        return fail("embedder: " + spec.error());
    }
    auto embedder = createEmbedder(*spec, request.options);
    if (!embedder) {
        return fail(backendName(outcome) + " could not be made: " + embedder.error());
    }
    outcome.model = (*embedder)->modelName();
    auto text = (*embedder)->embedText(kModelCheckText);
    if (!text) {
        return fail(backendName(outcome) + " did not embed the test text " + quoted(kModelCheckText) + ": " +
                    text.error());
    }
    if (auto checked = checkVector(outcome, text->vector, "test text"); !checked) {
        return fail(checked.error());
    }
    auto images = (*embedder)->embedImages({modelCheckImage()});
    if (!images) {
        return fail(backendName(outcome) + " did not embed the test image: " + images.error());
    }
    if (images->size() != 1) {
        return fail(backendName(outcome) + " answered " + std::to_string(images->size()) +
                    " embeddings for one test image (expected 1)");
    }
    if (auto checked = checkVector(outcome, images->front(), "test image"); !checked) {
        return fail(checked.error());
    }
    report.dimension = text->vector.size();
    if (images->front().size() != report.dimension) {
        return fail(backendName(outcome) + " embeds texts in " + std::to_string(report.dimension) +
                    " dimensions but images in " + std::to_string(images->front().size()) +
                    " (expected one space for both)");
    }
    if (auto fits = checkAgainstStore(request.workspaceDirectory, outcome, report.dimension, report); !fits) {
        return fail(fits.error());
    }
    outcome.ok = true;
    outcome.message = "model " + quoted(outcome.model) + ", " + std::to_string(report.dimension) + "-d; " +
                      (report.storeDimension ? "the store's rows of that model are " +
                                                   std::to_string(report.storeDimension) + "-d too"
                                             : std::string("the store has no rows yet, any dimension fits"));
}

void checkCaptioner(const ModelCheckRequest& request, const std::atomic<bool>& cancel,
                    ModelCheckReport& report) {
    ModelCheckOutcome& outcome = report.captioner;
    auto fail = [&outcome](const std::string& message) { outcome.message = message; };
    auto spec = BackendSpec::parse(request.captioner);
    if (!spec) {
        return fail("captioner: " + spec.error());
    }
    auto captioner = createCaptioner(*spec, request.options);
    if (!captioner) {
        return fail(backendName(outcome) + " could not be made: " + captioner.error());
    }
    outcome.model = (*captioner)->modelName();
    if (spec->kind == BackendSpec::Kind::Builtin) {
        // It never looks at pixels: there is nothing to call.
        outcome.ok = true;
        outcome.message = "model " + quoted(outcome.model) +
                          ": reads the captions written beside the images (captions.jsonl), nothing to call";
        return;
    }
    auto caption = (*captioner)->captionUnlessCancelled(modelCheckImage(), std::string(), cancel);
    if (!caption) {
        return fail(backendName(outcome) + " did not caption the test image: " + caption.error());
    }
    if (caption->find_first_not_of(" \t\r\n") == std::string::npos) {
        return fail(backendName(outcome) +
                    " answered an empty caption for the test image (expected a sentence)");
    }
    report.caption = snippetOf(*caption, kCaptionShown);
    outcome.ok = true;
    outcome.message =
        "model " + quoted(outcome.model) + " captioned the test image: \"" + report.caption + "\"";
}

void checkScorer(const ModelCheckRequest& request, const std::atomic<bool>& cancel,
                 ModelCheckReport& report) {
    ModelCheckOutcome& outcome = report.scorer;
    auto fail = [&outcome](const std::string& message) { outcome.message = message; };
    auto spec = BackendSpec::parse(request.scorer);
    if (!spec) {
        return fail("scorer: " + spec.error());
    }
    auto scorer = createScorer(*spec, request.options);
    if (!scorer) {
        return fail(backendName(outcome) + " could not be made: " + scorer.error());
    }
    outcome.model = (*scorer)->modelName();
    // The scorer reads an image with its caption: the captioner's when it made one.
    const std::string caption = report.caption.empty() ? std::string(kCheckCaption) : report.caption;
    auto scores = (*scorer)->scoreUnlessCancelled({modelCheckImage()}, {caption}, cancel);
    if (!scores) {
        return fail(backendName(outcome) + " did not score the test image: " + scores.error());
    }
    if (scores->size() != 1) {
        return fail(backendName(outcome) + " answered " + std::to_string(scores->size()) +
                    " scores for one test image (expected 1)");
    }
    if (!std::isfinite(scores->front())) {
        return fail(backendName(outcome) + " scored the test image " + formatScore(scores->front()) +
                    " (expected a finite number)");
    }
    report.score = scores->front();
    report.scoreRange = (*scorer)->range();
    outcome.ok = true;
    outcome.message = "model " + quoted(outcome.model) + " scored the test image " +
                      formatScore(*report.score) + " on its scale [" +
                      formatScore(report.scoreRange->minimum) + ", " +
                      formatScore(report.scoreRange->maximum) + "]";
}

} // namespace

bool ModelCheckReport::ok() const {
    if (cancelled) {
        return false;
    }
    for (const ModelCheckOutcome* outcome : checkedOutcomes()) {
        if (!outcome->ok) {
            return false;
        }
    }
    return true;
}

std::vector<const ModelCheckOutcome*> ModelCheckReport::checkedOutcomes() const {
    std::vector<const ModelCheckOutcome*> checked;
    for (const ModelCheckOutcome* outcome : {&embedder, &captioner, &scorer}) {
        if (outcome->checked) {
            checked.push_back(outcome);
        }
    }
    return checked;
}

std::string ModelCheckReport::text() const {
    std::string out;
    for (const ModelCheckOutcome* outcome : checkedOutcomes()) {
        out += std::string(modelRoleKey(outcome->role)) + (outcome->ok ? ": ok: " : ": FAILED: ") +
               outcome->message + "\n";
    }
    if (cancelled) {
        out += "cancelled before every model was checked\n";
    }
    return out;
}

ModelCheckReport checkModels(const ModelCheckRequest& request, const std::atomic<bool>* cancel,
                             const ModelCheckProgress& progress) {
    ModelCheckReport report;
    const std::atomic<bool> never{false};
    const std::atomic<bool>& cancelFlag = cancel ? *cancel : never;
    struct Step {
        const std::string& spec;
        ModelCheckOutcome& outcome;
        const char* doing;
        std::function<void()> run;
    };
    // The captioner before the scorer: the scorer reads the image with the caption it made.
    std::vector<Step> steps;
    if (!request.embedder.empty()) {
        steps.push_back({request.embedder, report.embedder, "embedding a test text and image",
                         [&] { checkEmbedder(request, report); }});
    }
    if (!request.captioner.empty()) {
        steps.push_back({request.captioner, report.captioner, "captioning a test image",
                         [&] { checkCaptioner(request, cancelFlag, report); }});
    }
    if (!request.scorer.empty()) {
        steps.push_back({request.scorer, report.scorer, "scoring a test image",
                         [&] { checkScorer(request, cancelFlag, report); }});
    }
    for (size_t i = 0; i < steps.size(); ++i) {
        Step& step = steps[i];
        step.outcome.spec = redactUrlUserInfo(step.spec);
        const std::string what = backendName(step.outcome) + ": " + step.doing;
        if (cancelFlag.load() || (progress && !progress(i + 1, steps.size(), what))) {
            report.cancelled = true;
            break;
        }
        step.outcome.checked = true;
        step.run();
        if (cancelFlag.load() && !step.outcome.ok) {
            // An aborted request is no finding about the model.
            step.outcome.checked = false;
            report.cancelled = true;
            break;
        }
    }
    return report;
}

RgbImage modelCheckImage() {
    RgbImage image;
    image.width = 128;
    image.height = 96;
    image.pixels.resize(size_t(image.width) * size_t(image.height) * 3);
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            const bool square = x >= 44 && x < 84 && y >= 28 && y < 68;
            uint8_t* pixel = &image.pixels[(size_t(y) * size_t(image.width) + size_t(x)) * 3];
            pixel[0] = square ? 30 : static_cast<uint8_t>(40 + x * 200 / image.width);
            pixel[1] = square ? 30 : static_cast<uint8_t>(60 + y * 160 / image.height);
            pixel[2] = square ? 40 : static_cast<uint8_t>(200 - x * 120 / image.width);
        }
    }
    return image;
}

} // namespace curator
