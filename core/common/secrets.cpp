#include "common/secrets.h"

#include <cstdlib>
#include <map>
#include <mutex>

namespace curator {

namespace {

std::mutex& registryMutex() {
    static std::mutex mutex;
    return mutex;
}

std::map<std::string, std::string>& registry() {
    static std::map<std::string, std::string> secrets;
    return secrets;
}

} // namespace

void registerSecret(const std::string& environmentVariable, const std::string& value) {
    std::lock_guard<std::mutex> lock(registryMutex());
    registry()[environmentVariable] = value;
}

void forgetSecret(const std::string& environmentVariable) {
    std::lock_guard<std::mutex> lock(registryMutex());
    registry().erase(environmentVariable);
}

std::string secretFor(const std::string& environmentVariable) {
    if (environmentVariable.empty()) {
        return {};
    }
    if (const char* value = std::getenv(environmentVariable.c_str()); value && *value) {
        return value;
    }
    std::lock_guard<std::mutex> lock(registryMutex());
    const auto found = registry().find(environmentVariable);
    return found == registry().end() ? std::string() : found->second;
}

} // namespace curator
