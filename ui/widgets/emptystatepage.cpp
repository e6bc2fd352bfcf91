#include "widgets/emptystatepage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace curator::ui {

EmptyStatePage::EmptyStatePage(QWidget* parent)
    : QWidget(parent)
    , m_problem(new QLabel)
    , m_themeRows(new QVBoxLayout) {
    setObjectName(QStringLiteral("EmptyStatePage"));
    auto* title = new QLabel(tr("<h2>Start here</h2>"));
    auto* guidance = new QLabel(
        tr("<p><b>Let the agent curate a theme:</b> type a theme in the Agent panel and press Run, or pick "
           "one below. Its reasoning, searches and commits appear as it works; tick <i>Approve commits</i> "
           "to decide each one.</p>"
           "<p><b>Or search by hand:</b> press Ctrl+F, type what the images should show (and what they must "
           "not, as negatives), then review the grid with A (accept), R (reject) and U (clear).</p>"));
    guidance->setWordWrap(true);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b03030;"));
    m_problem->hide();
    auto* examples = new QLabel(tr("<b>Example themes this workspace's embedder can serve:</b>"));

    auto* column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(m_problem);
    column->addWidget(guidance);
    column->addSpacing(8);
    column->addWidget(examples);
    column->addLayout(m_themeRows);
    column->addStretch(1);
    auto* centred = new QHBoxLayout(this);
    centred->addStretch(1);
    centred->addLayout(column, 8);
    centred->addStretch(1);
}

void EmptyStatePage::setThemes(const QStringList& themes) {
    m_themes = themes;
    // The rows live in one widget that is replaced whole and deleted later: a theme's own button may be
    // the caller (a click that changes the workspace), and no widget is deleted under its event.
    auto* rows = new QWidget;
    auto* layout = new QVBoxLayout(rows);
    layout->setContentsMargins(0, 0, 0, 0);
    for (const QString& theme : themes) {
        auto* row = new QHBoxLayout;
        auto* name = new QLabel(QStringLiteral("\u201c%1\u201d").arg(theme));
        auto* run = new QPushButton(tr("Run the agent"));
        auto* search = new QPushButton(tr("Search"));
        run->setObjectName(QStringLiteral("runTheme"));
        search->setObjectName(QStringLiteral("searchTheme"));
        connect(run, &QPushButton::clicked, this, [this, theme] { Q_EMIT runRequested(theme); });
        connect(search, &QPushButton::clicked, this, [this, theme] { Q_EMIT searchRequested(theme); });
        row->addWidget(name, 1);
        row->addWidget(run);
        row->addWidget(search);
        layout->addLayout(row);
    }
    if (m_rows) {
        m_themeRows->removeWidget(m_rows);
        m_rows->hide();
        m_rows->deleteLater();
    }
    m_rows = rows;
    m_themeRows->addWidget(rows);
}

void EmptyStatePage::setProblem(const QString& text) {
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

} // namespace curator::ui
