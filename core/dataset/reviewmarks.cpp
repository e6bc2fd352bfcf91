#include "dataset/reviewmarks.h"

#include "dataset/curationlog_internal.h"

#include "common/utf8text.h"

#include <nlohmann/json.hpp>

namespace curator {

const char* reviewVerdictName(ReviewVerdict verdict) {
    return verdict == ReviewVerdict::Accept ? "accept" : "reject";
}

std::optional<ReviewVerdict> parseReviewVerdict(const std::string& text) {
    if (text == "accept") {
        return ReviewVerdict::Accept;
    }
    if (text == "reject") {
        return ReviewVerdict::Reject;
    }
    return std::nullopt;
}

namespace {

ReviewRecord markOf(const SqliteStatement& row) {
    ReviewRecord mark;
    mark.source = row.columnText(0);
    mark.name = row.columnText(1);
    // The table's CHECK allows only the two verdicts.
    mark.verdict = row.columnText(2) == "reject" ? ReviewVerdict::Reject : ReviewVerdict::Accept;
    mark.author = row.columnText(3);
    mark.markedAt = row.columnText(4);
    return mark;
}

// `branch`, or the checked-out one when empty; an error naming it when the log has no such branch.
Result<std::string> existingBranch(SqliteDatabase& database, const std::string& name) {
    CURATOR_TRY(std::string branch, curationdetail::resolveBranch(database, name));
    CURATOR_TRY(const int64_t found,
                database.queryInt("SELECT COUNT(*) FROM branches WHERE name = ?1", {branch}));
    if (found == 0) {
        return makeError("review marks: no branch '" + branch + "'");
    }
    return branch;
}

} // namespace

Status setReviewMarks(CurationLog& log, const std::string& branchName,
                      const std::vector<ReviewedImage>& images, std::optional<ReviewVerdict> verdict,
                      const std::string& author) {
    if (author.empty()) {
        return makeError("review mark: the author is empty");
    }
    for (const ReviewedImage& image : images) {
        if (image.source.empty() || image.name.empty()) {
            return makeError("review mark: an image needs a source and a name (got '" + image.source + "/" +
                             image.name + "')");
        }
    }
    SqliteDatabase& database = log.database();
    SqliteTransaction transaction(database);
    CURATOR_TRY_STATUS(transaction.began());
    CURATOR_TRY(const std::string branch, existingBranch(database, branchName));
    const std::string now = utcTimestamp();
    CURATOR_TRY(SqliteStatement statement,
                database.prepare(verdict ? "INSERT INTO review_marks(branch, source, name, verdict, author, "
                                           "marked_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(branch, "
                                           "source, name) DO UPDATE SET verdict = excluded.verdict, author = "
                                           "excluded.author, marked_at = excluded.marked_at"
                                         : "DELETE FROM review_marks WHERE branch = ?1 AND source = ?2 AND "
                                           "name = ?3"));
    for (const ReviewedImage& image : images) {
        statement.bindText(1, branch);
        statement.bindText(2, image.source);
        statement.bindText(3, image.name);
        if (verdict) {
            statement.bindText(4, reviewVerdictName(*verdict));
            statement.bindText(5, author);
            statement.bindText(6, now);
        }
        CURATOR_TRY_STATUS(statement.run());
        statement.reset();
    }
    return transaction.commit();
}

Result<std::vector<ReviewRecord>> reviewMarks(CurationLog& log, const std::string& branchName) {
    SqliteDatabase& database = log.database();
    CURATOR_TRY(const std::string branch, existingBranch(database, branchName));
    CURATOR_TRY(SqliteStatement statement,
                database.prepare("SELECT source, name, verdict, author, marked_at FROM review_marks WHERE "
                                 "branch = ?1 ORDER BY source, name",
                                 {branch}));
    std::vector<ReviewRecord> marks;
    CURATOR_TRY_STATUS(
        statement.forEachRow([&](const SqliteStatement& row) { marks.push_back(markOf(row)); }));
    return marks;
}

Result<std::vector<ReviewRecord>> reviewMarksOf(CurationLog& log, const std::string& branchName,
                                                const std::vector<ReviewedImage>& images) {
    SqliteDatabase& database = log.database();
    CURATOR_TRY(const std::string branch, existingBranch(database, branchName));
    CURATOR_TRY(SqliteStatement statement,
                database.prepare("SELECT source, name, verdict, author, marked_at FROM review_marks WHERE "
                                 "branch = ?1 AND source = ?2 AND name = ?3"));
    std::vector<ReviewRecord> marks;
    for (const ReviewedImage& image : images) {
        statement.bindText(1, branch);
        statement.bindText(2, image.source);
        statement.bindText(3, image.name);
        CURATOR_TRY(const bool found, statement.step());
        if (found) {
            marks.push_back(markOf(statement));
        }
        statement.reset();
    }
    return marks;
}

std::string reviewMarksToJson(const std::string& branch, const std::vector<ReviewRecord>& marks) {
    nlohmann::json rows = nlohmann::json::array();
    for (const ReviewRecord& mark : marks) {
        rows.push_back({{"source", mark.source},
                        {"id", mark.name},
                        {"verdict", reviewVerdictName(mark.verdict)},
                        {"author", mark.author},
                        {"marked_at", mark.markedAt}});
    }
    nlohmann::json report = {{"branch", branch}, {"marks", rows}};
    return dumpJsonSafely(nlohmann::json{{"review_marks", report}}, -1);
}

} // namespace curator
