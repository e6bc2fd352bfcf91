#pragma once

#include "common/result.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace curator {

// One generated image of the demo collection.
struct DemoImage {
    std::string file;                    // relative to the collection directory: "dreamcore/000042.jpg"
    std::string source;                  // "photos", "artwork" or "dreamcore"
    std::string scene;                   // "landscape", "room", "corridor", "objects", "figures"
    std::vector<std::string> attributes; // ground truth: taxonomy attribute names applied ([] = clean)
    std::string caption;                 // objective description of what was drawn
};

struct DemoCollection {
    std::string directory;
    std::vector<DemoImage> images; // in generation order
    double seconds = 0;            // wall time spent generating
};

// Called from the calling thread with (done, total); returning false cancels the generation.
using DemoProgress = std::function<bool(size_t done, size_t total)>;

// Draws `count` procedural scenes with OpenCV (landscapes, rooms and corridors, objects, figures) at
// 512x512, clean or with deliberate degradations, each named by an attribute of resources/classes.json.
// Writes OUTPUT/{photos,artwork,dreamcore}/NNNNNN.{jpg,png}, a captions.jsonl in each source directory
// ({"file","caption"}) and OUTPUT/labels.jsonl ({"file","source","scene","attributes"}). The same seed
// gives the same images. `threads` 0 uses every hardware thread.
Result<DemoCollection> generateDemoCollection(const std::string& outputDirectory, size_t count, uint64_t seed,
                                              const DemoProgress& progress = {}, unsigned threads = 0);

// Every degradation the generator applies, as taxonomy attribute names.
const std::vector<std::string>& demoDegradationAttributes();

} // namespace curator
