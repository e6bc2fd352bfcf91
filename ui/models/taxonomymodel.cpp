#include "models/taxonomymodel.h"

#include <QColor>
#include <QFont>

namespace curator::ui {

namespace {

const QColor kGapColour(200, 40, 40);

QString spaced(const std::string& name) {
    return QString::fromStdString(name).replace(QLatin1Char('_'), QLatin1Char(' '));
}

} // namespace

TaxonomyModel::TaxonomyModel(QObject* parent)
    : QAbstractItemModel(parent) {}

QString TaxonomyModel::searchText(const QString& attributeName) {
    return QString(attributeName).replace(QLatin1Char('_'), QLatin1Char(' ')).simplified();
}

bool TaxonomyModel::sameShape(const TaxonomyCoverage& coverage) const {
    auto sameNames = [](const auto& left, const auto& right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (size_t i = 0; i < left.size(); ++i) {
            if (left[i].name != right[i].name) {
                return false;
            }
        }
        return true;
    };
    if (!sameNames(m_coverage.groups, coverage.groups) ||
        !sameNames(m_coverage.categories, coverage.categories) ||
        !sameNames(m_coverage.attributes, coverage.attributes)) {
        return false;
    }
    for (size_t i = 0; i < coverage.categories.size(); ++i) {
        if (m_coverage.categories[i].group != coverage.categories[i].group ||
            m_coverage.categories[i].attributes != coverage.categories[i].attributes) {
            return false;
        }
    }
    return true;
}

void TaxonomyModel::setCoverage(const TaxonomyCoverage& coverage) {
    if (!m_nodes.empty() && sameShape(coverage)) {
        m_coverage = coverage;
        // Only counts and gap marks change: one dataChanged per parent's block of rows.
        auto changed = [this](const QModelIndex& parent) {
            const int rows = rowCount(parent);
            if (rows > 0) {
                Q_EMIT dataChanged(index(0, 0, parent), index(rows - 1, ColumnCount - 1, parent));
            }
        };
        changed({});
        for (int g = 0; g < rowCount(); ++g) {
            const QModelIndex group = index(g, 0);
            changed(group);
            for (int c = 0; c < rowCount(group); ++c) {
                changed(index(c, 0, group));
            }
        }
        return;
    }
    beginResetModel();
    m_coverage = coverage;
    build();
    endResetModel();
}

void TaxonomyModel::build() {
    m_nodes.clear();
    m_topLevel.clear();
    size_t attribute = 0;
    for (size_t g = 0; g < m_coverage.groups.size(); ++g) {
        const int groupNode = static_cast<int>(m_nodes.size());
        m_nodes.push_back({Kind::Group, g, -1, static_cast<int>(m_topLevel.size()), {}});
        m_topLevel.push_back(groupNode);
        for (size_t c = 0; c < m_coverage.categories.size(); ++c) {
            const CategoryCoverage& category = m_coverage.categories[c];
            if (category.group != m_coverage.groups[g].name) {
                continue;
            }
            const int categoryNode = static_cast<int>(m_nodes.size());
            m_nodes.push_back({Kind::Category,
                               c,
                               groupNode,
                               static_cast<int>(m_nodes[size_t(groupNode)].children.size()),
                               {}});
            m_nodes[size_t(groupNode)].children.push_back(categoryNode);
            // Attributes are listed category by category, in the categories' order.
            for (size_t a = 0; a < category.attributes && attribute < m_coverage.attributes.size(); ++a) {
                const int attributeNode = static_cast<int>(m_nodes.size());
                m_nodes.push_back({Kind::Attribute,
                                   attribute++,
                                   categoryNode,
                                   static_cast<int>(m_nodes[size_t(categoryNode)].children.size()),
                                   {}});
                m_nodes[size_t(categoryNode)].children.push_back(attributeNode);
            }
        }
    }
}

const TaxonomyModel::Node* TaxonomyModel::nodeOf(const QModelIndex& index) const {
    if (!index.isValid() || index.model() != this || index.internalId() >= m_nodes.size()) {
        return nullptr;
    }
    return &m_nodes[index.internalId()];
}

QModelIndex TaxonomyModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) {
        return {};
    }
    const std::vector<int>* children = &m_topLevel;
    if (parent.isValid()) {
        const Node* node = nodeOf(parent);
        if (!node || parent.column() != 0) {
            return {};
        }
        children = &node->children;
    }
    if (row >= static_cast<int>(children->size())) {
        return {};
    }
    return createIndex(row, column, static_cast<quintptr>((*children)[size_t(row)]));
}

QModelIndex TaxonomyModel::parent(const QModelIndex& child) const {
    const Node* node = nodeOf(child);
    if (!node || node->parent < 0) {
        return {};
    }
    const Node& parentNode = m_nodes[size_t(node->parent)];
    return createIndex(parentNode.row, 0, static_cast<quintptr>(node->parent));
}

int TaxonomyModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) {
        return static_cast<int>(m_topLevel.size());
    }
    const Node* node = nodeOf(parent);
    return node && parent.column() == 0 ? static_cast<int>(node->children.size()) : 0;
}

int TaxonomyModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QString TaxonomyModel::name(const Node& node) const {
    switch (node.kind) {
    case Kind::Group:
        return QString::fromStdString(m_coverage.groups[node.item].name);
    case Kind::Category:
        return QString::fromStdString(m_coverage.categories[node.item].name);
    case Kind::Attribute:
        break;
    }
    return QString::fromStdString(m_coverage.attributes[node.item].name);
}

CoverageCount TaxonomyModel::count(const Node& node) const {
    switch (node.kind) {
    case Kind::Group:
        return m_coverage.groups[node.item].count;
    case Kind::Category:
        return m_coverage.categories[node.item].count;
    case Kind::Attribute:
        break;
    }
    return m_coverage.attributes[node.item].count;
}

size_t TaxonomyModel::gaps(const Node& node) const {
    switch (node.kind) {
    case Kind::Group:
        return m_coverage.groups[node.item].gaps;
    case Kind::Category:
        return m_coverage.categories[node.item].gaps;
    case Kind::Attribute:
        break;
    }
    return m_coverage.attributes[node.item].count.images == 0 ? 1 : 0;
}

size_t TaxonomyModel::attributes(const Node& node) const {
    switch (node.kind) {
    case Kind::Group:
        return m_coverage.groups[node.item].attributes;
    case Kind::Category:
        return m_coverage.categories[node.item].attributes;
    case Kind::Attribute:
        break;
    }
    return 1;
}

QVariant TaxonomyModel::data(const QModelIndex& index, int role) const {
    const Node* node = nodeOf(index);
    if (!node) {
        return {};
    }
    const CoverageCount counts = count(*node);
    const bool gap = gaps(*node) > 0;
    const bool attribute = node->kind == Kind::Attribute;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return spaced(name(*node).toStdString());
        case ImagesColumn:
            return static_cast<qulonglong>(counts.images);
        case CommitsColumn:
            return static_cast<qulonglong>(counts.commits);
        case GapsColumn:
            if (attribute) {
                return gap ? tr("gap") : QString();
            }
            return gap ? tr("%1 of %2").arg(gaps(*node)).arg(attributes(*node)) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (attribute) {
            const AttributeCoverage& entry = m_coverage.attributes[node->item];
            return tr("%1\n\n%2: %n image(s)", nullptr, static_cast<int>(counts.images))
                       .arg(QString::fromStdString(entry.description), QString::fromStdString(entry.name)) +
                   tr(" in %n commit(s)", nullptr, static_cast<int>(counts.commits));
        }
        return tr("%1: %2 of %3 attributes have no image yet")
            .arg(name(*node))
            .arg(gaps(*node))
            .arg(attributes(*node));
    case Qt::ForegroundRole:
        if (gap && (attribute || index.column() == GapsColumn)) {
            return kGapColour;
        }
        return {};
    case Qt::FontRole:
        if (node->kind == Kind::Group || (attribute && gap)) {
            QFont font;
            font.setBold(node->kind == Kind::Group);
            font.setItalic(attribute && gap);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn) {
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        }
        return {};
    case KindRole:
        return static_cast<int>(node->kind);
    case NameRole:
        return name(*node);
    case SearchTextRole:
        return attribute ? searchText(name(*node)) : QVariant();
    case GapRole:
        return gap;
    case ImagesRole:
        return static_cast<qulonglong>(counts.images);
    }
    return {};
}

QVariant TaxonomyModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Attribute");
    case ImagesColumn:
        return tr("Images");
    case CommitsColumn:
        return tr("Commits");
    case GapsColumn:
        return tr("Gaps");
    }
    return {};
}

Qt::ItemFlags TaxonomyModel::flags(const QModelIndex& index) const {
    return nodeOf(index) ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

QModelIndex TaxonomyModel::attributeIndex(const QString& attributeName, int column) const {
    for (size_t n = 0; n < m_nodes.size(); ++n) {
        const Node& node = m_nodes[n];
        if (node.kind == Kind::Attribute && name(node) == attributeName) {
            return createIndex(node.row, column, static_cast<quintptr>(n));
        }
    }
    return {};
}

} // namespace curator::ui
