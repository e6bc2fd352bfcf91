#include "taxonomy/taxonomy.h"

#include "common/fileutil.h"
#include "common/jsonguard.h"

#include <nlohmann/json.hpp>

#include <cctype>

namespace curator {

namespace {

using Json = nlohmann::ordered_json; // keeps the file's order of groups, categories and attributes

std::string typeName(const Json& value) {
    return value.type_name();
}

Result<TaxonomyCategory> parseCategory(const Json& object, const std::string& label, const std::string& group,
                                       const std::string& category) {
    TaxonomyCategory result;
    result.name = category;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string path =
            label + ": " + group + (group == category ? "" : "." + category) + "." + it.key();
        if (!it.value().is_string())
            return makeError(path + ": expected a string description, found " + typeName(it.value()));
        if (it.key().empty())
            return makeError(path + ": an attribute name must not be empty");
        result.attributes.push_back({it.key(), it.value().get<std::string>(), group, category});
    }
    return result;
}

} // namespace

Result<Taxonomy> Taxonomy::loadFile(const std::string& path) {
    auto text = readWholeFile(path);
    if (!text)
        return text.takeError();
    return parse(*text, path);
}

Result<Taxonomy> Taxonomy::parse(std::string_view jsonText, const std::string& fileLabel) {
    CURATOR_TRY_STATUS(checkJsonDepth(jsonText, fileLabel));
    Json root;
    try {
        root = Json::parse(jsonText.begin(), jsonText.end());
    } catch (const std::exception& error) {
        return makeError(fileLabel + ": not valid JSON: " + error.what());
    }
    if (!root.is_object())
        return makeError(fileLabel +
                         ": expected a JSON object of taxonomy groups (\"anti_aesthetics\", "
                         "\"pro_aesthetics\"), found " +
                         typeName(root));
    if (root.empty())
        return makeError(fileLabel +
                         ": no taxonomy groups (expected \"anti_aesthetics\" and/or \"pro_aesthetics\")");

    Taxonomy taxonomy;
    for (auto groupIt = root.begin(); groupIt != root.end(); ++groupIt) {
        const std::string& groupName = groupIt.key();
        const Json& groupValue = groupIt.value();
        if (!groupValue.is_object())
            return makeError(fileLabel + ": " + groupName +
                             ": expected an object of categories (or of attribute descriptions), found " +
                             typeName(groupValue));
        TaxonomyGroup group;
        group.name = groupName;
        // A group holds categories (objects) or, in the older variant, descriptions (strings): never both.
        size_t strings = 0, objects = 0;
        for (const auto& value : groupValue) {
            strings += value.is_string();
            objects += value.is_object();
        }
        if (strings > 0 && objects == 0) {
            group.flat = true;
            auto category = parseCategory(groupValue, fileLabel, groupName, groupName);
            if (!category)
                return category.takeError();
            group.categories.push_back(std::move(*category));
        } else {
            for (auto categoryIt = groupValue.begin(); categoryIt != groupValue.end(); ++categoryIt) {
                const std::string path = fileLabel + ": " + groupName + "." + categoryIt.key();
                if (!categoryIt.value().is_object())
                    return makeError(path + ": expected an object of attribute descriptions, found " +
                                     typeName(categoryIt.value()));
                auto category = parseCategory(categoryIt.value(), fileLabel, groupName, categoryIt.key());
                if (!category)
                    return category.takeError();
                group.categories.push_back(std::move(*category));
            }
        }
        taxonomy.m_groups.push_back(std::move(group));
    }
    if (taxonomy.attributeCount() == 0)
        return makeError(fileLabel + ": the taxonomy holds no attributes");
    return taxonomy;
}

const TaxonomyGroup* Taxonomy::group(const std::string& name) const {
    for (const auto& group : m_groups)
        if (group.name == name)
            return &group;
    return nullptr;
}

std::vector<const TaxonomyAttribute*> Taxonomy::attributes(const std::string& groupName) const {
    std::vector<const TaxonomyAttribute*> result;
    for (const auto& group : m_groups) {
        if (!groupName.empty() && group.name != groupName)
            continue;
        for (const auto& category : group.categories)
            for (const auto& attribute : category.attributes)
                result.push_back(&attribute);
    }
    return result;
}

size_t Taxonomy::attributeCount(const std::string& groupName) const {
    return attributes(groupName).size();
}

const TaxonomyAttribute* Taxonomy::findAttribute(const std::string& name) const {
    const std::string key = normalizedName(name);
    for (const auto* attribute : attributes())
        if (normalizedName(attribute->name) == key)
            return attribute;
    return nullptr;
}

std::string Taxonomy::normalizedName(std::string_view name) {
    std::string result;
    bool pendingSeparator = false;
    for (char c : name) {
        if (c == ' ' || c == '_' || c == '-' || c == '\t') {
            pendingSeparator = !result.empty();
            continue;
        }
        if (pendingSeparator)
            result += '_';
        pendingSeparator = false;
        result += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return result;
}

std::string defaultTaxonomyPath(const std::string& resourcesDirectory) {
    if (resourcesDirectory.empty())
        return "classes.json";
    const char last = resourcesDirectory.back();
    return resourcesDirectory + (last == '/' ? "" : "/") + "classes.json";
}

} // namespace curator
