#pragma once

// The main window's own commands in the shortcut registry (the review commands are ResultsView's).
namespace curator::ui::command {

constexpr const char* FocusSearch = "window.focusSearch";
constexpr const char* CommitAccepted = "review.commitAccepted";
constexpr const char* Settings = "window.settings";
constexpr const char* RefreshLog = "window.refreshLog";

} // namespace curator::ui::command
