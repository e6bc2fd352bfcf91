#pragma once

#include "common/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace curator {

// One attribute of the taxonomy: a named aesthetic property with a one-sentence description.
struct TaxonomyAttribute {
    std::string name; // as written in the file ("motion_blur", "Psychedelic art")
    std::string description;
    std::string group;    // "anti_aesthetics", "pro_aesthetics", ...
    std::string category; // "clarity_and_focus"; the group's name when the group maps straight to strings
};

struct TaxonomyCategory {
    std::string name;
    std::vector<TaxonomyAttribute> attributes;
};

struct TaxonomyGroup {
    std::string name;
    bool flat = false; // the older variant: the group maps attribute names straight to descriptions
    std::vector<TaxonomyCategory> categories;
};

// The classes.json taxonomy: groups -> categories -> attributes, in file order.
// Accepted shapes (ORIGINAL-SYSTEM.md): {"anti_aesthetics": {category: {attribute: description}},
// "pro_aesthetics": {...}}; the same with anti only; and the older variant with an extra top-level
// key mapping attribute names straight to descriptions. Keys may contain spaces ("Psychedelic art").
class Taxonomy {
public:
    static Result<Taxonomy> loadFile(const std::string& path);
    // `fileLabel` names the file in messages ("classes.json: anti_aesthetics.x.y: expected ...").
    static Result<Taxonomy> parse(std::string_view jsonText, const std::string& fileLabel);

    const std::vector<TaxonomyGroup>& groups() const { return m_groups; }
    const TaxonomyGroup* group(const std::string& name) const;
    // Every attribute, in file order; with a group name, that group's only.
    std::vector<const TaxonomyAttribute*> attributes(const std::string& groupName = {}) const;
    size_t attributeCount(const std::string& groupName = {}) const;

    // Case-insensitive; spaces, hyphens and underscores are equal ("Motion Blur" finds motion_blur).
    // The first match in file order, or nullptr.
    const TaxonomyAttribute* findAttribute(const std::string& name) const;

    // The key findAttribute compares: lowercase, runs of ' ', '-', '_' folded to one '_'.
    static std::string normalizedName(std::string_view name);

private:
    std::vector<TaxonomyGroup> m_groups;
};

// The shipped taxonomy inside a resources directory (the caller knows where resources live).
std::string defaultTaxonomyPath(const std::string& resourcesDirectory);

} // namespace curator
