// curator-cli: argument parsing only; the commands live in commands.cpp and all logic in curator_core.
#include "commands.h"

#include "store/workspace.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>

namespace {

constexpr int kUsageError = 2;

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

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"curator-cli: the Wide-Spectrum Curator without a window"};
    app.set_version_flag("--version", std::string(CURATOR_VERSION));
    app.require_subcommand(1);

    std::string workspaceFlag;
    curator::cli::GlobalOptions global;
    app.add_option("--workspace", workspaceFlag,
                   "Workspace directory (default: $CURATOR_WORKSPACE or ./workspace)");
    app.add_flag("--json", global.json, "Print one JSON object on stdout");
    app.add_option("--embedder", global.embedder,
                   "Embedder spec for this command: builtin, torchscript:DIR or openai:BASE_URL#MODEL "
                   "(default: the workspace's setting)");
    app.add_option("--scorer", global.scorer,
                   "Scorer spec for this command (default: the workspace's setting)");
    app.add_option("--captioner", global.captioner, "Captioner spec (default: the workspace's setting)");
    app.add_option("--taxonomy", global.taxonomy,
                   "classes.json to use (any of the original system's shapes; default: the workspace's "
                   "setting, else the built-in taxonomy)");
    app.add_option("--api-key-env", global.apiKeyEnv,
                   "Environment variable holding the API key of openai: specs")
        ->capture_default_str();

    std::function<int()> run;

    auto* store = app.add_subcommand("store", "Embedding matrices of the workspace");
    store->require_subcommand(1);
    curator::cli::ImportOptions importOptions;
    auto* storeImport =
        store->add_subcommand("import", "Import an embedding matrix for one source and model");
    storeImport->add_option("--source", importOptions.source, "Source name, e.g. photos, artwork, dreamcore")
        ->required();
    storeImport
        ->add_option("--embeddings", importOptions.embeddings, ".npy (2-D float32/float16) or .safetensors")
        ->required();
    storeImport->add_option("--ids", importOptions.ids,
                            "Ids: .txt (one per line) or .jsonl (id, path, caption)");
    storeImport->add_option("--model", importOptions.model, "Embedding model name")->capture_default_str();
    storeImport->add_option("--dtype", importOptions.dtype, "Storage: f16 (half the bytes) or f32")
        ->check(CLI::IsMember({"f16", "f32"}))
        ->capture_default_str();
    storeImport->add_option("--tensor", importOptions.tensor, "Tensor name inside a .safetensors file");
    storeImport->add_flag("--replace", importOptions.replace,
                          "Replace an existing matrix of this source and model");
    storeImport->callback([&] { run = [&] { return curator::cli::storeImport(global, importOptions); }; });
    auto* storeList = store->add_subcommand("list", "List the matrices of the workspace");
    storeList->callback([&] { run = [&] { return curator::cli::storeList(global); }; });

    curator::cli::SearchOptions searchOptions;
    auto* search = app.add_subcommand("search", "Top-k images by similarity, negatives masked, in one scan");
    addQueryOptions(search, searchOptions.query);
    search->add_option("--top-k", searchOptions.topK, "Number of results")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    search->add_flag("--approximate", searchOptions.approximate, "Use the hnsw index (see 'index build')");
    search->callback([&] { run = [&] { return curator::cli::search(global, searchOptions); }; });

    curator::cli::SampleOptions sampleOptions;
    uint64_t seed = 0;
    auto* sample = app.add_subcommand("sample", "Random images whose similarity lies in [min, max]");
    addQueryOptions(sample, sampleOptions.query);
    sample->add_option("--min-sim", sampleOptions.minimum, "Lowest similarity (inclusive)")->required();
    sample->add_option("--max-sim", sampleOptions.maximum, "Highest similarity (inclusive)")->required();
    sample->add_option("--count", sampleOptions.count, "Number of images")->capture_default_str();
    auto* seedOption = sample->add_option("--seed", seed, "Random seed (default: drawn, and reported)");
    sample->callback([&] {
        if (seedOption->count() > 0) {
            sampleOptions.seed = seed;
        }
        run = [&] { return curator::cli::sample(global, sampleOptions); };
    });

    curator::cli::CountOptions countOptions;
    auto* count = app.add_subcommand("count", "Exact number of unmasked images with similarity >= threshold");
    addQueryOptions(count, countOptions.query);
    count->add_option("--threshold", countOptions.threshold, "Similarity threshold")->required();
    count->callback([&] { run = [&] { return curator::cli::count(global, countOptions); }; });

    auto* index = app.add_subcommand("index", "Approximate-search indexes");
    index->require_subcommand(1);
    curator::cli::IndexBuildOptions indexOptions;
    auto* indexBuild = index->add_subcommand("build", "Build the hnsw index of each source (or those named)");
    indexBuild->add_option("--source", indexOptions.sources, "Sources to index; repeatable (default: all)");
    indexBuild->add_option("--model", indexOptions.model,
                           "Embedding model (default: the workspace's only one)");
    indexBuild->add_option("--m", indexOptions.m, "hnsw links per node")->capture_default_str();
    indexBuild->add_option("--ef-construction", indexOptions.efConstruction, "hnsw build candidate list")
        ->capture_default_str();
    indexBuild->callback([&] { run = [&] { return curator::cli::indexBuild(global, indexOptions); }; });

    auto* bench = app.add_subcommand("bench", "Benchmarks");
    bench->require_subcommand(1);
    curator::cli::BenchSearchOptions benchOptions;
    auto* benchSearch = bench->add_subcommand(
        "search", "Time the exact scan against a plain read of the same synthetic matrix (default: 255,000 x "
                  "1024 f32 and 255,000 x 4096 f16)");
    benchSearch->add_option("--rows", benchOptions.rows, "Rows")->capture_default_str();
    benchSearch->add_option("--dim", benchOptions.dimension,
                            "Dimension (default: both standard configurations)");
    benchSearch->add_option("--dtype", benchOptions.dtype, "f16 or f32")
        ->check(CLI::IsMember({"f16", "f32"}));
    benchSearch->add_option("--negatives", benchOptions.negatives, "Negative vectors")->capture_default_str();
    benchSearch->add_option("--repeats", benchOptions.repeats, "Runs; the best is reported")
        ->capture_default_str();
    benchSearch->add_option("--threads", benchOptions.threads, "Threads (default: one per hardware thread)");
    benchSearch->callback([&] { run = [&] { return curator::cli::benchSearch(global, benchOptions); }; });

    curator::cli::DemoOptions demoOptions;
    auto* demo =
        app.add_subcommand("demo", "Create a synthetic demo workspace (if needed) and run a search on it");
    demo->add_option("--count", demoOptions.count, "Images over the three sources")->capture_default_str();
    demo->add_flag("--synthetic", demoOptions.synthetic,
                   "Synthetic embeddings with concept query vectors instead of generated images (instant)");
    demo->callback([&] { run = [&] { return curator::cli::demo(global, demoOptions); }; });

    curator::cli::IngestOptions ingestOptions;
    auto* ingest = app.add_subcommand("ingest", "Embed a directory of images into a source (resumable)");
    ingest->add_option("--source", ingestOptions.source, "Source name, e.g. photos")->required();
    ingest->add_option("--images", ingestOptions.images, "Directory searched recursively for images")
        ->required();
    ingest->add_option("--captions", ingestOptions.captions, "captions .jsonl ({file|path, caption})");
    ingest->add_option("--dtype", ingestOptions.dtype, "Storage: f16 or f32")
        ->check(CLI::IsMember({"f16", "f32"}))
        ->capture_default_str();
    ingest->callback([&] { run = [&] { return curator::cli::ingest(global, ingestOptions); }; });

    std::string embedTextInput;
    auto* embedText = app.add_subcommand("embed-text", "Print the embedding of a text");
    embedText->add_option("TEXT", embedTextInput, "Text to embed")->required();
    embedText->callback([&] { run = [&] { return curator::cli::embedText(global, embedTextInput); }; });

    curator::cli::RateOptions rateOptions;
    float rateMinimum = 0;
    float rateMaximum = 0;
    uint64_t rateSeed = 0;
    auto* rate = app.add_subcommand(
        "rate", "Caption and score a batch (the top results, a similarity band's sample, or listed ids); "
                "print the fixed-bin histogram");
    auto* rateInput = rate->add_option_group("input", "What to rate");
    rateInput->add_option("--query-vector", rateOptions.query.queryVector, "Query vector file");
    rateInput->add_option("--query", rateOptions.query.queryText, "Query text");
    rateInput->add_option("--ids", rateOptions.idsFile, "File of ids to rate: source/id or id per line");
    rateInput->require_option(1);
    rate->add_option("--negative-vector", rateOptions.query.negativeVectors,
                     "Negative prompt vectors; repeatable");
    rate->add_option("--negative", rateOptions.query.negativeTexts, "Negative prompt text; repeatable");
    rate->add_option("--negative-threshold", rateOptions.query.negativeThreshold, "Negative threshold")
        ->capture_default_str();
    rate->add_option("--source", rateOptions.query.sources, "Restrict to these sources; repeatable");
    auto* rateMinimumOption =
        rate->add_option("--min-sim", rateMinimum, "Sample the band from this similarity");
    auto* rateMaximumOption = rate->add_option("--max-sim", rateMaximum, "... to this one (with --min-sim)");
    rate->add_option("--count", rateOptions.count, "Images to rate (scoring is slow: 20-50)")
        ->capture_default_str();
    auto* rateSeedOption = rate->add_option("--seed", rateSeed, "Seed of the band sample");
    rate->add_option("--bins", rateOptions.bins, "Histogram bins over the scorer's range")
        ->capture_default_str();
    rate->callback([&] {
        if (rateMinimumOption->count() > 0) {
            rateOptions.minimum = rateMinimum;
        }
        if (rateMaximumOption->count() > 0) {
            rateOptions.maximum = rateMaximum;
        }
        if (rateSeedOption->count() > 0) {
            rateOptions.seed = rateSeed;
        }
        run = [&] { return curator::cli::rate(global, rateOptions); };
    });

    app.add_subcommand("taxonomy",
                       "The taxonomy's attributes with the number of committed images tagged with each")
        ->callback([&] { run = [&] { return curator::cli::taxonomy(global); }; });

    curator::cli::AgentOptions agentOptions;
    auto* agent = app.add_subcommand("agent", "The curation agent: run a theme, resume a run, list runs");
    agent->require_subcommand(1);
    auto addPlannerOptions = [&agentOptions](CLI::App* command) {
        command
            ->add_option("--planner", agentOptions.planner,
                         "llm or heuristic (default: heuristic without --base-url)")
            ->check(CLI::IsMember({"llm", "heuristic"}));
        command->add_option("--base-url", agentOptions.baseUrl,
                            "OpenAI-compatible endpoint, e.g. http://host:8000/v1");
        command->add_option("--model", agentOptions.model, "LLM name at that endpoint");
        command->add_option("--reasoning-effort", agentOptions.reasoningEffort, "low, medium or high")
            ->check(CLI::IsMember({"low", "medium", "high"}));
        command->add_option("--events", agentOptions.events, "Events as JSON lines: - for stdout, or a FILE");
    };
    auto* agentRun = agent->add_subcommand("run", "Curate a theme on a new branch agent/<run id>");
    agentRun->add_option("--theme", agentOptions.theme, "e.g. \"VHS decay and analog glitch\"")->required();
    agentRun->add_option("--max-turns", agentOptions.maxTurns, "Turn limit")->capture_default_str();
    agentRun->add_flag("--approve-commits", agentOptions.approveCommits,
                       "Every commit waits for approve/reject on stdin");
    addPlannerOptions(agentRun);
    agentRun->callback([&] { run = [&] { return curator::cli::agentRun(global, agentOptions); }; });
    auto* agentResume =
        agent->add_subcommand("resume", "Continue a stopped or crashed run from its transcript");
    agentResume->add_option("RUN_ID", agentOptions.runId, "Run id (agent list)")->required();
    auto* maxTurnsOption =
        agentResume->add_option("--max-turns", agentOptions.maxTurns, "New turn limit (total)");
    addPlannerOptions(agentResume);
    agentResume->callback([&] {
        agentOptions.maxTurnsGiven = maxTurnsOption->count() > 0;
        run = [&] { return curator::cli::agentResume(global, agentOptions); };
    });
    agent->add_subcommand("list", "The runs of the workspace")->callback([&] {
        run = [&] { return curator::cli::agentList(global); };
    });

    curator::cli::SettingsOptions settingsOptions;
    auto* settings = app.add_subcommand("settings", "Show or set the workspace's backend specs");
    settings->add_option("KEY=VALUE", settingsOptions.assignments,
                         "embedder=SPEC, scorer=SPEC, captioner=SPEC or taxonomy=FILE");
    settings->callback([&] { run = [&] { return curator::cli::settings(global, settingsOptions); }; });

    curator::cli::CommitOptions commitOptions;
    auto* commit = app.add_subcommand("commit", "Commit every unmasked image with similarity >= threshold");
    addQueryOptions(commit, commitOptions.query);
    commit->add_option("--threshold", commitOptions.threshold, "Similarity threshold")->required();
    commit->add_option("--message", commitOptions.message, "Why this batch belongs in the dataset")
        ->required();
    commit->add_option("--tag", commitOptions.tags, "Taxonomy attribute the batch targets; repeatable");
    commit->add_option("--author", commitOptions.author, "human, or agent:<run id>")->capture_default_str();
    commit->callback([&] { run = [&] { return curator::cli::commit(global, commitOptions); }; });

    std::string undoId;
    auto* undo = app.add_subcommand("undo", "Revert a commit (it stays in history); undoing a revert redoes");
    undo->add_option("COMMIT_ID", undoId, "Commit id or any unique prefix")->required();
    undo->callback([&] { run = [&] { return curator::cli::undo(global, undoId); }; });

    app.add_subcommand("status", "The dataset of the checked-out branch: live commits and counts")
        ->callback([&] { run = [&] { return curator::cli::status(global); }; });
    app.add_subcommand("log", "The commit graph: commits, reverts, merges, branch heads")->callback([&] {
        run = [&] { return curator::cli::log(global); };
    });

    curator::cli::SampleCommittedOptions sampleCommittedOptions;
    uint64_t committedSeed = 0;
    auto* sampleCommitted =
        app.add_subcommand("sample-committed", "Random images of a commit or of the dataset");
    sampleCommitted->add_option("--commit", sampleCommittedOptions.commit,
                                "Commit id or prefix (default: all)");
    sampleCommitted->add_option("--count", sampleCommittedOptions.count, "Number of images")
        ->capture_default_str();
    auto* committedSeedOption = sampleCommitted->add_option("--seed", committedSeed, "Random seed");
    sampleCommitted->callback([&] {
        if (committedSeedOption->count() > 0) {
            sampleCommittedOptions.seed = committedSeed;
        }
        run = [&] { return curator::cli::sampleCommitted(global, sampleCommittedOptions); };
    });

    curator::cli::BranchOptions branchOptions;
    auto* branch = app.add_subcommand(
        "branch", "Branches: list | create NAME | checkout NAME | merge NAME | discard NAME");
    branch->add_option("ACTION", branchOptions.action, "list, create, checkout, merge or discard")
        ->required()
        ->check(CLI::IsMember({"list", "create", "checkout", "merge", "discard"}));
    branch->add_option("NAME", branchOptions.name, "Branch name");
    branch->callback([&] { run = [&] { return curator::cli::branch(global, branchOptions); }; });

    curator::cli::ExportOptions exportOptions;
    auto* exportCommand =
        app.add_subcommand("export", "Write dataset.json (--out) or an immutable release (--release)");
    exportCommand->add_option("--out", exportOptions.out, "dataset.json to write");
    exportCommand->add_option("--format", exportOptions.format, "curator (full provenance) or original")
        ->check(CLI::IsMember({"curator", "original"}))
        ->capture_default_str();
    exportCommand->add_option("--release", exportOptions.release, "Release tag: writes exports/TAG/");
    exportCommand->add_flag("--copy-images", exportOptions.copyImages,
                            "Copy or hard-link the images into the release");
    exportCommand->callback(
        [&] { run = [&] { return curator::cli::exportDataset(global, exportOptions); }; });

    std::string importFile;
    auto* importDataset =
        app.add_subcommand("import-dataset", "Load a dataset.json (ours or the original system's)");
    importDataset->add_option("FILE", importFile, "dataset.json")->required();
    importDataset->callback([&] { run = [&] { return curator::cli::importDataset(global, importFile); }; });

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? 0 : kUsageError;
    }
    global.workspace = curator::workspace::resolveDirectory(workspaceFlag);
    return run ? run() : kUsageError;
}
