#include "agent/curationtools.h"

#include "dataset/curationlog.h"
#include "dataset/querycommit.h"
#include "ingest/ingest.h"
#include "models/image.h"
#include "models/openaibackends.h"
#include "models/opencvimage.h"
#include "rating/aestheticsrate.h"
#include "search/searchoperations.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace curator {

using nlohmann::json;

namespace {

enum class ParamType { String, Number, Integer, StringList, Sources };

struct ParamSpec {
    std::string name;
    ParamType type = ParamType::String;
    bool required = false;
    std::optional<double> minimum;
    std::optional<double> maximum;
    std::string description;
};

struct ToolSpec {
    std::string name;
    std::string description;
    std::vector<ParamSpec> params;
    std::map<std::string, std::string> aliases; // alias -> canonical name
};

std::string thresholdText(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

std::string similarityText(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    return buffer;
}

std::string defaultNegativeText() {
    return "Similarity to any negative prompt at or above which an image is excluded (default " +
           thresholdText(kDefaultNegativeThreshold) + ").";
}

const std::vector<ToolSpec>& toolSpecs() {
    static const std::vector<ToolSpec> specs = [] {
        const ParamSpec source{
            "source",     ParamType::Sources,
            false,        std::nullopt,
            std::nullopt, "A source name, a list of them, or \"all\" (default: all sources)."};
        const ParamSpec negatives{
            "negative_prompts",
            ParamType::StringList,
            false,
            std::nullopt,
            std::nullopt,
            "Texts whose look excludes an image (e.g. [\"text overlay\", \"watermark\"]); at most 16."};
        const ParamSpec negativeThreshold{"negative_threshold", ParamType::Number, false, -1.0, 1.0,
                                          defaultNegativeText()};
        std::vector<ToolSpec> list;
        list.push_back({"search",
                        "Exact similarity search of a text query over the collection. Shows the best matches "
                        "with their similarity, how many images are unmasked and masked, and a 10-bin "
                        "histogram of all unmasked similarities (to see where matches stop).",
                        {{"query", ParamType::String, true, std::nullopt, std::nullopt,
                          "What to look for, described visually."},
                         source,
                         negatives,
                         negativeThreshold,
                         {"top_k", ParamType::Integer, false, 1.0, 200.0,
                          "How many best matches to list (default 20)."}},
                        {{"dataset", "source"}, {"k", "top_k"}}});
        list.push_back(
            {"sample",
             "A random sample of the images whose similarity to the query lies in "
             "[min_threshold, max_threshold]: use it to look at a similarity band and decide "
             "where matches stop. The images come back as one numbered grid.",
             {{"query", ParamType::String, true, std::nullopt, std::nullopt, "The text query."},
              source,
              {"min_threshold", ParamType::Number, true, -1.0, 1.0, "Lower similarity bound."},
              {"max_threshold", ParamType::Number, false, -1.0, 1.0, "Upper similarity bound (default 1)."},
              {"count", ParamType::Integer, false, 1.0, 50.0, "How many images (default 10)."},
              negatives,
              negativeThreshold,
              {"seed", ParamType::Integer, false, 0.0, 9007199254740991.0,
               "Seed of the draw (default: random, reported)."}},
             {{"dataset", "source"}, {"n", "count"}, {"min", "min_threshold"}, {"max", "max_threshold"}}});
        list.push_back(
            {"aesthetics_rate",
             "Captions and scores images with the aesthetics scorer and returns a fixed-bin "
             "histogram with a summary. Rates the last search or sample results (query \"last\" or "
             "no query), or a query's top matches, or a random sample of a query's band when "
             "min_threshold is given. For an anti-aesthetic theme a LOW score is success.",
             {{"query", ParamType::String, false, std::nullopt, std::nullopt,
               "A text query, or \"last\" for the last results (default)."},
              source,
              {"min_threshold", ParamType::Number, false, -1.0, 1.0, "Lower similarity bound."},
              {"max_threshold", ParamType::Number, false, -1.0, 1.0, "Upper similarity bound."},
              {"sample_size", ParamType::Integer, false, 1.0, 200.0, "How many images to rate (default 30)."},
              negatives,
              negativeThreshold},
             {{"dataset", "source"}, {"n", "sample_size"}, {"count", "sample_size"}}});
        list.push_back({"commit",
                        "Adds every unmasked image with similarity >= threshold to the dataset (the run's "
                        "branch), with full provenance. Explain the choice of threshold in the message.",
                        {{"query", ParamType::String, true, std::nullopt, std::nullopt, "The text query."},
                         source,
                         {"threshold", ParamType::Number, true, -1.0, 1.0, "Similarity threshold."},
                         negatives,
                         negativeThreshold,
                         {"message", ParamType::String, true, std::nullopt, std::nullopt,
                          "Why these images, and why this threshold."},
                         {"tags", ParamType::StringList, false, std::nullopt, std::nullopt,
                          "Taxonomy attributes the images carry."}},
                        {{"dataset", "source"}}});
        list.push_back({"undo_commit",
                        "Reverts a commit of this run (any unique prefix of its id); undoing a revert redoes "
                        "it.",
                        {{"commit_id", ParamType::String, true, std::nullopt, std::nullopt,
                          "The commit id or a unique prefix (8 characters are shown)."}},
                        {{"id", "commit_id"}}});
        list.push_back({"status",
                        "The dataset of this run's branch: distinct images, per source and per tag, and the "
                        "live commits. Use it to monitor balance.",
                        {},
                        {}});
        list.push_back({"sample_from_committed",
                        "A random sample of committed images (of one commit, or \"all\" of the dataset), "
                        "returned with captions and as one numbered grid image.",
                        {{"commit_id", ParamType::String, false, std::nullopt, std::nullopt,
                          "A commit id or prefix, or \"all\" (default)."},
                         {"n", ParamType::Integer, false, 1.0, 50.0, "How many images (default 10)."}},
                        {{"id", "commit_id"}, {"count", "n"}}});
        return list;
    }();
    return specs;
}

const ToolSpec* findSpec(const std::string& name) {
    for (const auto& spec : toolSpecs()) {
        if (spec.name == name) {
            return &spec;
        }
    }
    return nullptr;
}

std::string trim(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) {
        return {};
    }
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

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

ToolResult errorResult(const std::string& text) {
    ToolResult result;
    result.ok = false;
    result.text = "ERROR: " + text;
    result.data = {{"error", text}};
    return result;
}

std::string formatCount(size_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

// Unmasked similarities of every row, collected per chunk (merged in chunk order: deterministic).
class SimilarityCollector : public ScanVisitor {
public:
    void prepare(size_t chunkCount) override { m_chunks.assign(chunkCount, {}); }
    void visit(const ScanBlock& block) override {
        auto& out = m_chunks[block.chunk];
        for (size_t i = 0; i < block.rowCount; ++i) {
            if (!block.masked[i]) {
                out.push_back(block.similarity[i]);
            }
        }
    }
    std::vector<float> all() const {
        std::vector<float> values;
        for (const auto& chunk : m_chunks) {
            values.insert(values.end(), chunk.begin(), chunk.end());
        }
        return values;
    }

private:
    std::vector<std::vector<float>> m_chunks;
};

std::string joined(const std::vector<std::string>& items, const std::string& separator = ", ") {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : separator) + item;
    }
    return out;
}

} // namespace

struct CurationToolbox::Prepared {
    std::vector<const EmbeddingMatrix*> segments;
    QuerySet querySet;
    std::string query;
    std::vector<std::string> negatives;
    double negativeThreshold = kDefaultNegativeThreshold;
    std::vector<std::string> sources;
    std::vector<std::string> warnings;
};

CurationToolbox::CurationToolbox(std::string workspaceDirectory, Embedder& embedder, Scorer& scorer,
                                 Captioner& captioner, std::string author, std::string branch)
    : m_workspace(std::move(workspaceDirectory))
    , m_embedder(embedder)
    , m_scorer(scorer)
    , m_captioner(captioner)
    , m_author(std::move(author))
    , m_branch(std::move(branch)) {}

CurationToolbox::~CurationToolbox() = default;

std::vector<std::string> CurationToolbox::toolNames() {
    std::vector<std::string> names;
    for (const auto& spec : toolSpecs()) {
        names.push_back(spec.name);
    }
    return names;
}

Result<EmbeddingStore*> CurationToolbox::store() {
    if (!m_store) {
        auto opened = EmbeddingStore::open(m_workspace);
        if (!opened) {
            return opened.takeError();
        }
        m_store = std::make_unique<EmbeddingStore>(std::move(*opened));
    }
    return m_store.get();
}

Result<CurationLog*> CurationToolbox::curationLog() {
    if (!m_log) {
        auto opened = CurationLog::open(m_workspace);
        if (!opened) {
            return opened.takeError();
        }
        m_log = std::make_unique<CurationLog>(std::move(*opened));
    }
    return m_log.get();
}

std::vector<std::string> CurationToolbox::sources() {
    std::vector<std::string> names;
    auto opened = store();
    if (!opened) {
        return names;
    }
    for (const auto& matrix : (*opened)->matrices()) {
        if (matrix->model() == m_embedder.modelName()) {
            names.push_back(matrix->source());
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

std::vector<ToolSchema> CurationToolbox::schemas() {
    const std::vector<std::string> names = sources();
    std::vector<ToolSchema> list;
    for (const auto& spec : toolSpecs()) {
        list.push_back({spec.name, spec.description, schemaOf(spec, names).dump()});
    }
    return list;
}

Status CurationToolbox::coerceAndValidate(const std::string& name, json& arguments) {
    const ToolSpec* spec = findSpec(name);
    if (!spec) {
        return makeError("unknown tool '" + name + "'; the tools are: " + joined(toolNames()));
    }
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
        if (auto alias = spec->aliases.find(key); alias != spec->aliases.end()) {
            key = alias->second;
        }
        const auto param = std::find_if(spec->params.begin(), spec->params.end(),
                                        [&](const ParamSpec& p) { return p.name == key; });
        if (param == spec->params.end()) {
            return makeError("tool '" + name + "': unknown argument '" + it.key() +
                             "'; its arguments are: " + allowedNames(*spec));
        }
        if (it.value().is_null() || coerced.contains(key)) {
            continue;
        }
        const json& value = it.value();
        json out;
        switch (param->type) {
        case ParamType::String:
            if (!value.is_string()) {
                return makeError("tool '" + name + "': argument '" + key + "' must be a string, got " +
                                 typeName(value));
            }
            out = value;
            break;
        case ParamType::Number:
        case ParamType::Integer: {
            std::optional<double> number;
            if (value.is_number()) {
                number = value.get<double>();
            } else if (value.is_string()) {
                number = parseNumber(value.get<std::string>());
                if (!number) {
                    return makeError("tool '" + name + "': argument '" + key + "' must be a number, got '" +
                                     value.get<std::string>() + "'");
                }
            } else {
                return makeError("tool '" + name + "': argument '" + key + "' must be a number, got " +
                                 typeName(value));
            }
            if (param->type == ParamType::Integer) {
                if (std::floor(*number) != *number) {
                    return makeError("tool '" + name + "': argument '" + key +
                                     "' must be a whole number, got " + std::to_string(*number));
                }
                out = static_cast<int64_t>(*number);
            } else {
                out = *number;
            }
            if ((param->minimum && *number < *param->minimum) ||
                (param->maximum && *number > *param->maximum)) {
                char range[96];
                std::snprintf(range, sizeof range, "[%g, %g]", param->minimum.value_or(-1e308),
                              param->maximum.value_or(1e308));
                return makeError("tool '" + name + "': argument '" + key + "' = " + std::to_string(*number) +
                                 " is out of range " + range);
            }
            break;
        }
        case ParamType::StringList: {
            auto list = coerceStringList(key, value);
            if (!list) {
                return makeError("tool '" + name + "': " + list.error());
            }
            out = std::move(*list);
            break;
        }
        case ParamType::Sources: {
            auto list = coerceStringList(key, value);
            if (!list) {
                return makeError("tool '" + name + "': " + list.error());
            }
            const std::vector<std::string> known = sources();
            for (const auto& item : *list) {
                const std::string source = item.get<std::string>();
                if (source != "all" && std::find(known.begin(), known.end(), source) == known.end()) {
                    return makeError("tool '" + name + "': unknown source '" + source +
                                     "'; the sources are: all, " + joined(known));
                }
            }
            out = std::move(*list);
            break;
        }
        }
        coerced[key] = std::move(out);
    }
    for (const auto& param : spec->params) {
        if (param.required && !coerced.contains(param.name)) {
            return makeError("tool '" + name + "': missing required argument '" + param.name +
                             "'; its arguments are: " + allowedNames(*spec));
        }
    }
    if (coerced.contains("query") && trim(coerced["query"].get<std::string>()).empty() &&
        name != "aesthetics_rate") {
        return makeError("tool '" + name + "': argument 'query' must not be empty");
    }
    if (coerced.contains("negative_prompts") && coerced["negative_prompts"].size() > kMaxNegatives) {
        return makeError("tool '" + name + "': at most " + std::to_string(kMaxNegatives) +
                         " negative prompts, got " + std::to_string(coerced["negative_prompts"].size()));
    }
    if (coerced.contains("min_threshold") && coerced.contains("max_threshold") &&
        coerced["min_threshold"].get<double>() > coerced["max_threshold"].get<double>()) {
        return makeError("tool '" + name + "': min_threshold must not exceed max_threshold");
    }
    if (name == "commit" && trim(coerced["message"].get<std::string>()).empty()) {
        return makeError("tool 'commit': argument 'message' must explain the commit, got an empty text");
    }
    arguments = std::move(coerced);
    return {};
}

ToolResult CurationToolbox::execute(const std::string& name, const std::string& argumentsJson) {
    try {
        if (!findSpec(name)) {
            return errorResult("unknown tool '" + name + "'; the tools are: " + joined(toolNames()));
        }
        json arguments =
            trim(argumentsJson).empty() ? json::object() : json::parse(argumentsJson, nullptr, false);
        if (arguments.is_discarded()) {
            std::string shown = argumentsJson.substr(0, 200);
            return errorResult("tool '" + name + "': the arguments are not valid JSON: " + shown +
                               " (write one JSON object, e.g. {\"query\": \"motion blur\"})");
        }
        // Some models wrap the object in a string.
        if (arguments.is_string()) {
            json inner = json::parse(arguments.get<std::string>(), nullptr, false);
            if (!inner.is_discarded() && inner.is_object()) {
                arguments = std::move(inner);
            }
        }
        if (auto valid = coerceAndValidate(name, arguments); !valid) {
            return errorResult(valid.error());
        }
        if (name == "search") {
            return search(arguments);
        }
        if (name == "sample") {
            return sample(arguments);
        }
        if (name == "aesthetics_rate") {
            return aestheticsRateTool(arguments);
        }
        if (name == "commit") {
            return commit(arguments);
        }
        if (name == "undo_commit") {
            return undoCommit(arguments);
        }
        if (name == "status") {
            return status(arguments);
        }
        return sampleFromCommitted(arguments);
    } catch (const std::exception& error) {
        return errorResult("tool '" + name + "' failed: " + error.what());
    }
}

Result<std::vector<float>> CurationToolbox::embedCached(const std::string& text) {
    auto found = m_textCache.find(text);
    if (found == m_textCache.end()) {
        auto embedded = m_embedder.embedText(text);
        if (!embedded) {
            return embedded.takeError();
        }
        found = m_textCache.emplace(text, std::move(*embedded)).first;
    }
    return found->second.vector;
}

Result<CurationToolbox::Prepared> CurationToolbox::prepare(const json& arguments, bool needQuery) {
    Prepared prepared;
    auto opened = store();
    if (!opened) {
        return opened.takeError();
    }
    if (arguments.contains("source")) {
        for (const auto& item : arguments["source"]) {
            if (item.get<std::string>() == "all") {
                prepared.sources.clear();
                break;
            }
            prepared.sources.push_back(item.get<std::string>());
        }
    }
    auto segments = (*opened)->select(m_embedder.modelName(), prepared.sources);
    if (!segments) {
        return segments.takeError();
    }
    prepared.segments = std::move(*segments);
    prepared.sources.clear();
    for (const auto* matrix : prepared.segments) {
        prepared.sources.push_back(matrix->source());
    }
    if (!needQuery) {
        return prepared;
    }
    prepared.query = arguments.at("query").get<std::string>();
    auto queryVector = embedCached(prepared.query);
    if (!queryVector) {
        return makeError("query '" + prepared.query + "': " + queryVector.error());
    }
    for (const auto& warning : m_textCache[prepared.query].warnings) {
        prepared.warnings.push_back(warning);
    }
    std::vector<std::vector<float>> negatives;
    if (arguments.contains("negative_prompts")) {
        for (const auto& item : arguments["negative_prompts"]) {
            const std::string text = item.get<std::string>();
            auto vector = embedCached(text);
            if (!vector) {
                return makeError("negative prompt '" + text + "': " + vector.error());
            }
            negatives.push_back(std::move(*vector));
            prepared.negatives.push_back(text);
        }
    }
    prepared.negativeThreshold = arguments.value("negative_threshold", kDefaultNegativeThreshold);
    auto querySet = makeQuerySet(*queryVector, negatives, static_cast<float>(prepared.negativeThreshold));
    if (!querySet) {
        return querySet.takeError();
    }
    prepared.querySet = std::move(*querySet);
    return prepared;
}

const std::vector<ToolImage>* CurationToolbox::identities(const std::string& source) {
    auto found = m_identities.find(source);
    if (found != m_identities.end()) {
        return &found->second;
    }
    auto opened = store();
    if (!opened) {
        return nullptr;
    }
    const EmbeddingMatrix* matrix = (*opened)->find(source, m_embedder.modelName());
    if (!matrix) {
        return nullptr;
    }
    auto rows = readRowIdentities(*matrix);
    if (!rows) {
        return nullptr;
    }
    std::vector<ToolImage> images;
    auto& index = m_identityIndex[source];
    images.reserve(rows->size());
    for (auto& row : *rows) {
        index[row.id] = images.size();
        images.push_back({source, row.id, row.path, row.caption, 0.0});
    }
    return &(m_identities[source] = std::move(images));
}

ToolImage CurationToolbox::describe(const std::string& source, const std::string& id, double similarity) {
    ToolImage image{source, id, {}, {}, similarity};
    if (const auto* rows = identities(source)) {
        const auto& index = m_identityIndex[source];
        if (auto found = index.find(id); found != index.end()) {
            image.path = (*rows)[found->second].path;
            image.caption = (*rows)[found->second].caption;
        }
    }
    return image;
}

namespace {

std::string describeQuery(const std::string& query, const std::vector<std::string>& negatives,
                          double negThreshold, const std::vector<std::string>& sources) {
    std::string text = "\"" + query + "\" over " + joined(sources);
    if (!negatives.empty()) {
        text += "; negatives: " + joined(negatives) +
                " (masked at similarity >= " + thresholdText(negThreshold) + ")";
    }
    return text;
}

json histogramJson(const std::vector<float>& values, std::string& text) {
    json bins = json::array();
    if (values.empty()) {
        text += "similarity histogram: no unmasked images\n";
        return bins;
    }
    const auto [minIt, maxIt] = std::minmax_element(values.begin(), values.end());
    double low = std::floor(*minIt * 20.0) / 20.0;
    double high = std::ceil(*maxIt * 20.0) / 20.0;
    if (high - low < 0.1) {
        high = low + 0.1;
    }
    const size_t binCount = 10;
    const double width = (high - low) / binCount;
    std::vector<size_t> counts(binCount, 0);
    for (float value : values) {
        size_t bin = static_cast<size_t>((value - low) / width);
        counts[std::min(bin, binCount - 1)]++;
    }
    const size_t peak = *std::max_element(counts.begin(), counts.end());
    text += "similarity histogram of the unmasked images (10 bins):\n";
    for (size_t bin = binCount; bin-- > 0;) {
        const double from = low + width * bin;
        const double to = from + width;
        const size_t bar = peak ? (counts[bin] * 30 + peak - 1) / peak : 0;
        char line[128];
        std::snprintf(line, sizeof line, "  [%.3f, %.3f%c %7zu %s\n", from, to,
                      bin + 1 == binCount ? ']' : ')', counts[bin], std::string(bar, '#').c_str());
        text += line;
        bins.push_back({{"from", from}, {"to", to}, {"count", counts[bin]}});
    }
    return bins;
}

std::string imageLine(size_t number, const ToolImage& image, bool withSimilarity, bool withCaption) {
    std::string line = "  " + std::to_string(number) + ". ";
    if (withSimilarity) {
        line += similarityText(image.similarity) + "  ";
    }
    line += image.source + "/" + image.id;
    if (withCaption && !image.caption.empty()) {
        line += "  \"" + image.caption.substr(0, 160) + "\"";
    }
    return line + "\n";
}

json imageJson(const ToolImage& image) {
    return {{"source", image.source},
            {"id", image.id},
            {"path", image.path},
            {"caption", image.caption},
            {"similarity", image.similarity}};
}

} // namespace

ToolResult CurationToolbox::search(const json& arguments) {
    auto prepared = prepare(arguments, true);
    if (!prepared) {
        return errorResult("search: " + prepared.error());
    }
    const size_t topK = static_cast<size_t>(arguments.value("top_k", int64_t(20)));
    auto found = searchTopK(prepared->segments, prepared->querySet, topK);
    if (!found) {
        return errorResult("search: " + found.error());
    }
    SimilarityCollector collector;
    if (auto scanned = scanMatrices(prepared->segments, prepared->querySet, collector); !scanned) {
        return errorResult("search: " + scanned.error());
    }
    const std::vector<float> similarities = collector.all();
    describeHits(prepared->segments, found->hits);

    ToolResult result;
    result.ok = true;
    std::string& text = result.text;
    text =
        "search " +
        describeQuery(prepared->query, prepared->negatives, prepared->negativeThreshold, prepared->sources) +
        "\n";
    for (const auto& warning : prepared->warnings) {
        text += "note: " + warning + "\n";
    }
    text += "scanned " + formatCount(found->scanned) + " images: " + formatCount(similarities.size()) +
            " unmasked, " + formatCount(found->masked) + " masked by negatives\n";
    text += "top " + std::to_string(found->hits.size()) + " by similarity:\n";
    m_lastResults.clear();
    json hits = json::array();
    for (size_t i = 0; i < found->hits.size(); ++i) {
        const SearchHit& hit = found->hits[i];
        ToolImage image = describe(hit.source, hit.id, hit.similarity);
        text += imageLine(i + 1, image, true, false);
        hits.push_back(imageJson(image));
        m_lastResults.push_back(std::move(image));
    }
    m_lastQuery = prepared->query;
    json histogram = histogramJson(similarities, text);
    result.data = {{"query", prepared->query},
                   {"negative_prompts", prepared->negatives},
                   {"negative_threshold", prepared->negativeThreshold},
                   {"sources", prepared->sources},
                   {"scanned", found->scanned},
                   {"unmasked", similarities.size()},
                   {"masked", found->masked},
                   {"results", hits},
                   {"histogram", histogram}};
    return result;
}

ToolResult CurationToolbox::sample(const json& arguments) {
    auto prepared = prepare(arguments, true);
    if (!prepared) {
        return errorResult("sample: " + prepared.error());
    }
    const double minimum = arguments.at("min_threshold").get<double>();
    const double maximum = arguments.value("max_threshold", 1.0);
    const size_t count = static_cast<size_t>(arguments.value("count", int64_t(10)));
    const uint64_t seed =
        arguments.contains("seed") ? static_cast<uint64_t>(arguments["seed"].get<int64_t>()) : randomSeed();
    auto sampled = sampleBand(prepared->segments, prepared->querySet, static_cast<float>(minimum),
                              static_cast<float>(maximum), count, seed);
    if (!sampled) {
        return errorResult("sample: " + sampled.error());
    }
    describeHits(prepared->segments, sampled->hits);
    ToolResult result;
    result.ok = true;
    std::string& text = result.text;
    text =
        "Sampled " + std::to_string(sampled->hits.size()) + " from " + formatCount(sampled->eligible) +
        " candidates with similarity in [" + thresholdText(minimum) + ", " + thresholdText(maximum) +
        "] to " +
        describeQuery(prepared->query, prepared->negatives, prepared->negativeThreshold, prepared->sources) +
        " (" + formatCount(sampled->masked) + " masked; seed " + std::to_string(seed) + ")\n";
    std::vector<ToolImage> images;
    json hits = json::array();
    for (const auto& hit : sampled->hits) {
        images.push_back(describe(hit.source, hit.id, hit.similarity));
        hits.push_back(imageJson(images.back()));
    }
    if (!images.empty()) {
        text += "the grid image numbers the tiles as listed:\n";
    }
    for (size_t i = 0; i < images.size(); ++i) {
        text += imageLine(i + 1, images[i], true, true);
    }
    if (!images.empty()) {
        auto grid = compositeGridDataUrl(images);
        if (grid) {
            result.imageDataUrls.push_back(std::move(*grid));
        } else {
            text += "(no grid image: " + grid.error() + ")\n";
        }
    }
    m_lastResults = images;
    m_lastQuery = prepared->query;
    result.data = {{"query", prepared->query},
                   {"negative_prompts", prepared->negatives},
                   {"negative_threshold", prepared->negativeThreshold},
                   {"sources", prepared->sources},
                   {"min_threshold", minimum},
                   {"max_threshold", maximum},
                   {"eligible", sampled->eligible},
                   {"masked", sampled->masked},
                   {"seed", seed},
                   {"results", hits}};
    return result;
}

ToolResult CurationToolbox::aestheticsRateTool(const json& arguments) {
    const std::string query = trim(arguments.value("query", std::string()));
    const size_t sampleSize = static_cast<size_t>(arguments.value("sample_size", int64_t(30)));
    std::vector<ToolImage> images;
    std::string what;
    if (query.empty() || query == "last") {
        if (m_lastResults.empty()) {
            return errorResult("aesthetics_rate: there are no last results yet; run search or sample first, "
                               "or give a query");
        }
        images.assign(m_lastResults.begin(),
                      m_lastResults.begin() + static_cast<long>(std::min(sampleSize, m_lastResults.size())));
        what = "the last results (\"" + m_lastQuery + "\")";
    } else {
        auto prepared = prepare(arguments, true);
        if (!prepared) {
            return errorResult("aesthetics_rate: " + prepared.error());
        }
        std::vector<SearchHit> hits;
        if (arguments.contains("min_threshold") || arguments.contains("max_threshold")) {
            const double minimum = arguments.value("min_threshold", -1.0);
            const double maximum = arguments.value("max_threshold", 1.0);
            auto sampled = sampleBand(prepared->segments, prepared->querySet, static_cast<float>(minimum),
                                      static_cast<float>(maximum), sampleSize, 1);
            if (!sampled) {
                return errorResult("aesthetics_rate: " + sampled.error());
            }
            hits = std::move(sampled->hits);
            what = "a sample of " + formatCount(sampled->eligible) + " images with similarity in [" +
                   thresholdText(minimum) + ", " + thresholdText(maximum) + "] to \"" + query + "\"";
        } else {
            auto found = searchTopK(prepared->segments, prepared->querySet, sampleSize);
            if (!found) {
                return errorResult("aesthetics_rate: " + found.error());
            }
            hits = std::move(found->hits);
            what = "the top matches of \"" + query + "\"";
        }
        describeHits(prepared->segments, hits);
        for (const auto& hit : hits) {
            images.push_back(describe(hit.source, hit.id, hit.similarity));
        }
    }
    if (images.empty()) {
        return errorResult("aesthetics_rate: no images to rate (the band or query matched none)");
    }
    auto log = curationLog();
    if (!log) {
        return errorResult("aesthetics_rate: " + log.error());
    }
    std::vector<RateItem> items;
    for (const auto& image : images) {
        items.push_back({image.source, image.id, image.path, image.caption});
    }
    auto report = aestheticsRate(**log, items, m_captioner, m_scorer);
    if (!report) {
        return errorResult("aesthetics_rate: " + report.error());
    }
    ToolResult result;
    result.ok = true;
    std::string& text = result.text;
    text = "Rated " + std::to_string(report->rated.size()) + " of " + std::to_string(images.size()) +
           " images: " + what + " (scorer " + report->scorer + ", range " +
           thresholdText(m_scorer.range().minimum) + " to " + thresholdText(m_scorer.range().maximum) + ")\n";
    text += formatHistogram(report->histogram);
    if (!text.empty() && text.back() != '\n') {
        text += '\n';
    }
    std::vector<RatedImage> sorted = report->rated;
    std::sort(sorted.begin(), sorted.end(), [](const RatedImage& a, const RatedImage& b) {
        return a.score < b.score || (a.score == b.score && a.id < b.id);
    });
    auto listScores = [&](const char* label, size_t from, size_t to) {
        text += label;
        for (size_t i = from; i < to; ++i) {
            char score[32];
            std::snprintf(score, sizeof score, "%.2f", sorted[i].score);
            text += " " + sorted[i].source + "/" + sorted[i].id + " " + score + (i + 1 < to ? "," : "");
        }
        text += "\n";
    };
    const size_t shown = std::min<size_t>(3, sorted.size());
    if (shown) {
        listScores("lowest:", 0, shown);
        listScores("highest:", sorted.size() - shown, sorted.size());
    }
    if (!report->failures.empty()) {
        text += std::to_string(report->failures.size()) + " images could not be rated, e.g. " +
                report->failures.front().message + "\n";
    }
    json scores = json::array();
    for (const auto& rated : report->rated) {
        scores.push_back({{"source", rated.source}, {"id", rated.id}, {"score", rated.score}});
    }
    const ScoreHistogram& h = report->histogram;
    result.data = {{"scorer", report->scorer},
                   {"captioner", report->captioner},
                   {"rated", report->rated.size()},
                   {"failures", report->failures.size()},
                   {"mean", h.mean},
                   {"median", h.median},
                   {"minimum", h.minimum},
                   {"maximum", h.maximum},
                   {"edges", h.edges},
                   {"counts", h.counts},
                   {"scores", scores}};
    return result;
}

ToolResult CurationToolbox::commit(const json& arguments) {
    auto prepared = prepare(arguments, true);
    if (!prepared) {
        return errorResult("commit: " + prepared.error());
    }
    const double threshold = arguments.at("threshold").get<double>();
    auto log = curationLog();
    if (!log) {
        return errorResult("commit: " + log.error());
    }
    QueryCommitProvenance provenance;
    provenance.query = prepared->query;
    provenance.negativePrompts = prepared->negatives;
    provenance.threshold = threshold;
    provenance.negativeThreshold = prepared->negativeThreshold;
    provenance.message = arguments.at("message").get<std::string>();
    provenance.author = m_author;
    provenance.branch = m_branch;
    if (arguments.contains("tags")) {
        for (const auto& tag : arguments["tags"]) {
            provenance.tags.push_back(tag.get<std::string>());
        }
    }
    // The one commit-by-query path (selectAbove: exactly what count counts), refusing an empty selection.
    auto committed =
        commitQuery(**log, prepared->segments, prepared->querySet, provenance);
    if (!committed) {
        return errorResult("commit: " + committed.error() + " (query \"" + prepared->query + "\")");
    }
    const CommitOutcome* outcome = &committed->commit;
    ToolResult result;
    result.ok = true;
    result.text = "Committed " + shortId(outcome->id) + " on '" + outcome->branch +
                  "': " + formatCount(outcome->selected) +
                  " images selected (similarity >= " + thresholdText(threshold) + "), " +
                  formatCount(outcome->added) + " new to the dataset; " + formatCount(committed->masked) +
                  " masked by negatives (negative threshold " + thresholdText(prepared->negativeThreshold) +
                  ")\n";
    result.data = {{"id", outcome->id},
                   {"short_id", shortId(outcome->id)},
                   {"branch", outcome->branch},
                   {"parent", outcome->parent},
                   {"selected", outcome->selected},
                   {"added", outcome->added},
                   {"masked", committed->masked},
                   {"query", prepared->query},
                   {"threshold", threshold},
                   {"negative_prompts", prepared->negatives},
                   {"negative_threshold", prepared->negativeThreshold},
                   {"sources", prepared->sources},
                   {"tags", provenance.tags},
                   {"message", provenance.message},
                   {"embedding_model", committed->embeddingModel},
                   {"author", m_author}};
    return result;
}

ToolResult CurationToolbox::undoAs(const std::string& commitId, const std::string& author) {
    auto log = curationLog();
    if (!log) {
        return errorResult("undo_commit: " + log.error());
    }
    // On the run's branch, whatever the person has checked out.
    auto outcome = (*log)->undoCommit(commitId, author, m_branch);
    if (!outcome) {
        return errorResult("undo_commit: " + outcome.error());
    }
    ToolResult result;
    result.ok = true;
    result.text = std::string(outcome->redo ? "Redid " : "Reverted ") + shortId(outcome->target) + " with " +
                  shortId(outcome->id) + " on '" + outcome->branch + "': " + formatCount(outcome->affected) +
                  " images " + (outcome->redo ? "re-entered" : "left") + " the dataset\n";
    result.data = {{"id", outcome->id},         {"short_id", shortId(outcome->id)},
                   {"target", outcome->target}, {"branch", outcome->branch},
                   {"redo", outcome->redo},     {"affected", outcome->affected},
                   {"author", author}};
    return result;
}

ToolResult CurationToolbox::undoCommit(const json& arguments) {
    return undoAs(arguments.at("commit_id").get<std::string>(), m_author);
}

ToolResult CurationToolbox::humanUndo(const std::string& commitId) {
    return undoAs(commitId, "human");
}

ToolResult CurationToolbox::status(const json& /*arguments*/) {
    auto log = curationLog();
    if (!log) {
        return errorResult("status: " + log.error());
    }
    auto report = (*log)->status(m_branch);
    if (!report) {
        return errorResult("status: " + report.error());
    }
    ToolResult result;
    result.ok = true;
    std::string& text = result.text;
    text = "Branch '" + report->branch + "': " + formatCount(report->distinctImages) +
           " distinct images in " + std::to_string(report->liveCommits.size()) +
           " live commits (summed commit sizes " + formatCount(report->summedCommitSizes) + ")\n";
    if (!report->imagesBySource.empty()) {
        text += "by source:";
        for (const auto& [source, count] : report->imagesBySource) {
            text += " " + source + " " + formatCount(count) + ";";
        }
        text += "\n";
    }
    if (!report->imagesByTag.empty()) {
        text += "by tag:";
        for (const auto& [tag, count] : report->imagesByTag) {
            text += " " + tag + " " + formatCount(count) + ";";
        }
        text += "\n";
    }
    const size_t first = report->liveCommits.size() > 20 ? report->liveCommits.size() - 20 : 0;
    if (!report->liveCommits.empty()) {
        text += "live commits" + std::string(first ? " (last 20)" : "") + ":\n";
    }
    for (size_t i = first; i < report->liveCommits.size(); ++i) {
        const StatusCommit& commit = report->liveCommits[i];
        text += "  " + shortId(commit.id) + " " + formatCount(commit.images) + " images";
        if (!commit.tags.empty()) {
            text += " [" + joined(commit.tags) + "]";
        }
        if (!commit.query.empty()) {
            text += " query \"" + commit.query + "\"";
        }
        text += ": " + commit.message.substr(0, 120) + "\n";
    }
    result.data = json::parse(statusToJson(*report), nullptr, false);
    if (result.data.is_discarded()) {
        result.data = json::object();
    }
    return result;
}

ToolResult CurationToolbox::sampleFromCommitted(const json& arguments) {
    std::string commitId = trim(arguments.value("commit_id", std::string("all")));
    const size_t n = static_cast<size_t>(arguments.value("n", int64_t(10)));
    auto log = curationLog();
    if (!log) {
        return errorResult("sample_from_committed: " + log.error());
    }
    static std::atomic<uint64_t> counter{0x5eed};
    const uint64_t seed = counter++;
    std::vector<ToolImage> images;
    size_t population = 0;
    std::string what;
    if (commitId.empty() || commitId == "all") {
        auto dataset = (*log)->datasetImages(m_branch);
        if (!dataset) {
            return errorResult("sample_from_committed: " + dataset.error());
        }
        population = dataset->size();
        for (size_t index : drawWithoutReplacement(dataset->size(), std::min(n, dataset->size()), seed)) {
            const CatalogImage& image = (*dataset)[index];
            images.push_back({image.source, image.name, image.path, image.caption, 0.0});
        }
        what = "the dataset of '" + m_branch + "'";
        commitId = "all";
    } else {
        auto info = (*log)->commitInfo(commitId);
        if (!info) {
            return errorResult("sample_from_committed: " + info.error());
        }
        population = info->size;
        auto sampled = (*log)->sampleFromCommitted(info->id, n, seed);
        if (!sampled) {
            return errorResult("sample_from_committed: " + sampled.error());
        }
        for (const auto& image : *sampled) {
            images.push_back({image.source, image.name, image.path, image.caption, 0.0});
        }
        what = "commit " + shortId(info->id) + " (\"" + info->message.substr(0, 80) + "\")";
    }
    ToolResult result;
    result.ok = true;
    result.text = "Sampled " + std::to_string(images.size()) + " of " + formatCount(population) +
                  " images from " + what + "\n";
    json list = json::array();
    if (!images.empty()) {
        result.text += "the grid image numbers the tiles as listed:\n";
    }
    for (size_t i = 0; i < images.size(); ++i) {
        result.text += imageLine(i + 1, images[i], false, true);
        list.push_back(imageJson(images[i]));
    }
    if (!images.empty()) {
        auto grid = compositeGridDataUrl(images);
        if (grid) {
            result.imageDataUrls.push_back(std::move(*grid));
        } else {
            result.text += "(no grid image: " + grid.error() + ")\n";
        }
    }
    result.data = {{"commit", commitId}, {"population", population}, {"seed", seed}, {"results", list}};
    return result;
}

Result<std::string> compositeGridDataUrl(const std::vector<ToolImage>& images) {
    if (images.empty()) {
        return makeError("no images for a grid");
    }
    try {
        const int columns = std::min<int>(kGridColumns, static_cast<int>(images.size()));
        const int rows = static_cast<int>((images.size() + kGridColumns - 1) / kGridColumns);
        const int tile = kGridTileSize;
        cv::Mat canvas(rows * tile, columns * tile, CV_8UC3, cv::Scalar(24, 24, 24));
        for (size_t i = 0; i < images.size(); ++i) {
            const int x = static_cast<int>(i % kGridColumns) * tile;
            const int y = static_cast<int>(i / kGridColumns) * tile;
            cv::Mat cell = canvas(cv::Rect(x + 2, y + 2, tile - 4, tile - 4));
            bool drawn = false;
            if (!images[i].path.empty()) {
                auto decoded = decodeImageFile(images[i].path);
                if (decoded && decoded->width > 0 && decoded->height > 0) {
                    cv::Mat source = rgbView(*decoded);
                    const double scale =
                        std::min(double(cell.cols) / source.cols, double(cell.rows) / source.rows);
                    const int width = std::max(1, int(source.cols * scale));
                    const int height = std::max(1, int(source.rows * scale));
                    cv::Mat resized;
                    cv::resize(source, resized, cv::Size(width, height), 0, 0, cv::INTER_AREA);
                    resized.copyTo(
                        cell(cv::Rect((cell.cols - width) / 2, (cell.rows - height) / 2, width, height)));
                    drawn = true;
                }
            }
            if (!drawn) {
                cell.setTo(cv::Scalar(110, 110, 110));
                cv::line(cell, {0, 0}, {cell.cols - 1, cell.rows - 1}, cv::Scalar(200, 40, 40), 2);
                cv::line(cell, {cell.cols - 1, 0}, {0, cell.rows - 1}, cv::Scalar(200, 40, 40), 2);
            }
            const std::string label = std::to_string(i + 1);
            int baseline = 0;
            const cv::Size size = cv::getTextSize(label, cv::FONT_HERSHEY_SIMPLEX, 0.7, 2, &baseline);
            cv::rectangle(canvas, cv::Rect(x + 2, y + 2, size.width + 10, size.height + 12),
                          cv::Scalar(0, 0, 0), cv::FILLED);
            cv::putText(canvas, label, {x + 7, y + 8 + size.height}, cv::FONT_HERSHEY_SIMPLEX, 0.7,
                        cv::Scalar(255, 255, 0), 2, cv::LINE_AA);
        }
        return imageDataUrl(toRgbImage(canvas, false));
    } catch (const std::exception& error) {
        return makeError(std::string("grid image: ") + error.what());
    }
}

} // namespace curator
