// curator-cli: argument parsing only; the commands live in commands.cpp and all logic in curator_core.
#include "commands.h"

#include "store/workspace.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>

namespace {

constexpr int kUsageError = 2;

void addQueryOptions(CLI::App* command, curator::cli::QueryOptions& query) {
    command->add_option("--query-vector", query.queryVector, "Query vector: .npy of shape (D) or (1, D)")
        ->required();
    command->add_option("--negative-vector", query.negativeVectors,
                        "Negative prompt vectors: .npy of shape (D) or (m, D); repeatable");
    command
        ->add_option("--negative-threshold", query.negativeThreshold,
                     "An image is masked when its similarity to any negative is >= this")
        ->capture_default_str();
    command->add_option("--source", query.sources, "Restrict to these sources; repeatable (default: all)");
    command->add_option("--model", query.model,
                        "Embedding model of the query (default: the workspace's only one)");
    command->add_option("--threads", query.threads, "Scan threads (default: one per hardware thread)");
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
    demo->add_option("--count", demoOptions.count, "Rows over the three sources")->capture_default_str();
    demo->callback([&] { run = [&] { return curator::cli::demo(global, demoOptions); }; });

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? 0 : kUsageError;
    }
    global.workspace = curator::workspace::resolveDirectory(workspaceFlag);
    return run ? run() : kUsageError;
}
