// Issue 13 as curator-cli shows it. Item 8: a workspace written before ids had to be clean text may hold an
// id that is not UTF-8; `search --json` printed it through a JSON dump that threw (SIGABRT). Output
// replaces such bytes with U+FFFD instead; `store import` now refuses such ids, naming the line. Item 9: the
// decoding limit is set by --max-image-megapixels or the workspace's setting.
#include "clirun.h"
#include "store/tensorfile.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

namespace {

namespace fs = std::filesystem;
using curator::test::readFile;

class CliNamesTest : public ::testing::Test {
protected:
    using Run = curator::test::CliOutcome;

    void SetUp() override {
        m_directory =
            fs::temp_directory_path() / ("curator-cli-names-" + std::to_string(std::random_device{}()));
        fs::create_directories(m_directory);
        m_workspace = m_directory / "ws";
    }
    void TearDown() override { fs::remove_all(m_directory); }

    Run cli(const std::string& arguments) const {
        return curator::test::runCli(m_workspace, arguments, m_directory);
    }

    // A 3 x 4 matrix to import, and a query of dimension 4.
    void writeInputs() const {
        std::vector<float> values(3 * 4);
        for (size_t i = 0; i < values.size(); ++i) {
            values[i] = static_cast<float>(std::cos(static_cast<double>(i)));
        }
        ASSERT_TRUE(curator::writeNpy((m_directory / "m.npy").string(), values.data(), {3, 4}));
        ASSERT_TRUE(curator::writeNpy((m_directory / "q.npy").string(), values.data(), {4}));
    }

    fs::path m_directory;
    fs::path m_workspace;
};

} // namespace

TEST_F(CliNamesTest, searchJsonPrintsAStoredIdThatIsNotUtf8WithReplacement) {
    writeInputs();
    std::ofstream(m_directory / "ids.txt") << "a\nb\nc\n";
    const Run imported =
        cli("store import --source photos --model m --embeddings " + (m_directory / "m.npy").string() +
            " --ids " + (m_directory / "ids.txt").string());
    ASSERT_EQ(imported.exitCode, 0) << imported.err;
    // What an older version stored: the same offsets, the first id now the byte 0xFF.
    const fs::path ids = m_workspace / "embeddings" / "photos@m" / "ids.txt";
    ASSERT_EQ(readFile(ids), "a\nb\nc\n");
    std::ofstream(ids, std::ios::binary | std::ios::in | std::ios::out) << "\xFF";

    const Run search = cli("--json search --top-k 3 --query-vector " + (m_directory / "q.npy").string());
    ASSERT_EQ(search.exitCode, 0) << search.err;
    const auto result = nlohmann::json::parse(search.out);
    std::vector<std::string> found;
    for (const auto& hit : result.at("results")) {
        found.push_back(hit.at("id").get<std::string>());
    }
    EXPECT_NE(std::find(found.begin(), found.end(), "\xEF\xBF\xBD"), found.end()) << search.out;
}

TEST_F(CliNamesTest, storeImportRefusesAnIdThatIsNotUtf8) {
    writeInputs();
    std::ofstream(m_directory / "ids.txt") << "a\nb\xFF\nc\n";
    const Run imported =
        cli("store import --source photos --model m --embeddings " + (m_directory / "m.npy").string() +
            " --ids " + (m_directory / "ids.txt").string());
    EXPECT_EQ(imported.exitCode, 1);
    EXPECT_NE(imported.err.find("ids.txt:2: id 'b\\xFF' is not valid UTF-8"), std::string::npos)
        << imported.err;
    EXPECT_FALSE(fs::exists(m_workspace / "embeddings" / "photos@m"));
}

namespace {

std::string bigEndian32(uint32_t value) {
    return {char(value >> 24), char(value >> 16), char(value >> 8), char(value)};
}

// A PNG signature and IHDR chunk (its CRC left zero: the size is refused before any decoder reads it).
std::string pngHeader(uint32_t width, uint32_t height) {
    return std::string("\x89PNG\r\n\x1A\n", 8) + bigEndian32(13) + "IHDR" + bigEndian32(width) +
           bigEndian32(height) + std::string("\x08\x02\0\0\0\0\0\0\0", 9);
}

} // namespace

TEST_F(CliNamesTest, theDecodingLimitComesFromTheOptionOrTheSetting) {
    fs::create_directories(m_directory / "images");
    std::ofstream(m_directory / "images" / "wide.png", std::ios::binary) << pngHeader(2000, 1000);
    const std::string ingest = "--json ingest --source photos --images " + (m_directory / "images").string();
    const auto failure = [](const Run& run) {
        return nlohmann::json::parse(run.out).at("failures").at(0).at("error").get<std::string>();
    };

    const Run limited = cli("--max-image-megapixels 1 " + ingest);
    ASSERT_EQ(limited.exitCode, 0) << limited.err;
    EXPECT_NE(
        failure(limited).find("2000 x 1000 = 2,000,000 pixels (2.0 megapixels) is over the limit of 1.0"),
        std::string::npos)
        << limited.out;

    ASSERT_EQ(cli("settings max_image_megapixels=1.5").exitCode, 0);
    const Run setting = cli(ingest);
    EXPECT_NE(failure(setting).find("over the limit of 1.5 megapixels"), std::string::npos) << setting.out;

    // Allowed now: the (headless) file goes to the decoder, which finds it corrupt.
    ASSERT_EQ(cli("settings max_image_megapixels=3").exitCode, 0);
    const Run allowed = cli(ingest);
    EXPECT_EQ(failure(allowed).find("over the limit"), std::string::npos) << allowed.out;
    EXPECT_NE(failure(allowed).find("wide.png"), std::string::npos) << allowed.out;

    EXPECT_EQ(cli("settings max_image_megapixels=lots").exitCode, 1);
    EXPECT_EQ(cli("--max-image-megapixels -4 settings").exitCode, 2);
}
