#pragma once

// Running curator-cli as a child process exactly as a user or a script does, for the CLI tests: one
// command line, its exit code, and what it printed on each stream.
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace curator::test {

inline std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

struct CliOutcome {
    int exitCode = -1;
    std::string out;
    std::string err;

    // Standard output as one JSON document (`--json`); throws when it is not one.
    nlohmann::json json() const { return nlohmann::json::parse(out); }

    // Standard output's lines that are JSON (`--events -`), in order.
    std::vector<nlohmann::json> jsonLines() const {
        std::vector<nlohmann::json> lines;
        std::istringstream in(out);
        for (std::string line; std::getline(in, line);) {
            nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
            if (!parsed.is_discarded()) {
                lines.push_back(std::move(parsed));
            }
        }
        return lines;
    }
};

// Runs `curator-cli --workspace WORKSPACE ARGUMENTS` through the shell (ARGUMENTS may redirect standard
// input); its standard output and error go through files in `scratch`.
inline CliOutcome runCli(const std::filesystem::path& workspace, const std::string& arguments,
                         const std::filesystem::path& scratch) {
    const std::filesystem::path out = scratch / "stdout.txt", err = scratch / "stderr.txt";
    const std::string command = std::string(CURATOR_CLI_PATH) + " --workspace '" + workspace.string() + "' " +
                                arguments + " > '" + out.string() + "' 2> '" + err.string() + "'";
    const int status = std::system(command.c_str());
    CliOutcome outcome;
    outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    outcome.out = readFile(out);
    outcome.err = readFile(err);
    return outcome;
}

} // namespace curator::test
