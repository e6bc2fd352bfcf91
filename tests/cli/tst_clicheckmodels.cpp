// `curator-cli check-models` (issue 18 §2): the workspace's models, or those given for the command, tried
// on a test image against the scripted OpenAI-compatible server of tests/net on loopback.
#include "clifakeserver.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using curator::test::CliOutcome;
using nlohmann::json;

class CliCheckModelsTest : public curator::test::CliWithFakeServerTest {
protected:
    // Two float32 rows of `dimension` as a .npy file, imported into source photos as `model`.
    void importRows(const std::string& model, size_t dimension) const {
        std::string header =
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, " + std::to_string(dimension) + "), }";
        header.append(64 - (10 + header.size() + 1) % 64, ' ');
        header += '\n';
        const fs::path npy = directory() / "rows.npy";
        std::ofstream file(npy, std::ios::binary);
        file.write("\x93NUMPY\x01\x00", 8);
        const uint16_t length = static_cast<uint16_t>(header.size());
        file.write(reinterpret_cast<const char*>(&length), 2);
        file << header;
        for (size_t i = 0; i < 2 * dimension; ++i) {
            const float value = (i == 0 || i == dimension + 1) ? 1.0f : 0.0f;
            file.write(reinterpret_cast<const char*>(&value), 4);
        }
        file.close();
        const CliOutcome imported =
            run("store import --source photos --model " + model + " --embeddings '" + npy.string() + "'");
        ASSERT_EQ(imported.exitCode, 0) << imported.err;
    }

    std::string embedder(const std::string& scenario) const {
        return "openai:" + baseUrl(scenario) + "#fake-embedder";
    }
};

} // namespace

TEST_F(CliCheckModelsTest, TheStoresDimensionPassesAndPrintsDimensionAndScore) {
    importRows("fake-embedder", 8);
    const CliOutcome outcome = run("--json --embedder " + embedder("ok") + " check-models");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.out << outcome.err;
    const json report = json::parse(outcome.out);
    EXPECT_TRUE(report["ok"].get<bool>());
    EXPECT_EQ(report["dimension"].get<int>(), 8);
    EXPECT_EQ(report["store_dimension"].get<int>(), 8);
    EXPECT_EQ(report["embedder"]["model"].get<std::string>(), "fake-embedder");
    // The workspace's own scorer and captioner (builtin) are checked too.
    EXPECT_TRUE(report["scorer"]["ok"].get<bool>());
    EXPECT_TRUE(report["score"].is_number());
    EXPECT_TRUE(report["captioner"]["checked"].get<bool>());

    const CliOutcome text = run("--embedder " + embedder("ok") + " check-models");
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(
        text.out.find("embedder: ok: model 'fake-embedder', 8-d; the store's rows of that model are 8-d"),
        std::string::npos)
        << text.out;
    EXPECT_NE(text.err.find("[1/3] embedder"), std::string::npos) << text.err;
}

TEST_F(CliCheckModelsTest, AnotherDimensionOrAFailingEndpointExitsOneNamingIt) {
    importRows("fake-embedder", 16);
    const CliOutcome wrong = run("--embedder " + embedder("ok") + " check-models");
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_NE(wrong.err.find("error: embedder '" + embedder("ok") +
                             "' embeds in 8 dimensions, but the "
                             "workspace's store holds 16-d rows"),
              std::string::npos)
        << wrong.err;
    EXPECT_NE(wrong.out.find("embedder: FAILED"), std::string::npos) << wrong.out;

    const CliOutcome failing =
        run("--embedder " + embedder("always500") + " --request-timeout 5 check-models");
    EXPECT_EQ(failing.exitCode, 1);
    EXPECT_NE(failing.err.find("embedder '" + embedder("always500") + "' did not embed the test text"),
              std::string::npos)
        << failing.err;
    EXPECT_NE(failing.err.find("500"), std::string::npos) << failing.err;
}
