// Numbers from JSON we did not write are read through core/common/jsonnumber.h: a value that does not fit
// the type asked for is refused (or falls back), never cast. A CI fuzz run found a transcript whose "seq"
// was 6.9e115, which nlohmann's value<int64_t>() converted with an undefined cast.

#include "common/jsonnumber.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

using namespace curator;
using nlohmann::json;

TEST(JsonNumber, WholeNumbersOfEveryJsonKindAreRead) {
    EXPECT_EQ(jsonInteger(json(42)), 42);
    EXPECT_EQ(jsonInteger(json(-7)), -7);
    EXPECT_EQ(jsonInteger(json(uint64_t(5))), 5);
    EXPECT_EQ(jsonInteger(json(3.0)), 3);             // a model or an editor may write 3.0
    EXPECT_EQ(jsonInteger(json::parse("1e3")), 1000); // parsed as a float
    EXPECT_EQ(jsonInteger(json(-9223372036854775807.0 - 1)), std::numeric_limits<int64_t>::min());
}

TEST(JsonNumber, NumbersThatDoNotFitAndOtherTypesAreRefused) {
    EXPECT_FALSE(jsonInteger(json(6.88889e115)));
    EXPECT_FALSE(jsonInteger(json(-6.88889e115)));
    EXPECT_FALSE(jsonInteger(json(9223372036854775808.0)));
    EXPECT_FALSE(jsonInteger(json(std::numeric_limits<uint64_t>::max())));
    EXPECT_FALSE(jsonInteger(json(2.5)));
    EXPECT_FALSE(jsonInteger(json("12")));
    EXPECT_FALSE(jsonInteger(json(true)));
    EXPECT_FALSE(jsonInteger(json()));
    EXPECT_FALSE(jsonInteger(json::array({1})));
}

TEST(JsonNumber, CountsAreWholeAndNotNegative) {
    EXPECT_EQ(jsonCount(json(0)), 0u);
    EXPECT_EQ(jsonCount(json(std::numeric_limits<uint64_t>::max())), std::numeric_limits<uint64_t>::max());
    EXPECT_EQ(jsonCount(json(4096.0)), 4096u);
    EXPECT_FALSE(jsonCount(json(-1)));
    EXPECT_FALSE(jsonCount(json(-0.5)));
    EXPECT_FALSE(jsonCount(json(1e300)));
}

TEST(JsonNumber, FiniteNumbersOnly) {
    EXPECT_EQ(jsonNumber(json(0.25)), 0.25);
    EXPECT_EQ(jsonNumber(json(3)), 3.0);
    EXPECT_FALSE(jsonNumber(json(std::numeric_limits<double>::infinity())));
    EXPECT_FALSE(jsonNumber(json(std::numeric_limits<double>::quiet_NaN())));
    EXPECT_FALSE(jsonNumber(json("0.25")));
}

TEST(JsonNumber, MembersFallBackWhenMissingMistypedOrOutOfRange) {
    const json object = {{"seq", 6.88889e115}, {"turn", 12},       {"images", -2},   {"name", "x"},
                         {"big", 1e10},        {"threshold", 0.5}, {"inf", nullptr}, {"count", 3.0}};
    EXPECT_EQ(integerOr(object, "seq", -1), -1);
    EXPECT_EQ(integerOr(object, "turn", -1), 12);
    EXPECT_EQ(integerOr(object, "missing", 7), 7);
    EXPECT_EQ(integerOr(object, "name", 7), 7);
    EXPECT_EQ(countOr(object, "images", 0), 0u);
    EXPECT_EQ(countOr(object, "count", 0), 3u);
    EXPECT_EQ(clampedIntOr(object, "big", 1), std::numeric_limits<int>::max());
    EXPECT_EQ(clampedIntOr(object, "turn", 1), 12);
    EXPECT_EQ(numberOr(object, "threshold", 0.0), 0.5);
    EXPECT_EQ(numberOr(object, "inf", 0.75), 0.75);
    EXPECT_EQ(integerOr(json::array({1, 2}), "turn", 9), 9); // not an object at all
}
