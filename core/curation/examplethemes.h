#pragma once

#include <string>
#include <vector>

namespace curator {

class Embedder;

// Themes across the anti-aesthetic spectrum to offer someone who has not searched yet, most telling first.
const std::vector<std::string>& exampleThemeCandidates();

// The candidates `embedder` can serve: those it places without ignoring a word (the builtin embedder
// knows only its vocabulary's phrases), at most `count`. Embeds each text: call it with a local embedder.
std::vector<std::string> exampleThemes(Embedder& embedder, size_t count = 4);

} // namespace curator
