#include "clidemocache.h"
#include "clirun.h"
#include "dataset/curationlog.h"
#include "dataset/sha256.h"
#include "store/tensorfile.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <sys/stat.h>

namespace {

namespace fs = std::filesystem;

using CliRun = curator::test::CliOutcome;
using curator::test::readFile;

size_t lineCount(const std::string& text) {
    size_t lines = 0;
    for (char c : text) {
        lines += c == '\n' ? 1 : 0;
    }
    return lines;
}

class CliTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_directory =
            fs::temp_directory_path() / ("curator-cli-test-" + std::to_string(std::random_device{}()));
        fs::create_directories(m_directory);
        m_workspace = m_directory / "ws";
    }
    void TearDown() override { fs::remove_all(m_directory); }

    CliRun cli(const std::string& arguments) const {
        return curator::test::runCli(m_workspace, arguments, m_directory);
    }

    std::string demoQuery(const std::string& concept) const {
        return (m_workspace / "queries" / (concept + ".npy")).string();
    }

    fs::path m_directory;
    fs::path m_workspace;
};

TEST_F(CliTest, DemoCreatesWorkspaceAndSearchPrintsContractJson) {
    const CliRun demo = cli("demo --synthetic");
    ASSERT_EQ(demo.exitCode, 0) << demo.err;
    EXPECT_NE(demo.out.find("top 10 of 3000 images"), std::string::npos) << demo.out;

    const CliRun search = cli("--json search --query-vector " + demoQuery("motion_blur") +
                              " --negative-vector " + demoQuery("watermark") + " --negative-threshold 0.25");
    ASSERT_EQ(search.exitCode, 0) << search.err;
    const auto result = search.json();
    EXPECT_EQ(result.at("scanned").get<size_t>(), 3000u);
    EXPECT_GT(result.at("masked").get<size_t>(), 0u);
    const auto& hits = result.at("results");
    ASSERT_EQ(hits.size(), 50u); // default top-k
    double previous = 2.0;
    for (const auto& hit : hits) {
        EXPECT_TRUE(hit.at("id").is_string());
        EXPECT_TRUE(hit.at("source").is_string());
        const double similarity = hit.at("similarity").get<double>();
        EXPECT_LE(similarity, previous);
        previous = similarity;
    }
}

TEST_F(CliTest, CountAndSampleAgreeWithEachOther) {
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    const std::string query =
        " --query-vector " + demoQuery("harsh_flash") + " --negative-vector " + demoQuery("text_overlay");
    const CliRun count = cli("--json count --threshold 0.5" + query);
    ASSERT_EQ(count.exitCode, 0) << count.err;
    const size_t above = count.json().at("count").get<size_t>();
    EXPECT_TRUE(count.json().contains("masked"));

    // Sampling the band [0.5, 1] sees exactly the images count counted.
    const CliRun sample = cli("--json sample --min-sim 0.5 --max-sim 1 --count 5 --seed 11" + query);
    ASSERT_EQ(sample.exitCode, 0) << sample.err;
    EXPECT_EQ(sample.json().at("eligible").get<size_t>(), above);
    EXPECT_EQ(sample.json().at("results").size(), std::min<size_t>(5, above));
    EXPECT_EQ(sample.json().at("seed").get<uint64_t>(), 11u);

    const CliRun again = cli("--json sample --min-sim 0.5 --max-sim 1 --count 5 --seed 11" + query);
    EXPECT_EQ(again.json().at("results"), sample.json().at("results"));
}

TEST_F(CliTest, SourceFilterRestrictsResults) {
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    const CliRun search =
        cli("--json search --top-k 20 --source dreamcore --query-vector " + demoQuery("liminal_corridor"));
    ASSERT_EQ(search.exitCode, 0) << search.err;
    const auto json = search.json();
    for (const auto& hit : json.at("results")) {
        EXPECT_EQ(hit.at("source"), "dreamcore");
    }
    const CliRun unknown = cli("search --source nowhere --query-vector " + demoQuery("liminal_corridor"));
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.err.find("nowhere"), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitWithTwo) {
    EXPECT_EQ(cli("search").exitCode, 2); // --query-vector missing
    EXPECT_EQ(cli("no-such-command").exitCode, 2);
    EXPECT_EQ(cli("store import --source x").exitCode, 2); // --embeddings missing
}

TEST_F(CliTest, FailuresExitWithOneAndOneLineNamingTheFile) {
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    const CliRun missing = cli("search --query-vector " + (m_directory / "absent.npy").string());
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_EQ(lineCount(missing.err), 1u) << missing.err;
    EXPECT_NE(missing.err.find("absent.npy"), std::string::npos);

    // A query of the wrong dimension names both dimensions.
    const std::vector<float> small(8, 1.0f);
    const fs::path wrong = m_directory / "wrong.npy";
    ASSERT_TRUE(curator::writeNpy(wrong.string(), small.data(), {8}));
    const CliRun mismatch = cli("search --query-vector " + wrong.string());
    EXPECT_EQ(mismatch.exitCode, 1);
    EXPECT_NE(mismatch.err.find("dimension 8"), std::string::npos) << mismatch.err;
    EXPECT_NE(mismatch.err.find("256"), std::string::npos) << mismatch.err;
}

TEST_F(CliTest, ImportRefusesNanRowAndLeavesNoWorkspace) {
    std::vector<float> values(4 * 3, 0.5f);
    values[1 * 3 + 2] = std::numeric_limits<float>::quiet_NaN();
    const fs::path input = m_directory / "nan.npy";
    ASSERT_TRUE(curator::writeNpy(input.string(), values.data(), {4, 3}));
    const CliRun run = cli("store import --source photos --embeddings " + input.string());
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(lineCount(run.err), 1u) << run.err;
    EXPECT_NE(run.err.find("nan.npy"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("row 1"), std::string::npos) << run.err;
    EXPECT_FALSE(fs::exists(m_workspace)) << "a refused import must leave no workspace behind";
}

TEST_F(CliTest, ImportListAndReplace) {
    std::vector<float> values(5 * 4);
    for (size_t i = 0; i < values.size(); ++i) {
        values[i] = static_cast<float>(std::sin(static_cast<double>(i) + 1.0));
    }
    const fs::path input = m_directory / "m.npy";
    ASSERT_TRUE(curator::writeNpy(input.string(), values.data(), {5, 4}));
    const CliRun imported =
        cli("--json store import --source artwork --model m1 --dtype f32 --embeddings " + input.string());
    ASSERT_EQ(imported.exitCode, 0) << imported.err;
    EXPECT_EQ(imported.json().at("rows"), 5);
    EXPECT_EQ(imported.json().at("dtype"), "f32");

    EXPECT_EQ(cli("store import --source artwork --model m1 --embeddings " + input.string()).exitCode, 1);
    EXPECT_EQ(
        cli("store import --replace --source artwork --model m1 --embeddings " + input.string()).exitCode, 0);

    const CliRun list = cli("--json store list");
    ASSERT_EQ(list.exitCode, 0);
    ASSERT_EQ(list.json().at("matrices").size(), 1u);
    EXPECT_EQ(list.json().at("matrices")[0].at("dtype"), "f16"); // the default storage after the replace
}

TEST_F(CliTest, ApproximateSearchNeedsAnIndexThenAgreesWithExact) {
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    const std::string query = " --json search --top-k 10 --query-vector " + demoQuery("golden_hour");
    const CliRun withoutIndex = cli(query + " --approximate");
    EXPECT_EQ(withoutIndex.exitCode, 1);
    EXPECT_NE(withoutIndex.err.find("index build"), std::string::npos) << withoutIndex.err;

    ASSERT_EQ(cli("--json index build").exitCode, 0);
    const CliRun approximate = cli(query + " --approximate");
    ASSERT_EQ(approximate.exitCode, 0) << approximate.err;
    const CliRun exact = cli(query);
    const auto approximateJson = approximate.json();
    const auto exactJson = exact.json();
    size_t common = 0;
    for (const auto& a : approximateJson.at("results")) {
        for (const auto& e : exactJson.at("results")) {
            common += a.at("id") == e.at("id") ? 1 : 0;
        }
    }
    EXPECT_GE(common, 9u);
}

TEST_F(CliTest, BenchSearchRunsOnASmallMatrix) {
    const CliRun bench = cli("--json bench search --rows 3000 --dim 64 --dtype f16 --repeats 1");
    ASSERT_EQ(bench.exitCode, 0) << bench.err;
    const auto json = bench.json();
    const auto& run = json.at("runs").at(0);
    EXPECT_EQ(run.at("rows"), 3000);
    EXPECT_GT(run.at("plain_read_ms").get<double>(), 0.0);
    EXPECT_GT(run.at("query_with_negatives_ms").get<double>(), 0.0);
}

TEST_F(CliTest, CommitSelectsExactlyWhatCountCountsAndRecordsProvenance) {
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    const std::string query =
        " --query-vector " + demoQuery("vhs_scanlines") + " --negative-vector " + demoQuery("text_overlay");
    const CliRun count = cli("--json count --threshold 0.55 --negative-threshold 0.25" + query);
    ASSERT_EQ(count.exitCode, 0) << count.err;
    const CliRun commit =
        cli("--json commit --threshold 0.55 --negative-threshold 0.25 --message 'VHS scanlines'"
            " --tag vhs_decay" +
            query);
    ASSERT_EQ(commit.exitCode, 0) << commit.err;
    const auto committed = commit.json().at("commit");
    EXPECT_EQ(committed.at("selected"), count.json().at("count"));
    EXPECT_EQ(committed.at("added"), committed.at("selected")); // the dataset was empty
    EXPECT_EQ(committed.at("negative_threshold").get<double>(), 0.25);
    EXPECT_EQ(committed.at("id").get<std::string>().size(), 36u); // a full UUID

    const CliRun status = cli("--json status");
    ASSERT_EQ(status.exitCode, 0) << status.err;
    const std::string statusText = status.out;
    EXPECT_NE(statusText.find(committed.at("id").get<std::string>()), std::string::npos);

    const CliRun exported = cli("--json export --out " + (m_directory / "dataset.json").string());
    ASSERT_EQ(exported.exitCode, 0) << exported.err;
    const std::string dataset = readFile(m_directory / "dataset.json");
    EXPECT_NE(dataset.find("\"threshold\": 0.55"), std::string::npos) << "the threshold is recorded as given";
    EXPECT_NE(dataset.find("vhs_decay"), std::string::npos);
}

TEST_F(CliTest, UndoBranchMergeAndReleaseThroughTheCli) {
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    const CliRun first =
        cli("--json commit --threshold 0.6 --message first --query-vector " + demoQuery("golden_hour"));
    ASSERT_EQ(first.exitCode, 0) << first.err;
    const std::string firstId = first.json().at("commit").at("id");

    // Undo by a unique prefix; undoing it twice is an error.
    ASSERT_EQ(cli("undo " + firstId.substr(0, 6)).exitCode, 0);
    const CliRun again = cli("undo " + firstId);
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_EQ(lineCount(again.err), 1u);

    ASSERT_EQ(cli("branch create run-1").exitCode, 0);
    ASSERT_EQ(cli("branch checkout run-1").exitCode, 0);
    const CliRun onBranch = cli("--json commit --threshold 0.6 --author agent:run-1 --message 'agent batch'"
                                " --query-vector " +
                                demoQuery("harsh_flash"));
    ASSERT_EQ(onBranch.exitCode, 0) << onBranch.err;
    EXPECT_EQ(onBranch.json().at("commit").at("branch"), "run-1");
    ASSERT_EQ(cli("branch checkout main").exitCode, 0);
    const CliRun merged = cli("--json branch merge run-1");
    ASSERT_EQ(merged.exitCode, 0) << merged.err;
    EXPECT_EQ(merged.json().at("merge").at("added"), onBranch.json().at("commit").at("selected"));

    ASSERT_EQ(cli("export --release v1").exitCode, 0);
    EXPECT_TRUE(fs::exists(m_workspace / "exports" / "v1" / "manifest.json"));
    EXPECT_TRUE(fs::exists(m_workspace / "exports" / "v1" / "metadata.jsonl"));
    EXPECT_EQ(cli("export --release v1").exitCode, 1) << "a release tag is immutable";
}

TEST_F(CliTest, ImportDatasetReportsFiguresAndRefusesMalformedFiles) {
    const fs::path original = m_directory / "original.json";
    std::ofstream(original) << R"({"0a1b2c3d": {"query": "motion blur", "dataset": "photos", "threshold": 0.4,
        "negative_prompts": ["watermark"], "negative_threshold": 0.2, "message": "blur",
        "images": ["/x/ava/1.jpg", "/x/ava/2.jpg", "/x/ava/1.jpg"], "size": 3}})";
    const CliRun imported = cli("--json import-dataset " + original.string());
    ASSERT_EQ(imported.exitCode, 0) << imported.err;
    EXPECT_EQ(imported.json().at("imported"), 1);
    EXPECT_EQ(imported.json().at("entries"), 3);
    EXPECT_EQ(imported.json().at("distinct_images"), 2);
    EXPECT_EQ(imported.json().at("unknown_images"), 2);

    const fs::path malformed = m_directory / "malformed.json";
    std::ofstream(malformed) << R"({"ffff0000": {"query": "x", "dataset": "photos", "threshold": "high"})";
    const CliRun refused = cli("import-dataset " + malformed.string());
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_EQ(lineCount(refused.err), 1u) << refused.err;
    EXPECT_NE(refused.err.find("malformed.json"), std::string::npos) << refused.err;

    const fs::path roundTrip = m_directory / "round-trip.json";
    ASSERT_EQ(cli("export --format original --out " + roundTrip.string()).exitCode, 0);
    EXPECT_EQ(nlohmann::json::parse(readFile(roundTrip)), nlohmann::json::parse(readFile(original)));
}

TEST_F(CliTest, TextQueriesThroughAnotherModelAreAClearError) {
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    // The synthetic store was embedded by "synthetic-demo-256"; the workspace's embedder is the builtin one.
    const CliRun run = cli("commit --query 'motion blur' --threshold 0.5 --message m");
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_NE(run.err.find("synthetic-demo-256"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("builtin-pixel-v4"), std::string::npos) << run.err;
}

TEST_F(CliTest, ImageDemoAnswersTextQueriesThroughTheBuiltinEmbedder) {
    const CliRun demo = cli("--json demo --count 240");
    ASSERT_EQ(demo.exitCode, 0) << demo.err;
    EXPECT_EQ(demo.json().at("model"), "builtin-pixel-v4");
    EXPECT_TRUE(fs::exists(m_workspace / "demo-images" / "labels.jsonl"));

    const CliRun search = cli("--json search --query 'VHS decay' --negative 'text overlay' --top-k 10");
    ASSERT_EQ(search.exitCode, 0) << search.err;
    const auto hits = search.json().at("results");
    ASSERT_EQ(hits.size(), 10u);

    // The ground truth of the generated images: most of the top 10 carry the attribute asked for.
    std::map<std::string, std::string> labels;
    std::ifstream in(m_workspace / "demo-images" / "labels.jsonl");
    for (std::string line; std::getline(in, line);) {
        const auto label = nlohmann::json::parse(line);
        labels[label.at("file").get<std::string>()] = label.at("attributes").dump();
    }
    size_t matching = 0;
    for (const auto& hit : hits) {
        const std::string file = hit.at("id").get<std::string>();
        for (const auto& [name, attributes] : labels) {
            if (fs::path(name).filename() == fs::path(file).filename() &&
                attributes.find("vhs_decay") != std::string::npos) {
                ++matching;
                break;
            }
        }
    }
    EXPECT_GE(matching, 7u) << search.out;

    const CliRun unknown = cli("search --query 'zzqx flibber'");
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.err.find("does not know any word"), std::string::npos) << unknown.err;

    const CliRun commit =
        cli("--json commit --query 'VHS decay' --threshold 0.45 --message 'vhs' --tag vhs_decay");
    ASSERT_EQ(commit.exitCode, 0) << commit.err;
    const CliRun exported = cli("export --out " + (m_directory / "d.json").string());
    ASSERT_EQ(exported.exitCode, 0);
    EXPECT_NE(readFile(m_directory / "d.json").find("\"VHS decay\""), std::string::npos)
        << "the query text is provenance";
}

TEST_F(CliTest, IngestReportsCorruptFilesAndResumes) {
    fs::create_directories(m_directory / "images");
    std::ofstream(m_directory / "images" / "broken.png") << "not a png";
    const CliRun empty = cli("--json ingest --source photos --images " + (m_directory / "images").string());
    ASSERT_EQ(empty.exitCode, 0) << empty.err;
    EXPECT_EQ(empty.json().at("failures").size(), 1u);
    EXPECT_NE(empty.json().at("failures")[0].at("path").get<std::string>().find("broken.png"),
              std::string::npos);
    EXPECT_EQ(cli("ingest --source photos --images " + (m_directory / "absent").string()).exitCode, 1);
    // An ingest records the embedder it used with the query template given for it, so later sessions
    // (CLI or workstation) query the store as it expects (issue 15).
    const CliRun templated =
        cli("--embedder builtin --embed-query-template 'Q: {text}' ingest --source photos "
            "--images " +
            (m_directory / "images").string());
    ASSERT_EQ(templated.exitCode, 0) << templated.err;
    EXPECT_EQ(cli("--json settings").json().at("embed_query_template"), "Q: {text}");
}

TEST_F(CliTest, SettingsAndEmbedText) {
    const CliRun shown = cli("--json settings");
    ASSERT_EQ(shown.exitCode, 0) << shown.err;
    EXPECT_EQ(shown.json().at("embedder"), "builtin");
    EXPECT_EQ(cli("settings scorer=openai:http://127.0.0.1:9/v1#hpsv3").exitCode, 0);
    EXPECT_EQ(cli("--json settings").json().at("scorer"), "openai:http://127.0.0.1:9/v1#hpsv3");
    EXPECT_EQ(cli("settings scorer=magic").exitCode, 1);
    EXPECT_EQ(cli("settings colour=blue").exitCode, 1);
    EXPECT_EQ(readFile(m_workspace / "settings.json").find("sk-"), std::string::npos);
    // The embedder's query template and the captioner's prompt are workspace settings too (issue 15).
    EXPECT_EQ(
        cli("settings 'embed_query_template=Query: {text}' 'captioner_prompt=Name the defects.'").exitCode,
        0);
    const CliRun templated = cli("--json settings");
    EXPECT_EQ(templated.json().at("embed_query_template"), "Query: {text}");
    EXPECT_EQ(templated.json().at("captioner_prompt"), "Name the defects.");
    const CliRun untemplated = cli("settings 'embed_query_template=Query:'");
    EXPECT_EQ(untemplated.exitCode, 1);
    EXPECT_NE(untemplated.err.find("{text}"), std::string::npos) << untemplated.err;
    EXPECT_EQ(cli("settings embed_query_template= captioner_prompt=").exitCode, 0);

    const CliRun embedded = cli("--json embed-text 'harsh flash'");
    ASSERT_EQ(embedded.exitCode, 0) << embedded.err;
    EXPECT_EQ(embedded.json().at("dimension"), embedded.json().at("vector").size());
}

TEST_F(CliTest, TaxonomyCountsCommittedTagsAndLoadsUserFiles) {
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    ASSERT_EQ(
        cli("commit --threshold 0.6 --message m --tag motion_blur --query-vector " + demoQuery("motion_blur"))
            .exitCode,
        0);
    const CliRun shown = cli("--json taxonomy");
    ASSERT_EQ(shown.exitCode, 0) << shown.err;
    size_t motionBlur = 0;
    size_t attributes = 0;
    const auto tree = shown.json();
    for (const auto& group : tree.at("groups")) {
        for (const auto& category : group.at("categories")) {
            for (const auto& attribute : category.at("attributes")) {
                ++attributes;
                if (attribute.at("name") == "motion_blur") {
                    motionBlur = attribute.at("committed_images").get<size_t>();
                }
            }
        }
    }
    EXPECT_GE(attributes, 100u);
    EXPECT_GT(motionBlur, 0u);

    // The older shape with a third group mapping straight to strings, keys with spaces.
    const fs::path older = m_directory / "older.json";
    std::ofstream(older) << R"({"anti_aesthetics": {"odd": {"Psychedelic art": "Swirls."}},
                                "pro_aesthetics": {"good": {"sharp": "Crisp."}}, "extra": {"flat one": "Plain."}})";
    EXPECT_EQ(cli("--taxonomy " + older.string() + " taxonomy").exitCode, 0);
    const fs::path broken = m_directory / "broken.json";
    std::ofstream(broken) << R"({"anti_aesthetics": {"odd": {"neon": 5}}})";
    const CliRun refused = cli("--taxonomy " + broken.string() + " taxonomy");
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(refused.err.find("anti_aesthetics.odd.neon"), std::string::npos) << refused.err;
}

TEST_F(CliTest, AgentRunsOfflineOnItsOwnBranchAndObeysStdinControls) {
    ASSERT_EQ(curator::test::copyCachedCliDemo(m_workspace, 300), "");
    setenv("CURATOR_TEST_SECRET", "sk-cli-secret-value", 1);
    const CliRun run =
        cli("--api-key-env CURATOR_TEST_SECRET agent run --theme 'VHS decay' --events - < /dev/null");
    unsetenv("CURATOR_TEST_SECRET");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    std::istringstream lines(run.out);
    std::map<std::string, int> types;
    std::string branch;
    for (std::string line; std::getline(lines, line);) {
        const auto event = nlohmann::json::parse(line);
        ++types[event.at("type").get<std::string>()];
        if (event.at("type") == "run_started") {
            branch = event.at("branch").get<std::string>();
        }
    }
    EXPECT_EQ(types["run_started"], 1);
    EXPECT_EQ(types["run_finished"], 1);
    EXPECT_GT(types["tool_call"], 0);
    EXPECT_EQ(types["tool_call"], types["tool_result"]);
    EXPECT_EQ(run.out.find("sk-cli-secret-value"), std::string::npos);
    ASSERT_FALSE(branch.empty());

    const CliRun branches = cli("--json branch list");
    EXPECT_NE(branches.out.find(branch), std::string::npos);
    const CliRun runs = cli("--json agent list");
    ASSERT_EQ(runs.json().at("runs").size(), 1u);
    for (const auto& entry : fs::directory_iterator(m_workspace / "runs")) {
        EXPECT_EQ(readFile(entry.path()).find("sk-cli-secret-value"), std::string::npos);
    }

    // A stop on stdin ends a run early; it is recorded as a human action. With commits awaiting approval
    // the run cannot end before the stop is read (it waits at its first commit): without it, an offline run
    // could finish before the stdin reader's thread read its first line.
    std::ofstream(m_directory / "controls.txt") << "stop\n";
    const CliRun stopped = cli("agent run --theme 'harsh flash' --approve-commits --events - < '" +
                               (m_directory / "controls.txt").string() + "'");
    ASSERT_EQ(stopped.exitCode, 0) << stopped.err;
    EXPECT_NE(stopped.out.find("\"human_action\""), std::string::npos);
    EXPECT_NE(stopped.out.find("\"run_finished\""), std::string::npos);
}

// --approve-tools stops the chosen tools' calls for a person; --rating-concurrency and --score-batch are
// the run's rating requests. Each is recorded with the run; an unknown tool is refused before any run.
TEST_F(CliTest, AgentRunApprovesTheChosenToolsAndRecordsItsRatingRequests) {
    ASSERT_EQ(curator::test::copyCachedCliDemo(m_workspace, 300), "");
    std::ofstream(m_directory / "controls.txt") << "stop\n";
    const CliRun run = cli("agent run --theme 'harsh flash' --approve-tools aesthetics_rate,commit "
                           "--rating-concurrency 3 --score-batch 4 --events - < '" +
                           (m_directory / "controls.txt").string() + "'");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    std::istringstream lines(run.out);
    nlohmann::json started;
    std::vector<std::string> approvals;
    for (std::string line; std::getline(lines, line);) {
        const auto event = nlohmann::json::parse(line);
        if (event.at("type") == "run_started") {
            started = event;
        } else if (event.at("type") == "approval_needed") {
            approvals.push_back(event.at("name").get<std::string>());
        }
    }
    ASSERT_TRUE(started.is_object()) << run.out;
    EXPECT_EQ(started["config"]["approve_tools"], nlohmann::json::array({"aesthetics_rate", "commit"}));
    EXPECT_EQ(started["config"]["rating_concurrency"], 3);
    EXPECT_EQ(started["config"]["rating_score_batch_size"], 4);
    // The stop may be read before the first rating or commit is reached: only the chosen tools ever wait.
    for (const std::string& tool : approvals) {
        EXPECT_TRUE(tool == "aesthetics_rate" || tool == "commit") << tool;
    }

    const CliRun refused = cli("agent run --theme 'harsh flash' --approve-tools publish < /dev/null");
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_NE(refused.err.find("publish"), std::string::npos) << refused.err;
    EXPECT_EQ(cli("--json agent list").json().at("runs").size(), 1u) << "the refused run started nothing";
}

} // namespace

// Issue 13.1: an imported path is not permission to read a file; `roots add` registers a folder.
TEST_F(CliTest, AReleaseRefusesImportedPathsOutsideTheImageRoots) {
    const fs::path secret = m_directory / "private" / "shadow";
    fs::create_directories(secret.parent_path());
    std::ofstream(secret) << "root:$6$secret-hash:19000";
    const fs::path imported = m_directory / "imported.json";
    std::ofstream(imported) << R"({"c9": {"query": "q", "dataset": "photos", "threshold": 0.3,
        "negative_prompts": [], "negative_threshold": 0.3, "message": "m", "images": [")"
                            << secret.string() << R"("], "size": 1}})";
    ASSERT_EQ(cli("import-dataset " + imported.string()).exitCode, 0);
    const CliRun release = cli("--json export --release r1 --copy-images");
    ASSERT_EQ(release.exitCode, 0) << release.err;
    EXPECT_EQ(release.json().at("release").at("images_refused"), 1);
    EXPECT_EQ(release.json().at("release").at("images_copied"), 0);
    EXPECT_NE(release.err.find("not under a registered image root"), std::string::npos) << release.err;
    EXPECT_FALSE(fs::exists(m_workspace / "exports" / "r1" / "images"));

    // Registered explicitly, the folder's files are copied.
    const CliRun added = cli("--json roots add " + secret.parent_path().string());
    ASSERT_EQ(added.exitCode, 0) << added.err;
    ASSERT_EQ(added.json().at("roots").size(), 1u);
    EXPECT_EQ(added.json().at("roots")[0].at("origin"), "user");
    const CliRun second = cli("--json export --release r2 --copy-images");
    ASSERT_EQ(second.exitCode, 0) << second.err;
    EXPECT_EQ(second.json().at("release").at("images_copied"), 1);
    ASSERT_EQ(cli("roots remove " + secret.parent_path().string()).exitCode, 0);
    EXPECT_EQ(cli("roots remove " + secret.parent_path().string()).exitCode, 1);
    EXPECT_EQ(cli("roots add " + (m_directory / "absent").string()).exitCode, 1);
}

// Issue 13.4: `store import` killed after its matrix was in place, before the catalog step (simulated by
// emptying the catalog): the next store import completes the catalog, even when it is itself refused.
TEST_F(CliTest, StoreImportRepairsACatalogThatLostTheMatrixRows) {
    std::vector<float> values(3 * 4, 0.5f);
    const fs::path input = m_directory / "m.npy";
    ASSERT_TRUE(curator::writeNpy(input.string(), values.data(), {3, 4}));
    const std::string import = "store import --source artwork --model m1 --embeddings " + input.string();
    ASSERT_EQ(cli(import).exitCode, 0);
    {
        auto log = curator::CurationLog::open(m_workspace.string());
        ASSERT_TRUE(log.ok());
        ASSERT_TRUE(log->database().execute("DELETE FROM images").ok());
    }
    const CliRun again = cli(import);
    EXPECT_EQ(again.exitCode, 1) << "the matrix is there";
    EXPECT_NE(again.err.find("entered 3 stored images the catalog lacked"), std::string::npos) << again.err;
    auto log = curator::CurationLog::open(m_workspace.string());
    ASSERT_TRUE(log.ok());
    EXPECT_EQ(*log->catalogSize(), 3u);
}

// Issue 13.5, 13.6, 13.15 and 13.18: import-dataset refuses a commit that is its own parent, 100,000
// levels of nesting and a repeated commit id, each in one line of words, with the workspace unchanged.
TEST_F(CliTest, ImportDatasetRefusesCyclesDeepNestingAndRepeatedIds) {
    const std::string entry = R"({"query": "q", "dataset": "photos", "threshold": 0.3, "negative_prompts": [],
        "negative_threshold": 0.3, "message": "m", "images": ["/a/1.jpg"], "size": 1)";
    const fs::path first = m_directory / "first.json";
    std::ofstream(first) << R"({"c1": )" << entry << "}}";
    ASSERT_EQ(cli("import-dataset " + first.string()).exitCode, 0);
    const fs::path exported = m_directory / "ours.json";
    ASSERT_EQ(cli("export --out " + exported.string()).exitCode, 0);
    const std::string statusBefore = cli("--json status").out;

    nlohmann::json ours = nlohmann::json::parse(readFile(exported));
    ours["commits"][0]["id"] = "self1";
    ours["commits"][0]["parent"] = "self1";
    const fs::path selfParent = m_directory / "self-parent.json";
    std::ofstream(selfParent) << ours.dump();
    const fs::path deep = m_directory / "deep.json";
    std::ofstream(deep) << R"({"c9": )" << entry << R"(, "extra": )" << std::string(100000, '[')
                        << std::string(100000, ']') << "}}";
    const fs::path repeated = m_directory / "repeated.json";
    std::ofstream(repeated) << R"({"c7": )" << entry << R"(}, "c8": )" << entry << R"(}, "c7": )" << entry
                            << "}}";
    const std::pair<fs::path, std::vector<std::string>> cases[] = {
        {selfParent, {"commit 'self1'", "its own parent"}},
        {deep, {"commit 'c9'", "field 'extra'", "nested deeper than 64 levels"}},
        {repeated, {"commit id 'c7'", "entries 1 and 3"}},
    };
    for (const auto& [file, expected] : cases) {
        const CliRun refused = cli("import-dataset " + file.string());
        EXPECT_EQ(refused.exitCode, 1) << file;
        EXPECT_EQ(lineCount(refused.err), 1u) << refused.err;
        for (const std::string& piece : expected) {
            EXPECT_NE(refused.err.find(piece), std::string::npos) << piece << " not in: " << refused.err;
        }
        EXPECT_EQ(cli("--json status").out, statusBefore) << file;
    }
}

// Issue 13.14: a file named by the settings or on the command line is checked before it is read:
// /dev/zero used to abort and a named pipe to hang.
TEST_F(CliTest, FilesNamedFromOutsideThatAreNotRegularFilesAreRefusedNamingThem) {
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    const CliRun rate = cli("rate --ids /dev/zero");
    EXPECT_EQ(rate.exitCode, 1);
    EXPECT_NE(rate.err.find("/dev/zero: not a regular file"), std::string::npos) << rate.err;

    ASSERT_EQ(cli("settings taxonomy=/dev/zero").exitCode, 0);
    const CliRun zero = cli("taxonomy");
    EXPECT_EQ(zero.exitCode, 1);
    EXPECT_NE(zero.err.find("/dev/zero: not a regular file"), std::string::npos) << zero.err;

    const fs::path pipe = m_directory / "pipe";
    ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
    const CliRun piped = cli("--taxonomy " + pipe.string() + " taxonomy");
    EXPECT_EQ(piped.exitCode, 1);
    EXPECT_NE(piped.err.find(pipe.string() + ": not a regular file"), std::string::npos) << piped.err;
}

// Issue 17 §3 and §4 from the command line: `dedup --json` on planted duplicates, `commit
// --exclude-near-duplicates` leaving them out, `balance --json`, and their one-line errors.
TEST_F(CliTest, DedupFindsPlantedDuplicatesAndCommitsCanExcludeThem) {
    // Eight 4-d rows: 4 is an exact copy of 0, 5 a slightly moved copy of 1, the others far apart.
    const float r = 0.70710678f;
    const std::vector<float> rows = {1, 0, 0, 0, 0,     1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1,
                                     1, 0, 0, 0, 0.01f, 1, 0, 0, r, r, 0, 0, 0, 0, r, r};
    const fs::path embeddings = m_directory / "planted.npy";
    ASSERT_TRUE(curator::writeNpy(embeddings.string(), rows.data(), {8, 4}));
    ASSERT_EQ(cli("store import --source photos --model m1 --dtype f32 --embeddings " + embeddings.string())
                  .exitCode,
              0);
    const std::vector<float> axis = {1, 0, 0, 0}, diagonal = {0.5f, 0.5f, 0.5f, 0.5f};
    const fs::path axisQuery = m_directory / "axis.npy", allQuery = m_directory / "all.npy";
    ASSERT_TRUE(curator::writeNpy(axisQuery.string(), axis.data(), {1, 4}));
    ASSERT_TRUE(curator::writeNpy(allQuery.string(), diagonal.data(), {1, 4}));

    // Rows 0 and 4 are both new: the first stays, its copy is left out.
    CliRun run = cli("--json commit --query-vector " + axisQuery.string() +
                     " --threshold 0.99 --message axis --exclude-near-duplicates");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(run.json().at("commit").at("near_duplicates_excluded"), 1);
    EXPECT_EQ(run.json().at("commit").at("exclude_near_duplicates"), 0.97);
    EXPECT_EQ(run.json().at("commit").at("added"), 1);
    // Every row: 4 duplicates the dataset's 0, 5 duplicates 1, new in the same commit.
    run = cli("--json commit --query-vector " + allQuery.string() +
              " --threshold -1 --message all --exclude-near-duplicates 0.97");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(run.json().at("commit").at("near_duplicates_excluded"), 2);
    EXPECT_EQ(run.json().at("commit").at("added"), 5);
    run = cli("--json dedup");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(run.json().at("near_duplicates").at("pairs"), 0);
    const CliRun log = cli("log");
    EXPECT_NE(log.out.find("2 near-duplicates of the dataset left out (cosine >= 0.970)"), std::string::npos)
        << log.out;

    // Without the exclusion the copies come in, and dedup finds both pairs.
    ASSERT_EQ(
        cli("commit --query-vector " + allQuery.string() + " --threshold -1 --message everything").exitCode,
        0);
    run = cli("--json dedup --threshold 0.97");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const auto report = run.json().at("near_duplicates");
    EXPECT_EQ(report.at("branch"), "main");
    EXPECT_EQ(report.at("model"), "m1");
    EXPECT_EQ(report.at("method"), "exact");
    EXPECT_EQ(report.at("dataset_images"), 8);
    EXPECT_EQ(report.at("embedded_images"), 8);
    EXPECT_EQ(report.at("pairs"), 2);
    EXPECT_EQ(report.at("groups_count"), 2);
    EXPECT_EQ(report.at("images_in_groups"), 4);
    EXPECT_EQ(report.at("removable"), 2);
    ASSERT_EQ(report.at("groups").size(), 2u);
    std::set<std::set<std::string>> groups;
    for (const auto& group : report.at("groups")) {
        std::set<std::string> members;
        size_t kept = 0;
        for (const auto& member : group.at("members")) {
            members.insert(member.at("id").get<std::string>());
            kept += member.at("kept").get<bool>() ? 1 : 0;
            EXPECT_EQ(member.at("source"), "photos");
        }
        EXPECT_EQ(kept, 1u);
        EXPECT_GE(group.at("min_similarity").get<double>(), 0.97);
        groups.insert(members);
    }
    // The ids are the row numbers; "0" (in three commits) is kept over "4" (in one).
    EXPECT_EQ(groups, (std::set<std::set<std::string>>{{"0", "4"}, {"1", "5"}}));
    EXPECT_EQ(report.at("groups")[0].at("members")[0].at("id"), "0");
    EXPECT_EQ(report.at("groups")[0].at("members")[0].at("commits"), 3);
    // The status counts them when asked.
    run = cli("--json status --near-duplicates");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(run.json().at("near_duplicates").at("removable"), 2);
    EXPECT_EQ(run.json().at("near_duplicates").at("groups"), 2);
    EXPECT_FALSE(cli("--json status").json().contains("near_duplicates"));
    EXPECT_EQ(cli("status --near-duplicates 2").exitCode, 1);
    const CliRun text = cli("dedup");
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(text.out.find("2 groups, 4 images in groups"), std::string::npos) << text.out;

    // Review marks (issue 17 §6): kept per image, the latest wins, listed, and in the release below.
    ASSERT_EQ(cli("review accept photos/0 photos/1 --author ana").exitCode, 0);
    ASSERT_EQ(cli("review reject photos/1").exitCode, 0);
    run = cli("--json review list");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const auto marks = run.json().at("review_marks").at("marks");
    ASSERT_EQ(marks.size(), 2u);
    EXPECT_EQ(marks[0].at("id"), "0");
    EXPECT_EQ(marks[0].at("verdict"), "accept");
    EXPECT_EQ(marks[0].at("author"), "ana");
    EXPECT_EQ(marks[1].at("verdict"), "reject");
    const CliRun notAnImage = cli("review accept photos-0");
    EXPECT_EQ(notAnImage.exitCode, 1);
    EXPECT_NE(notAnImage.err.find("expected SOURCE/ID"), std::string::npos) << notAnImage.err;
    EXPECT_EQ(cli("review accept").exitCode, 1);
    EXPECT_EQ(cli("review maybe photos/0").exitCode, 2);

    // A release without near-duplicates leaves out the two dedup reports as removable.
    run = cli("--json export --release nodups --exclude-near-duplicates");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(run.json().at("release").at("near_duplicates_excluded"), 2);
    EXPECT_EQ(run.json().at("release").at("images"), 6);
    std::ifstream metadata(m_workspace / "exports" / "nodups" / "metadata.jsonl");
    std::map<std::string, std::string> verdictOf;
    for (std::string line; std::getline(metadata, line);) {
        const auto row = nlohmann::json::parse(line);
        verdictOf[row.at("id").get<std::string>()] =
            row.at("review").is_null() ? "" : row.at("review").at("verdict").get<std::string>();
    }
    EXPECT_EQ(verdictOf["0"], "accept");
    EXPECT_EQ(verdictOf["1"], "reject");
    EXPECT_EQ(verdictOf["2"], "");
    const CliRun refusedRelease = cli("export --release bad --exclude-near-duplicates 1.5");
    EXPECT_EQ(refusedRelease.exitCode, 1);
    EXPECT_NE(refusedRelease.err.find("export --exclude-near-duplicates"), std::string::npos)
        << refusedRelease.err;
    EXPECT_FALSE(fs::exists(m_workspace / "exports" / "bad"));

    // Errors: one line, exit 1, naming what was wrong.
    for (const char* threshold : {"0", "1.5", "-0.2"}) {
        const CliRun refused = cli(std::string("dedup --threshold ") + threshold);
        EXPECT_EQ(refused.exitCode, 1) << threshold;
        EXPECT_EQ(lineCount(refused.err), 1u) << refused.err;
        EXPECT_NE(refused.err.find("--threshold"), std::string::npos) << refused.err;
    }
    EXPECT_EQ(cli("dedup --threshold abc").exitCode, 2); // not a number: a usage error
    const CliRun unknown = cli("dedup --branch nope");
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.err.find("nope"), std::string::npos) << unknown.err;
    const CliRun badExclusion = cli("commit --query-vector " + allQuery.string() +
                                    " --threshold -1 --message x --exclude-near-duplicates 7");
    EXPECT_EQ(badExclusion.exitCode, 1);
    EXPECT_NE(badExclusion.err.find("exclude-near-duplicates"), std::string::npos) << badExclusion.err;

    // The balance of the same dataset: no commit names an attribute, so every image is "unknown".
    run = cli("--json balance --target 3");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const auto balance = run.json().at("balance");
    EXPECT_EQ(balance.at("dataset_images"), 8);
    EXPECT_EQ(balance.at("target"), 3);
    EXPECT_EQ(balance.at("unknown").at("images"), 8);
    EXPECT_EQ(balance.at("attributes_covered"), 0);
    EXPECT_EQ(balance.at("evenness"), 0.0);
    EXPECT_EQ(balance.at("under_target").size(), balance.at("attributes").size());
    EXPECT_GT(balance.at("attributes").size(), 50u); // the built-in taxonomy, every attribute at 0
    EXPECT_EQ(cli("balance --branch nope").exitCode, 1);
    const CliRun balanceText = cli("balance");
    ASSERT_EQ(balanceText.exitCode, 0) << balanceText.err;
    EXPECT_NE(balanceText.out.find("evenness"), std::string::npos) << balanceText.out;

    // One image out of one commit (issue 17 §6): "4" is only in the last commit, "2" in two of them.
    const std::string everything = cli("--json log").json().at("commits").back().at("id").get<std::string>();
    run = cli("--json undo " + everything.substr(0, 8) + " --image photos/4 --image photos/2");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(run.json().at("revert").at("removed"), 2);
    EXPECT_EQ(run.json().at("revert").at("affected"), 1);
    const std::string removal = run.json().at("revert").at("id").get<std::string>();
    EXPECT_EQ(cli("--json status").json().at("distinct_images"), 7);
    const CliRun twice = cli("undo " + everything + " --image photos/4");
    EXPECT_EQ(twice.exitCode, 1);
    EXPECT_NE(twice.err.find("already removed"), std::string::npos) << twice.err;
    EXPECT_EQ(cli("undo " + everything + " --image photos-4").exitCode, 1);
    const CliRun back = cli("undo " + removal);
    ASSERT_EQ(back.exitCode, 0) << back.err;
    EXPECT_NE(back.out.find("1 images re-entered"), std::string::npos) << back.out;
    EXPECT_EQ(cli("--json status").json().at("distinct_images"), 8);
}

// Issue 17 §2, §5 and `rate --dataset` from the command line, on the image demo with commits made by text
// queries: the pairs file and its summary, byte-identical for a seed, the cap; the scorer report with its
// plot and its copy in a release; the dataset rated once, then found in the cache; one-line errors.
TEST_F(CliTest, PairsEvaluateScorerAndRateDatasetOnTheImageDemo) {
    ASSERT_EQ(curator::test::copyCachedCliDemo(m_workspace, 240), "");
    ASSERT_EQ(cli("commit --query 'motion blur' --threshold 0.15 --tag motion_blur --message "
                  "'aesthetic_direction: anti-aesthetic'")
                  .exitCode,
              0);
    ASSERT_EQ(cli("commit --query 'film grain' --threshold 0.35 --tag film_grain --message "
                  "'aesthetic_direction: anti-aesthetic'")
                  .exitCode,
              0);
    // pairs before any clean image: a clear error.
    const fs::path out = m_directory / "pairs.jsonl";
    CliRun run = cli("pairs --out " + out.string());
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_NE(run.err.find("no clean image"), std::string::npos) << run.err;
    EXPECT_EQ(lineCount(run.err), 1u) << run.err;
    ASSERT_EQ(cli("commit --query 'sharp focus' --threshold 0.1 --tag sharp_focus --message "
                  "'aesthetic_direction: high-aesthetic'")
                  .exitCode,
              0);

    run = cli("--json pairs --seed 3 --out " + out.string());
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const auto summary = run.json().at("pairs");
    EXPECT_EQ(summary.at("branch"), "main");
    EXPECT_EQ(summary.at("seed"), 3);
    EXPECT_GT(summary.at("clean_images").get<size_t>(), 0u);
    const size_t pairCount = summary.at("pairs_count");
    ASSERT_GT(pairCount, 0u);
    const std::string jsonl = readFile(out);
    EXPECT_EQ(lineCount(jsonl), pairCount);
    EXPECT_EQ(jsonl.find(m_workspace.string()), std::string::npos) << "no absolute path in the export";
    std::map<std::string, size_t> perAttribute;
    std::istringstream lines(jsonl);
    for (std::string line; std::getline(lines, line);) {
        const auto pair = nlohmann::json::parse(line);
        ++perAttribute[pair.at("attribute").get<std::string>()];
        EXPECT_NE(pair.at("chosen").at("id"), pair.at("rejected").at("id"));
    }
    for (const auto& attribute : summary.at("attributes")) {
        const std::string name = attribute.at("name");
        EXPECT_EQ(perAttribute[name], attribute.at("pairs").get<size_t>()) << name;
    }
    EXPECT_GT(perAttribute["motion_blur"], 3u);
    // The same seed, the same bytes; a cap of 3 per attribute.
    const fs::path again = m_directory / "again.jsonl";
    ASSERT_EQ(cli("pairs --seed 3 --out " + again.string()).exitCode, 0);
    EXPECT_EQ(readFile(again), jsonl);
    run = cli("--json pairs --seed 3 --per-attribute 3 --out " + again.string());
    ASSERT_EQ(run.exitCode, 0) << run.err;
    // Held: a range-for over a member of the temporary run.json() would read freed memory.
    const auto capped = run.json();
    for (const auto& attribute : capped.at("pairs").at("attributes")) {
        EXPECT_LE(attribute.at("pairs").get<size_t>(), 3u);
    }
    const CliRun text = cli("pairs --out " + again.string());
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(text.out.find("motion_blur"), std::string::npos) << text.out;

    // evaluate-scorer: the builtin scorer, a plot, the report saved with a release.
    ASSERT_EQ(cli("export --release v1").exitCode, 0);
    // Its card counts the pairs `pairs` forms (no cap: the same number whatever the seed).
    const std::string card = readFile(m_workspace / "exports" / "v1" / "README.md");
    EXPECT_NE(card.find("nearest clean image: " + std::to_string(pairCount) + " pairs"), std::string::npos)
        << card;
    const fs::path plot = m_directory / "report.svg";
    run = cli("--json evaluate-scorer --seed 3 --plot " + plot.string() + " --release v1");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const auto report = run.json().at("scorer_evaluation");
    EXPECT_EQ(report.at("scorer"), "builtin-proxy");
    EXPECT_EQ(report.at("pairs_formed").get<size_t>(), pairCount); // the same pairs as `pairs --seed 3`
    EXPECT_EQ(report.at("pairs_scored").get<size_t>(), pairCount);
    const double rate = report.at("overall").at("preference_rate");
    EXPECT_GE(rate, 0.0);
    EXPECT_LE(rate, 1.0);
    EXPECT_EQ(readFile(plot).rfind("<svg", 0), 0u);
    EXPECT_TRUE(fs::exists(m_workspace / "exports" / "v1" / ".card" / "scorer-evaluation-builtin-proxy.svg"));
    EXPECT_TRUE(
        fs::exists(m_workspace / "exports" / "v1" / ".card" / "scorer-evaluation-builtin-proxy.json"));
    // The release's manifest lists what was added, with hashes; its card shows the report.
    const auto manifest = nlohmann::json::parse(readFile(m_workspace / "exports" / "v1" / "manifest.json"));
    EXPECT_EQ(manifest.at("files").at(".card/scorer-evaluation-builtin-proxy.svg").get<std::string>(),
              curator::Sha256::hashHex(readFile(m_workspace / "exports" / "v1" / ".card" /
                                                "scorer-evaluation-builtin-proxy.svg")));
    EXPECT_EQ(manifest.at("files").at("README.md").get<std::string>(),
              curator::Sha256::hashHex(readFile(m_workspace / "exports" / "v1" / "README.md")));
    ASSERT_EQ(manifest.at("additions").size(), 1u);
    EXPECT_EQ(manifest.at("additions")[0].at("kind"), "scorer_report");
    const std::string reportCard = readFile(m_workspace / "exports" / "v1" / "README.md");
    EXPECT_NE(reportCard.find("## Reward-model report: builtin-proxy"), std::string::npos);
    EXPECT_NE(reportCard.find("](.card/scorer-evaluation-builtin-proxy.svg)"), std::string::npos);
    run = cli("--json evaluate-scorer --seed 3");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(run.json().at("scorer_evaluation").at("scores_made"), 0); // all from the cache
    const CliRun table = cli("evaluate-scorer --scorer builtin");
    ASSERT_EQ(table.exitCode, 0) << table.err;
    EXPECT_NE(table.out.find("preference rate"), std::string::npos) << table.out;

    // rate --dataset: every image of the dataset once, then nothing left to rate.
    run = cli("--json rate --dataset");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const size_t images = run.json().at("dataset").at("images");
    EXPECT_GT(images, 0u);
    EXPECT_EQ(run.json().at("dataset").at("rated_now").get<size_t>(), images);
    run = cli("--json rate --dataset");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(run.json().at("dataset").at("scored_before").get<size_t>(), images);
    EXPECT_EQ(run.json().at("dataset").at("rated_now"), 0);
    EXPECT_EQ(cli("rate --dataset --query 'motion blur'").exitCode, 2); // one input only

    // Errors: one line naming what was wrong.
    const auto refused = [&](const std::string& arguments, const std::string& named, int code) {
        const CliRun failed = cli(arguments);
        EXPECT_EQ(failed.exitCode, code) << arguments;
        EXPECT_NE(failed.err.find(named), std::string::npos) << arguments << ": " << failed.err;
    };
    refused("pairs --out " + out.string() + " --branch nope", "nope", 1);
    refused("pairs", "--out", 2);
    refused("pairs --out " + out.string() + " --seed abc", "--seed", 2);
    refused("pairs --out " + out.string() + " --rejected-uses 0", "--rejected-uses", 2);
    refused("pairs --out " + out.string() + " --per-attribute -1", "--per-attribute", 2);
    refused("pairs --out " + out.string() + " --prompt nonsense", "--prompt", 2);
    refused("pairs --out " + (m_directory / "missing" / "p.jsonl").string(), "--out", 1);
    refused("evaluate-scorer --release nope", "--release", 1);
    refused("evaluate-scorer --scorer bogus:x", "--scorer", 1);
    refused("evaluate-scorer --branch nope", "nope", 1);
}
