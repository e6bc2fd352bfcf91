// Instruction-tuned embedders (Qwen3-VL-Embedding wraps queries in "Represent the user's input."): an
// openai: embedder sends each text query through its query template, never an image, checked against what
// the loopback fake server (tests/net/fake_server.py) received.
#include "agenttesthelpers.h"

#include "models/backendspec.h"
#include "models/embedder.h"
#include "models/image.h"
#include "models/openaibackends.h"
#include "net/httpclient.h"

#include <gtest/gtest.h>

namespace curator {
namespace {

using nlohmann::json;

constexpr const char* kQwenTemplate = "Instruct: Represent the user's input.\\nQuery: {text}";

TEST(QueryTemplate, WrapsTheTextAndReadsNewlines) {
    EXPECT_EQ(*applyQueryTemplate("", "motion blur"), "motion blur");
    EXPECT_EQ(*applyQueryTemplate(kQwenTemplate, "motion blur"),
              "Instruct: Represent the user's input.\nQuery: motion blur");
    EXPECT_EQ(*applyQueryTemplate("{text} | {text}", "a"), "a | a");
    EXPECT_EQ(*applyQueryTemplate("a\\\\n {text}", "b"), "a\\n b"); // an escaped backslash stays one
    EXPECT_EQ(*applyQueryTemplate("{text}", "{text}"), "{text}");   // the query is not read as a template
    const auto missing = applyQueryTemplate("Represent the user's input.", "a");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().find("has no {text}"), std::string::npos) << missing.error();
}

class QueryTemplateServer : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_GT(m_server.port(), 0) << "the fake server did not start"; }

    std::unique_ptr<Embedder> embedder(const std::string& scenario, const std::string& queryTemplate) {
        BackendOptions options;
        options.embedQueryTemplate = queryTemplate;
        auto spec = BackendSpec::parse("openai:" + m_server.baseUrl(scenario) + "#Qwen3-VL-Embedding-2B");
        EXPECT_TRUE(spec.ok()) << spec.error();
        auto made = createEmbedder(*spec, options);
        EXPECT_TRUE(made.ok()) << made.error();
        return made.ok() ? std::move(*made) : nullptr;
    }

    json lastBody(const std::string& scenario) {
        HttpRequest request;
        request.method = "GET";
        request.url =
            "http://127.0.0.1:" + std::to_string(m_server.port()) + "/last/s/" + scenario + "/v1/embeddings";
        auto response = HttpClient().send(request);
        EXPECT_TRUE(response.ok()) << response.error();
        return response.ok() ? json::parse(response->body) : json();
    }

    test::FakeServerProcess m_server;
};

TEST_F(QueryTemplateServer, TextQueriesAreSentTemplatedImagesAreNot) {
    auto wrapped = embedder("qt-wrapped", kQwenTemplate);
    auto plain = embedder("qt-plain", "");
    ASSERT_TRUE(wrapped && plain);
    auto query = wrapped->embedText("motion blur");
    ASSERT_TRUE(query.ok()) << query.error();
    EXPECT_EQ(lastBody("qt-wrapped")["input"],
              json::array({"Instruct: Represent the user's input.\nQuery: motion blur"}));
    // The vector is the one of the templated text (the fake server hashes what it received).
    auto direct = plain->embedText("Instruct: Represent the user's input.\nQuery: motion blur");
    ASSERT_TRUE(direct.ok()) << direct.error();
    EXPECT_EQ(query->vector, direct->vector);
    auto untemplated = plain->embedText("motion blur");
    ASSERT_TRUE(untemplated.ok());
    EXPECT_NE(query->vector, untemplated->vector);

    RgbImage image;
    image.width = 8;
    image.height = 8;
    image.pixels.assign(8 * 8 * 3, 128);
    auto images = wrapped->embedImages({image});
    ASSERT_TRUE(images.ok()) << images.error();
    const json imageBody = lastBody("qt-wrapped");
    EXPECT_FALSE(imageBody.contains("input"));
    EXPECT_EQ(imageBody.dump().find("Represent"), std::string::npos) << "an image was wrapped";
}

TEST_F(QueryTemplateServer, ATemplateWithoutThePlaceholderIsAnErrorNotASilentPrefix) {
    auto wrapped = embedder("qt-bad", "Represent the user's input.");
    ASSERT_TRUE(wrapped);
    auto query = wrapped->embedText("motion blur");
    ASSERT_FALSE(query.ok());
    EXPECT_NE(query.error().find("query template"), std::string::npos) << query.error();
}

} // namespace
} // namespace curator
