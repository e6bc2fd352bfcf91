#pragma once

#include <string>
#include <vector>

namespace curator {

// Which of a workspace's three models a preset (or a check) is about.
enum class ModelRole { Embedder, Scorer, Captioner };

// The setting a role is kept under in settings.json and named by on the command line.
const char* modelRoleKey(ModelRole role);

// A documented path to a real model (docs/models.md) as the spec a workspace keeps: the workstation's
// settings offer these, the user then puts in the host and the model. THE table: docs/models.md shows
// the same specs (a test compares them).
struct ModelPreset {
    std::string id;   // stable, e.g. "qwen3-vl-embedding"
    ModelRole role;   // what it serves as
    std::string name; // the model, as a person names it ("Qwen3-VL-Embedding-8B")
    std::string spec; // the setting, with localhost for the host ("openai:http://localhost:8000/v1#...")
    std::string queryTemplate; // the embedder's query template the model expects (empty: none)
    std::string serve;         // the command that serves it, or how its files are made (one line)
};

// Every preset, the builtin offline default of each role first.
const std::vector<ModelPreset>& modelPresets();
std::vector<ModelPreset> modelPresetsFor(ModelRole role);
// nullptr when no preset has that id.
const ModelPreset* findModelPreset(const std::string& id);

} // namespace curator
