// binary16 conversion: exhaustive over the 65536 halves, hand-picked rounding cases, and a reference
// built from double arithmetic (plus the F16C instruction where the CPU has it).

#include "common/half.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define CURATOR_TEST_HAVE_F16C_INTRINSICS 1
#endif

namespace {

uint32_t floatBits(float value) {
    uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

float floatFromBits(uint32_t bits) {
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

bool isHalfNan(uint16_t h) {
    return (h & 0x7c00u) == 0x7c00u && (h & 0x3ffu) != 0;
}

// The value of a half from its fields, independently of halfToFloat.
double decodeHalf(uint16_t h) {
    const double sign = (h & 0x8000u) ? -1.0 : 1.0;
    const int exponent = (h >> 10) & 0x1f;
    const int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
        return mantissa ? std::numeric_limits<double>::quiet_NaN()
                        : sign * std::numeric_limits<double>::infinity();
    }
    if (exponent == 0) {
        return sign * std::ldexp(mantissa, -24);
    }
    return sign * std::ldexp(1024 + mantissa, exponent - 25);
}

// The correctly rounded half of x as a double: scale to the half's spacing at x's magnitude (exact in
// double) and round half to even with nearbyint; at or past 65520 the result is infinite.
double referenceHalfValue(float x) {
    const double value = x;
    const double magnitude = std::fabs(value);
    if (magnitude == 0.0) {
        return value;
    }
    int exponent = 0;
    std::frexp(magnitude, &exponent);                         // magnitude in [2^(exponent-1), 2^exponent)
    const int spacingExponent = std::max(exponent - 11, -24); // 10 mantissa bits; subnormals step 2^-24
    const double rounded =
        std::ldexp(std::nearbyint(std::ldexp(magnitude, -spacingExponent)), spacingExponent);
    if (rounded >= 65536.0) {
        return std::copysign(std::numeric_limits<double>::infinity(), value);
    }
    return std::copysign(rounded, value);
}

// Compares the conversion of x with the reference, including the sign of zero.
::testing::AssertionResult convertsLikeReference(float x) {
    const uint16_t half = curator::floatToHalf(x);
    const double got = decodeHalf(half);
    const double expected = referenceHalfValue(x);
    if (got == expected && std::signbit(got) == std::signbit(expected)) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << "floatToHalf(" << x << " = bits 0x" << std::hex << floatBits(x) << ") = 0x" << half << std::dec
           << " (" << got << "), expected " << expected;
}

#if defined(CURATOR_TEST_HAVE_F16C_INTRINSICS)
__attribute__((target("f16c"))) uint16_t hardwareFloatToHalf(float x) {
    return static_cast<uint16_t>(_cvtss_sh(x, 0)); // 0: round to nearest even
}
__attribute__((target("f16c"))) float hardwareHalfToFloat(uint16_t h) {
    return _cvtsh_ss(h);
}
#endif

} // namespace

TEST(HalfConversion, roundTripsEveryHalf) {
    for (uint32_t h = 0; h <= 0xffff; ++h) {
        const uint16_t half = static_cast<uint16_t>(h);
        const float value = curator::halfToFloat(half);
        const uint16_t back = curator::floatToHalf(value);
        if (isHalfNan(half)) {
            ASSERT_TRUE(std::isnan(value)) << "half 0x" << std::hex << h;
            ASSERT_TRUE(isHalfNan(back)) << "NaN half 0x" << std::hex << h << " came back as 0x" << back;
            ASSERT_EQ(back & 0x8000u, half & 0x8000u) << "NaN half 0x" << std::hex << h << " lost its sign";
        } else {
            ASSERT_EQ(back, half) << "half 0x" << std::hex << h << " -> " << value << " -> 0x" << back;
        }
    }
}

TEST(HalfConversion, decodesEveryHalfExactly) {
    for (uint32_t h = 0; h <= 0xffff; ++h) {
        const uint16_t half = static_cast<uint16_t>(h);
        const float value = curator::halfToFloat(half);
        const double expected = decodeHalf(half);
        if (std::isnan(expected)) {
            ASSERT_TRUE(std::isnan(value)) << "half 0x" << std::hex << h;
            continue;
        }
        ASSERT_EQ(static_cast<double>(value), expected) << "half 0x" << std::hex << h;
        ASSERT_EQ(std::signbit(value), (h & 0x8000u) != 0) << "half 0x" << std::hex << h;
    }
}

TEST(HalfConversion, roundsToNearestEven) {
    struct Case {
        float input;
        uint16_t expected;
    };
    const Case cases[] = {
        {1.0f, 0x3c00},
        {1.0f + 0x1p-11f, 0x3c00},            // halfway between 1 and 1+2^-10: even is 1
        {1.0f + 3 * 0x1p-11f, 0x3c02},        // halfway between 0x3c01 and 0x3c02: even is 0x3c02
        {1.0f + 0x1p-11f + 0x1p-20f, 0x3c01}, // just above halfway: up
        {1.0f + 0x1p-11f - 0x1p-20f, 0x3c00}, // just below halfway: down
        {2049.0f, 0x6800},                    // halfway between 2048 and 2050: even is 2048
        {2051.0f, 0x6802},                    // halfway between 2050 and 2052: even is 2052
        {-2051.0f, 0xe802},
        {0.1f, 0x2e66},
        {-0.333333343f, 0xb555},
        {65504.0f, 0x7bff},            // largest half
        {65519.996f, 0x7bff},          // just below the overflow midpoint
        {0x1p-14f - 0x1p-25f, 0x0400}, // halfway between the largest subnormal and 2^-14: even
    };
    for (const auto& c : cases) {
        EXPECT_EQ(curator::floatToHalf(c.input), c.expected)
            << "floatToHalf(" << c.input << ") = 0x" << std::hex << curator::floatToHalf(c.input)
            << ", expected 0x" << c.expected;
        EXPECT_TRUE(convertsLikeReference(c.input));
    }
}

TEST(HalfConversion, overflowsToInfinity) {
    const float infinity = std::numeric_limits<float>::infinity();
    EXPECT_EQ(curator::floatToHalf(65520.0f), 0x7c00); // the midpoint to 65536 rounds to even: infinity
    EXPECT_EQ(curator::floatToHalf(-65520.0f), 0xfc00);
    EXPECT_EQ(curator::floatToHalf(70000.0f), 0x7c00);
    EXPECT_EQ(curator::floatToHalf(1e10f), 0x7c00);
    EXPECT_EQ(curator::floatToHalf(std::numeric_limits<float>::max()), 0x7c00);
    EXPECT_EQ(curator::floatToHalf(infinity), 0x7c00);
    EXPECT_EQ(curator::floatToHalf(-infinity), 0xfc00);
    EXPECT_EQ(curator::halfToFloat(0x7c00), infinity);
    EXPECT_EQ(curator::halfToFloat(0xfc00), -infinity);
}

TEST(HalfConversion, handlesSubnormals) {
    EXPECT_EQ(curator::floatToHalf(0x1p-24f), 0x0001); // smallest subnormal
    EXPECT_EQ(curator::floatToHalf(-0x1p-24f), 0x8001);
    EXPECT_EQ(curator::floatToHalf(0x1p-25f), 0x0000);            // halfway to zero: even is zero
    EXPECT_EQ(curator::floatToHalf(0x1p-25f * 1.0001f), 0x0001);  // just above halfway
    EXPECT_EQ(curator::floatToHalf(3 * 0x1p-25f), 0x0002);        // halfway between 1 and 2 ulps: even
    EXPECT_EQ(curator::floatToHalf(5 * 0x1p-25f), 0x0002);        // halfway between 2 and 3 ulps: even
    EXPECT_EQ(curator::floatToHalf(0x1p-14f - 0x1p-24f), 0x03ff); // largest subnormal
    EXPECT_EQ(curator::floatToHalf(0x1p-14f), 0x0400);            // smallest normal
    EXPECT_EQ(curator::floatToHalf(1e-10f), 0x0000);
    EXPECT_EQ(curator::floatToHalf(-1e-10f), 0x8000); // keeps the sign of zero
    EXPECT_EQ(curator::floatToHalf(-0.0f), 0x8000);
    EXPECT_EQ(curator::halfToFloat(0x0001), 0x1p-24f);
    EXPECT_EQ(curator::halfToFloat(0x03ff), 0x1p-14f - 0x1p-24f);
    EXPECT_EQ(curator::halfToFloat(0x0200), 0x1p-15f);
    EXPECT_TRUE(std::signbit(curator::halfToFloat(0x8000)));
    for (uint32_t m = 1; m < 0x400; ++m) { // every subnormal and the midpoints around it
        const float value = std::ldexp(static_cast<float>(m), -24);
        EXPECT_EQ(curator::floatToHalf(value), m);
        EXPECT_TRUE(convertsLikeReference(value + 0x1p-26f));
        EXPECT_TRUE(convertsLikeReference(value - 0x1p-25f));
    }
}

TEST(HalfConversion, nanStaysNan) {
    const float quiet = std::numeric_limits<float>::quiet_NaN();
    EXPECT_TRUE(isHalfNan(curator::floatToHalf(quiet)));
    EXPECT_TRUE(isHalfNan(curator::floatToHalf(-quiet)));
    EXPECT_TRUE(isHalfNan(curator::floatToHalf(floatFromBits(0x7f800001u)))); // payload only in low bits
    EXPECT_TRUE(isHalfNan(curator::floatToHalf(floatFromBits(0xffc00000u))));
    EXPECT_TRUE(std::isnan(curator::halfToFloat(0x7c01)));
    EXPECT_TRUE(std::isnan(curator::halfToFloat(0xfe00)));
}

// A spread of every exponent: every 4099th bit pattern of all floats.
TEST(HalfConversion, matchesDoubleReferenceAcrossAllExponents) {
    size_t checked = 0;
    for (uint64_t bits = 0; bits <= 0xffffffffull; bits += 4099) {
        const float value = floatFromBits(static_cast<uint32_t>(bits));
        if (std::isnan(value)) {
            continue;
        }
        if (std::isinf(value)) {
            ASSERT_EQ(curator::floatToHalf(value) & 0x7fffu, 0x7c00u);
            continue;
        }
        ASSERT_TRUE(convertsLikeReference(value));
        ++checked;
    }
    EXPECT_GT(checked, 1000000u);
}

TEST(HalfConversion, matchesF16cHardware) {
#if defined(CURATOR_TEST_HAVE_F16C_INTRINSICS)
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0; // CPUID leaf 1, ECX bit 29 (clang's builtin lacks "f16c")
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || (ecx & bit_F16C) == 0) {
        GTEST_SKIP() << "this CPU has no F16C";
    }
    for (uint64_t bits = 0; bits <= 0xffffffffull; bits += 257) {
        const float value = floatFromBits(static_cast<uint32_t>(bits));
        if (std::isnan(value)) {
            continue; // hardware keeps NaN payloads, floatToHalf makes a quiet NaN: both NaN (see
                      // nanStaysNan)
        }
        ASSERT_EQ(curator::floatToHalf(value), hardwareFloatToHalf(value))
            << "float bits 0x" << std::hex << bits << " (" << value << ")";
    }
    for (uint32_t h = 0; h <= 0xffff; ++h) {
        const float software = curator::halfToFloat(static_cast<uint16_t>(h));
        const float hardware = hardwareHalfToFloat(static_cast<uint16_t>(h));
        if (std::isnan(hardware)) {
            ASSERT_TRUE(std::isnan(software));
        } else {
            ASSERT_EQ(floatBits(software), floatBits(hardware)) << "half 0x" << std::hex << h;
        }
    }
#else
    GTEST_SKIP() << "not an x86 build";
#endif
}

TEST(HalfConversion, bfloat16IsTheTopHalfOfAFloat) {
    EXPECT_EQ(curator::bfloat16ToFloat(0x3f80), 1.0f);
    EXPECT_EQ(curator::bfloat16ToFloat(0xc040), -3.0f);
    EXPECT_EQ(curator::bfloat16ToFloat(0x4049), 3.140625f);
    EXPECT_EQ(curator::bfloat16ToFloat(0x0001), floatFromBits(0x00010000u));
    EXPECT_TRUE(std::isinf(curator::bfloat16ToFloat(0x7f80)));
    EXPECT_TRUE(std::isnan(curator::bfloat16ToFloat(0x7fc0)));
}
