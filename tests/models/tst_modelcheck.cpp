// Issue 18 §2: the presets of the real-model paths (docs/models.md) and the check a workspace's model
// settings get before they are saved, against the scripted OpenAI-compatible server of tests/net on
// loopback: a test text and image embedded (their dimension against the store's), a caption, a score.
#include "models/modelcheck.h"
#include "models/modelpresets.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace curator;

class ModelCheckTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_server = popen(("python3 '" + std::string(CURATOR_FAKE_SERVER) + "'").c_str(), "r");
        ASSERT_NE(s_server, nullptr);
        ASSERT_EQ(std::fscanf(s_server, "%d %d", &s_port, &s_pid), 2) << "the fake server did not start";
    }
    static void TearDownTestSuite() {
        if (s_pid > 0) {
            ::kill(s_pid, SIGTERM);
        }
        if (s_server != nullptr) {
            pclose(s_server);
        }
    }
    void SetUp() override {
        m_root = fs::temp_directory_path() / ("curator-modelcheck-" + std::to_string(std::random_device{}()));
        fs::create_directories(m_root);
    }
    void TearDown() override { fs::remove_all(m_root); }

    // A workspace whose store holds two rows of `model` in `dimension` dimensions (none: empty).
    std::string workspaceWith(const std::string& model, size_t dimension) const {
        const std::string workspace = (m_root / ("ws-" + model + std::to_string(dimension))).string();
        fs::create_directories(workspace);
        if (dimension > 0) {
            std::vector<float> rows(2 * dimension, 0.0f);
            rows[0] = 1.0f;
            rows[dimension + 1] = 1.0f;
            std::vector<RowIdentity> identities(2);
            identities[0].id = "a.jpg";
            identities[1].id = "b.jpg";
            EXPECT_TRUE(appendEmbeddings(workspace, "photos", model, dimension, StorageType::Float32,
                                         identities, rows)
                            .ok());
        }
        return workspace;
    }

    // openai:http://127.0.0.1:PORT/s/SCENARIO/v1#MODEL (the scorer's protocol has no /v1).
    static std::string spec(const std::string& scenario, const std::string& model, bool v1 = true) {
        return "openai:http://127.0.0.1:" + std::to_string(s_port) + "/s/" + scenario + (v1 ? "/v1" : "") +
               "#" + model;
    }

    static FILE* s_server;
    static int s_port;
    static int s_pid;
    fs::path m_root;
};

FILE* ModelCheckTest::s_server = nullptr;
int ModelCheckTest::s_port = 0;
int ModelCheckTest::s_pid = 0;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST(ModelPresets, EveryPresetIsAValidSpecAndDocsModelsShowsIt) {
    std::ifstream docsFile(std::string(CURATOR_RESOURCES_DIR) + "/../docs/models.md");
    ASSERT_TRUE(docsFile.good());
    std::stringstream docs;
    docs << docsFile.rdbuf();
    for (const ModelRole role : {ModelRole::Embedder, ModelRole::Scorer, ModelRole::Captioner}) {
        const auto presets = modelPresetsFor(role);
        ASSERT_GE(presets.size(), 2u) << modelRoleKey(role);
        EXPECT_EQ(presets.front().spec, "builtin"); // the offline default first
    }
    for (const ModelPreset& preset : modelPresets()) {
        auto parsed = BackendSpec::parse(preset.spec);
        EXPECT_TRUE(parsed.ok()) << preset.id << ": " << parsed.error();
        EXPECT_EQ(findModelPreset(preset.id), &preset);
        // One table: the documentation shows each spec as the settings fill it in.
        EXPECT_TRUE(contains(docs.str(), preset.spec)) << preset.id << " " << preset.spec;
        if (!preset.queryTemplate.empty()) {
            EXPECT_TRUE(applyQueryTemplate(preset.queryTemplate, "x").ok()) << preset.id;
            EXPECT_TRUE(contains(docs.str(), preset.queryTemplate)) << preset.id;
        }
    }
    const ModelPreset* qwen = findModelPreset("qwen3-vl-embedding");
    ASSERT_NE(qwen, nullptr);
    EXPECT_EQ(qwen->role, ModelRole::Embedder);
    EXPECT_EQ(*applyQueryTemplate(qwen->queryTemplate, "motion blur"),
              "Instruct: Represent the user's input.\nQuery: motion blur");
    EXPECT_EQ(findModelPreset("no-such-preset"), nullptr);
}

TEST_F(ModelCheckTest, AnEndpointOfTheStoresDimensionPassesWithAScoreAndACaption) {
    ModelCheckRequest request;
    request.workspaceDirectory = workspaceWith("fake-embedder", 8); // the fake server's vectors are 8-d
    request.embedder = spec("ok", "fake-embedder");
    request.captioner = spec("ok", "fake-captioner");
    request.scorer = spec("ok", "fake-scorer", false);
    std::vector<std::string> steps;
    const ModelCheckReport report =
        checkModels(request, nullptr, [&steps](size_t step, size_t total, const std::string& what) {
            steps.push_back(std::to_string(step) + "/" + std::to_string(total) + " " + what);
            return true;
        });
    ASSERT_TRUE(report.ok()) << report.text();
    EXPECT_EQ(report.dimension, 8u);
    EXPECT_EQ(report.storeDimension, 8u);
    EXPECT_EQ(report.embedder.model, "fake-embedder");
    EXPECT_TRUE(contains(report.embedder.message, "8-d")) << report.embedder.message;
    // The captioner saw the JPEG of the test image; the scorer read the image with that caption.
    EXPECT_TRUE(contains(report.caption, "A test image of")) << report.caption;
    ASSERT_TRUE(report.score.has_value());
    EXPECT_DOUBLE_EQ(*report.score, double(report.caption.size() % 15));
    ASSERT_EQ(steps.size(), 3u);
    EXPECT_TRUE(contains(steps[0], "1/3 embedder '" + request.embedder + "'")) << steps[0];
    EXPECT_TRUE(contains(steps[2], "3/3 scorer")) << steps[2];
    EXPECT_EQ(report.checkedOutcomes().size(), 3u);
    EXPECT_TRUE(contains(report.text(), "scorer: ok: model 'fake-scorer' scored the test image"))
        << report.text();

    // An empty store takes any dimension; the builtin models need no server.
    ModelCheckRequest offline;
    offline.workspaceDirectory = workspaceWith("none", 0);
    offline.embedder = offline.scorer = offline.captioner = "builtin";
    const ModelCheckReport builtin = checkModels(offline);
    ASSERT_TRUE(builtin.ok()) << builtin.text();
    EXPECT_EQ(builtin.dimension, 35u);
    EXPECT_EQ(builtin.storeDimension, 0u);
    EXPECT_TRUE(builtin.score.has_value());
}

TEST_F(ModelCheckTest, ADimensionOtherThanTheStoresFailsNamingBoth) {
    ModelCheckRequest request;
    request.workspaceDirectory = workspaceWith("fake-embedder", 16);
    request.embedder = spec("ok", "fake-embedder");
    request.scorer = "builtin";
    const ModelCheckReport report = checkModels(request);
    EXPECT_FALSE(report.ok());
    EXPECT_FALSE(report.embedder.ok);
    EXPECT_EQ(report.dimension, 8u);
    EXPECT_EQ(report.storeDimension, 16u);
    const std::string& message = report.embedder.message;
    EXPECT_TRUE(contains(message, "embedder '" + request.embedder + "' embeds in 8 dimensions")) << message;
    EXPECT_TRUE(contains(message, "holds 16-d rows of model 'fake-embedder'")) << message;
    EXPECT_TRUE(contains(message, "another model")) << message;
    EXPECT_TRUE(report.scorer.ok) << report.scorer.message; // one failure does not stop the others

    // Rows of another model only: a text query through this embedder could not be compared with them.
    request.workspaceDirectory = workspaceWith("other-model", 8);
    const ModelCheckReport other = checkModels(request);
    EXPECT_FALSE(other.embedder.ok);
    EXPECT_TRUE(contains(other.embedder.message, "store holds rows of 'other-model' (8-d)"))
        << other.embedder.message;
}

TEST_F(ModelCheckTest, AFailingOrUnreachableEndpointFailsNamingTheBackend) {
    ModelCheckRequest request;
    request.workspaceDirectory = workspaceWith("none", 0);
    request.embedder = spec("always500", "fake-embedder");
    request.scorer = "openai:http://127.0.0.1:9#hpsv3"; // nothing listens on the discard port
    request.options.requestTimeoutSeconds = 5;
    const ModelCheckReport report = checkModels(request);
    EXPECT_FALSE(report.ok());
    EXPECT_TRUE(
        contains(report.embedder.message, "embedder '" + request.embedder + "' did not embed the test text"))
        << report.embedder.message;
    EXPECT_TRUE(contains(report.embedder.message, "500")) << report.embedder.message;
    EXPECT_TRUE(contains(report.scorer.message,
                         "scorer 'openai:http://127.0.0.1:9#hpsv3' did not score the test image"))
        << report.scorer.message;
    EXPECT_TRUE(contains(report.text(), "embedder: FAILED: ")) << report.text();

    // A malformed spec is named before anything is made.
    request.embedder = "openai:localhost:8000";
    request.scorer.clear();
    const ModelCheckReport malformed = checkModels(request);
    EXPECT_FALSE(malformed.ok());
    EXPECT_TRUE(contains(malformed.embedder.message, "embedder: backend spec 'openai:localhost:8000'"))
        << malformed.embedder.message;
}

TEST_F(ModelCheckTest, ACancelledCheckReportsNothingAsChecked) {
    ModelCheckRequest request;
    request.workspaceDirectory = workspaceWith("none", 0);
    request.embedder = request.scorer = "builtin";
    const ModelCheckReport report =
        checkModels(request, nullptr, [](size_t step, size_t, const std::string&) { return step < 2; });
    EXPECT_TRUE(report.cancelled);
    EXPECT_FALSE(report.ok());
    EXPECT_TRUE(report.embedder.checked && report.embedder.ok) << report.embedder.message;
    EXPECT_FALSE(report.scorer.checked);
}
