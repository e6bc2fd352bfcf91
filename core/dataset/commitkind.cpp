#include "dataset/commitkind.h"

#include <utility>

namespace curator {

namespace {

constexpr std::pair<CommitKind, const char*> kCommitKindNames[] = {
    {CommitKind::Commit, "commit"}, {CommitKind::Revert, "revert"}, {CommitKind::Merge, "merge"}};
constexpr std::pair<BranchState, const char*> kBranchStateNames[] = {
    {BranchState::Open, "open"}, {BranchState::Merged, "merged"}, {BranchState::Discarded, "discarded"}};

} // namespace

const char* commitKindName(CommitKind kind) {
    for (const auto& [value, name] : kCommitKindNames) {
        if (value == kind) {
            return name;
        }
    }
    return "";
}

std::optional<CommitKind> parseCommitKind(std::string_view text) {
    for (const auto& [value, name] : kCommitKindNames) {
        if (text == name) {
            return value;
        }
    }
    return std::nullopt;
}

const char* branchStateName(BranchState state) {
    for (const auto& [value, name] : kBranchStateNames) {
        if (value == state) {
            return name;
        }
    }
    return "";
}

std::optional<BranchState> parseBranchState(std::string_view text) {
    for (const auto& [value, name] : kBranchStateNames) {
        if (text == name) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace curator
