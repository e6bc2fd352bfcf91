#pragma once

// Accept / reject marks a person gives images in review (issue 17 §6), kept in the curation log per
// image and branch with who and when: the grid shows them again when the image comes back, a commit by
// threshold leaves the rejected ones out, and a release exports them (metadata.jsonl's "review"). One mark
// per image and branch: the latest; clearing removes it.

#include "common/result.h"
#include "dataset/curationlog.h"

#include <optional>
#include <string>
#include <vector>

namespace curator {

enum class ReviewVerdict { Accept, Reject };

const char* reviewVerdictName(ReviewVerdict verdict); // "accept", "reject"
std::optional<ReviewVerdict> parseReviewVerdict(const std::string& text);

using ReviewedImage = ImageRef;

struct ReviewRecord {
    std::string source;
    std::string name;
    ReviewVerdict verdict = ReviewVerdict::Accept;
    std::string author;   // "human", or who the workstation's user is
    std::string markedAt; // UTC, ISO 8601
};

// Marks `images` with `verdict` on `branch` (empty: the checked-out branch), or clears their marks when
// `verdict` is empty, in one transaction. Errors: an unknown branch, an empty source or name, an empty
// author.
Status setReviewMarks(CurationLog& log, const std::string& branch, const std::vector<ReviewedImage>& images,
                      std::optional<ReviewVerdict> verdict, const std::string& author = "human");

// Every mark of `branch` (empty: the checked-out branch), sorted by source and name.
Result<std::vector<ReviewRecord>> reviewMarks(CurationLog& log, const std::string& branch = {});

// The marks of those of `images` that have one on `branch`, in the order of `images` (a search's rows).
Result<std::vector<ReviewRecord>> reviewMarksOf(CurationLog& log, const std::string& branch,
                                                const std::vector<ReviewedImage>& images);

std::string reviewMarksToJson(const std::string& branch, const std::vector<ReviewRecord>& marks);

} // namespace curator
