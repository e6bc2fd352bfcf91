#include "testhelpers.h"

#include "search/searchoperations.h"
#include "store/embeddingstore.h"

#include <gtest/gtest.h>

namespace {

TEST(SimilarityDistribution, CountsEveryUnmaskedRowAndAgreesWithCountAtBinEdges) {
    curatortest::TemporaryDirectory directory;
    const std::string workspace = directory.filePath("workspace");
    ASSERT_TRUE(curatortest::importMatrix(workspace, directory.path().string(), "photos",
                                          curatortest::gaussianMatrix(9000, 32, 5), 9000, 32,
                                          curator::StorageType::Float32)
                    .ok());
    auto store = curator::EmbeddingStore::open(workspace);
    ASSERT_TRUE(store.ok());
    auto segments = store->select({}, {});
    ASSERT_TRUE(segments.ok());
    const auto data = curatortest::gaussianMatrix(2, 32, 11);
    const std::vector<float> query(data.begin(), data.begin() + 32);
    const std::vector<float> negative(data.begin() + 32, data.end());
    auto querySet = curator::makeQuerySet(query, {negative}, 0.2f);
    ASSERT_TRUE(querySet.ok());

    const size_t bins = 40;
    auto distribution = curator::similarityDistribution(*segments, *querySet, bins);
    ASSERT_TRUE(distribution.ok()) << distribution.error();
    size_t total = 0;
    for (size_t count : distribution->counts) {
        total += count;
    }
    EXPECT_EQ(distribution->scanned, 9000u);
    EXPECT_GT(distribution->masked, 0u);
    EXPECT_EQ(total + distribution->masked, distribution->scanned);

    // The rows in the bins from an edge upwards are what count finds at that edge (up to rows lying
    // exactly on an edge, which random data does not produce).
    for (size_t edge : {20u, 24u, 28u}) {
        const float threshold = static_cast<float>(-1.0 + 2.0 * static_cast<double>(edge) / bins);
        size_t above = 0;
        for (size_t b = edge; b < bins; ++b) {
            above += distribution->counts[b];
        }
        auto counted = curator::countAbove(*segments, *querySet, threshold);
        ASSERT_TRUE(counted.ok());
        EXPECT_EQ(above, counted->count) << "threshold " << threshold;
    }
}

} // namespace
