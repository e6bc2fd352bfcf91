#pragma once

// tests/rating/fake_rating_server.py on loopback for the life of the object (the rating tests and
// tests/bench/rate_bench). CURATOR_FAKE_RATING_SERVER names the script.

#include "net/httpclient.h"

#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace curator::test {

class FakeRatingServer {
public:
    explicit FakeRatingServer(double latencySeconds = 0.05) {
        const char* python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
        const std::string command = std::string(python) + " " + CURATOR_FAKE_RATING_SERVER + " --latency " +
                                    std::to_string(latencySeconds);
        m_pipe = popen(command.c_str(), "r");
        int pid = 0;
        if (m_pipe && std::fscanf(m_pipe, "%d %d", &m_port, &pid) == 2) {
            m_pid = pid;
        }
    }
    ~FakeRatingServer() {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
        }
        if (m_pipe) {
            pclose(m_pipe);
        }
    }
    FakeRatingServer(const FakeRatingServer&) = delete;
    FakeRatingServer& operator=(const FakeRatingServer&) = delete;

    int port() const { return m_port; } // 0 when it did not start
    // The base URL of one named endpoint: "ok-a", "down-b", "slow-c" (see the script).
    std::string baseUrl(const std::string& endpoint) const {
        return "http://127.0.0.1:" + std::to_string(m_port) + "/" + endpoint + "/v1";
    }
    bool reset() const { return call("POST", "/reset").is_object(); }
    // {"requests": {endpoint: n}, "score_items": {...}, "max_in_flight", "answered", "abandoned", ...}
    nlohmann::json stats() const { return call("GET", "/stats"); }

private:
    nlohmann::json call(const char* method, const std::string& path) const {
        HttpClient client;
        HttpRequest request;
        request.method = method;
        request.url = "http://127.0.0.1:" + std::to_string(m_port) + path;
        auto response = client.send(request);
        if (!response) {
            return nullptr;
        }
        return nlohmann::json::parse(response->body, nullptr, false);
    }

    FILE* m_pipe = nullptr;
    int m_port = 0;
    int m_pid = 0;
};

} // namespace curator::test
