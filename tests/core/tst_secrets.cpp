#include "common/secrets.h"

#include <gtest/gtest.h>

#include <cstdlib>

TEST(Secrets, environmentWinsThenTheRegistryThenNothing) {
    const char* name = "CURATOR_TEST_SECRET_KEY";
    ::unsetenv(name);
    EXPECT_EQ(curator::secretFor(name), "");
    curator::registerSecret(name, "from-keychain");
    EXPECT_EQ(curator::secretFor(name), "from-keychain");
    ::setenv(name, "from-environment", 1);
    EXPECT_EQ(curator::secretFor(name), "from-environment");
    ::unsetenv(name);
    curator::forgetSecret(name);
    EXPECT_EQ(curator::secretFor(name), "");
    EXPECT_EQ(curator::secretFor(""), "");
}
