#include "dataset/sha256.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>

using curator::Sha256;

TEST(Sha256, KnownVectors) {
    EXPECT_EQ(Sha256::hashHex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(Sha256::hashHex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(Sha256::hashHex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(Sha256::hashHex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalUpdatesEqualOneShot) {
    std::string data;
    for (int i = 0; i < 1000; ++i) {
        data += char('a' + i % 26);
    }
    const std::string expected = Sha256::hashHex(data);
    for (size_t piece : {1u, 3u, 63u, 64u, 65u, 200u}) {
        Sha256 hash;
        for (size_t offset = 0; offset < data.size(); offset += piece) {
            hash.update(std::string_view(data).substr(offset, piece));
        }
        EXPECT_EQ(hash.finalHex(), expected) << "piece size " << piece;
    }
}

TEST(Sha256, HashesFilesAndReportsMissingOnes) {
    datasettest::TemporaryDirectory directory;
    datasettest::writeText(directory.filePath("abc.txt"), "abc");
    curator::Result<std::string> hash = Sha256::hashFileHex(directory.filePath("abc.txt"));
    ASSERT_TRUE(hash.ok()) << hash.error();
    EXPECT_EQ(*hash, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    curator::Result<std::string> missing = Sha256::hashFileHex(directory.filePath("absent.txt"));
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().find("absent.txt"), std::string::npos);
}
