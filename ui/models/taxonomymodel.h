#pragma once

#include "taxonomy/coverage.h"

#include <QAbstractItemModel>

#include <vector>

namespace curator::ui {

// The taxonomy as a tree (group -> category -> attribute) with the dataset's coverage: distinct images and
// commits per node, and per group and category how many attributes have no image yet. Attributes with no
// image are gaps: drawn red and italic. Descriptions are tooltips.
class TaxonomyModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ImagesColumn, CommitsColumn, GapsColumn, ColumnCount };
    enum class Kind { Group, Category, Attribute };
    enum Role {
        KindRole = Qt::UserRole + 1, // int(Kind)
        NameRole,                    // QString, the name as the taxonomy writes it
        SearchTextRole,              // QString, attributes only: the name with underscores as spaces
        GapRole,                     // bool: an attribute with no image, or a node with such attributes
        ImagesRole                   // qulonglong
    };

    explicit TaxonomyModel(QObject* parent = nullptr);

    // Same taxonomy as before: counts change in place (views keep their expansion); else a reset.
    void setCoverage(const TaxonomyCoverage& coverage);
    const TaxonomyCoverage& coverage() const { return m_coverage; }
    // The attribute of that name (as written in the taxonomy), or an invalid index.
    QModelIndex attributeIndex(const QString& name, int column = NameColumn) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    static QString searchText(const QString& attributeName);

private:
    struct Node {
        Kind kind = Kind::Group;
        size_t item = 0; // index into the coverage's groups, categories or attributes
        int parent = -1; // node index; -1: top level
        int row = 0;     // row under its parent
        std::vector<int> children;
    };
    void build();
    bool sameShape(const TaxonomyCoverage& coverage) const;
    const Node* nodeOf(const QModelIndex& index) const;
    QString name(const Node& node) const;
    CoverageCount count(const Node& node) const;
    size_t gaps(const Node& node) const;
    size_t attributes(const Node& node) const;

    TaxonomyCoverage m_coverage;
    std::vector<Node> m_nodes;
    std::vector<int> m_topLevel;
};

} // namespace curator::ui
