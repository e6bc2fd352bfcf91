#include "curation/examplethemes.h"

#include "models/embedder.h"

namespace curator {

const std::vector<std::string>& exampleThemeCandidates() {
    static const std::vector<std::string> themes = {
        "VHS decay with scanlines", "harsh flash snapshot",    "motion blur and camera shake",
        "clashing neon colours",    "underexposed and grainy", "faded old photo with a light leak",
        "sickly green colour cast", "liminal empty hallway",
    };
    return themes;
}

std::vector<std::string> exampleThemes(Embedder& embedder, size_t count) {
    std::vector<std::string> servable;
    for (const std::string& theme : exampleThemeCandidates()) {
        if (servable.size() == count) {
            break;
        }
        auto embedded = embedder.embedText(theme);
        if (embedded && embedded->warnings.empty()) {
            servable.push_back(theme);
        }
    }
    return servable;
}

} // namespace curator
