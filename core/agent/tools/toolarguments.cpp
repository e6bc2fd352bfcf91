#include "agent/tools/toolarguments.h"

#include "agent/tools/tooldefaults.h"
#include "agent/tools/toolformat.h"
#include "search/scanengine.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace curator {

using nlohmann::json;
using tooltext::joined;
using tooltext::trim;

namespace {

std::optional<double> parseNumber(const std::string& text) {
    const std::string trimmed = trim(text);
    if (trimmed.empty()) {
        return std::nullopt;
    }
    char* end = nullptr;
    const double value = std::strtod(trimmed.c_str(), &end);
    if (end != trimmed.c_str() + trimmed.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

const char* typeName(const json& value) {
    return value.type_name();
}

std::string allowedNames(const ToolSpec& spec) {
    std::string names;
    for (const auto& param : spec.params) {
        names += (names.empty() ? "" : ", ") + param.name;
    }
    return names.empty() ? "none" : names;
}

// A string, a JSON list written as text, or a list: a list of strings.
Result<json> coerceStringList(const std::string& name, const json& value) {
    json list = value;
    if (value.is_string()) {
        const std::string text = trim(value.get<std::string>());
        if (text.empty()) {
            return json::array();
        }
        if (text.front() == '[') {
            list = json::parse(text, nullptr, false);
            if (list.is_discarded()) {
                return makeError("argument '" + name + "': '" + text +
                                 "' is not a valid JSON list of strings");
            }
        } else {
            return json::array({text});
        }
    }
    if (!list.is_array()) {
        return makeError("argument '" + name + "': expected a list of strings, got " + typeName(value));
    }
    for (const auto& item : list) {
        if (!item.is_string()) {
            return makeError("argument '" + name + "': every item must be a string, got " + typeName(item));
        }
    }
    return list;
}

// A number, or a string holding one; an Integer must be whole; both within the parameter's range.
Result<json> coerceNumber(const std::string& tool, const ParamSpec& param, const json& value) {
    const std::string& key = param.name;
    std::optional<double> number;
    if (value.is_number()) {
        number = value.get<double>();
    } else if (value.is_string()) {
        number = parseNumber(value.get<std::string>());
        if (!number) {
            return makeError("tool '" + tool + "': argument '" + key + "' must be a number, got '" +
                             value.get<std::string>() + "'");
        }
    } else {
        return makeError("tool '" + tool + "': argument '" + key + "' must be a number, got " +
                         typeName(value));
    }
    if (param.type == ParamType::Integer && std::floor(*number) != *number) {
        return makeError("tool '" + tool + "': argument '" + key + "' must be a whole number, got " +
                         std::to_string(*number));
    }
    // An integer parameter without its own range still has int64_t's: a model's 1e300 is refused here,
    // before it is converted (a conversion out of range is undefined).
    constexpr double kInt64Limit = 9223372036854775808.0;
    const bool outOfRange = (param.minimum && *number < *param.minimum) ||
                            (param.maximum && *number > *param.maximum) ||
                            (param.type == ParamType::Integer && !(std::fabs(*number) < kInt64Limit));
    if (outOfRange) {
        char range[96];
        std::snprintf(range, sizeof range, "[%g, %g]", param.minimum.value_or(-1e308),
                      param.maximum.value_or(1e308));
        return makeError("tool '" + tool + "': argument '" + key + "' = " + std::to_string(*number) +
                         " is out of range " + range);
    }
    if (param.type == ParamType::Integer) {
        return json(static_cast<int64_t>(*number));
    }
    return json(*number);
}

// true/false, or a string or number a model wrote for one ("true", "no", 1).
Result<json> coerceBoolean(const std::string& tool, const std::string& key, const json& value) {
    if (value.is_boolean()) {
        return value;
    }
    if (value.is_number_integer() && (value.get<int64_t>() == 0 || value.get<int64_t>() == 1)) {
        return json(value.get<int64_t>() == 1);
    }
    if (value.is_string()) {
        std::string text = trim(value.get<std::string>());
        std::transform(text.begin(), text.end(), text.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (text == "true" || text == "yes" || text == "1") {
            return json(true);
        }
        if (text == "false" || text == "no" || text == "0") {
            return json(false);
        }
    }
    return makeError(
        "tool '" + tool + "': argument '" + key + "' must be true or false, got " +
        (value.is_string() ? "'" + value.get<std::string>() + "'" : std::string(typeName(value))));
}

// One argument's value, coerced to its parameter's type.
Result<json> coerceValue(const std::string& tool, const ParamSpec& param, const json& value,
                         const std::function<std::vector<std::string>()>& knownSources) {
    const std::string& key = param.name;
    switch (param.type) {
    case ParamType::String:
        if (!value.is_string()) {
            return makeError("tool '" + tool + "': argument '" + key + "' must be a string, got " +
                             typeName(value));
        }
        return value;
    case ParamType::Number:
    case ParamType::Integer:
        return coerceNumber(tool, param, value);
    case ParamType::Boolean:
        return coerceBoolean(tool, key, value);
    case ParamType::StringList: {
        auto list = coerceStringList(key, value);
        if (!list) {
            return makeError("tool '" + tool + "': " + list.error());
        }
        return list;
    }
    case ParamType::Sources: {
        auto list = coerceStringList(key, value);
        if (!list) {
            return makeError("tool '" + tool + "': " + list.error());
        }
        const std::vector<std::string> known = knownSources();
        for (const auto& item : *list) {
            const std::string source = item.get<std::string>();
            if (source != "all" && std::find(known.begin(), known.end(), source) == known.end()) {
                return makeError("tool '" + tool + "': unknown source '" + source +
                                 "'; the sources are: all, " + joined(known));
            }
        }
        return list;
    }
    }
    return makeError("tool '" + tool + "': argument '" + key + "' has no type");
}

// The rules across arguments, on the coerced object.
Status validateCoerced(const ToolSpec& spec, const json& coerced) {
    const std::string& name = spec.name;
    for (const auto& param : spec.params) {
        if (param.required && !coerced.contains(param.name)) {
            return makeError("tool '" + name + "': missing required argument '" + param.name +
                             "'; its arguments are: " + allowedNames(spec));
        }
    }
    for (const auto& param : spec.params) {
        if (param.notEmpty && coerced.contains(param.name) &&
            trim(coerced[param.name].get<std::string>()).empty()) {
            return makeError("tool '" + name + "': argument '" + param.name + "' must not be empty");
        }
    }
    if (coerced.contains("negative_prompts") && coerced["negative_prompts"].size() > kMaxNegatives) {
        return makeError("tool '" + name + "': at most " + std::to_string(kMaxNegatives) +
                         " negative prompts, got " + std::to_string(coerced["negative_prompts"].size()));
    }
    if (coerced.contains("min_threshold") && coerced.contains("max_threshold") &&
        coerced["min_threshold"].get<double>() > coerced["max_threshold"].get<double>()) {
        return makeError("tool '" + name + "': min_threshold must not exceed max_threshold");
    }
    return {};
}

} // namespace

ParamSpec sourceParam() {
    return {"source",     ParamType::Sources,
            false,        std::nullopt,
            std::nullopt, "A source name, a list of them, or \"all\" (default: all sources)."};
}

ParamSpec negativePromptsParam() {
    return {"negative_prompts",
            ParamType::StringList,
            false,
            std::nullopt,
            std::nullopt,
            "Texts whose look excludes an image (e.g. [\"text overlay\", \"watermark\"]); at most 16."};
}

ParamSpec negativeThresholdParam() {
    return {"negative_threshold",
            ParamType::Number,
            false,
            -1.0,
            1.0,
            "Similarity to any negative prompt at or above which an image is excluded (default " +
                tooltext::thresholdText(kDefaultNegativeThreshold) + ")."};
}

json schemaOf(const ToolSpec& spec, const std::vector<std::string>& sources) {
    json properties = json::object();
    json required = json::array();
    for (const auto& param : spec.params) {
        json property;
        switch (param.type) {
        case ParamType::String:
            property = {{"type", "string"}};
            break;
        case ParamType::Number:
            property = {{"type", "number"}};
            break;
        case ParamType::Integer:
            property = {{"type", "integer"}};
            break;
        case ParamType::Boolean:
            property = {{"type", "boolean"}};
            break;
        case ParamType::StringList:
            property = {{"type", "array"}, {"items", {{"type", "string"}}}};
            break;
        case ParamType::Sources: {
            json names = json::array({"all"});
            for (const auto& source : sources) {
                names.push_back(source);
            }
            property = {{"anyOf", json::array({{{"type", "string"}, {"enum", names}},
                                               {{"type", "array"},
                                                {"items", {{"type", "string"}, {"enum", names}}}}})}};
            break;
        }
        }
        if (param.minimum) {
            property["minimum"] = *param.minimum;
        }
        if (param.maximum) {
            property["maximum"] = *param.maximum;
        }
        property["description"] = param.description;
        properties[param.name] = property;
        if (param.required) {
            required.push_back(param.name);
        }
    }
    return {{"type", "object"},
            {"properties", properties},
            {"required", required},
            {"additionalProperties", false}};
}

Status coerceArguments(const ToolSpec& spec, json& arguments,
                       const std::function<std::vector<std::string>()>& knownSources) {
    const std::string& name = spec.name;
    if (arguments.is_null()) {
        arguments = json::object();
    }
    if (!arguments.is_object()) {
        return makeError("tool '" + name + "': the arguments must be a JSON object, got " +
                         typeName(arguments));
    }
    json coerced = json::object();
    for (auto it = arguments.begin(); it != arguments.end(); ++it) {
        std::string key = it.key();
        if (auto alias = spec.aliases.find(key); alias != spec.aliases.end()) {
            key = alias->second;
        }
        const auto param = std::find_if(spec.params.begin(), spec.params.end(),
                                        [&](const ParamSpec& p) { return p.name == key; });
        if (param == spec.params.end()) {
            return makeError("tool '" + name + "': unknown argument '" + it.key() +
                             "'; its arguments are: " + allowedNames(spec));
        }
        if (it.value().is_null() || coerced.contains(key)) {
            continue;
        }
        auto value = coerceValue(name, *param, it.value(), knownSources);
        if (!value) {
            return value.takeError();
        }
        coerced[key] = std::move(*value);
    }
    if (auto valid = validateCoerced(spec, coerced); !valid) {
        return valid;
    }
    arguments = std::move(coerced);
    return {};
}

} // namespace curator
