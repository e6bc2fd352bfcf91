// sampleBand and drawWithoutReplacement: band and mask respected, no repeats, exact eligible count,
// reproducible per seed whatever the thread count or SIMD level, and roughly uniform draws.

#include "testhelpers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <set>

using curator::RowRef;
using curator::SimdLevel;
using curatortest::contains;
using curatortest::ReferenceScan;

namespace {

constexpr double kSimilarityTolerance = 1e-5;

std::vector<std::pair<uint32_t, uint32_t>> refsOf(const curator::SampleResult& result) {
    std::vector<std::pair<uint32_t, uint32_t>> refs;
    for (const auto& hit : result.hits) {
        refs.emplace_back(hit.ref.segment, hit.ref.row);
    }
    return refs;
}

curator::ScanOptions scanOptions(SimdLevel level, unsigned threads) {
    curator::ScanOptions options;
    options.simd = level;
    options.threads = threads;
    return options;
}

// Two sources with more rows than one scan chunk each, a query between two clusters and a negative
// on one of them; band and mask thresholds sit in gaps of the reference similarities.
class SampleBand : public ::testing::Test {
protected:
    void SetUp() override {
        auto fixture = curatortest::makeTwoSourceWorkspace(9001, 7003, 64, 12, 71);
        ASSERT_TRUE(fixture.ok()) << fixture.error();
        m_fixture = std::move(*fixture);
        const auto& centres = m_fixture->centres;
        const size_t dimension = m_fixture->dimension;
        const std::vector<float> query =
            curatortest::mixOfCentres(centres, dimension, {{0, 1.0f}, {1, 0.8f}}, 0.02f, 3);
        const std::vector<std::vector<float>> negatives = {
            curatortest::mixOfCentres(centres, dimension, {{1, 1.0f}}, 0.02f, 4)};
        auto probe = curator::makeQuerySet(query, negatives, 0.0f);
        ASSERT_TRUE(probe.ok()) << probe.error();
        const double threshold =
            curatortest::thresholdInGap(ReferenceScan(m_fixture->segments, *probe).maxNegatives(), 0.85);
        ASSERT_FALSE(std::isnan(threshold));
        auto querySet = curator::makeQuerySet(query, negatives, static_cast<float>(threshold));
        ASSERT_TRUE(querySet.ok()) << querySet.error();
        m_querySet = *querySet;
        m_reference = std::make_unique<ReferenceScan>(m_fixture->segments, m_querySet);
    }

    // The reference's eligible rows for a band, in (segment, row) order.
    std::vector<curatortest::ReferenceRow> eligibleRows(double minimum, double maximum) const {
        std::vector<curatortest::ReferenceRow> rows;
        for (const auto& row : m_reference->rows()) {
            if (!m_reference->masked(row) && row.similarity >= minimum && row.similarity <= maximum) {
                rows.push_back(row);
            }
        }
        return rows;
    }

    std::pair<float, float> band(double lowQuantile, double highQuantile) const {
        const std::vector<double> similarities = m_reference->similarities();
        return {static_cast<float>(curatortest::thresholdInGap(similarities, lowQuantile)),
                static_cast<float>(curatortest::thresholdInGap(similarities, highQuantile))};
    }

    std::unique_ptr<curatortest::TwoSourceWorkspace> m_fixture;
    curator::QuerySet m_querySet;
    std::unique_ptr<ReferenceScan> m_reference;
};

} // namespace

TEST_F(SampleBand, drawsDistinctUnmaskedRowsInsideTheBand) {
    const auto [minimum, maximum] = band(0.5, 0.97);
    const auto eligible = eligibleRows(minimum, maximum);
    ASSERT_GT(eligible.size(), 1000u);
    const auto& segments = m_fixture->segments;
    size_t maskedInBand = 0;
    for (const auto& row : m_reference->rows()) {
        maskedInBand += m_reference->masked(row) && row.similarity >= minimum && row.similarity <= maximum;
    }
    ASSERT_GT(maskedInBand, 0u) << "the band should hold masked rows, or the mask is not tested";

    std::optional<std::vector<std::pair<uint32_t, uint32_t>>> firstSample;
    for (SimdLevel level : curatortest::supportedSimdLevels()) {
        for (unsigned threads : {1u, 2u}) {
            SCOPED_TRACE(std::string(curator::simdLevelName(level)) + ", " + std::to_string(threads) +
                         " thread(s)");
            auto result = curator::sampleBand(segments, m_querySet, minimum, maximum, 300, 42,
                                              scanOptions(level, threads));
            ASSERT_TRUE(result.ok()) << result.error();
            EXPECT_EQ(result->eligible, eligible.size());
            EXPECT_EQ(result->masked, m_reference->maskedCount());
            EXPECT_EQ(result->scanned, m_fixture->totalRows());
            EXPECT_EQ(result->seed, 42u);
            ASSERT_EQ(result->hits.size(), 300u);
            std::set<std::pair<uint32_t, uint32_t>> seen;
            for (size_t i = 0; i < result->hits.size(); ++i) {
                const auto& hit = result->hits[i];
                const auto& row = m_reference->at(hit.ref);
                EXPECT_TRUE(seen.emplace(hit.ref.segment, hit.ref.row).second)
                    << "row " << hit.ref.row << " twice";
                EXPECT_GE(row.similarity, minimum);
                EXPECT_LE(row.similarity, maximum);
                EXPECT_GE(hit.similarity, minimum);
                EXPECT_LE(hit.similarity, maximum);
                EXPECT_NEAR(hit.similarity, row.similarity, kSimilarityTolerance);
                EXPECT_FALSE(m_reference->masked(row)) << "masked row " << hit.ref.row << " sampled";
                if (i > 0) {
                    EXPECT_GE(result->hits[i - 1].similarity, hit.similarity) << "not sorted best first";
                }
                EXPECT_EQ(hit.id, hit.source + "-" + std::to_string(hit.ref.row));
            }
            // The same seed gives the same sample, whatever the thread count or kernel.
            if (!firstSample) {
                firstSample = refsOf(*result);
            } else {
                EXPECT_EQ(refsOf(*result), *firstSample);
            }
        }
    }
}

TEST_F(SampleBand, returnsEveryEligibleRowWhenAskedForMore) {
    const auto [minimum, maximum] = band(0.97, 0.995);
    const auto eligible = eligibleRows(minimum, maximum);
    ASSERT_GT(eligible.size(), 10u);
    for (unsigned threads : {1u, 2u}) {
        curator::ScanOptions options;
        options.threads = threads;
        auto result = curator::sampleBand(m_fixture->segments, m_querySet, minimum, maximum,
                                          eligible.size() + 50, 7, options);
        ASSERT_TRUE(result.ok()) << result.error();
        EXPECT_EQ(result->eligible, eligible.size());
        ASSERT_EQ(result->hits.size(), eligible.size());
        std::set<std::pair<uint32_t, uint32_t>> got;
        std::set<std::pair<uint32_t, uint32_t>> expected;
        for (const auto& hit : result->hits) {
            got.emplace(hit.ref.segment, hit.ref.row);
        }
        for (const auto& row : eligible) {
            expected.emplace(row.ref.segment, row.ref.row);
        }
        EXPECT_EQ(got, expected);
    }
}

TEST_F(SampleBand, differentSeedsGiveDifferentSamples) {
    const auto [minimum, maximum] = band(0.3, 0.9);
    std::vector<std::vector<std::pair<uint32_t, uint32_t>>> samples;
    for (uint64_t seed : {1ull, 2ull, 3ull, 0xdeadbeefull, 0ull}) {
        auto result = curator::sampleBand(m_fixture->segments, m_querySet, minimum, maximum, 50, seed);
        ASSERT_TRUE(result.ok()) << result.error();
        ASSERT_EQ(result->hits.size(), 50u);
        auto refs = refsOf(*result);
        std::sort(refs.begin(), refs.end());
        for (const auto& other : samples) {
            EXPECT_NE(refs, other) << "seed " << seed << " repeats an earlier sample";
        }
        samples.push_back(refs);
        auto again = curator::sampleBand(m_fixture->segments, m_querySet, minimum, maximum, 50, seed);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(refsOf(*again), refsOf(*result)) << "seed " << seed << " is not reproducible";
    }
}

TEST_F(SampleBand, handlesEmptyAndInvertedBands) {
    auto inverted = curator::sampleBand(m_fixture->segments, m_querySet, 0.6f, 0.5f, 10, 1);
    ASSERT_FALSE(inverted.ok());
    EXPECT_TRUE(contains(inverted.error(), "band")) << inverted.error();
    auto empty = curator::sampleBand(m_fixture->segments, m_querySet, 1.5f, 2.0f, 10, 1);
    ASSERT_TRUE(empty.ok()) << empty.error();
    EXPECT_EQ(empty->eligible, 0u);
    EXPECT_TRUE(empty->hits.empty());
    auto none = curator::sampleBand(m_fixture->segments, m_querySet, -1.0f, 1.0f, 0, 1);
    ASSERT_TRUE(none.ok()) << none.error();
    EXPECT_TRUE(none->hits.empty());
    EXPECT_EQ(none->eligible, m_fixture->totalRows() - m_reference->maskedCount());
}

// ---- drawWithoutReplacement

TEST(DrawWithoutReplacement, drawsDistinctIndicesInRange) {
    const std::pair<size_t, size_t> cases[] = {{0, 5},  {1, 1},      {1, 3},       {10, 10},
                                               {10, 3}, {1000, 999}, {1000, 1000}, {size_t(1) << 40, 2000}};
    for (const auto& [population, count] : cases) {
        SCOPED_TRACE(std::to_string(count) + " of " + std::to_string(population));
        const auto drawn = curator::drawWithoutReplacement(population, count, 12345);
        EXPECT_EQ(drawn.size(), std::min(population, count));
        std::set<size_t> distinct(drawn.begin(), drawn.end());
        EXPECT_EQ(distinct.size(), drawn.size()) << "repeats";
        for (size_t index : drawn) {
            ASSERT_LT(index, population);
        }
        EXPECT_EQ(curator::drawWithoutReplacement(population, count, 12345), drawn) << "not reproducible";
    }
    EXPECT_NE(curator::drawWithoutReplacement(1000, 20, 1), curator::drawWithoutReplacement(1000, 20, 2));
}

// Pearson's chi-square statistic of observed counts against a uniform expectation.
static double chiSquare(const std::vector<size_t>& counts, double expected) {
    double statistic = 0.0;
    for (size_t count : counts) {
        statistic +=
            (static_cast<double>(count) - expected) * (static_cast<double>(count) - expected) / expected;
    }
    return statistic;
}

TEST(DrawWithoutReplacement, isRoughlyUniform) {
    // 5 of 20, 40,000 seeds: each index should be drawn ~10,000 times, each first ~2,000 times.
    const size_t population = 20;
    const size_t count = 5;
    const size_t trials = 40000;
    std::vector<size_t> anywhere(population, 0);
    std::vector<size_t> first(population, 0);
    for (uint64_t seed = 0; seed < trials; ++seed) {
        const auto drawn = curator::drawWithoutReplacement(population, count, seed);
        ASSERT_EQ(drawn.size(), count);
        first[drawn[0]]++;
        for (size_t index : drawn) {
            anywhere[index]++;
        }
    }
    // 19 degrees of freedom: the 99.99th percentile is about 49; the bounds are looser still.
    EXPECT_LT(chiSquare(anywhere, double(trials * count) / population), 60.0);
    EXPECT_LT(chiSquare(first, double(trials) / population), 60.0);

    // All 24 orders of 4 of 4 are equally likely.
    std::vector<size_t> orders(24, 0);
    for (uint64_t seed = 0; seed < 24000; ++seed) {
        auto drawn = curator::drawWithoutReplacement(4, 4, seed * 7919 + 11);
        std::vector<size_t> permutation(drawn.begin(), drawn.end());
        size_t rank = 0; // Lehmer code of the permutation
        for (size_t i = 0; i < 4; ++i) {
            size_t smaller = 0;
            for (size_t j = i + 1; j < 4; ++j) {
                smaller += permutation[j] < permutation[i];
            }
            rank = rank * (4 - i) + smaller;
        }
        ASSERT_LT(rank, 24u);
        orders[rank]++;
    }
    EXPECT_LT(chiSquare(orders, 1000.0), 70.0); // 23 degrees of freedom
}
