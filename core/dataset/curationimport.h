#pragma once

// Importing a dataset.json (ours or the original system's) in two steps: parseImportFile reads and
// validates the whole file into a plan (no database involved), applyImportPlan checks the plan against
// the workspace (id clashes, revert targets, an open branch) and writes it in one transaction.

#include "dataset/curationlog_internal.h"

#include <string>
#include <vector>

namespace curator::curationdetail {

struct ImportedImage {
    std::string source;
    std::string name;
    std::string path; // the path string as the file gives it
};

struct ImportedCommit {
    size_t position = 0; // in the file, for messages
    // As it will be written, except: branch "" = the checked-out branch; a parent (or second parent) not
    // in the file = the checked-out branch's head (none for a second parent); createdAt "" with
    // stampedAtImport = the time of the import. size is the number of images.
    CommitRow row;
    bool stampedAtImport = false;
    std::vector<ImportedImage> images;
};

struct ImportPlan {
    std::string file;
    std::string format;                  // "original" | "curator"
    std::vector<ImportedCommit> commits; // in file order
    // Ours: the catalog facts (path, caption, size) of the exporting workspace's resolved images.
    std::vector<CatalogImage> catalogImages;
};

Result<ImportPlan> parseImportFile(const std::string& file);
Result<ImportReport> applyImportPlan(SqliteDatabase& database, const ImportPlan& plan);

} // namespace curator::curationdetail
