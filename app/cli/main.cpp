// curator-cli: argument parsing only; the commands live in commands.cpp and all logic in curator_core.
#include "agent/contextwindow.h"
#include "commands.h"

#include "models/imagesize.h"
#include "rating/aestheticsrate.h"
#include "store/workspace.h"
#include "store/workspacesettings.h"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdlib>
#include <functional>
#include <iostream>

namespace {

constexpr int kUsageError = 2;

// The decoding limit of this process: the option, else the workspace's setting (a settings.json that does
// not load is reported by the commands that need it; the default limit stays).
void applyImageLimit(const curator::cli::GlobalOptions& global) {
    double megapixels = global.maxImageMegapixels;
    if (megapixels <= 0) {
        auto settings = curator::WorkspaceSettings::load(global.workspace);
        megapixels = settings ? settings->maxImageMegapixels : 0;
    }
    if (megapixels > 0) {
        curator::setMaxImagePixels(static_cast<uint64_t>(megapixels * 1e6));
    }
}

// An --exclude-near-duplicates value: empty is the default threshold; not a number is NaN, which the core
// refuses naming the option.
double nearDuplicateThresholdOf(const std::string& text) {
    if (text.empty()) {
        return curator::defaults::kNearDuplicateThreshold;
    }
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    return end && *end == '\0' && end != text.c_str() ? value : std::nan("");
}

void addQueryOptions(CLI::App* command, curator::cli::QueryOptions& query) {
    // Exactly one query: a vector file or a text the workspace's embedder turns into one.
    auto* queryGroup = command->add_option_group("query", "The query: a vector file or a text");
    queryGroup->add_option("--query-vector", query.queryVector, "Query vector: .npy of shape (D) or (1, D)");
    queryGroup->add_option("--query", query.queryText, "Query text, embedded by the workspace's embedder");
    queryGroup->require_option(1);
    command->add_option("--negative-vector", query.negativeVectors,
                        "Negative prompt vectors: .npy of shape (D) or (m, D); repeatable");
    command->add_option("--negative", query.negativeTexts, "Negative prompt text; repeatable");
    command
        ->add_option("--negative-threshold", query.negativeThreshold,
                     "An image is masked when its similarity to any negative is >= this")
        ->capture_default_str();
    command->add_option("--source", query.sources, "Restrict to these sources; repeatable (default: all)");
    command->add_option("--model", query.model,
                        "Embedding model of the query (default: the workspace's only one)");
    command->add_option("--threads", query.threads, "Scan threads (default: one per hardware thread)");
    command
        ->add_option(
            "--device", query.device,
            "Exact scan on cpu, gpu (LibTorch CUDA plugin), or auto (the GPU where a CUDA plugin is found)")
        ->check(CLI::IsMember({"auto", "cpu", "gpu"}))
        ->capture_default_str();
}

// Every option of every command, and the command chosen: they must outlive parsing, since CLI11 writes
// into them and the callbacks set `run`.
struct CommandLine {
    curator::cli::GlobalOptions global;
    std::function<int()> run;
    int mcpMaxTurns = 1000; // mcp's default differs from agent run's
    curator::cli::ImportOptions importOptions;
    curator::cli::SearchOptions searchOptions;
    curator::cli::SampleOptions sampleOptions;
    uint64_t seed = 0;
    CLI::Option* seedOption = nullptr;
    curator::cli::CountOptions countOptions;
    curator::cli::IndexBuildOptions indexOptions;
    curator::cli::BenchSearchOptions benchOptions;
    curator::cli::DemoOptions demoOptions;
    curator::cli::IngestOptions ingestOptions;
    std::string embedTextInput;
    curator::cli::RateOptions rateOptions;
    float rateMinimum = 0;
    float rateMaximum = 0;
    uint64_t rateSeed = 0;
    CLI::Option* rateMinimumOption = nullptr;
    CLI::Option* rateMaximumOption = nullptr;
    CLI::Option* rateSeedOption = nullptr;
    curator::cli::AgentOptions agentOptions;
    CLI::Option* maxTurnsOption = nullptr;
    CLI::Option* batchMaxTurnsOption = nullptr;
    curator::cli::SettingsOptions settingsOptions;
    curator::cli::RootsOptions rootsOptions;
    curator::cli::CommitOptions commitOptions;
    std::string excludeNearDuplicatesText;
    CLI::Option* excludeNearDuplicatesOption = nullptr;
    std::string exportExcludeText;
    std::string statusNearDuplicatesText;
    CLI::Option* statusNearDuplicatesOption = nullptr;
    CLI::Option* exportExcludeOption = nullptr;
    curator::cli::DedupOptions dedupOptions;
    curator::cli::BalanceOptions balanceOptions;
    curator::cli::ReviewOptions reviewOptions;
    curator::cli::PairsOptions pairsOptions;
    curator::cli::EvaluateScorerOptions evaluateOptions;
    std::string undoId;
    std::vector<std::string> undoImages;
    curator::cli::SampleCommittedOptions sampleCommittedOptions;
    uint64_t committedSeed = 0;
    CLI::Option* committedSeedOption = nullptr;
    curator::cli::BranchOptions branchOptions;
    curator::cli::ExportOptions exportOptions;
    std::string importFile;
};

// store, search, sample, count, index, bench
void addSearchCommands(CLI::App& app, CommandLine& c) {
    auto* store = app.add_subcommand("store", "Embedding matrices of the workspace");
    store->require_subcommand(1);
    auto* storeImport =
        store->add_subcommand("import", "Import an embedding matrix for one source and model");
    storeImport
        ->add_option("--source", c.importOptions.source, "Source name, e.g. photos, artwork, dreamcore")
        ->required();
    storeImport
        ->add_option("--embeddings", c.importOptions.embeddings, ".npy (2-D float32/float16) or .safetensors")
        ->required();
    storeImport->add_option("--ids", c.importOptions.ids,
                            "Ids: .txt (one per line) or .jsonl (id, path, caption)");
    storeImport->add_option("--model", c.importOptions.model, "Embedding model name")->capture_default_str();
    storeImport->add_option("--dtype", c.importOptions.dtype, "Storage: f16 (half the bytes) or f32")
        ->check(CLI::IsMember({"f16", "f32"}))
        ->capture_default_str();
    storeImport->add_option("--tensor", c.importOptions.tensor, "Tensor name inside a .safetensors file");
    storeImport->add_flag("--replace", c.importOptions.replace,
                          "Replace an existing matrix of this source and model");
    storeImport->callback(
        [&c] { c.run = [&c] { return curator::cli::storeImport(c.global, c.importOptions); }; });
    auto* storeList = store->add_subcommand("list", "List the matrices of the workspace");
    storeList->callback([&c] { c.run = [&c] { return curator::cli::storeList(c.global); }; });

    auto* search = app.add_subcommand("search", "Top-k images by similarity, negatives masked, in one scan");
    addQueryOptions(search, c.searchOptions.query);
    search->add_option("--top-k", c.searchOptions.topK, "Number of results")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    search->add_flag("--approximate", c.searchOptions.approximate, "Use the hnsw index (see 'index build')");
    search->callback([&c] { c.run = [&c] { return curator::cli::search(c.global, c.searchOptions); }; });

    auto* sample = app.add_subcommand("sample", "Random images whose similarity lies in [min, max]");
    addQueryOptions(sample, c.sampleOptions.query);
    sample->add_option("--min-sim", c.sampleOptions.minimum, "Lowest similarity (inclusive)")->required();
    sample->add_option("--max-sim", c.sampleOptions.maximum, "Highest similarity (inclusive)")->required();
    sample->add_option("--count", c.sampleOptions.count, "Number of images")->capture_default_str();
    c.seedOption = sample->add_option("--seed", c.seed, "Random seed (default: drawn, and reported)");
    sample->callback([&c] {
        if (c.seedOption->count() > 0) {
            c.sampleOptions.seed = c.seed;
        }
        c.run = [&c] { return curator::cli::sample(c.global, c.sampleOptions); };
    });

    auto* count = app.add_subcommand("count", "Exact number of unmasked images with similarity >= threshold");
    addQueryOptions(count, c.countOptions.query);
    count->add_option("--threshold", c.countOptions.threshold, "Similarity threshold")->required();
    count->callback([&c] { c.run = [&c] { return curator::cli::count(c.global, c.countOptions); }; });

    auto* index = app.add_subcommand("index", "Approximate-search indexes");
    index->require_subcommand(1);
    auto* indexBuild = index->add_subcommand("build", "Build the hnsw index of each source (or those named)");
    indexBuild->add_option("--source", c.indexOptions.sources, "Sources to index; repeatable (default: all)");
    indexBuild->add_option("--model", c.indexOptions.model,
                           "Embedding model (default: the workspace's only one)");
    indexBuild->add_option("--m", c.indexOptions.m, "hnsw links per node")->capture_default_str();
    indexBuild->add_option("--ef-construction", c.indexOptions.efConstruction, "hnsw build candidate list")
        ->capture_default_str();
    indexBuild->callback(
        [&c] { c.run = [&c] { return curator::cli::indexBuild(c.global, c.indexOptions); }; });

    auto* bench = app.add_subcommand("bench", "Benchmarks");
    bench->require_subcommand(1);
    auto* benchSearch = bench->add_subcommand(
        "search", "Time the exact scan against a plain read of the same synthetic matrix (default: 255,000 x "
                  "1024 f32 and 255,000 x 4096 f16)");
    benchSearch->add_option("--rows", c.benchOptions.rows, "Rows")->capture_default_str();
    benchSearch->add_option("--dim", c.benchOptions.dimension,
                            "Dimension (default: both standard configurations)");
    benchSearch->add_option("--dtype", c.benchOptions.dtype, "f16 or f32")
        ->check(CLI::IsMember({"f16", "f32"}));
    benchSearch->add_option("--negatives", c.benchOptions.negatives, "Negative vectors")
        ->capture_default_str();
    benchSearch->add_option("--repeats", c.benchOptions.repeats, "Runs; the best is reported")
        ->capture_default_str();
    benchSearch->add_option("--threads", c.benchOptions.threads,
                            "Threads (default: one per hardware thread)");
    benchSearch->callback(
        [&c] { c.run = [&c] { return curator::cli::benchSearch(c.global, c.benchOptions); }; });
}

// demo, ingest, embed-text, rate, taxonomy
void addCollectionCommands(CLI::App& app, CommandLine& c) {
    auto* demo =
        app.add_subcommand("demo", "Create a synthetic demo workspace (if needed) and run a search on it");
    demo->add_option("--count", c.demoOptions.count, "Images over the three sources")->capture_default_str();
    demo->add_flag("--synthetic", c.demoOptions.synthetic,
                   "Synthetic embeddings with concept query vectors instead of generated images (instant)");
    demo->callback([&c] { c.run = [&c] { return curator::cli::demo(c.global, c.demoOptions); }; });

    auto* ingest = app.add_subcommand("ingest", "Embed a directory of images into a source (resumable)");
    ingest->add_option("--source", c.ingestOptions.source, "Source name, e.g. photos")->required();
    ingest->add_option("--images", c.ingestOptions.images, "Directory searched recursively for images")
        ->required();
    ingest->add_option("--captions", c.ingestOptions.captions, "captions .jsonl ({file|path, caption})");
    ingest->add_option("--dtype", c.ingestOptions.dtype, "Storage: f16 or f32")
        ->check(CLI::IsMember({"f16", "f32"}))
        ->capture_default_str();
    ingest->callback([&c] { c.run = [&c] { return curator::cli::ingest(c.global, c.ingestOptions); }; });

    auto* embedText = app.add_subcommand("embed-text", "Print the embedding of a text");
    embedText->add_option("TEXT", c.embedTextInput, "Text to embed")->required();
    embedText->callback(
        [&c] { c.run = [&c] { return curator::cli::embedText(c.global, c.embedTextInput); }; });

    auto* rate = app.add_subcommand(
        "rate", "Caption and score a batch (the top results, a similarity band's sample, or listed ids); "
                "print the fixed-bin histogram");
    auto* rateInput = rate->add_option_group("input", "What to rate");
    rateInput->add_option("--query-vector", c.rateOptions.query.queryVector, "Query vector file");
    rateInput->add_option("--query", c.rateOptions.query.queryText, "Query text");
    rateInput->add_option("--ids", c.rateOptions.idsFile, "File of ids to rate: source/id or id per line");
    rateInput->add_flag("--dataset", c.rateOptions.dataset,
                        "The checked-out dataset's images without a cached score (the workstation's \"Rate "
                        "dataset\")");
    rateInput->require_option(1);
    rate->add_option("--negative-vector", c.rateOptions.query.negativeVectors,
                     "Negative prompt vectors; repeatable");
    rate->add_option("--negative", c.rateOptions.query.negativeTexts, "Negative prompt text; repeatable");
    rate->add_option("--negative-threshold", c.rateOptions.query.negativeThreshold, "Negative threshold")
        ->capture_default_str();
    rate->add_option("--source", c.rateOptions.query.sources, "Restrict to these sources; repeatable");
    c.rateMinimumOption =
        rate->add_option("--min-sim", c.rateMinimum, "Sample the band from this similarity");
    c.rateMaximumOption = rate->add_option("--max-sim", c.rateMaximum, "... to this one (with --min-sim)");
    rate->add_option("--count", c.rateOptions.count, "Images to rate (scoring is slow: 20-50)")
        ->capture_default_str();
    c.rateSeedOption = rate->add_option("--seed", c.rateSeed, "Seed of the band sample");
    rate->add_option("--bins", c.rateOptions.bins, "Histogram bins over the scorer's range")
        ->capture_default_str();
    rate->add_option("--concurrency", c.rateOptions.concurrency,
                     "Caption and score requests in flight at once (default 8 for openai: backends; the "
                     "builtin and TorchScript ones run serially)");
    rate->add_option("--score-batch", c.rateOptions.scoreBatchSize,
                     "Images per scorer request (default: 8 over HTTP, 1 otherwise)");
    rate->callback([&c] {
        if (c.rateMinimumOption->count() > 0) {
            c.rateOptions.minimum = c.rateMinimum;
        }
        if (c.rateMaximumOption->count() > 0) {
            c.rateOptions.maximum = c.rateMaximum;
        }
        if (c.rateSeedOption->count() > 0) {
            c.rateOptions.seed = c.rateSeed;
        }
        c.run = [&c] { return curator::cli::rate(c.global, c.rateOptions); };
    });

    app.add_subcommand("taxonomy",
                       "The taxonomy's attributes with the number of committed images tagged with each")
        ->callback([&c] { c.run = [&c] { return curator::cli::taxonomy(c.global); }; });
}

// agent run | resume | list
void addAgentCommands(CLI::App& app, CommandLine& c) {
    auto* agent = app.add_subcommand("agent", "The curation agent: run a theme, resume a run, list runs");
    agent->require_subcommand(1);
    auto addPlannerOptions = [&c](CLI::App* command) {
        command
            ->add_option("--planner", c.agentOptions.planner,
                         "llm or heuristic (default: heuristic without --base-url)")
            ->check(CLI::IsMember({"llm", "heuristic"}));
        command->add_option("--base-url", c.agentOptions.baseUrl,
                            "OpenAI-compatible endpoint, e.g. http://host:8000/v1");
        command->add_option("--model", c.agentOptions.model, "LLM name at that endpoint");
        command->add_option("--reasoning-effort", c.agentOptions.reasoningEffort, "low, medium or high")
            ->check(CLI::IsMember({"low", "medium", "high"}));
        command
            ->add_option("--max-answer-bytes", c.agentOptions.maxAnswerBytes,
                         "Largest LLM answer (content, reasoning and tool calls); a larger one ends the run "
                         "with an error")
            ->capture_default_str()
            ->check(CLI::PositiveNumber);
        command
            ->add_option(
                "--llm-idle-timeout", c.agentOptions.llmIdleTimeoutSeconds,
                "Seconds without a byte from the LLM endpoint before a request is retried (no cap on "
                "a whole answer: a reasoning model may stream for many minutes)")
            ->capture_default_str()
            ->check(CLI::Range(1.0, 86400.0));
        command
            ->add_option("--llm-images", c.agentOptions.llmImages,
                         "Send grids as image parts: yes, no (described in text) or auto (sent until the "
                         "endpoint refuses an image part, then text)")
            ->capture_default_str()
            ->check(CLI::IsMember({"auto", "yes", "no"}));
        command
            ->add_option("--llm-api", c.agentOptions.llmApi,
                         "The endpoint's dialect: chat (Chat Completions, any OpenAI-compatible server) or "
                         "responses (OpenAI's Responses API: reasoning kept between tool calls)")
            ->capture_default_str()
            ->check(CLI::IsMember({"chat", "responses"}));
        command->add_option("--events", c.agentOptions.events,
                            "Events as JSON lines: - for stdout, or a FILE");
        command
            ->add_option("--context-budget", c.agentOptions.contextBudgetTokens,
                         "Estimated prompt tokens a request may reach (default 96000, for a 128k-token "
                         "model; resume: the run's own): older grids and results give way, then the run "
                         "compacts")
            ->check(CLI::Range(long(curator::kMinContextBudgetTokens), long(100000000)));
    };
    auto* agentRun = agent->add_subcommand("run", "Curate a theme on a new branch agent/<run id>");
    auto* themeOption =
        agentRun->add_option("--theme", c.agentOptions.theme, "e.g. \"VHS decay and analog glitch\"");
    auto* themesFileOption = agentRun->add_option(
        "--themes-file", c.agentOptions.themesFile,
        "A batch: one theme per line (# comments), one run and branch per theme, checkpointed in "
        "runs/batch-<id>.json (agent batch resume ID)");
    auto* categoryOption =
        agentRun->add_option("--category", c.agentOptions.category,
                             "A batch over every attribute of a taxonomy category (e.g. clarity_and_focus)");
    themeOption->excludes(themesFileOption)->excludes(categoryOption);
    themesFileOption->excludes(categoryOption);
    agentRun->add_option("--batch-id", c.agentOptions.batchId, "The new batch's id (default: a new one)");
    agentRun
        ->add_option("--grid-tile-size", c.agentOptions.gridTileSize,
                     "Pixels per tile of the grid images the tools return (128 to 1024)")
        ->capture_default_str()
        ->check(CLI::Range(128, 1024));
    agentRun->add_option("--max-turns", c.agentOptions.maxTurns, "Turn limit")->capture_default_str();
    agentRun
        ->add_option("--max-tool-calls", c.agentOptions.maxToolCallsPerTurn,
                     "Tool calls run per turn; the calls past it are answered with an error, not run")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    agentRun->add_flag("--approve-commits", c.agentOptions.approveCommits,
                       "Every commit waits for approve/reject on stdin");
    agentRun
        ->add_option("--approve-tools", c.agentOptions.approveTools,
                     "Tools whose calls wait for approve/reject on stdin: commit, undo_commit, "
                     "aesthetics_rate, or all (comma-separated)")
        ->delimiter(',')
        ->check(CLI::IsMember({"commit", "undo_commit", "aesthetics_rate", "all"}));
    agentRun
        ->add_option("--rating-concurrency", c.agentOptions.ratingConcurrency,
                     "aesthetics_rate: caption and score requests in flight at once (default 8 for openai: "
                     "backends; the builtin and TorchScript ones run serially)")
        ->check(CLI::Range(size_t(1), curator::kMaxRatingConcurrency));
    agentRun
        ->add_option("--score-batch", c.agentOptions.ratingScoreBatchSize,
                     "aesthetics_rate: images per scorer request (default: 8 over HTTP, 1 otherwise)")
        ->check(CLI::Range(size_t(1), size_t(256)));
    addPlannerOptions(agentRun);
    agentRun->callback([&c] { c.run = [&c] { return curator::cli::agentRun(c.global, c.agentOptions); }; });
    auto* agentResume =
        agent->add_subcommand("resume", "Continue a stopped or crashed run from its transcript");
    agentResume->add_option("RUN_ID", c.agentOptions.runId, "Run id (agent list)")->required();
    c.maxTurnsOption =
        agentResume->add_option("--max-turns", c.agentOptions.maxTurns, "New turn limit (total)");
    addPlannerOptions(agentResume);
    agentResume->callback([&c] {
        c.agentOptions.maxTurnsGiven = c.maxTurnsOption->count() > 0;
        c.run = [&c] { return curator::cli::agentResume(c.global, c.agentOptions); };
    });
    agent->add_subcommand("list", "The runs of the workspace")->callback([&c] {
        c.run = [&c] { return curator::cli::agentList(c.global); };
    });
    auto* agentFork = agent->add_subcommand(
        "fork",
        "A new run from a turn of a run: its conversation up to that turn and a branch of the dataset "
        "as it was then (continue it with agent resume NEW_ID)");
    agentFork->add_option("RUN_ID", c.agentOptions.runId, "Run id (agent list)")->required();
    agentFork->add_option("--turn", c.agentOptions.forkTurn, "The last turn the fork keeps (1 for the first)")
        ->required()
        ->check(CLI::PositiveNumber);
    agentFork->add_option("--message", c.agentOptions.forkMessage,
                          "An instruction for the forked run, read before its next turn");
    agentFork->callback([&c] { c.run = [&c] { return curator::cli::agentFork(c.global, c.agentOptions); }; });
    auto* batch = agent->add_subcommand("batch", "Batches of runs (agent run --themes-file | --category)");
    batch->require_subcommand(1);
    auto* batchResume = batch->add_subcommand(
        "resume", "Continue a batch after a stop or a kill: finished themes are skipped, the interrupted one "
                  "resumed, the rest started");
    batchResume->add_option("BATCH_ID", c.agentOptions.batchId, "Batch id (agent batch list)")->required();
    c.batchMaxTurnsOption =
        batchResume->add_option("--max-turns", c.agentOptions.maxTurns, "Turn limit of each run");
    addPlannerOptions(batchResume);
    batchResume->callback([&c] {
        c.agentOptions.maxTurnsGiven = c.batchMaxTurnsOption->count() > 0;
        c.run = [&c] { return curator::cli::agentBatchResume(c.global, c.agentOptions); };
    });
    batch->add_subcommand("list", "The batches of the workspace and their themes' states")->callback([&c] {
        c.run = [&c] { return curator::cli::agentBatchList(c.global); };
    });
}

// mcp: the curation tools for an MCP client, one run per connection.
void addMcpCommand(CLI::App& app, CommandLine& c) {
    auto* mcp = app.add_subcommand("mcp", "Serve the curation tools to an MCP client over stdin/stdout "
                                          "(one run per connection: branch agent/<run id>; docs/mcp.md)");
    mcp->add_option("--theme", c.agentOptions.theme, "The run's theme, as the runs list shows it")
        ->default_str("MCP session");
    mcp->add_option("--max-turns", c.mcpMaxTurns, "Tool-call batches the run may take")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    mcp->add_option("--approve-tools", c.agentOptions.approveTools,
                    "Tools whose calls wait for the researcher's approval in the workstation: commit, "
                    "undo_commit, aesthetics_rate, or all (comma-separated)")
        ->delimiter(',')
        ->check(CLI::IsMember({"commit", "undo_commit", "aesthetics_rate", "all"}));
    mcp->add_option("--grid-tile-size", c.agentOptions.gridTileSize,
                    "Pixels per tile of the grid images the tools return (128 to 1024)")
        ->capture_default_str()
        ->check(CLI::Range(128, 1024));
    mcp->callback([&c] {
        c.agentOptions.maxTurns = c.mcpMaxTurns;
        c.run = [&c] { return curator::cli::mcpServe(c.global, c.agentOptions); };
    });
}

// A count or a seed: digits only (CLI11 reads "-1" into an unsigned option as its largest value).
CLI::Validator wholeNumber() {
    return CLI::Validator(
        [](const std::string& value) {
            return !value.empty() && value.find_first_not_of("0123456789") == std::string::npos
                       ? std::string()
                       : "expected a whole number >= 0, got '" + value + "'";
        },
        "");
}

// The options pairs and evaluate-scorer share.
void addPairOptions(CLI::App* command, curator::cli::PairOptions& options) {
    command->add_option("--branch", options.branch, "Branch (default: the checked-out one)");
    command->add_option("--model", options.model, "Embedding model (default: the workspace's only one)");
    command
        ->add_option("--seed", options.seed,
                     "Seed of the per-attribute sample and of the order clean "
                     "images are handed out in")
        ->check(wholeNumber())
        ->capture_default_str();
    command
        ->add_option("--per-attribute", options.perAttribute,
                     "At most this many pairs per attribute (0: all)")
        ->check(wholeNumber())
        ->capture_default_str();
    command
        ->add_option("--rejected-uses", options.rejectedUses,
                     "A clean image is the rejected side of at most this many pairs of one attribute")
        ->check(CLI::Range(size_t(1), size_t(1) << 30))
        ->capture_default_str();
    command
        ->add_option("--prompt", options.prompt,
                     "description: the attribute's taxonomy description; query: the text query of a commit "
                     "naming it (else the description)")
        ->check(CLI::IsMember({"description", "query"}))
        ->capture_default_str();
}

// pairs, evaluate-scorer (issue 17 §2, §5; docs/dataset-quality.md)
void addPairCommands(CLI::App& app, CommandLine& c) {
    auto* pairs = app.add_subcommand(
        "pairs",
        "Preference pairs for reward models: an anti-aesthetic image and its nearest clean one (JSONL)");
    addPairOptions(pairs, c.pairsOptions.pairs);
    pairs->add_option("--out", c.pairsOptions.out, "JSONL file to write")->required();
    pairs->callback([&c] { c.run = [&c] { return curator::cli::pairs(c.global, c.pairsOptions); }; });

    auto* evaluate = app.add_subcommand(
        "evaluate-scorer", "How a scorer ranks prompt-faithful anti-aesthetic images against clean ones of "
                           "similar content: per attribute, score distributions and the preference rate");
    evaluate->add_option(
        "--scorer", c.global.scorer,
        "Scorer spec: builtin, torchscript:DIR or openai:URL#MODEL (default: the workspace's)");
    addPairOptions(evaluate, c.evaluateOptions.pairs);
    evaluate->add_option("--plot", c.evaluateOptions.plot, "SVG file to write the plot to");
    evaluate->add_option("--release", c.evaluateOptions.release,
                         "Release tag: save the report (JSON and SVG) in exports/TAG/.card/");
    evaluate->add_option("--bins", c.evaluateOptions.bins, "Histogram bins over the scorer's range")
        ->check(CLI::Range(size_t(1), size_t(1000)))
        ->capture_default_str();
    evaluate
        ->add_option("--concurrency", c.evaluateOptions.concurrency,
                     "Score requests in flight at once (openai: scorers; default 8)")
        ->check(wholeNumber());
    evaluate
        ->add_option("--score-batch", c.evaluateOptions.scoreBatchSize,
                     "Images per scorer request (default: the scorer's own)")
        ->check(wholeNumber());
    evaluate->callback(
        [&c] { c.run = [&c] { return curator::cli::evaluateScorer(c.global, c.evaluateOptions); }; });
}

// settings, check-models and the curation log: commit, undo, status, log, sample-committed, branch, export,
// dedup, balance, import
void addLogCommands(CLI::App& app, CommandLine& c) {
    app.add_subcommand("check-models",
                       "Try the embedder, scorer and captioner (--embedder/--scorer/--captioner, else the "
                       "settings) on a test image: the dimension against the store's, a score, a caption")
        ->callback([&c] { c.run = [&c] { return curator::cli::checkModels(c.global); }; });
    auto* settings = app.add_subcommand("settings", "Show or set the workspace's backend specs");
    settings->add_option("KEY=VALUE", c.settingsOptions.assignments,
                         "embedder=SPEC, scorer=SPEC, captioner=SPEC or taxonomy=FILE");
    settings->callback(
        [&c] { c.run = [&c] { return curator::cli::settings(c.global, c.settingsOptions); }; });

    auto* roots = app.add_subcommand(
        "roots", "Image roots, the folders a release may copy images from: list | add DIR | remove DIR");
    roots->add_option("ACTION", c.rootsOptions.action, "list, add or remove")
        ->check(CLI::IsMember({"list", "add", "remove"}))
        ->capture_default_str();
    roots->add_option("DIR", c.rootsOptions.directory, "Directory (add, remove)");
    roots->callback([&c] { c.run = [&c] { return curator::cli::roots(c.global, c.rootsOptions); }; });

    auto* commit = app.add_subcommand("commit", "Commit every unmasked image with similarity >= threshold");
    addQueryOptions(commit, c.commitOptions.query);
    commit->add_option("--threshold", c.commitOptions.threshold, "Similarity threshold")->required();
    commit->add_option("--message", c.commitOptions.message, "Why this batch belongs in the dataset")
        ->required();
    commit->add_option("--tag", c.commitOptions.tags, "Taxonomy attribute the batch targets; repeatable");
    commit->add_option("--author", c.commitOptions.author, "human, or agent:<run id>")->capture_default_str();
    c.excludeNearDuplicatesOption =
        commit
            ->add_option("--exclude-near-duplicates", c.excludeNearDuplicatesText,
                         "Leave out new images whose cosine to an image of the dataset (or to an earlier new "
                         "one) reaches T (default 0.97); recorded in the commit's message")
            ->expected(0, 1);
    commit->callback([&c] {
        if (c.excludeNearDuplicatesOption->count() > 0) {
            c.commitOptions.excludeNearDuplicates = nearDuplicateThresholdOf(c.excludeNearDuplicatesText);
        }
        c.run = [&c] { return curator::cli::commit(c.global, c.commitOptions); };
    });

    auto* undo = app.add_subcommand("undo", "Revert a commit (it stays in history); undoing a revert redoes");
    undo->add_option("COMMIT_ID", c.undoId, "Commit id or any unique prefix")->required();
    undo->add_option("--image", c.undoImages,
                     "Remove only this image (SOURCE/ID; repeatable) from the commit: a revert of it alone");
    undo->callback([&c] { c.run = [&c] { return curator::cli::undo(c.global, c.undoId, c.undoImages); }; });

    auto* status =
        app.add_subcommand("status", "The dataset of the checked-out branch: live commits and counts");
    c.statusNearDuplicatesOption =
        status
            ->add_option("--near-duplicates", c.statusNearDuplicatesText,
                         "Also count the dataset's near-duplicates (cosine >= T, default 0.97; reads every "
                         "embedding of the dataset, as `dedup` does)")
            ->expected(0, 1);
    status->callback([&c] {
        const double threshold = c.statusNearDuplicatesOption->count() > 0
                                     ? nearDuplicateThresholdOf(c.statusNearDuplicatesText)
                                     : 0.0;
        c.run = [&c, threshold] { return curator::cli::status(c.global, threshold); };
    });
    app.add_subcommand("log", "The commit graph: commits, reverts, merges, branch heads")->callback([&c] {
        c.run = [&c] { return curator::cli::log(c.global); };
    });

    auto* sampleCommitted =
        app.add_subcommand("sample-committed", "Random images of a commit or of the dataset");
    sampleCommitted->add_option("--commit", c.sampleCommittedOptions.commit,
                                "Commit id or prefix (default: all)");
    sampleCommitted->add_option("--count", c.sampleCommittedOptions.count, "Number of images")
        ->capture_default_str();
    c.committedSeedOption = sampleCommitted->add_option("--seed", c.committedSeed, "Random seed");
    sampleCommitted->callback([&c] {
        if (c.committedSeedOption->count() > 0) {
            c.sampleCommittedOptions.seed = c.committedSeed;
        }
        c.run = [&c] { return curator::cli::sampleCommitted(c.global, c.sampleCommittedOptions); };
    });

    auto* branch = app.add_subcommand(
        "branch", "Branches: list | create NAME | checkout NAME | merge NAME | discard NAME");
    branch->add_option("ACTION", c.branchOptions.action, "list, create, checkout, merge or discard")
        ->required()
        ->check(CLI::IsMember({"list", "create", "checkout", "merge", "discard"}));
    branch->add_option("NAME", c.branchOptions.name, "Branch name");
    branch->callback([&c] { c.run = [&c] { return curator::cli::branch(c.global, c.branchOptions); }; });

    auto* exportCommand =
        app.add_subcommand("export", "Write dataset.json (--out) or an immutable release (--release)");
    exportCommand->add_option("--out", c.exportOptions.out, "dataset.json to write");
    exportCommand->add_option("--format", c.exportOptions.format, "curator (full provenance) or original")
        ->check(CLI::IsMember({"curator", "original"}))
        ->capture_default_str();
    exportCommand->add_option("--release", c.exportOptions.release,
                              "Release tag: writes exports/TAG/ (labelled metadata.jsonl, dataset card "
                              "README.md; docs/releases.md)");
    exportCommand->add_flag("--copy-images", c.exportOptions.copyImages,
                            "Copy the images into the release (only those under an image root)");
    c.exportExcludeOption =
        exportCommand
            ->add_option("--exclude-near-duplicates", c.exportExcludeText,
                         "Leave out of the release every image of a near-duplicate group but the one kept "
                         "(cosine >= T, default 0.97; what `dedup` reports as removable); recorded in the "
                         "manifest and the card")
            ->expected(0, 1);
    exportCommand->callback([&c] {
        if (c.exportExcludeOption->count() > 0) {
            c.exportOptions.excludeNearDuplicates = nearDuplicateThresholdOf(c.exportExcludeText);
        }
        c.run = [&c] { return curator::cli::exportDataset(c.global, c.exportOptions); };
    });

    auto* dedup = app.add_subcommand(
        "dedup",
        "Near-duplicate groups of the dataset (embedding cosine >= threshold; docs/dataset-quality.md)");
    dedup
        ->add_option("--threshold", c.dedupOptions.threshold,
                     "Cosine at which two images are near-duplicates")
        ->capture_default_str();
    dedup->add_option("--branch", c.dedupOptions.branch, "Branch (default: the checked-out one)");
    dedup->add_option("--model", c.dedupOptions.model, "Embedding model (default: the workspace's only one)");
    dedup->add_flag("--exact", c.dedupOptions.exact, "The exact scan even where hnsw graphs are built");
    dedup->add_option("--threads", c.dedupOptions.threads, "Worker threads (0: one per core)");
    dedup->callback([&c] { c.run = [&c] { return curator::cli::dedup(c.global, c.dedupOptions); }; });

    auto* balance = app.add_subcommand(
        "balance", "Images per source x attribute x direction, evenness, attributes under a target");
    balance->add_option("--branch", c.balanceOptions.branch, "Branch (default: the checked-out one)");
    balance->add_option("--target", c.balanceOptions.target, "Images each attribute should hold")
        ->capture_default_str();
    balance->callback([&c] { c.run = [&c] { return curator::cli::balance(c.global, c.balanceOptions); }; });

    auto* review = app.add_subcommand(
        "review", "Review marks kept per image and branch: accept|reject|clear SOURCE/ID... | list");
    review->add_option("ACTION", c.reviewOptions.action, "accept, reject, clear or list")
        ->required()
        ->check(CLI::IsMember({"accept", "reject", "clear", "list"}));
    review->add_option("IMAGES", c.reviewOptions.images, "Images as SOURCE/ID");
    review->add_option("--branch", c.reviewOptions.branch, "Branch (default: the checked-out one)");
    review->add_option("--author", c.reviewOptions.author, "Who marks")->capture_default_str();
    review->callback([&c] { c.run = [&c] { return curator::cli::review(c.global, c.reviewOptions); }; });

    addPairCommands(app, c);

    auto* importDataset =
        app.add_subcommand("import-dataset", "Load a dataset.json (ours or the original system's)");
    importDataset->add_option("FILE", c.importFile, "dataset.json")->required();
    importDataset->callback(
        [&c] { c.run = [&c] { return curator::cli::importDataset(c.global, c.importFile); }; });
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"curator-cli: the Wide-Spectrum Curator without a window"};
    app.set_version_flag("--version", std::string(CURATOR_VERSION));
    app.require_subcommand(1);

    std::string workspaceFlag;
    CommandLine c;
    app.add_option("--workspace", workspaceFlag,
                   "Workspace directory (default: $CURATOR_WORKSPACE or ./workspace)");
    app.add_flag("--json", c.global.json, "Print one JSON object on stdout");
    app.add_option("--embedder", c.global.embedder,
                   "Embedder spec for this command: builtin, torchscript:DIR or openai:BASE_URL#MODEL "
                   "(default: the workspace's setting)");
    app.add_option("--scorer", c.global.scorer,
                   "Scorer spec for this command (default: the workspace's setting); "
                   "openai:URL1,URL2#MODEL spreads the requests over several servers and retries a failed "
                   "one on another");
    app.add_option("--captioner", c.global.captioner,
                   "Captioner spec (default: the workspace's setting); openai:URL1,URL2#MODEL spreads the "
                   "requests over several servers, as for --scorer");
    app.add_option("--captioner-prompt", c.global.captionerPrompt,
                   "What an openai: captioner is asked (default: one or two sentences of objective physical "
                   "facts, no aesthetic judgement)");
    app.add_option("--request-timeout", c.global.requestTimeoutSeconds,
                   "Seconds one request to an openai: embedder, scorer or captioner may take in all; a "
                   "scorer or captioner at several URLs moves on to the next when one times out")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 86400.0));
    app.add_option("--taxonomy", c.global.taxonomy,
                   "classes.json to use (any of the original system's shapes; default: the workspace's "
                   "setting, else the built-in taxonomy)");
    app.add_option("--max-image-megapixels", c.global.maxImageMegapixels,
                   "Refuse to decode images larger than this (default: the workspace's setting "
                   "max_image_megapixels, else 100)")
        ->check(CLI::Range(1e-6, 1e6));
    app.add_option("--api-key-env", c.global.apiKeyEnv,
                   "Environment variable holding the API key of openai: specs")
        ->capture_default_str();
    app.add_option("--embed-query-template", c.global.embedQueryTemplate,
                   "An openai: embedder's text queries wrapped in this template, {text} standing for the "
                   "query and \\n for a newline (instruction-tuned embedders: \"Instruct: Represent the "
                   "user's input.\\nQuery: {text}\"); images are never wrapped")
        ->check([](const std::string& value) {
            return value.find("{text}") == std::string::npos ? std::string("the template needs {text}")
                                                             : std::string();
        });

    addSearchCommands(app, c);
    addCollectionCommands(app, c);
    addAgentCommands(app, c);
    addMcpCommand(app, c);
    addLogCommands(app, c);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? 0 : kUsageError;
    }
    c.global.workspace = curator::workspace::resolveDirectory(workspaceFlag);
    applyImageLimit(c.global);
    return c.run ? c.run() : kUsageError;
}
