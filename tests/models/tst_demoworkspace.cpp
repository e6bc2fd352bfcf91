// The demo workspace that `curator-cli demo` and `curator --demo` create: generated, ingested, resumable
// after a cancel, and left alone once complete.
#include "demo/demoworkspace.h"

#include "store/embeddingstore.h"
#include "store/workspacesettings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

namespace {

std::filesystem::path scratchDirectory() {
    std::random_device entropy;
    auto path = std::filesystem::temp_directory_path() / ("curator-demo-ws-" + std::to_string(entropy()));
    std::filesystem::create_directories(path);
    return path;
}

size_t storedRows(const std::string& workspace) {
    auto store = curator::EmbeddingStore::open(workspace);
    size_t rows = 0;
    if (store) {
        for (const auto& matrix : store->matrices()) {
            rows += matrix->rows();
        }
    }
    return rows;
}

} // namespace

TEST(DemoWorkspace, aCancelKeepsWhatWasDoneAndTheNextCallCompletesIt) {
    const auto root = scratchDirectory();
    const std::string workspace = (root / "ws").string();
    EXPECT_FALSE(curator::isDemoWorkspace(workspace));

    // Cancel as soon as the second source starts ingesting.
    std::vector<std::string> stages;
    auto cancelled =
        curator::createDemoWorkspace(workspace, 45, [&](const curator::DemoWorkspaceProgress& step) {
            if (stages.empty() || stages.back() != step.stage) {
                stages.push_back(step.stage);
            }
            return step.stage != curator::demoSources()[1];
        });
    ASSERT_FALSE(cancelled.ok());
    EXPECT_NE(cancelled.error().find("cancelled"), std::string::npos) << cancelled.error();
    ASSERT_GE(stages.size(), 3u);
    EXPECT_EQ(stages[0], "generate");
    EXPECT_EQ(stages[1], curator::demoSources()[0]);
    EXPECT_FALSE(curator::isDemoWorkspace(workspace));
    const size_t afterCancel = storedRows(workspace);
    EXPECT_GT(afterCancel, 0u); // the first source was kept

    auto completed = curator::createDemoWorkspace(workspace, 45);
    ASSERT_TRUE(completed.ok()) << completed.error();
    EXPECT_TRUE(completed->created);
    EXPECT_TRUE(curator::isDemoWorkspace(workspace));
    EXPECT_EQ(storedRows(workspace), 45u); // nothing ingested twice
    ASSERT_EQ(completed->ingested.size(), 3u);
    EXPECT_EQ(completed->ingested[0].report.ingested, 0u); // the first source was already there

    // Complete: a further call changes nothing.
    auto again = curator::createDemoWorkspace(workspace, 45);
    ASSERT_TRUE(again.ok()) << again.error();
    EXPECT_FALSE(again->created);
    EXPECT_EQ(storedRows(workspace), 45u);
    std::filesystem::remove_all(root);
}

TEST(DemoWorkspace, aWorkspaceOfAnotherEmbedderIsRefused) {
    const auto root = scratchDirectory();
    const std::string workspace = (root / "ws").string();
    std::filesystem::create_directories(workspace);
    curator::WorkspaceSettings settings;
    settings.embedder = "openai:http://127.0.0.1:9/v1#other-model";
    ASSERT_TRUE(settings.save(workspace).ok());
    auto refused = curator::createDemoWorkspace(workspace, 30);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().find("openai:http://127.0.0.1:9/v1#other-model"), std::string::npos)
        << refused.error();
    EXPECT_EQ(storedRows(workspace), 0u);
    std::filesystem::remove_all(root);
}
