#pragma once

// A tool's parameters and the one place where the arguments a model wrote are coerced and validated
// against them: strings that hold numbers or lists ("0.45", "[\"watermark\"]", "5") become numbers and
// lists, aliases ("k", "dataset", ...) their canonical names, and every violation an error message the
// model can act on.

#include "common/result.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace curator {

enum class ParamType { String, Number, Integer, StringList, Sources, Boolean };

struct ParamSpec {
    std::string name;
    ParamType type = ParamType::String;
    bool required = false;
    std::optional<double> minimum;
    std::optional<double> maximum;
    std::string description;
    bool notEmpty = false; // a String that must hold more than blanks
};

struct ToolSpec {
    std::string name;
    std::string description;
    std::vector<ParamSpec> params;
    std::map<std::string, std::string> aliases; // alias -> canonical name
};

// The parameters several tools share.
ParamSpec sourceParam();
ParamSpec negativePromptsParam();
ParamSpec negativeThresholdParam();

// The JSON schema of a tool's parameters; a Sources parameter lists "all" and `sources`.
nlohmann::json schemaOf(const ToolSpec& spec, const std::vector<std::string>& sources);

// Coerces and validates `arguments` against the spec; on success `arguments` holds the coerced object
// (canonical names, no nulls). `knownSources` is asked only when a source is given.
Status coerceArguments(const ToolSpec& spec, nlohmann::json& arguments,
                       const std::function<std::vector<std::string>()>& knownSources);

} // namespace curator
