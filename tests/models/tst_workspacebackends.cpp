// The backends a workspace's settings.json names, as the workstation's bridges make them.
#include "models/workspacebackends.h"

#include "store/workspacesettings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
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
    EXPECT_EQ((*embedder)->modelName(), "builtin-pixel-v4");
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

// Issue 15: an instruction-tuned embedder's query template and a captioner's prompt live beside their specs
// in settings.json, so every later session (CLI or workstation) queries and captions the same way.
TEST(WorkspaceSettings, theQueryTemplateAndCaptionerPromptBelongToTheirModels) {
    std::random_device entropy;
    const auto root =
        std::filesystem::temp_directory_path() / ("curator-settings-" + std::to_string(entropy()));
    const std::string workspace = (root / "ws").string();
    curator::WorkspaceSettings settings;
    settings.embedder = "openai:http://127.0.0.1:9/v1#qwen3-vl-embedding";
    settings.captioner = "openai:http://127.0.0.1:9/v1#captioner";
    ASSERT_TRUE(
        settings.set("embed_query_template", "Instruct: Represent the user's input.\\nQuery: {text}").ok());
    ASSERT_TRUE(settings.set("captioner_prompt", "Name the defects only.").ok());
    const auto missing = settings.set("embed_query_template", "Represent the user's input.");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().find("{text}"), std::string::npos) << missing.error();
    ASSERT_TRUE(settings.save(workspace).ok());
    auto loaded = curator::WorkspaceSettings::load(workspace);
    ASSERT_TRUE(loaded.ok()) << loaded.error();
    EXPECT_EQ(loaded->embedQueryTemplate, "Instruct: Represent the user's input.\\nQuery: {text}");
    EXPECT_EQ(loaded->captionerPrompt, "Name the defects only.");

    // The template goes with the workspace's own embedder; one given for the command wins; another
    // embedder given for one command does not inherit it.
    EXPECT_EQ(loaded->queryTemplateFor(loaded->embedder, ""), loaded->embedQueryTemplate);
    EXPECT_EQ(loaded->queryTemplateFor("", ""), loaded->embedQueryTemplate);
    EXPECT_EQ(loaded->queryTemplateFor(loaded->embedder, "Q: {text}"), "Q: {text}");
    EXPECT_EQ(loaded->queryTemplateFor("builtin", ""), "");
    EXPECT_EQ(loaded->captionerPromptFor(loaded->captioner, ""), "Name the defects only.");
    EXPECT_EQ(loaded->captionerPromptFor("builtin", ""), "");

    // An ingest records the embedder it used with the template given for it.
    curator::WorkspaceSettings ingested = *loaded;
    EXPECT_FALSE(ingested.recordIngestEmbedder("", "")); // same embedder, no template given: kept
    EXPECT_EQ(ingested.embedQueryTemplate, loaded->embedQueryTemplate);
    EXPECT_TRUE(ingested.recordIngestEmbedder("", "Q: {text}"));
    EXPECT_EQ(ingested.embedQueryTemplate, "Q: {text}");
    EXPECT_TRUE(ingested.recordIngestEmbedder("builtin", "")); // another model: its template is none
    EXPECT_EQ(ingested.embedder, "builtin");
    EXPECT_EQ(ingested.embedQueryTemplate, "");

    // A workspace without them keeps the file older builds read.
    curator::WorkspaceSettings plain;
    ASSERT_TRUE(plain.save(workspace).ok());
    std::ifstream file(std::filesystem::path(workspace) / "settings.json");
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text.find("embed_query_template"), std::string::npos) << text;
    std::filesystem::remove_all(root);
}
