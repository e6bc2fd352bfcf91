#pragma once

// Resource files compiled into curator_core (see core/resources/embed.cmake), so a program finds them
// wherever it is installed or run from. The files themselves live in the repository's resources/.
namespace curator::resources {

const char* classesJson(); // resources/classes.json: the default taxonomy
const char* builtinVocabularyJson();
const char* agentSystemPromptV1(); // resources/builtin_vocabulary.json: the builtin embedder's text side

} // namespace curator::resources
