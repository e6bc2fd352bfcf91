// The tool registry (one entry per tool, dispatch by name), the shared argument coercion, the typed agent
// events with their names at the JSON edge, the transcript's version, and the planner factory.
#include "agenttesthelpers.h"

#include "agent/agentevents.h"
#include "agent/curationtools.h"
#include "agent/plannerfactory.h"
#include "agent/tools/toolarguments.h"
#include "agent/tools/toolregistry.h"
#include "agent/transcript.h"

#include <gtest/gtest.h>

#include <limits>
#include <set>

namespace curator {
namespace {

using nlohmann::json;

TEST(ToolRegistry, EveryToolHasASchemaOfItsNameAndAHandler) {
    const ToolRegistry& registry = ToolRegistry::builtin();
    ASSERT_EQ(registry.tools().size(), 8u);
    EXPECT_EQ(registry.names(), CurationToolbox::toolNames());
    std::set<std::string> seen;
    for (const ToolDefinition* tool : registry.tools()) {
        EXPECT_TRUE(seen.insert(tool->spec.name).second) << "two tools named " << tool->spec.name;
        EXPECT_NE(tool->run, nullptr) << tool->spec.name;
        EXPECT_FALSE(tool->spec.description.empty()) << tool->spec.name;
        EXPECT_EQ(registry.find(tool->spec.name), tool);
        // Every alias leads to a parameter of the tool.
        for (const auto& [alias, canonical] : tool->spec.aliases) {
            bool found = false;
            for (const auto& param : tool->spec.params) {
                found = found || param.name == canonical;
            }
            EXPECT_TRUE(found) << tool->spec.name << ": alias " << alias << " -> " << canonical;
        }
    }
    EXPECT_EQ(registry.find("delete_everything"), nullptr);

    // The toolbox's schemas come from the registry: same names, same order, one property per parameter.
    test::TempDir dir; // no store: the source enums list only "all"
    test::Backends backends = test::builtinBackends();
    CurationToolbox toolbox(dir.path(), *backends.embedder, *backends.scorer, *backends.captioner, "agent:r",
                            "agent/r");
    const std::vector<ToolSchema> schemas = toolbox.schemas();
    ASSERT_EQ(schemas.size(), registry.tools().size());
    for (size_t i = 0; i < schemas.size(); ++i) {
        const ToolDefinition& tool = *registry.tools()[i];
        EXPECT_EQ(schemas[i].name, tool.spec.name);
        const json parameters = json::parse(schemas[i].parametersJson);
        EXPECT_EQ(parameters["properties"].size(), tool.spec.params.size()) << tool.spec.name;
        for (const auto& param : tool.spec.params) {
            EXPECT_TRUE(parameters["properties"].contains(param.name)) << tool.spec.name << "." << param.name;
        }
    }
}

TEST(ToolRegistry, AnUnknownNameIsAnErrorResult) {
    test::TempDir dir;
    test::Backends backends = test::builtinBackends();
    CurationToolbox toolbox(dir.path(), *backends.embedder, *backends.scorer, *backends.captioner, "agent:r",
                            "agent/r");
    const ToolResult result = toolbox.execute("delete_everything", R"({"query": "x"})");
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.text.rfind("ERROR: unknown tool 'delete_everything'", 0), 0u) << result.text;
    for (const auto& name : CurationToolbox::toolNames()) {
        EXPECT_NE(result.text.find(name), std::string::npos) << name;
    }
    json arguments = json::object();
    const Status valid = toolbox.coerceAndValidate("delete_everything", arguments);
    EXPECT_FALSE(valid.ok());
    EXPECT_NE(valid.error().find("unknown tool"), std::string::npos);
}

TEST(ToolArguments, SharedCoercionMapsAliasesAndChecksTypes) {
    const ToolSpec spec{"probe",
                        "a tool for the test",
                        {{"query", ParamType::String, true, std::nullopt, std::nullopt, "q", true},
                         {"top_k", ParamType::Integer, false, 1.0, 10.0, "k"},
                         {"tags", ParamType::StringList, false, std::nullopt, std::nullopt, "t"}},
                        {{"k", "top_k"}}};
    const auto noSources = [] { return std::vector<std::string>{}; };
    json arguments = {{"query", "film grain"}, {"k", "3"}, {"tags", "grain"}};
    ASSERT_TRUE(coerceArguments(spec, arguments, noSources).ok());
    EXPECT_EQ(arguments, (json{{"query", "film grain"}, {"top_k", 3}, {"tags", {"grain"}}}));

    json empty = {{"query", "  "}};
    const Status blank = coerceArguments(spec, empty, noSources);
    ASSERT_FALSE(blank.ok());
    EXPECT_EQ(blank.error(), "tool 'probe': argument 'query' must not be empty");
    json outOfRange = {{"query", "x"}, {"top_k", 11}};
    EXPECT_NE(coerceArguments(spec, outOfRange, noSources).error().find("out of range [1, 10]"),
              std::string::npos);
}

// A model may send any number; an integer parameter without a declared range is still refused past
// int64_t instead of being converted (found while fixing a fuzz finding; the conversion is undefined).
TEST(ToolArguments, IntegersBeyondInt64AreOutOfRangeEvenWithoutALimit) {
    const ToolSpec spec{"probe",
                        "a tool for the test",
                        {{"n", ParamType::Integer, false, std::nullopt, std::nullopt, "n"}},
                        {}};
    const auto noSources = [] { return std::vector<std::string>{}; };
    for (const json& huge : {json(1e300), json(-1e300), json("9.3e18"), json(9223372036854775808.0)}) {
        json arguments = {{"n", huge}};
        const Status coerced = coerceArguments(spec, arguments, noSources);
        ASSERT_FALSE(coerced.ok()) << huge.dump();
        EXPECT_NE(coerced.error().find("out of range"), std::string::npos) << coerced.error();
    }
    json fits = {{"n", 9.0e18}};
    ASSERT_TRUE(coerceArguments(spec, fits, noSources).ok());
    EXPECT_EQ(fits["n"], int64_t(9000000000000000000));
}

TEST(AgentEvents, EveryKindRoundTripsThroughItsName) {
    std::set<std::string> names;
    for (EventKind kind : kEventKinds) {
        const std::string name = eventKindName(kind);
        EXPECT_FALSE(name.empty());
        EXPECT_TRUE(names.insert(name).second) << "two kinds named " << name;
        ASSERT_TRUE(eventKindFromName(name).has_value()) << name;
        EXPECT_EQ(*eventKindFromName(name), kind);
        const json event = makeEvent(kind, {{"turn", 3}});
        EXPECT_EQ(event["type"], name);
        EXPECT_EQ(event["turn"], 3);
        EXPECT_EQ(eventKindOf(event), kind);
    }
    EXPECT_EQ(names.size(), 19u);
    // The wire names the transcripts already hold.
    EXPECT_EQ(std::string(eventKindName(EventKind::ToolCall)), "tool_call");
    EXPECT_EQ(std::string(eventKindName(EventKind::RunStarted)), "run_started");
    EXPECT_EQ(std::string(eventKindName(EventKind::RunForked)), "run_forked");
    EXPECT_EQ(std::string(eventKindName(EventKind::MessageDelivered)), "message_delivered");
    EXPECT_FALSE(eventKindFromName("tool_calls").has_value());
    EXPECT_FALSE(eventKindFromName("").has_value());
    EXPECT_FALSE(eventKindOf(json{{"type", 5}}).has_value());
    EXPECT_FALSE(eventKindOf(json::object()).has_value());

    std::set<std::string> actions;
    for (HumanActionKind action : kHumanActionKinds) {
        const std::string name = humanActionName(action);
        EXPECT_TRUE(actions.insert(name).second) << name;
        EXPECT_EQ(humanActionFromName(name), action);
    }
    EXPECT_EQ(std::string(humanActionName(HumanActionKind::ApproveWithThreshold)), "approve_with_threshold");
    EXPECT_FALSE(humanActionFromName("redo").has_value());
}

TEST(AgentEvents, TranscriptVersionIsReadAndANewerOneRefused) {
    const json message = makeEvent(EventKind::Message, {{"message", {{"role", "user"}, {"content", "hi"}}}});
    // Written before the version field existed: version 1.
    auto old = rebuildFromTranscript({json{{"type", "run_started"}, {"seq", 0}, {"theme", "t"}}, message});
    ASSERT_TRUE(old.ok()) << old.error();
    EXPECT_EQ(old->version, 1);
    EXPECT_EQ(old->messages.size(), 1u);
    auto current = rebuildFromTranscript(
        {makeEvent(EventKind::RunStarted, {{"transcript_version", kTranscriptVersion}}), message});
    ASSERT_TRUE(current.ok()) << current.error();
    EXPECT_EQ(current->version, kTranscriptVersion);
    auto newer = rebuildFromTranscript({makeEvent(EventKind::RunStarted, {{"transcript_version", 99}})});
    ASSERT_FALSE(newer.ok());
    EXPECT_NE(newer.error().find("transcript version 99 is newer"), std::string::npos) << newer.error();
    // An event kind a newer writer added is skipped, not an error.
    auto unknown = rebuildFromTranscript({makeEvent(EventKind::RunStarted), json{{"type", "telemetry"}}});
    EXPECT_TRUE(unknown.ok());
}

// Found by the CI fuzzer: a transcript's numbers are whatever an editor (or a broken disk) left there. A
// seq, version or image count that does not fit is ignored, never cast.
TEST(AgentEvents, NumbersOutOfRangeInATranscriptAreIgnored) {
    auto state = rebuildFromTranscript(
        {json{{"type", "run_started"}, {"seq", 0}, {"transcript_version", -1e300}},
         json{{"type", "message"},
              {"seq", 6.88889e115},
              {"images", -1e300},
              {"message", {{"role", "user"}, {"content", "look"}}}},
         json{{"type", "message"}, {"seq", 4.0}, {"message", {{"role", "assistant"}, {"content", "ok"}}}},
         json{{"type", "run_finished"}, {"seq", std::numeric_limits<uint64_t>::max()}, {"reason", "x"}}});
    ASSERT_TRUE(state.ok()) << state.error();
    EXPECT_EQ(state->version, 1);
    EXPECT_EQ(state->nextSeq, 5); // 4.0 is a whole number; 6.9e115 and 2^64-1 are not seqs
    EXPECT_EQ(state->messages.size(), 2u);
    EXPECT_EQ(seqAfter(10, json{{"seq", 9223372036854775807LL}}), 10); // no overflow past int64_t
}

TEST(PlannerFactory, MakesTheHeuristicOrTheLlmPlanner) {
    test::Backends backends = test::builtinBackends();
    auto heuristic = createPlanner({}, *backends.embedder);
    ASSERT_TRUE(heuristic.ok()) << heuristic.error();
    EXPECT_EQ((*heuristic)->name(), "heuristic");

    PlannerOptions llm;
    llm.baseUrl = "http://127.0.0.1:9/v1";
    llm.model = "some-model";
    EXPECT_EQ(plannerKind(llm), "llm");
    auto planner = createPlanner(llm, *backends.embedder);
    ASSERT_TRUE(planner.ok()) << planner.error();
    EXPECT_EQ((*planner)->name(), "llm");
    EXPECT_EQ((*planner)->model(), "some-model");

    PlannerOptions noModel = llm;
    noModel.model.clear();
    auto refused = createPlanner(noModel, *backends.embedder);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().find("--model NAME"), std::string::npos);
    noModel.requireModel = false; // the workstation's Settings may leave the model empty
    EXPECT_TRUE(createPlanner(noModel, *backends.embedder).ok());

    PlannerOptions noUrl;
    noUrl.kind = "llm";
    noUrl.model = "m";
    EXPECT_FALSE(createPlanner(noUrl, *backends.embedder).ok());
    PlannerOptions unknown;
    unknown.kind = "oracle";
    auto oracle = createPlanner(unknown, *backends.embedder);
    ASSERT_FALSE(oracle.ok());
    EXPECT_NE(oracle.error().find("unknown planner 'oracle'"), std::string::npos);
}

} // namespace
} // namespace curator
