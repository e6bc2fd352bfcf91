#pragma once

// What a commit by query would take at any threshold, for the person who decides on a pending commit:
// "at 0.46: 212 images, 35 new". One scan (selectAbove, the scan and predicate a commit uses) keeps the
// similarity of every unmasked candidate and whether the branch already holds it; a threshold is then
// answered without scanning again, with the counts a commit at that threshold would report
// (`selected` and `added`).

#include "common/result.h"
#include "curation/curationsession.h"
#include "dataset/curationlog.h"
#include "search/searchoperations.h"

#include <cstddef>
#include <string>
#include <vector>

namespace curator {

struct ThresholdAdmission {
    double threshold = 0;
    size_t admitted = 0; // what a commit at the threshold selects
    size_t fresh = 0;    // of those, images the branch does not hold yet (the commit's "added")
};

class CommitWhatIf {
public:
    // Scans `query` once and reads `branch`'s dataset (empty: the checked-out branch).
    static Result<CommitWhatIf> compute(CurationSession& session, CurationLog& log,
                                        const PreparedQuery& query, const std::string& branch);

    ThresholdAdmission at(double threshold) const;
    // The unmasked similarities as the histogram shows them (the same bins as a search's distribution).
    SimilarityDistribution distribution(size_t bins) const;
    size_t candidates() const { return m_similarities.size(); } // every unmasked image
    size_t masked() const { return m_masked; }

private:
    std::vector<float> m_similarities; // best first
    std::vector<size_t> m_freshBefore; // [i]: images new to the branch among the first i
    size_t m_masked = 0;
};

} // namespace curator
