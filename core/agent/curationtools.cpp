#include "agent/curationtools.h"

#include "agent/tools/toolcontext.h"
#include "agent/tools/toolformat.h"
#include "agent/tools/toolregistry.h"
#include "common/utf8text.h"

namespace curator {

using nlohmann::json;
using tooltext::errorResult;
using tooltext::joined;
using tooltext::trim;

CurationToolbox::CurationToolbox(std::string workspaceDirectory, Embedder& embedder, Scorer& scorer,
                                 Captioner& captioner, std::string author, std::string branch)
    : m_registry(ToolRegistry::builtin())
    , m_context(std::make_unique<ToolContext>(std::move(workspaceDirectory), embedder, scorer, captioner,
                                              std::move(author), std::move(branch))) {}

CurationToolbox::~CurationToolbox() = default;

std::vector<std::string> CurationToolbox::toolNames() {
    return ToolRegistry::builtin().names();
}

std::vector<std::string> CurationToolbox::sources() {
    return m_context->sources();
}

Result<json> CurationToolbox::commitPreview(const json& arguments, size_t sampleSize) {
    CURATOR_TRY(PreparedQuery prepared, m_context->prepare(arguments, true));
    const double threshold = arguments.at("threshold").get<double>();
    // The band [threshold, 2] holds exactly the rows a commit selects (similarities never exceed 1).
    constexpr uint64_t kPreviewSeed = 1;
    CURATOR_TRY(SampleResult sample, m_context->session().sample(prepared, static_cast<float>(threshold),
                                                                 2.0f, sampleSize, kPreviewSeed));
    json rows = json::array();
    for (const ToolImage& image : m_context->describe(prepared, sample.hits)) {
        rows.push_back({{"source", image.source},
                        {"id", image.id},
                        {"path", image.path},
                        {"caption", image.caption},
                        {"similarity", image.similarity}});
    }
    return json{
        {"count", sample.eligible}, {"masked", sample.masked}, {"threshold", threshold}, {"rows", rows}};
}

Result<CommitWhatIf> CurationToolbox::commitWhatIf(const json& arguments) {
    CURATOR_TRY(PreparedQuery prepared, m_context->prepare(arguments, true));
    CURATOR_TRY(CurationLog * log, m_context->curationLog());
    return CommitWhatIf::compute(m_context->session(), *log, prepared, m_context->branch());
}

const std::string& CurationToolbox::branch() const {
    return m_context->branch();
}

const std::string& CurationToolbox::author() const {
    return m_context->author();
}

const std::string& CurationToolbox::workspaceDirectory() const {
    return m_context->workspaceDirectory();
}

void CurationToolbox::setGridTileSize(int pixels) {
    m_context->setGridTileSize(pixels);
}

void CurationToolbox::setCancelFlag(const std::atomic<bool>* cancel) {
    m_context->setCancelFlag(cancel);
}

void CurationToolbox::setRatingRequests(size_t concurrency, size_t scoreBatchSize) {
    RatingOptions options = m_context->ratingOptions();
    options.concurrency = concurrency;
    options.scoreBatchSize = scoreBatchSize;
    m_context->setRatingOptions(options);
}

int CurationToolbox::gridTileSize() const {
    return m_context->gridTileSize();
}

size_t CurationToolbox::embeddedTextCount() const {
    return m_context->embeddedTextCount();
}

std::vector<ToolSchema> CurationToolbox::schemas() {
    const std::vector<std::string> names = sources();
    std::vector<ToolSchema> list;
    for (const ToolDefinition* tool : m_registry.tools()) {
        list.push_back({tool->spec.name, tool->spec.description, schemaOf(tool->spec, names).dump()});
    }
    return list;
}

Status CurationToolbox::coerceAndValidate(const std::string& name, json& arguments) {
    const ToolDefinition* tool = m_registry.find(name);
    if (!tool) {
        return makeError("unknown tool '" + name + "'; the tools are: " + joined(m_registry.names()));
    }
    json coerced = arguments;
    if (auto valid = coerceArguments(tool->spec, coerced, [this] { return sources(); }); !valid) {
        return valid;
    }
    if (tool->validate) {
        if (auto valid = tool->validate(coerced); !valid) {
            return valid;
        }
    }
    arguments = std::move(coerced);
    return {};
}

ToolResult CurationToolbox::execute(const std::string& name, const std::string& argumentsJson) {
    try {
        const ToolDefinition* tool = m_registry.find(name);
        if (!tool) {
            return errorResult("unknown tool '" + snippetOf(name, 100) +
                               "'; the tools are: " + joined(m_registry.names()));
        }
        json arguments =
            trim(argumentsJson).empty() ? json::object() : json::parse(argumentsJson, nullptr, false);
        if (arguments.is_discarded()) {
            // Echoed to the model and the transcript: whole characters only, valid UTF-8.
            const std::string shown = snippetOf(argumentsJson, 200);
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
        return tool->run(*m_context, arguments);
    } catch (const std::exception& error) {
        return errorResult("tool '" + name + "' failed: " + sanitizeUtf8(error.what()));
    }
}

ToolResult CurationToolbox::executeApproved(const std::string& name, const std::string& argumentsJson) {
    m_context->setHumanApproved(true);
    ToolResult result = execute(name, argumentsJson);
    m_context->setHumanApproved(false);
    return result;
}

ToolResult CurationToolbox::search(const json& arguments) {
    return curator::searchTool().run(*m_context, arguments);
}

ToolResult CurationToolbox::sample(const json& arguments) {
    return curator::sampleTool().run(*m_context, arguments);
}

ToolResult CurationToolbox::aestheticsRateTool(const json& arguments) {
    return curator::aestheticsRateTool().run(*m_context, arguments);
}

ToolResult CurationToolbox::commit(const json& arguments) {
    return curator::commitTool().run(*m_context, arguments);
}

ToolResult CurationToolbox::undoCommit(const json& arguments) {
    return curator::undoCommitTool().run(*m_context, arguments);
}

ToolResult CurationToolbox::status(const json& arguments) {
    return curator::statusTool().run(*m_context, arguments);
}

ToolResult CurationToolbox::sampleFromCommitted(const json& arguments) {
    return curator::sampleFromCommittedTool().run(*m_context, arguments);
}

ToolResult CurationToolbox::humanUndo(const std::string& commitId) {
    return undoCommitAs(*m_context, commitId, "human");
}

} // namespace curator
