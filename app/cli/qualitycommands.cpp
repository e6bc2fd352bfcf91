// What a release is trained and evaluated on (issue 17 §2 and §5): pairs, evaluate-scorer.
#include "commands.h"
#include "queryinput.h"

#include "common/fileutil.h"
#include "dataset/curationlog.h"
#include "dataset/pairsources.h"
#include "dataset/preferencepairs.h"
#include "dataset/releaseadditions.h"
#include "rating/scorerevaluation.h"
#include "store/embeddingstore.h"
#include "store/workspacesettings.h"
#include "taxonomy/coverage.h"
#include "taxonomy/taxonomy.h"

#include <cstdio>
#include <filesystem>

namespace curator::cli {

namespace {

constexpr int kSuccess = 0;

PreferencePairOptions pairRequest(const PairOptions& options) {
    PreferencePairOptions request;
    request.branch = options.branch;
    request.model = options.model;
    request.seed = options.seed;
    request.perAttribute = options.perAttribute;
    request.rejectedUses = options.rejectedUses;
    request.promptSource =
        options.prompt == "query" ? PairPromptSource::Query : PairPromptSource::Description;
    return request;
}

Result<PairSources> openPairSources(const GlobalOptions& global) {
    return curator::openPairSources(global.workspace, global.taxonomy);
}

} // namespace

int pairs(const GlobalOptions& global, const PairsOptions& options) {
    if (options.out.empty()) {
        return fail("pairs --out: a file to write is required");
    }
    auto sources = openPairSources(global);
    if (!sources) {
        return fail(sources.error());
    }
    auto set = preferencePairs(sources->log, sources->store, sources->taxonomy, pairRequest(options.pairs));
    if (!set) {
        return fail("pairs: " + set.error());
    }
    const Status written = writeFileAtomically(options.out, preferencePairsToJsonl(*set));
    if (!written) {
        return fail("pairs --out " + options.out + ": " + written.error());
    }
    if (global.json) {
        printJson(preferencePairsSummaryJson(*set, options.out));
    } else {
        std::fputs(formatPreferencePairs(*set, options.out).c_str(), stdout);
    }
    return kSuccess;
}

int evaluateScorer(const GlobalOptions& global, const EvaluateScorerOptions& options) {
    // The release first: a missing one is refused before anything is scored.
    std::string release;
    if (!options.release.empty()) {
        auto directory = releaseDirectory(global.workspace, options.release);
        if (!directory) {
            return fail("evaluate-scorer --release: " + directory.error());
        }
        release = *directory;
    }
    auto scorer = workspaceScorer(global);
    if (!scorer) {
        return fail("evaluate-scorer --scorer: " + scorer.error());
    }
    auto sources = openPairSources(global);
    if (!sources) {
        return fail(sources.error());
    }
    ScorerEvaluationOptions request;
    request.pairs = pairRequest(options.pairs);
    request.rating.bins = options.bins;
    request.rating.concurrency = options.concurrency;
    request.rating.scoreBatchSize = options.scoreBatchSize;
    auto evaluation = evaluateScorer(sources->log, sources->store, sources->taxonomy, **scorer, request);
    if (!evaluation) {
        return fail("evaluate-scorer: " + evaluation.error());
    }
    const std::string json = scorerEvaluationToJson(*evaluation);
    const std::string svg = scorerEvaluationSvg(*evaluation);
    std::vector<std::string> saved;
    const auto save = [&saved](const std::string& path, const std::string& text, const char* option) {
        const Status written = writeFileAtomically(path, text);
        if (!written) {
            return fail(std::string("evaluate-scorer ") + option + ": " + path + ": " + written.error());
        }
        saved.push_back(path);
        return kSuccess;
    };
    if (!options.plot.empty() && save(options.plot, svg, "--plot") != kSuccess) {
        return 1;
    }
    if (!release.empty()) {
        auto written = saveScorerEvaluationToRelease(release, *evaluation);
        if (!written) {
            return fail("evaluate-scorer --release: " + written.error());
        }
        saved.insert(saved.end(), written->begin(), written->end());
    }
    if (global.json) {
        printJson(json);
    } else {
        std::fputs(formatScorerEvaluation(*evaluation).c_str(), stdout);
        for (const std::string& path : saved) {
            std::printf("wrote %s\n", path.c_str());
        }
    }
    return kSuccess;
}

} // namespace curator::cli
