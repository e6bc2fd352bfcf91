#pragma once

#include <string>

namespace curator {

// API keys, named by the environment variable a backend or the agent reads (OPENAI_API_KEY, ...).
// The environment wins; otherwise a key the application registered (the workstation loads them from
// the system keychain) is used. Kept in memory only, never written anywhere. Thread-safe.
void registerSecret(const std::string& environmentVariable, const std::string& value);
void forgetSecret(const std::string& environmentVariable);

// Empty when neither the environment nor the registry has it.
std::string secretFor(const std::string& environmentVariable);

} // namespace curator
