#include "datasettesthelpers.h"

#include "dataset/sha256.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

namespace datasettest {

namespace fs = std::filesystem;

TemporaryDirectory::TemporaryDirectory() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "dataset";
    for (char& c : name) {
        if (c == '/') {
            c = '_';
        }
    }
    std::random_device random;
    m_path = fs::temp_directory_path() /
             ("curator-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(random() % 100000));
    fs::remove_all(m_path);
    fs::create_directories(m_path);
}

TemporaryDirectory::~TemporaryDirectory() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
}

std::vector<curator::CatalogImage> makeImages(const std::string& source, size_t count, size_t first,
                                              const std::string& prefix) {
    std::vector<curator::CatalogImage> images;
    images.reserve(count);
    for (size_t i = first; i < first + count; ++i) {
        const std::string name = prefix + std::to_string(i) + ".jpg";
        images.push_back({source, name, "/data/" + source + "/" + name, "a caption of " + name, 640, 480});
    }
    return images;
}

curator::CommitRequest makeRequest(const std::string& query, std::vector<curator::CatalogImage> images,
                                   std::vector<std::string> tags) {
    curator::CommitRequest request;
    request.query = query;
    request.queryVectorSha256 = curator::Sha256::hashHex(query);
    request.embeddingModel = "test-model";
    request.threshold = 0.42;
    request.negativePrompts = {"watermark", "text overlay"};
    request.negativeThreshold = 0.3;
    request.message = "commit " + query;
    request.author = "human";
    request.tags = std::move(tags);
    request.images = std::move(images);
    return request;
}

curator::CurationLog openLog(const std::string& directory) {
    curator::Result<curator::CurationLog> log = curator::CurationLog::open(directory);
    if (!log) {
        ADD_FAILURE() << "cannot open the curation log: " << log.error();
        std::abort();
    }
    return std::move(*log);
}

void writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

DatabaseFingerprint fingerprint(curator::CurationLog& log) {
    DatabaseFingerprint result;
    curator::Result<int64_t> count = log.database().queryInt("SELECT count(*) FROM commits");
    EXPECT_TRUE(count.ok()) << count.error();
    result.commits = count.ok() ? *count : -1;
    curator::Sha256 hash;
    const char* queries[] = {
        "SELECT "
        "quote(seq)||quote(id)||quote(kind)||quote(branch)||quote(parent)||quote(target)||quote(query)||"
        "quote(threshold)||quote(message)||quote(size)||quote(original_json) FROM commits ORDER BY seq",
        "SELECT quote(commit_seq)||quote(position)||quote(image_key)||quote(original_path) FROM "
        "commit_images "
        "ORDER BY commit_seq, position",
        "SELECT quote(image_key)||quote(source_key)||quote(name)||quote(path)||quote(in_catalog) FROM images "
        "ORDER BY image_key",
        "SELECT quote(name)||quote(head)||quote(state) FROM branches ORDER BY name",
    };
    for (const char* sql : queries) {
        curator::Result<curator::SqliteStatement> statement = log.database().prepare(sql);
        EXPECT_TRUE(statement.ok()) << statement.error();
        if (!statement) {
            continue;
        }
        while (true) {
            curator::Result<bool> row = statement->step();
            if (!row || !*row) {
                break;
            }
            hash.update(statement->columnTextView(0));
            hash.update("\n");
        }
    }
    result.digest = hash.finalHex();
    return result;
}

std::string originalDataDirectory() {
    return CURATOR_ORIGINAL_DATA_DIR;
}

} // namespace datasettest
