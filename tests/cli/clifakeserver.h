#pragma once

// A curator-cli test against the scripted OpenAI-compatible server of tests/net on loopback: each test has
// a temporary directory holding its workspace (`ws`) and a server of its own, and runs the CLI as a child
// process exactly as a user does, with what it printed captured.
#include "clirun.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace curator::test {

class CliWithFakeServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_directory = std::filesystem::temp_directory_path() /
                      ("curator-cli-fake-server-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(m_directory);
        m_server = popen(("python3 '" + std::string(CURATOR_FAKE_SERVER) + "'").c_str(), "r");
        ASSERT_NE(m_server, nullptr);
        ASSERT_EQ(std::fscanf(m_server, "%d %d", &m_port, &m_pid), 2) << "the fake server did not start";
    }
    void TearDown() override {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
        }
        if (m_server != nullptr) {
            pclose(m_server);
        }
        std::filesystem::remove_all(m_directory);
    }

    // Runs `curator-cli --workspace DIR/ws ARGUMENTS` with `stdinText` on its standard input (empty: the
    // input ends at once, as `< /dev/null`).
    CliOutcome run(const std::string& arguments, const std::string& stdinText = std::string()) const {
        const std::filesystem::path in = m_directory / "stdin.txt";
        std::ofstream(in) << stdinText;
        return runCli(m_directory / "ws", arguments + " < '" + in.string() + "'", m_directory);
    }

    // The server's base URL for one of its scenarios (tests/net/fake_server.py).
    std::string baseUrl(const std::string& scenario) const {
        return "http://127.0.0.1:" + std::to_string(m_port) + "/s/" + scenario + "/v1";
    }

    const std::filesystem::path& directory() const { return m_directory; }

private:
    std::filesystem::path m_directory;
    FILE* m_server = nullptr;
    int m_port = 0;
    int m_pid = 0;
};

} // namespace curator::test
