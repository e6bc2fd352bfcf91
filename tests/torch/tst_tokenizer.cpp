// The C++ CLIP tokenizer against the Python reference (fixtures/clip_tokenizer_reference.py, open_clip's
// SimpleTokenizer without ftfy) on ~50 strings: pieces, ids and the padded model input must be identical.
// The tokenizer lives in curator_core: these tests do not need the plugin, only the generated vocabulary.

#include "models/cliptokenizer.h"
#include "torchtesthelpers.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace curator;

namespace {
std::optional<torchtest::Fixtures> tokenizerFixtures(std::string& why) {
    return torchtest::fixtures(why);
}
} // namespace

TEST(ClipTokenizer, MatchesTheReferenceTokenizerOnEveryCase) {
    std::string why;
    const auto fixtures = tokenizerFixtures(why);
    if (!fixtures) {
        GTEST_SKIP() << why;
    }
    auto tokenizer = ClipTokenizer::loadDirectory(fixtures->embedder().string());
    ASSERT_TRUE(tokenizer.ok()) << tokenizer.error();
    EXPECT_EQ(tokenizer->vocabularySize(), fixtures->reference.at("vocab_size").get<size_t>());
    const size_t contextLength = fixtures->reference.at("context_length").get<size_t>();
    const auto& cases = fixtures->reference.at("tokenizer_cases");
    ASSERT_GE(cases.size(), 45u);
    size_t matched = 0;
    for (const auto& item : cases) {
        const std::string text = item.at("text").get<std::string>();
        SCOPED_TRACE("text: \"" + text + "\"");
        EXPECT_EQ(ClipTokenizer::preTokenize(ClipTokenizer::cleanText(text)),
                  item.at("pieces").get<std::vector<std::string>>());
        auto ids = tokenizer->encode(text);
        ASSERT_TRUE(ids.ok()) << ids.error();
        EXPECT_EQ(*ids, item.at("ids").get<std::vector<int64_t>>());
        auto modelIds = tokenizer->encodeForModel(text, contextLength);
        ASSERT_TRUE(modelIds.ok()) << modelIds.error();
        EXPECT_EQ(*modelIds, item.at("model_ids").get<std::vector<int64_t>>());
        matched += (*ids == item.at("ids").get<std::vector<int64_t>>()) ? 1 : 0;
    }
    std::printf("[tokenizer parity] %zu of %zu strings give identical ids\n", matched, cases.size());
}

TEST(ClipTokenizer, ModelInputIsStartIdsEndPaddedOrCut) {
    std::string why;
    const auto fixtures = tokenizerFixtures(why);
    if (!fixtures) {
        GTEST_SKIP() << why;
    }
    auto tokenizer = ClipTokenizer::loadDirectory(fixtures->embedder().string());
    ASSERT_TRUE(tokenizer.ok()) << tokenizer.error();
    auto shortInput = tokenizer->encodeForModel("cat", 8);
    ASSERT_TRUE(shortInput.ok());
    EXPECT_EQ(shortInput->front(), tokenizer->startToken());
    EXPECT_EQ(shortInput->size(), 8u);
    EXPECT_EQ(shortInput->back(), 0);
    auto longInput = tokenizer->encodeForModel("one two three four five six seven eight nine ten", 5);
    ASSERT_TRUE(longInput.ok());
    EXPECT_EQ(longInput->size(), 5u);
    EXPECT_EQ(longInput->back(), tokenizer->endToken());
    EXPECT_FALSE(tokenizer->encodeForModel("x", 1).ok());
}

TEST(ClipTokenizer, CleaningFollowsSimpleTokenizer) {
    EXPECT_EQ(ClipTokenizer::cleanText("  Hello\t\tWORLD \n "), "hello world");
    EXPECT_EQ(ClipTokenizer::cleanText("&amp;amp; &lt;b&gt;"), "& <b>");
    EXPECT_EQ(ClipTokenizer::cleanText("ÉCOLE Straße"), "école straße");
    EXPECT_EQ(ClipTokenizer::preTokenize("it's 42!!"),
              (std::vector<std::string>{"it", "'s", "4", "2", "!!"}));
    // Invalid UTF-8 reads as U+FFFD rather than failing.
    EXPECT_EQ(ClipTokenizer::cleanText(std::string("a\xff") + "b"), "a\xEF\xBF\xBD"
                                                                    "b");
}

TEST(ClipTokenizer, MissingOrBrokenFilesAreClearErrors) {
    torchtest::TemporaryDirectory directory;
    auto missing = ClipTokenizer::loadDirectory(directory.path().string());
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().find("vocab.json"), std::string::npos) << missing.error();

    std::ofstream(directory.path() / "vocab.json") << R"({"a</w>": 0})";
    std::ofstream(directory.path() / "merges.txt") << "#version: 0.2\n";
    auto noSpecial = ClipTokenizer::loadDirectory(directory.path().string());
    ASSERT_FALSE(noSpecial.ok());
    EXPECT_NE(noSpecial.error().find("<|startoftext|>"), std::string::npos) << noSpecial.error();

    std::ofstream(directory.path() / "vocab.json")
        << R"({"a</w>": 0, "<|startoftext|>": 1, "<|endoftext|>": 2})";
    std::ofstream(directory.path() / "merges.txt") << "#version: 0.2\nabc\n";
    auto badMerge = ClipTokenizer::loadDirectory(directory.path().string());
    ASSERT_FALSE(badMerge.ok());
    EXPECT_NE(badMerge.error().find("line 2"), std::string::npos) << badMerge.error();

    std::ofstream(directory.path() / "merges.txt") << "#version: 0.2\n";
    auto partial = ClipTokenizer::loadDirectory(directory.path().string());
    ASSERT_TRUE(partial.ok()) << partial.error();
    EXPECT_TRUE(partial->encode("a").ok());
    auto unknown = partial->encode("b");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("no token"), std::string::npos) << unknown.error();
}
