// aestheticsRate against remote backends on a loopback fake server (fake_rating_server.py): requests in
// flight at once, score batches, several endpoints with failover, a stop that abandons what is in flight,
// the caches and the order of results, and the captioner's prompt.
#include "dataset/curationlog.h"
#include "fakeratingserver.h"
#include "models/backendspec.h"
#include "models/embedder.h"
#include "models/endpointpool.h"
#include "models/openaibackends.h"
#include "rating/aestheticsrate.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <random>
#include <thread>

namespace {

namespace fs = std::filesystem;
using curator::RateItem;
using curator::RatingOptions;
using curator::test::FakeRatingServer;

class ConcurrentRateTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_server = new FakeRatingServer(0.05); }
    static void TearDownTestSuite() {
        delete s_server;
        s_server = nullptr;
    }

    void SetUp() override {
        ASSERT_NE(s_server->port(), 0) << "the fake rating server did not start";
        ASSERT_TRUE(s_server->reset());
        m_root = fs::temp_directory_path() / ("curator-crate-" + std::to_string(std::random_device{}()));
        fs::create_directories(m_root);
    }
    void TearDown() override { fs::remove_all(m_root); }

    // `count` images that differ, so each gets its own caption and score; no sidecar caption unless asked.
    std::vector<RateItem> images(size_t count, bool withCaptions = false) {
        std::vector<RateItem> items;
        for (size_t i = 0; i < count; ++i) {
            const std::string name = "img" + std::to_string(i) + ".png";
            const fs::path path = m_root / name;
            cv::imwrite(path.string(), cv::Mat(24, 24, CV_8UC3, cv::Scalar(double(i * 7 % 256), 90, 200)));
            items.push_back({"photos", name, path.string(),
                             withCaptions ? "A sidecar caption number " + std::to_string(i) + "." : ""});
        }
        return items;
    }

    std::unique_ptr<curator::CurationLog> log(const std::string& name) {
        auto opened = curator::CurationLog::open((m_root / name).string());
        EXPECT_TRUE(opened.ok()) << opened.error();
        return std::make_unique<curator::CurationLog>(std::move(*opened));
    }

    static std::string spec(const std::vector<std::string>& endpoints) {
        std::string text = "openai:";
        for (size_t i = 0; i < endpoints.size(); ++i) {
            text += (i ? "," : "") + s_server->baseUrl(endpoints[i]);
        }
        return text + "#fake-model";
    }
    static std::unique_ptr<curator::Scorer> scorer(const std::vector<std::string>& endpoints) {
        auto made = curator::createScorer(*curator::BackendSpec::parse(spec(endpoints)));
        EXPECT_TRUE(made.ok()) << made.error();
        return std::move(*made);
    }
    static std::unique_ptr<curator::Captioner> captioner(const std::vector<std::string>& endpoints,
                                                         const std::string& prompt = {}) {
        curator::BackendOptions options;
        options.captionerPrompt = prompt;
        auto made = curator::createCaptioner(*curator::BackendSpec::parse(spec(endpoints)), options);
        EXPECT_TRUE(made.ok()) << made.error();
        return std::move(*made);
    }

    static inline FakeRatingServer* s_server = nullptr;
    fs::path m_root;
};

RatingOptions withConcurrency(size_t concurrency, size_t batch = 0) {
    RatingOptions options;
    options.concurrency = concurrency;
    options.scoreBatchSize = batch;
    return options;
}

TEST_F(ConcurrentRateTest, ConcurrentRequestsGiveTheSerialResultsInTheGivenOrderAndFillTheCaches) {
    const auto items = images(24);
    auto remoteScorer = scorer({"ok-a"});
    auto remoteCaptioner = captioner({"ok-a"});
    auto serialLog = log("serial");
    auto serial =
        curator::aestheticsRate(*serialLog, items, *remoteCaptioner, *remoteScorer, withConcurrency(1, 1));
    ASSERT_TRUE(serial.ok()) << serial.error();
    EXPECT_EQ(s_server->stats()["max_in_flight"], 1);

    ASSERT_TRUE(s_server->reset());
    auto concurrentLog = log("concurrent");
    auto concurrent =
        curator::aestheticsRate(*concurrentLog, items, *remoteCaptioner, *remoteScorer, RatingOptions{});
    ASSERT_TRUE(concurrent.ok()) << concurrent.error();
    const auto stats = s_server->stats();
    EXPECT_GT(stats["max_in_flight"].get<int>(), 1) << stats.dump();
    EXPECT_LE(stats["max_in_flight"].get<int>(), int(curator::kDefaultRatingConcurrency)) << stats.dump();
    // 24 captions, then 3 score requests of 8 images (HttpScorer's batch).
    EXPECT_EQ(stats["requests"]["ok-a"], 24 + 3) << stats.dump();
    EXPECT_EQ(stats["score_items"]["ok-a"], 24) << stats.dump();

    ASSERT_EQ(concurrent->rated.size(), items.size());
    ASSERT_EQ(serial->rated.size(), items.size());
    EXPECT_TRUE(concurrent->failures.empty());
    for (size_t i = 0; i < items.size(); ++i) {
        EXPECT_EQ(concurrent->rated[i].id, items[i].id);
        EXPECT_EQ(concurrent->rated[i].caption, serial->rated[i].caption);
        EXPECT_EQ(concurrent->rated[i].score, serial->rated[i].score);
    }
    EXPECT_EQ(concurrent->captionsFromCaptioner, items.size());

    // Every caption and score written by the workers is in the cache: a second rating asks nothing.
    ASSERT_TRUE(s_server->reset());
    auto reopened = log("concurrent");
    auto again = curator::aestheticsRate(*reopened, items, *remoteCaptioner, *remoteScorer, RatingOptions{});
    ASSERT_TRUE(again.ok()) << again.error();
    EXPECT_EQ(again->captionsFromCache, items.size());
    EXPECT_EQ(again->scoresFromCache, items.size());
    EXPECT_TRUE(s_server->stats()["requests"].empty()) << s_server->stats().dump();
    for (size_t i = 0; i < items.size(); ++i) {
        EXPECT_EQ(again->rated[i].score, serial->rated[i].score);
    }
}

TEST_F(ConcurrentRateTest, ScoresInBatchesOfTheChosenSize) {
    const auto items = images(20, true); // sidecar captions: only the scorer is asked
    auto remoteScorer = scorer({"ok-a"});
    auto remoteCaptioner = captioner({"ok-a"});
    auto workspace = log("ws");
    auto report =
        curator::aestheticsRate(*workspace, items, *remoteCaptioner, *remoteScorer, withConcurrency(4, 6));
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->rated.size(), 20u);
    const auto stats = s_server->stats();
    EXPECT_EQ(stats["requests"]["ok-a"], 4) << stats.dump(); // 6 + 6 + 6 + 2
    EXPECT_EQ(stats["score_items"]["ok-a"], 20) << stats.dump();
}

TEST_F(ConcurrentRateTest, SpreadsRequestsOverSeveralEndpoints) {
    const auto items = images(16);
    auto remoteScorer = scorer({"ok-a", "ok-b"});
    auto remoteCaptioner = captioner({"ok-a", "ok-b"});
    auto workspace = log("ws");
    auto report =
        curator::aestheticsRate(*workspace, items, *remoteCaptioner, *remoteScorer, withConcurrency(8, 2));
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->rated.size(), 16u);
    const auto stats = s_server->stats();
    // 16 captions and 8 score batches, taken in turn.
    EXPECT_EQ(stats["requests"]["ok-a"], 12) << stats.dump();
    EXPECT_EQ(stats["requests"]["ok-b"], 12) << stats.dump();
}

TEST_F(ConcurrentRateTest, ARequestThatFailsOnOneEndpointIsRetriedOnAnother) {
    const auto items = images(12);
    auto remoteScorer = scorer({"down-x", "ok-y"});
    auto remoteCaptioner = captioner({"down-x", "ok-y"});
    auto workspace = log("ws");
    auto report =
        curator::aestheticsRate(*workspace, items, *remoteCaptioner, *remoteScorer, withConcurrency(4));
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_TRUE(report->failures.empty()) << report->failures.front().message;
    EXPECT_EQ(report->rated.size(), 12u);
    const auto stats = s_server->stats();
    EXPECT_GE(stats["requests"]["down-x"].get<int>(), 1) << stats.dump();
    EXPECT_EQ(stats["answered"], 12 + 2) << stats.dump(); // every caption and both score batches, by ok-y
}

// A server that hangs (slow-x answers after 10 s) costs one request timeout: the call moves on to the next
// endpoint without trying the hung one again, and later calls go to the others first.
TEST_F(ConcurrentRateTest, AHungEndpointCostsOneTimeoutThenTheOthersAnswer) {
    const auto items = images(6, true); // sidecar captions: only the scorer is asked
    curator::BackendOptions options;
    options.requestTimeoutSeconds = 0.5;
    auto made = curator::createScorer(*curator::BackendSpec::parse(spec({"slow-x", "ok-y"})), options);
    ASSERT_TRUE(made.ok()) << made.error();
    auto remoteCaptioner = captioner({"ok-y"});
    auto workspace = log("ws");
    auto report = curator::aestheticsRate(*workspace, items, *remoteCaptioner, **made, withConcurrency(1, 1));
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_TRUE(report->failures.empty()) << report->failures.front().message;
    EXPECT_EQ(report->rated.size(), 6u);
    const auto stats = s_server->stats();
    EXPECT_EQ(stats["requests"]["slow-x"], 1)
        << "a timeout is not retried on a pooled endpoint: " << stats.dump();
    EXPECT_EQ(stats["requests"]["ok-y"], 6) << stats.dump();

    curator::BackendOptions refused;
    refused.requestTimeoutSeconds = 0;
    auto zero = curator::createScorer(*curator::BackendSpec::parse(spec({"ok-y"})), refused);
    ASSERT_FALSE(zero.ok());
    EXPECT_NE(zero.error().find("request timeout"), std::string::npos) << zero.error();
}

TEST_F(ConcurrentRateTest, AnImageFailsOnlyWhenEveryEndpointFailed) {
    const auto items = images(2);
    auto remoteScorer = scorer({"ok-a"});
    auto remoteCaptioner = captioner({"down-x", "down-y"});
    auto workspace = log("ws");
    auto report =
        curator::aestheticsRate(*workspace, items, *remoteCaptioner, *remoteScorer, RatingOptions{});
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_TRUE(report->rated.empty());
    ASSERT_EQ(report->failures.size(), 2u);
    const std::string& message = report->failures[0].message;
    EXPECT_NE(message.find("all 2 endpoints failed"), std::string::npos) << message;
    EXPECT_NE(message.find("/down-x/"), std::string::npos) << message;
    EXPECT_NE(message.find("/down-y/"), std::string::npos) << message;
    EXPECT_EQ(s_server->stats()["requests"].count("ok-a"), 0u) << "nothing without a caption is scored";
}

TEST_F(ConcurrentRateTest, StopAbandonsTheRequestsInFlightAndStartsNoOther) {
    const auto items = images(40);
    auto remoteScorer = scorer({"ok-a"});
    auto remoteCaptioner = captioner({"slow-c"}); // answers after 10 s, unless the client hangs up
    auto workspace = log("ws");
    int calls = 0;
    auto report =
        curator::aestheticsRate(*workspace, items, *remoteCaptioner, *remoteScorer, withConcurrency(4),
                                [&calls](size_t, size_t) { return ++calls < 3; });
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.error().find("rating cancelled"), std::string::npos) << report.error();
    auto stats = s_server->stats();
    EXPECT_LE(stats["requests"]["slow-c"].get<int>(), 4) << stats.dump();
    EXPECT_EQ(stats["answered"], 0) << "the rating returned before any slow answer came" << stats.dump();
    // The server sees each hang-up within 10 ms of its own polling.
    for (int wait = 0; wait < 300 && stats["abandoned"] != stats["requests"]["slow-c"]; ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        stats = s_server->stats();
    }
    EXPECT_EQ(stats["abandoned"], stats["requests"]["slow-c"]) << stats.dump();
}

TEST_F(ConcurrentRateTest, TheCaptionerPromptIsASetting) {
    const auto items = images(1);
    auto remoteScorer = scorer({"ok-a"});
    auto workspace = log("ws");
    auto byDefault = captioner({"ok-a"});
    ASSERT_TRUE(curator::aestheticsRate(*workspace, items, *byDefault, *remoteScorer, RatingOptions{}).ok());
    EXPECT_EQ(s_server->stats()["last_prompt"], curator::OpenAiCaptioner::defaultPrompt());
    EXPECT_NE(std::string(curator::OpenAiCaptioner::defaultPrompt()).find("objective physical facts"),
              std::string::npos);

    auto other = log("other");
    auto custom = captioner({"ok-a"}, "Name the colours only.");
    ASSERT_TRUE(curator::aestheticsRate(*other, items, *custom, *remoteScorer, RatingOptions{}).ok());
    EXPECT_EQ(s_server->stats()["last_prompt"], "Name the colours only.");
}

TEST(BackendSpecEndpoints, AnOpenAiSpecNamesOneOrSeveralBaseUrls) {
    auto one = curator::BackendSpec::parse("openai:http://127.0.0.1:8000/v1#hpsv3");
    ASSERT_TRUE(one.ok()) << one.error();
    EXPECT_EQ(one->location, "http://127.0.0.1:8000/v1");
    EXPECT_EQ(one->locations, std::vector<std::string>{"http://127.0.0.1:8000/v1"});

    auto two = curator::BackendSpec::parse("openai:http://gpu1:8000/v1,https://gpu2:8000/v1#hpsv3");
    ASSERT_TRUE(two.ok()) << two.error();
    EXPECT_EQ(two->model, "hpsv3");
    EXPECT_EQ(two->locations, (std::vector<std::string>{"http://gpu1:8000/v1", "https://gpu2:8000/v1"}));
    EXPECT_EQ(two->location, "http://gpu1:8000/v1");

    for (const char* bad :
         {"openai:http://gpu1/v1,#m", "openai:http://gpu1/v1,gpu2/v1#m", "openai:,http://a#m"}) {
        auto refused = curator::BackendSpec::parse(bad);
        ASSERT_FALSE(refused.ok()) << bad;
        EXPECT_NE(refused.error().find("must start with http:// or https://"), std::string::npos)
            << refused.error();
    }
    // An embedder's vectors must all come from one model instance: one base URL only.
    auto embedder = curator::createEmbedder(*two);
    ASSERT_FALSE(embedder.ok());
    EXPECT_NE(embedder.error().find("one base URL"), std::string::npos) << embedder.error();
}

TEST(EndpointRotation, SpreadsCallsAndTriesAFailingEndpointLast) {
    curator::EndpointRotation rotation(3);
    EXPECT_EQ(rotation.order(), (std::vector<size_t>{0, 1, 2}));
    EXPECT_EQ(rotation.order(), (std::vector<size_t>{1, 2, 0}));
    rotation.failed(2);
    EXPECT_EQ(rotation.order(), (std::vector<size_t>{0, 1, 2}));
    EXPECT_EQ(rotation.order(), (std::vector<size_t>{0, 1, 2}));
    EXPECT_EQ(rotation.order(), (std::vector<size_t>{1, 0, 2}));
    rotation.succeeded(2);
    EXPECT_EQ(rotation.order(), (std::vector<size_t>{2, 0, 1}));
}

} // namespace
