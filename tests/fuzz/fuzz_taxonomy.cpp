// The taxonomy (classes.json and its variants), as a settings file may name it.
#include "taxonomy/taxonomy.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto taxonomy = curator::Taxonomy::parse({reinterpret_cast<const char*>(data), size}, "classes.json");
    if (taxonomy) {
        (void)taxonomy->attributeCount();
    }
    return 0;
}
