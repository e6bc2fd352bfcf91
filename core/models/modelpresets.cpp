#include "models/modelpresets.h"

namespace curator {

const char* modelRoleKey(ModelRole role) {
    switch (role) {
    case ModelRole::Embedder:
        return "embedder";
    case ModelRole::Scorer:
        return "scorer";
    case ModelRole::Captioner:
        return "captioner";
    }
    return "model";
}

const std::vector<ModelPreset>& modelPresets() {
    // The template is stored as settings.json keeps it: `\n` written as backslash-n.
    static const std::vector<ModelPreset> presets = {
        {"builtin-embedder", ModelRole::Embedder, "builtin (offline)", "builtin", "",
         "nothing to serve: pixel statistics and the taxonomy's words"},
        {"clip-torchscript", ModelRole::Embedder, "CLIP ViT-B-32", "torchscript:models/vit-b-32", "",
         "python3 tools/export_clip.py --open-clip ViT-B-32 --pretrained laion2b_s34b_b79k --out "
         "models/vit-b-32"},
        {"qwen3-vl-embedding", ModelRole::Embedder, "Qwen3-VL-Embedding-8B",
         "openai:http://localhost:8000/v1#Qwen/Qwen3-VL-Embedding-8B",
         "Instruct: Represent the user's input.\\nQuery: {text}",
         "vllm serve Qwen/Qwen3-VL-Embedding-8B --runner pooling --port 8000"},
        {"builtin-scorer", ModelRole::Scorer, "builtin proxy (offline)", "builtin", "",
         "nothing to serve: a proxy from pixel statistics"},
        {"hpsv3", ModelRole::Scorer, "HPSv3", "openai:http://localhost:8765#hpsv3", "",
         "python3 tools/hpsv3_server.py --host 0.0.0.0 --port 8765"},
        {"builtin-captioner", ModelRole::Captioner, "builtin (captions beside the images)", "builtin", "",
         "nothing to serve: captions.jsonl beside the images"},
        {"vlm-captioner", ModelRole::Captioner, "Qwen2.5-VL-7B-Instruct",
         "openai:http://localhost:8001/v1#Qwen/Qwen2.5-VL-7B-Instruct", "",
         "vllm serve Qwen/Qwen2.5-VL-7B-Instruct --port 8001"},
        {"ollama-captioner", ModelRole::Captioner, "LLaVA (Ollama)", "openai:http://localhost:11434/v1#llava",
         "", "ollama pull llava && ollama serve"},
    };
    return presets;
}

std::vector<ModelPreset> modelPresetsFor(ModelRole role) {
    std::vector<ModelPreset> found;
    for (const ModelPreset& preset : modelPresets()) {
        if (preset.role == role) {
            found.push_back(preset);
        }
    }
    return found;
}

const ModelPreset* findModelPreset(const std::string& id) {
    for (const ModelPreset& preset : modelPresets()) {
        if (preset.id == id) {
            return &preset;
        }
    }
    return nullptr;
}

} // namespace curator
