#pragma once

#include "common/result.h"
#include "curation/curationdefaults.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The commands of curator-cli, apart from argument parsing (main.cpp), so that CLI11's heavy header
// stays in one file. Each returns the process exit code: 0 success, 1 failure (one line on stderr).
namespace curator::cli {

struct GlobalOptions {
    std::string workspace; // resolved directory
    bool json = false;
    // Backend specs overriding the workspace's settings.json for this command (empty: the setting).
    std::string embedder;
    std::string scorer;
    std::string captioner;
    std::string captionerPrompt; // what a remote captioner is asked (empty: the default, physical facts only)
    std::string apiKeyEnv = "OPENAI_API_KEY"; // the variable the key is read from; the key is never stored
    std::string embedQueryTemplate;           // an openai: embedder's text queries, e.g. "...Query: {text}"
    std::string taxonomy; // a classes.json of any of the original's shapes (default: the setting, else ours)
    double maxImageMegapixels = 0;      // images over this are not decoded (0: the workspace's setting)
    double requestTimeoutSeconds = 120; // one request to an openai: model, in all (BackendOptions)
};

struct ImportOptions {
    std::string source;
    std::string embeddings;
    std::string ids;
    std::string model = "unnamed";
    std::string dtype = "f16";
    std::string tensor;
    bool replace = false;
};

// What search, sample and count share: the query, negatives and which matrices to scan.
struct QueryOptions {
    std::string queryVector;
    std::string queryText; // embedded by the workspace's embedder
    std::vector<std::string> negativeVectors;
    std::vector<std::string> negativeTexts;
    double negativeThreshold = defaults::kNegativeThreshold; // double: recorded in commits as typed
    std::vector<std::string> sources;
    std::string model;
    unsigned threads = 0;
    std::string device =
        "auto"; // auto | cpu | gpu: where the exact scan runs (see core/plugin/torchplugin.h)
};

struct SearchOptions {
    QueryOptions query;
    size_t topK = defaults::kCliTopK;
    bool approximate = false;
};

struct SampleOptions {
    QueryOptions query;
    float minimum = 0;
    float maximum = 1;
    size_t count = defaults::kCliSampleCount;
    std::optional<uint64_t> seed;
};

struct CountOptions {
    QueryOptions query;
    float threshold = 0;
};

struct IndexBuildOptions {
    std::vector<std::string> sources;
    std::string model;
    size_t m = 16;
    size_t efConstruction = 200;
};

struct BenchSearchOptions {
    size_t rows = 255000;
    size_t dimension = 0; // 0: both standard configurations (1024 f32 and 4096 f16)
    std::string dtype;
    size_t negatives = 3;
    unsigned repeats = 5;
    unsigned threads = 0;
};

struct CommitOptions {
    QueryOptions query;
    double threshold = 0;
    std::string message;
    std::vector<std::string> tags;
    std::string author = "human";
    // Above 0 (--exclude-near-duplicates [T]): new images that are near-duplicates of the dataset are left
    // out. NaN when the value given was not a number (the core's check names it).
    double excludeNearDuplicates = 0;
};

struct DedupOptions {
    double threshold = defaults::kNearDuplicateThreshold;
    std::string branch; // empty: the checked-out branch
    std::string model;  // empty: the workspace's only model
    bool exact = false; // the exact scan even where hnsw graphs are built
    unsigned threads = 0;
};

struct BalanceOptions {
    std::string branch; // empty: the checked-out branch
    size_t target = defaults::kBalanceTarget;
};

struct ReviewOptions {
    std::string action;              // accept | reject | clear | list
    std::vector<std::string> images; // source/id
    std::string branch;              // empty: the checked-out branch
    std::string author = "human";
};

// What preference pairs are formed from (pairs and evaluate-scorer share it).
struct PairOptions {
    std::string branch; // empty: the checked-out branch
    std::string model;  // empty: the workspace's only model
    uint64_t seed = 0;
    size_t perAttribute = 0; // 0: no cap
    size_t rejectedUses = 2;
    std::string prompt = "description"; // description | query
};

struct PairsOptions {
    PairOptions pairs;
    std::string out;
};

struct EvaluateScorerOptions {
    PairOptions pairs;
    std::string plot;    // an SVG file to write
    std::string release; // a release tag: the report goes into exports/TAG/.card/
    size_t bins = defaults::kScoreBins;
    size_t concurrency = 0;
    size_t scoreBatchSize = 0;
};

struct SampleCommittedOptions {
    std::string commit; // empty: the whole dataset of the checked-out branch
    size_t count = 20;
    std::optional<uint64_t> seed;
};

struct BranchOptions {
    std::string action; // list | create | checkout | merge | discard
    std::string name;
};

struct ExportOptions {
    std::string out;
    std::string release;
    std::string format = "curator"; // curator | original
    bool copyImages = false;
    double excludeNearDuplicates = 0; // a release without near-duplicates at this cosine; 0: all images
};

struct DemoOptions {
    size_t count = 3000;
    bool synthetic = false; // synthetic embeddings only (no images): instant, for tests
};

struct IngestOptions {
    std::string source;
    std::string images;
    std::string captions;
    std::string dtype = "f16";
};

struct RateOptions {
    QueryOptions query;
    std::string idsFile; // instead of a query: lines of "source/id" (or "id" when there is one source)
    std::optional<float> minimum;
    std::optional<float> maximum;
    size_t count = defaults::kRatingSampleSize;
    std::optional<uint64_t> seed;
    size_t bins = defaults::kScoreBins;
    size_t concurrency = 0;    // requests in flight (0: the default of remote backends, 8)
    size_t scoreBatchSize = 0; // images per scorer request (0: the scorer's own, 8 over HTTP)
    bool dataset = false;      // the checked-out dataset's images without a cached score
};

struct AgentOptions {
    std::string theme;
    std::string runId;   // resume
    std::string planner; // llm | heuristic; empty: heuristic unless --base-url is given
    std::string baseUrl;
    std::string model;
    std::string reasoningEffort;
    int maxTurns = 200;
    bool maxTurnsGiven = false;
    int maxToolCallsPerTurn = 32;            // kDefaultMaxToolCallsPerTurn
    size_t maxAnswerBytes = size_t(8) << 20; // kDefaultMaxAnswerBytes
    double llmIdleTimeoutSeconds = 300;      // kDefaultLlmIdleTimeoutMs
    std::string llmImages = "auto";          // auto | yes | no: grids as image parts
    std::string llmApi = "chat";             // chat | responses: the endpoint's dialect
    bool approveCommits = false;
    std::vector<std::string> approveTools; // commit, undo_commit, aesthetics_rate, all
    size_t ratingConcurrency = 0;          // aesthetics_rate's requests in flight (0: the default, 8)
    size_t ratingScoreBatchSize = 0;       // images per scorer call (0: the scorer's own)
    long contextBudgetTokens = 0; // 0: the default for a new run, the recorded budget for a resumed one
    std::string events;     // empty: a readable stream; "-": JSON lines on stdout; FILE: JSON lines appended
    int gridTileSize = 384; // kGridTileSize: px per tile of the tools' grid images
    // A batch (one run per theme): themes from a file (one per line) or every attribute of a category.
    std::string themesFile;
    std::string category;
    std::string batchId; // run: the new batch's id (empty: a new one); batch resume: the batch to resume
    // fork: the turn of RUN_ID the fork keeps, and an optional instruction for the forked run.
    int forkTurn = 0;
    std::string forkMessage;
};

struct RootsOptions {
    std::string action = "list"; // list | add | remove
    std::string directory;
};

struct SettingsOptions {
    std::vector<std::string> assignments; // KEY=VALUE
};

int storeImport(const GlobalOptions& global, const ImportOptions& options);
int storeList(const GlobalOptions& global);
int search(const GlobalOptions& global, const SearchOptions& options);
int sample(const GlobalOptions& global, const SampleOptions& options);
int count(const GlobalOptions& global, const CountOptions& options);
int indexBuild(const GlobalOptions& global, const IndexBuildOptions& options);
int benchSearch(const GlobalOptions& global, const BenchSearchOptions& options);
int demo(const GlobalOptions& global, const DemoOptions& options);
int ingest(const GlobalOptions& global, const IngestOptions& options);
int embedText(const GlobalOptions& global, const std::string& text);
int settings(const GlobalOptions& global, const SettingsOptions& options);
// The image roots a release may copy files from: list, add DIR, remove DIR.
int roots(const GlobalOptions& global, const RootsOptions& options);
int rate(const GlobalOptions& global, const RateOptions& options);
int taxonomy(const GlobalOptions& global);
// Tries the embedder, scorer and captioner on a test image before they are relied on (modelcheck.h).
int checkModels(const GlobalOptions& global);

// The agent (agentcommands.cpp).
int agentRun(const GlobalOptions& global, const AgentOptions& options);
int agentResume(const GlobalOptions& global, const AgentOptions& options);
int agentList(const GlobalOptions& global);
int agentFork(const GlobalOptions& global, const AgentOptions& options);
int agentBatchResume(const GlobalOptions& global, const AgentOptions& options);
int agentBatchList(const GlobalOptions& global);
// The curation tools over MCP on stdin/stdout (theme, max turns, approve tools, grid tile size).
int mcpServe(const GlobalOptions& global, const AgentOptions& options);

// The curation log (logcommands.cpp).
int commit(const GlobalOptions& global, const CommitOptions& options);
// With images: removes only those from the commit (CurationLog::removeImages).
int undo(const GlobalOptions& global, const std::string& commitId, const std::vector<std::string>& images);
// nearDuplicates > 0: also the near-duplicates of the dataset at that cosine (0: not computed).
int status(const GlobalOptions& global, double nearDuplicates = 0);
int log(const GlobalOptions& global);
int sampleCommitted(const GlobalOptions& global, const SampleCommittedOptions& options);
int branch(const GlobalOptions& global, const BranchOptions& options);
int exportDataset(const GlobalOptions& global, const ExportOptions& options);
int importDataset(const GlobalOptions& global, const std::string& file);
// Dataset quality (docs/dataset-quality.md).
int dedup(const GlobalOptions& global, const DedupOptions& options);
int balance(const GlobalOptions& global, const BalanceOptions& options);
int review(const GlobalOptions& global, const ReviewOptions& options);
int pairs(const GlobalOptions& global, const PairsOptions& options);
int evaluateScorer(const GlobalOptions& global, const EvaluateScorerOptions& options);

// Shared by the two command files.
int fail(const std::string& message);
// Enters a newly imported matrix's rows into the workspace's image catalog.
Status registerInCatalog(const std::string& workspaceDirectory, const std::string& matrixDirectory);
// Enters the stored rows the catalog lacks (an ingest or import killed between matrix and catalog).
Status repairCatalog(const std::string& workspaceDirectory);
void printJson(const std::string& jsonText);

} // namespace curator::cli
