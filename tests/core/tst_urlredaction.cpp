// Issue 13.16: credentials in a URL's user info are redacted wherever a URL is shown or written.
#include "common/urlredaction.h"

#include <gtest/gtest.h>

namespace curator {
namespace {

TEST(UrlRedaction, HidesTheUserInfoOfEveryUrlAndKeepsTheRest) {
    EXPECT_EQ(redactUrlUserInfo("http://user:KEY@host/v1"), "http://***@host/v1");
    EXPECT_EQ(redactUrlUserInfo("https://KEY@host:8443"), "https://***@host:8443");
    EXPECT_EQ(redactUrlUserInfo("openai:http://u:KEY@h/v1#model"), "openai:http://***@h/v1#model");
    EXPECT_EQ(redactUrlUserInfo("POST http://a:b@h/v1/chat/completions: HTTP 500; retry http://c:d@g/x"),
              "POST http://***@h/v1/chat/completions: HTTP 500; retry http://***@g/x");
    // A password holding '@' ends at the last '@' of the authority.
    EXPECT_EQ(redactUrlUserInfo("http://u:p@ss@host/v1"), "http://***@host/v1");
    // Nothing to hide: unchanged, including an '@' after the authority.
    for (const char* plain : {"http://host/v1", "http://host/v1?to=a@b", "mail me@example.com", "a://",
                              "://x@y", "", "no url", "http://host/path@x"}) {
        EXPECT_EQ(redactUrlUserInfo(plain), plain);
    }
    EXPECT_EQ(redactUrlUserInfo(R"({"base_url":"http://u:KEY@h/v1"})"), R"({"base_url":"http://***@h/v1"})");
}

} // namespace
} // namespace curator
