// The media module (libcurator_media.so): image codecs and HTTP are loaded on first use, never by a
// process that only searches.
#include "media/imagecodecs.h"
#include "media/medialoader.h"
#include "models/image.h"
#include "search/scanbenchmark.h"
#include "search/searchoperations.h"
#include "testhelpers.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

using namespace curator;

namespace {

// The shared objects this process has mapped, as /proc/self/maps lists them.
std::string mappedFiles() {
    std::ifstream maps("/proc/self/maps");
    return std::string(std::istreambuf_iterator<char>(maps), std::istreambuf_iterator<char>());
}

} // namespace

TEST(MediaModuleLoader, MissingModuleIsAClearErrorListingTheSearch) {
    Result<MediaBackend*> backend = loadMediaBackendFrom(
        {"/nonexistent/curator-a/libcurator_media.so", "/nonexistent/curator-b/libcurator_media.so"});
    ASSERT_FALSE(backend.ok());
    EXPECT_NE(backend.error().find("the media module libcurator_media.so (image codecs, HTTP) was not found"),
              std::string::npos)
        << backend.error();
    EXPECT_NE(backend.error().find("/nonexistent/curator-a/libcurator_media.so"), std::string::npos);
    EXPECT_NE(backend.error().find("/nonexistent/curator-b/libcurator_media.so"), std::string::npos);
}

TEST(MediaModuleLoader, AFileThatIsNotAModuleIsReportedWithTheLoadersReason) {
    curatortest::TemporaryDirectory directory;
    const std::string path = directory.filePath("libcurator_media.so");
    std::ofstream(path) << "not an ELF file";
    Result<MediaBackend*> backend = loadMediaBackendFrom({path});
    ASSERT_FALSE(backend.ok());
    EXPECT_NE(backend.error().find("could not be loaded"), std::string::npos) << backend.error();
    EXPECT_NE(backend.error().find(path), std::string::npos) << backend.error();
}

TEST(MediaModuleLoader, ImageFilesRoundTripThroughTheModule) {
    curatortest::TemporaryDirectory directory;
    const std::string path = directory.filePath("pixels.png");
    cv::Mat bgr(3, 4, CV_8UC3, cv::Scalar(10, 20, 30)); // B G R
    bgr.at<cv::Vec3b>(1, 2) = cv::Vec3b(200, 100, 50);
    ASSERT_TRUE(codecs::imwrite(path, bgr));
    EXPECT_TRUE(mediaModuleLoaded());

    Result<RgbImage> image = decodeImageFile(path);
    ASSERT_TRUE(image.ok()) << image.error();
    ASSERT_EQ(image->width, 4);
    ASSERT_EQ(image->height, 3);
    EXPECT_EQ(image->pixels[0], 30); // R first: the decoder turned BGR into RGB
    EXPECT_EQ(image->pixels[2], 10);
    const size_t changed = (1 * 4 + 2) * 3;
    EXPECT_EQ(image->pixels[changed], 50);
    EXPECT_EQ(image->pixels[changed + 2], 200);

    std::vector<uchar> encoded;
    ASSERT_TRUE(codecs::imencode(".png", bgr, encoded));
    const cv::Mat decoded = codecs::imdecode(encoded, cv::IMREAD_COLOR);
    ASSERT_EQ(decoded.size(), bgr.size());
    EXPECT_EQ(cv::norm(decoded, bgr, cv::NORM_INF), 0.0);

    const Result<RgbImage> missing = decodeImageFile(directory.filePath("absent.png"));
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().find("absent.png"), std::string::npos);
}

// Run in a child process by the test below (a fresh process, so nothing is loaded yet): a search over a
// store loads neither the module nor the libraries behind it.
TEST(MediaModuleGate, DISABLED_ChildSearchesAndReportsWhatIsLoaded) {
    const char* directory = std::getenv("CURATOR_TEST_MATRIX_DIR");
    ASSERT_NE(directory, nullptr);
    Result<std::unique_ptr<EmbeddingMatrix>> matrix = EmbeddingMatrix::open(directory);
    ASSERT_TRUE(matrix.ok()) << matrix.error();
    Result<QuerySet> query = makeQuerySet(curatortest::gaussianVector(16, 5), {}, 0.3f);
    ASSERT_TRUE(query.ok());
    Result<SearchResult> result = searchTopK({matrix->get()}, *query, 5);
    ASSERT_TRUE(result.ok()) << result.error();
    ASSERT_EQ(result->hits.size(), 5u);
    const std::string maps = mappedFiles();
    const bool codecsOrHttp = mediaModuleLoaded() || maps.find("libcurator_media") != std::string::npos ||
                              maps.find("libopencv_imgcodecs") != std::string::npos ||
                              maps.find("libcurl") != std::string::npos;
    std::exit(codecsOrHttp ? 3 : 0);
}

TEST(MediaModuleGate, ASearchLoadsNoCodecsAndNoHttp) {
    curatortest::TemporaryDirectory directory;
    ASSERT_TRUE(
        writeSyntheticMatrix(directory.path().string(), "photos", "model", 100, 16, StorageType::Float16, 3)
            .ok());
    std::vector<std::string> environment;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        environment.emplace_back(*entry);
    }
    environment.push_back("CURATOR_TEST_MATRIX_DIR=" + directory.path().string());
    std::vector<char*> envp;
    for (auto& entry : environment) {
        envp.push_back(entry.data());
    }
    envp.push_back(nullptr);
    std::string exe = std::filesystem::read_symlink("/proc/self/exe").string();
    std::string filter = "--gtest_filter=MediaModuleGate.DISABLED_ChildSearchesAndReportsWhatIsLoaded";
    std::string disabled = "--gtest_also_run_disabled_tests";
    std::vector<char*> argv{exe.data(), filter.data(), disabled.data(), nullptr};
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, exe.c_str(), nullptr, nullptr, argv.data(), envp.data()), 0);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "the child searched and found image codecs or HTTP loaded";
}
