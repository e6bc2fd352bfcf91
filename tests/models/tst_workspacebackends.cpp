// The backends a workspace's settings.json names, as the workstation's bridges make them.
#include "models/workspacebackends.h"

#include "store/workspacesettings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

TEST(WorkspaceBackends, madeFromTheSettingsAndBadSpecsNamed) {
    std::random_device entropy;
    const auto root =
        std::filesystem::temp_directory_path() / ("curator-backends-" + std::to_string(entropy()));
    const std::string workspace = (root / "ws").string();
    std::filesystem::create_directories(workspace);

    // No settings file: the builtin backends.
    auto embedder = curator::createWorkspaceEmbedder(workspace);
    ASSERT_TRUE(embedder.ok()) << embedder.error();
    EXPECT_EQ((*embedder)->modelName(), "builtin-pixel-v1");
    ASSERT_TRUE(curator::createWorkspaceScorer(workspace).ok());
    ASSERT_TRUE(curator::createWorkspaceCaptioner(workspace).ok());

    curator::WorkspaceSettings settings;
    settings.scorer = "nonsense:somewhere";
    ASSERT_TRUE(settings.save(workspace).ok());
    auto scorer = curator::createWorkspaceScorer(workspace);
    ASSERT_FALSE(scorer.ok());
    EXPECT_NE(scorer.error().find("scorer 'nonsense:somewhere'"), std::string::npos) << scorer.error();
    EXPECT_TRUE(curator::createWorkspaceEmbedder(workspace).ok()); // the other settings still work
    std::filesystem::remove_all(root);
}
