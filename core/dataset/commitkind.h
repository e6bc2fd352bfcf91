#pragma once

// What a commit is (commit, revert, merge) and where a branch stands (open, merged, discarded). The
// curation log's public structs carry these enums; the names are spelled only where a value is read
// from or written to SQL, JSON or text.

#include <optional>
#include <string_view>

namespace curator {

enum class CommitKind { Commit, Revert, Merge };
enum class BranchState { Open, Merged, Discarded };

// The names stored in SQL and written to JSON ('commit', 'open', ...): the only place they are spelled.
const char* commitKindName(CommitKind kind);
std::optional<CommitKind> parseCommitKind(std::string_view name);
const char* branchStateName(BranchState state);
std::optional<BranchState> parseBranchState(std::string_view name);

} // namespace curator
