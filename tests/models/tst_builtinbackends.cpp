#include "common/fileutil.h"
#include "models/builtincaptioner.h"
#include "models/builtinscorer.h"
#include "models/image.h"
#include "models/opencvimage.h"
#include "modelstesthelpers.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace curator;

namespace {

RgbImage transformed(const RgbImage& image, const std::function<void(cv::Mat&)>& change) {
    cv::Mat mat = rgbView(image).clone();
    change(mat);
    return toRgbImage(mat, false);
}

} // namespace

TEST(ImageDecode, ReadsRgbInOrder) {
    test::TempDir dir;
    cv::Mat bgr(20, 30, CV_8UC3, cv::Scalar(0, 0, 255)); // pure red in OpenCV's BGR order
    ASSERT_TRUE(cv::imwrite(dir.file("red.png"), bgr));
    auto image = decodeImageFile(dir.file("red.png"));
    ASSERT_TRUE(image) << image.error();
    EXPECT_EQ(image->width, 30);
    EXPECT_EQ(image->height, 20);
    ASSERT_EQ(image->pixels.size(), 30u * 20u * 3u);
    EXPECT_EQ(image->pixels[0], 255);
    EXPECT_EQ(image->pixels[1], 0);
    EXPECT_EQ(image->pixels[2], 0);
}

TEST(ImageDecode, CorruptOrMissingFileIsAnErrorNamingIt) {
    test::TempDir dir;
    const std::string corrupt = dir.file("broken.jpg");
    ASSERT_TRUE(writeFileAtomically(corrupt, std::string("\xFF\xD8\xFF garbage, not a JPEG at all", 34)));
    auto refused = decodeImageFile(corrupt);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().rfind(corrupt + ": cannot decode image (corrupt or unsupported)", 0), 0u)
        << refused.error();

    const std::string text = dir.file("notes.png");
    ASSERT_TRUE(writeFileAtomically(text, "hello"));
    EXPECT_FALSE(decodeImageFile(text));

    auto missing = decodeImageFile(dir.file("absent.jpg"));
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().find(dir.file("absent.jpg")), std::string::npos) << missing.error();
}

TEST(BuiltinScorer, RangeNameAndCleanAboveDegraded) {
    BuiltinScorer scorer;
    EXPECT_EQ(scorer.modelName(), "builtin-proxy");
    EXPECT_EQ(scorer.range().minimum, 0);
    EXPECT_EQ(scorer.range().maximum, 15);

    const RgbImage clean = test::drawTestScene();
    const std::vector<RgbImage> degraded = {
        transformed(clean,
                    [](cv::Mat& m) {
                        cv::GaussianBlur(m, m, {0, 0}, 4);
                    }),
        transformed(clean,
                    [](cv::Mat& m) {
                        cv::Mat noise(m.size(), CV_16SC3);
                        cv::RNG(5).fill(noise, cv::RNG::NORMAL, 0, 25);
                        cv::Mat wide;
                        m.convertTo(wide, CV_16SC3);
                        wide += noise;
                        wide.convertTo(m, CV_8UC3);
                    }),
        transformed(clean, [](cv::Mat& m) { m.convertTo(m, -1, 0.2, 0); }),   // underexposed
        transformed(clean, [](cv::Mat& m) { m.convertTo(m, -1, 2.2, 60); }),  // blown out
        transformed(clean, [](cv::Mat& m) { m.convertTo(m, -1, 0.2, 100); }), // flat and grey
    };
    std::vector<RgbImage> all = {clean};
    all.insert(all.end(), degraded.begin(), degraded.end());
    auto scores = scorer.score(all, std::vector<std::string>(all.size(), "A house on a field."));
    ASSERT_TRUE(scores) << scores.error();
    ASSERT_EQ(scores->size(), all.size());
    for (size_t i = 0; i < scores->size(); ++i) {
        EXPECT_GE((*scores)[i], 0.0);
        EXPECT_LE((*scores)[i], 15.0);
    }
    EXPECT_GT((*scores)[0], 8.0);
    for (size_t i = 1; i < scores->size(); ++i)
        EXPECT_GT((*scores)[0], (*scores)[i] + 1.0) << "degradation " << i << " scored " << (*scores)[i];

    auto mismatch = scorer.score(all, {"one caption"});
    ASSERT_FALSE(mismatch);
    EXPECT_NE(mismatch.error().find("captions"), std::string::npos) << mismatch.error();
}

TEST(BuiltinCaptioner, ReadsSidecarsAndRefusesMissingCaptions) {
    test::TempDir dir;
    ASSERT_TRUE(writeFileAtomically(dir.file("captions.jsonl"),
                                    "{\"file\": \"a.jpg\", \"caption\": \"A red door.\"}\n\n"
                                    "{\"path\": \"" +
                                        dir.file("b.jpg") +
                                        "\", \"caption\": \"Two chairs.\"}\n"
                                        "{\"file\": \"empty.jpg\", \"caption\": \"  \"}\n"));
    BuiltinCaptioner captioner;
    EXPECT_EQ(captioner.modelName(), "builtin-sidecar");
    const RgbImage image = test::drawTestScene();
    auto a = captioner.caption(image, dir.file("a.jpg"));
    ASSERT_TRUE(a) << a.error();
    EXPECT_EQ(*a, "A red door.");
    auto b = captioner.caption(image, dir.file("b.jpg"));
    ASSERT_TRUE(b) << b.error();
    EXPECT_EQ(*b, "Two chairs.");

    auto missing = captioner.caption(image, dir.file("c.jpg"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), "no caption for " + dir.file("c.jpg") + " in " + dir.file("captions.jsonl"));
    auto empty = captioner.caption(image, dir.file("empty.jpg"));
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.error().find("empty caption for " + dir.file("empty.jpg")), std::string::npos)
        << empty.error();

    test::TempDir bare;
    auto noSidecar = captioner.caption(image, bare.file("x.png"));
    ASSERT_FALSE(noSidecar);
    EXPECT_NE(noSidecar.error().find("no caption for " + bare.file("x.png")), std::string::npos)
        << noSidecar.error();

    // Captions from an ids file come first.
    BuiltinCaptioner given({{dir.file("a.jpg"), "From the ids file."}, {"y.png", "By name."}});
    EXPECT_EQ(*given.caption(image, dir.file("a.jpg")), "From the ids file.");
    EXPECT_EQ(*given.caption(image, bare.file("y.png")), "By name.");
    EXPECT_EQ(*given.caption(image, dir.file("b.jpg")), "Two chairs.");
}

TEST(BuiltinCaptioner, MalformedSidecarNamesTheLine) {
    test::TempDir dir;
    ASSERT_TRUE(
        writeFileAtomically(dir.file("captions.jsonl"),
                            "{\"file\": \"a.jpg\", \"caption\": \"Fine.\"}\n{\"file\": \"b.jpg\"}\n"));
    BuiltinCaptioner captioner;
    auto result = captioner.caption(test::drawTestScene(), dir.file("a.jpg"));
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().find(dir.file("captions.jsonl") + ":2:"), std::string::npos) << result.error();
}
