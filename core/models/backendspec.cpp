#include "models/backendspec.h"

#include "common/urlredaction.h"

namespace curator {

Result<BackendSpec> BackendSpec::parse(const std::string& text) {
    BackendSpec spec;
    spec.text = text;
    if (text == "builtin") {
        return spec;
    }
    const std::string torchPrefix = "torchscript:";
    const std::string openAiPrefix = "openai:";
    if (text.rfind(torchPrefix, 0) == 0) {
        spec.kind = Kind::TorchScript;
        spec.location = text.substr(torchPrefix.size());
        spec.locations = {spec.location};
        if (spec.location.empty()) {
            return makeError("backend spec '" + redactUrlUserInfo(text) +
                             "': torchscript: needs a directory (torchscript:DIR)");
        }
        return spec;
    }
    if (text.rfind(openAiPrefix, 0) == 0) {
        spec.kind = Kind::OpenAi;
        const std::string rest = text.substr(openAiPrefix.size());
        const size_t hash = rest.rfind('#');
        if (hash == std::string::npos || hash == 0 || hash + 1 == rest.size()) {
            return makeError("backend spec '" + redactUrlUserInfo(text) +
                             "': expected openai:BASE_URL#MODEL");
        }
        spec.model = rest.substr(hash + 1);
        const std::string urls = rest.substr(0, hash);
        for (size_t start = 0;;) {
            const size_t comma = urls.find(',', start);
            std::string url =
                urls.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
                return makeError("backend spec '" + redactUrlUserInfo(text) + "': base URL " +
                                 std::to_string(spec.locations.size() + 1) +
                                 " must start with http:// or https:// (several are separated by commas)");
            }
            spec.locations.push_back(std::move(url));
            if (comma == std::string::npos) {
                break;
            }
            start = comma + 1;
        }
        spec.location = spec.locations.front();
        return spec;
    }
    return makeError("unknown backend spec '" + redactUrlUserInfo(text) +
                     "': expected builtin, torchscript:DIR or openai:BASE_URL[,BASE_URL...]#MODEL");
}

Result<std::string> applyQueryTemplate(const std::string& queryTemplate, const std::string& text) {
    if (queryTemplate.empty()) {
        return text;
    }
    static const std::string kPlaceholder = "{text}";
    if (queryTemplate.find(kPlaceholder) == std::string::npos) {
        return makeError("the embedder's query template '" + queryTemplate + "' has no " + kPlaceholder +
                         " where the query goes");
    }
    std::string out;
    for (size_t i = 0; i < queryTemplate.size();) {
        if (queryTemplate.compare(i, kPlaceholder.size(), kPlaceholder) == 0) {
            out += text;
            i += kPlaceholder.size();
        } else if (queryTemplate[i] == '\\' && i + 1 < queryTemplate.size() &&
                   (queryTemplate[i + 1] == 'n' || queryTemplate[i + 1] == '\\')) {
            out += queryTemplate[i + 1] == 'n' ? '\n' : '\\';
            i += 2;
        } else {
            out += queryTemplate[i++];
        }
    }
    return out;
}

} // namespace curator
