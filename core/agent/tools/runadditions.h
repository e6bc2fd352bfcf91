#pragma once

// What a run added to its branch since the branch forked from main: the images of the branch's live
// commits made after the fork that the branch did not already hold from main (distinct, per source and
// per tag). The per-theme target (200-300 images) counts these, not the branch's total, which includes
// everything main held when the run started.

#include "common/result.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <string>

namespace curator {

class CurationLog;
class ToolContext;
struct ToolResult;

struct RunAdditions {
    std::string base;           // the commit the branch forked from (empty: main was empty)
    size_t commits = 0;         // live commits made on the branch since the fork
    size_t distinctImages = 0;  // images they added that main did not already hold at the fork
    size_t inheritedImages = 0; // images the branch holds from before the fork
    std::map<std::string, size_t> imagesBySource;
    std::map<std::string, size_t> imagesByTag; // added images of live commits carrying the tag
};

Result<RunAdditions> runAdditions(CurationLog& log, const std::string& branch);

// "This run added 212 distinct images since it forked from main at 1a2b3c4d (3 commits); by source: ...".
std::string runAdditionsText(const RunAdditions& additions);
nlohmann::json runAdditionsJson(const RunAdditions& additions);

// Appends the run's additions on the context's branch to a tool's result: the text line(s), and
// data["run_added"]. A failure to count is noted in the text, never an error of the tool.
void appendRunAdditions(ToolContext& context, ToolResult& result);

} // namespace curator
