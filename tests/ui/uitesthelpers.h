#pragma once

#include <QString>

namespace curator::ui::test {

// Generates `images` demo images under `directory`/images and ingests them with the builtin embedder into
// `directory`/ws (the three demo sources). Returns the workspace path, or an empty string with `error`
// set.
QString createDemoWorkspace(const QString& directory, size_t images, QString* error);

} // namespace curator::ui::test
