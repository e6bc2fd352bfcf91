#include "widgets/previewdialog.h"

#include "dataset/curationlog.h"
#include "mainwindow/shortcutregistry.h"
#include "widgets/resultsview.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace curator::ui {

namespace {

QString html(const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped();
}

// "2024-05-01T10:20:30Z" as local time in the user's short format; other text as it is.
QString displayTime(const std::string& utc) {
    const QDateTime time = QDateTime::fromString(QString::fromStdString(utc), Qt::ISODate);
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat).toHtmlEscaped()
                          : html(utc);
}

QString keysOf(ShortcutRegistry* shortcuts, const char* id) {
    return ShortcutRegistry::keysText(shortcuts->keys(QString::fromLatin1(id)));
}

} // namespace

PreviewDialog::PreviewDialog(SearchResultsModel* model, PreviewBridge* bridge, ShortcutRegistry* shortcuts,
                             QWidget* parent)
    : QDialog(parent)
    , m_model(model)
    , m_bridge(bridge)
    , m_imageLabel(new QLabel)
    , m_details(new QTextBrowser)
    , m_previousButton(new QPushButton(tr("Previous")))
    , m_rejectButton(new QPushButton(tr("Reject")))
    , m_acceptButton(new QPushButton(tr("Accept")))
    , m_nextButton(new QPushButton(tr("Next"))) {
    setWindowTitle(tr("Preview"));
    setModal(false);
    setFocusPolicy(Qt::StrongFocus);
    resize(1100, 700);

    m_imageLabel->setAlignment(Qt::AlignCenter);
    m_imageLabel->setMinimumSize(320, 240);
    m_imageLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_imageLabel->setStyleSheet(QStringLiteral("background: #202020; color: #e0e0e0;"));
    m_imageLabel->setWordWrap(true);
    // Keys belong to the dialog: nothing inside takes the focus (arrows step, they do not scroll).
    m_details->setFocusPolicy(Qt::NoFocus);
    m_details->setOpenLinks(false);
    connect(m_details, &QTextBrowser::anchorClicked, this, &PreviewDialog::onLinkClicked);
    for (QPushButton* button : {m_previousButton, m_rejectButton, m_acceptButton, m_nextButton}) {
        button->setFocusPolicy(Qt::NoFocus);
        button->setAutoDefault(false);
    }

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_imageLabel);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_previousButton);
    buttons->addStretch();
    buttons->addWidget(m_rejectButton);
    buttons->addWidget(m_acceptButton);
    buttons->addStretch();
    buttons->addWidget(m_nextButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);

    registerReviewCommands(*shortcuts);
    const auto bind = [this, shortcuts](const char* id, void (PreviewDialog::*slot)()) {
        QAction* action = shortcuts->action(QString::fromLatin1(id), this);
        connect(action, &QAction::triggered, this, slot);
    };
    bind(reviewcommand::Accept, &PreviewDialog::acceptCurrent);
    bind(reviewcommand::Reject, &PreviewDialog::rejectCurrent);
    bind(reviewcommand::ClearMark, &PreviewDialog::clearMarkOfCurrent);
    bind(reviewcommand::Next, &PreviewDialog::showNext);
    bind(reviewcommand::Previous, &PreviewDialog::showPrevious);
    const auto updateTips = [this, shortcuts] {
        m_previousButton->setToolTip(
            tr("Previous result (Left, %1)").arg(keysOf(shortcuts, reviewcommand::Previous)));
        m_nextButton->setToolTip(tr("Next result (Right, %1)").arg(keysOf(shortcuts, reviewcommand::Next)));
        m_acceptButton->setToolTip(
            tr("Accept and go to the next (%1)").arg(keysOf(shortcuts, reviewcommand::Accept)));
        m_rejectButton->setToolTip(
            tr("Reject and go to the next (%1)").arg(keysOf(shortcuts, reviewcommand::Reject)));
    };
    updateTips();
    connect(shortcuts, &ShortcutRegistry::keysChanged, this, updateTips);
    connect(m_previousButton, &QPushButton::clicked, this, &PreviewDialog::showPrevious);
    connect(m_nextButton, &QPushButton::clicked, this, &PreviewDialog::showNext);
    connect(m_acceptButton, &QPushButton::clicked, this, &PreviewDialog::acceptCurrent);
    connect(m_rejectButton, &QPushButton::clicked, this, &PreviewDialog::rejectCurrent);

    connect(m_bridge, &PreviewBridge::previewReady, this,
            [this](const PreviewData& preview) { onPreview(preview, {}); });
    connect(m_bridge, &PreviewBridge::failed, this, &PreviewDialog::onPreview);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_row = -1;
        hide(); // the rows it showed are gone
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& from, const QModelIndex& to) {
                if (m_row >= from.row() && m_row <= to.row()) {
                    updateDetails();
                }
            });
}

void PreviewDialog::showRow(int row) {
    if (m_model->rowCount() == 0) {
        return;
    }
    row = std::clamp(row, 0, m_model->rowCount() - 1);
    const bool changed = row != m_row;
    m_row = row;
    m_loaded = false;
    m_preview = {};
    const SearchResultRow& values = m_model->resultRow(row);
    QSize bound(2048, 2048);
    if (const QScreen* display = screen()) {
        bound = (display->availableSize() * display->devicePixelRatio()).boundedTo(QSize(4096, 4096));
    }
    m_generation = m_bridge->request(values.source, values.id, values.path, bound);
    m_imageLabel->setPixmap({});
    m_imageLabel->setText(tr("Loading ..."));
    setWindowTitle(
        tr("Preview: %1/%2 (%3 of %4)").arg(values.source, values.id).arg(row + 1).arg(m_model->rowCount()));
    updateDetails();
    m_previousButton->setEnabled(row > 0);
    m_nextButton->setEnabled(row + 1 < m_model->rowCount());
    if (changed) {
        Q_EMIT currentRowChanged(row);
    }
}

void PreviewDialog::showNext() {
    if (m_row + 1 < m_model->rowCount()) {
        showRow(m_row + 1);
    }
}

void PreviewDialog::showPrevious() {
    if (m_row > 0) {
        showRow(m_row - 1);
    }
}

void PreviewDialog::markAndStep(SearchResultsModel::ReviewMark mark) {
    if (m_row < 0) {
        return;
    }
    m_model->setReviewMark(m_row, mark);
    showNext();
}

void PreviewDialog::acceptCurrent() {
    markAndStep(SearchResultsModel::ReviewMark::Accepted);
}

void PreviewDialog::rejectCurrent() {
    markAndStep(SearchResultsModel::ReviewMark::Rejected);
}

void PreviewDialog::clearMarkOfCurrent() {
    markAndStep(SearchResultsModel::ReviewMark::None);
}

void PreviewDialog::reload() {
    if (m_row >= 0 && isVisible()) {
        showRow(m_row);
    }
}

void PreviewDialog::onLinkClicked(const QUrl& link) {
    // The links updateDetails writes: remove:COMMIT and undo:REVERT.
    const QString id = link.path();
    if (link.scheme() == QLatin1String("remove") && m_row >= 0) {
        const QModelIndex index = m_model->index(m_row, 0);
        Q_EMIT removeFromCommitRequested(id, index.data(SearchResultsModel::SourceRole).toString(),
                                         index.data(SearchResultsModel::IdRole).toString());
    } else if (link.scheme() == QLatin1String("undo")) {
        Q_EMIT undoRequested(id);
    }
}

void PreviewDialog::keyPressEvent(QKeyEvent* event) {
    if (event->modifiers() == Qt::NoModifier || event->modifiers() == Qt::KeypadModifier) {
        if (event->key() == Qt::Key_Right) {
            showNext();
            return;
        }
        if (event->key() == Qt::Key_Left) {
            showPrevious();
            return;
        }
    }
    QDialog::keyPressEvent(event);
}

void PreviewDialog::resizeEvent(QResizeEvent* event) {
    QDialog::resizeEvent(event);
    updateImage();
}

void PreviewDialog::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    setFocus(); // the review keys act while the focus is inside the dialog
}

void PreviewDialog::onPreview(const PreviewData& preview, const QString& error) {
    if (preview.generation != m_generation) {
        return; // an answer for a row shown before
    }
    m_preview = preview;
    m_loaded = true;
    if (!error.isEmpty()) {
        m_imageLabel->setPixmap({});
        m_imageLabel->setText(tr("The image cannot be shown:\n%1").arg(error));
    }
    updateImage();
    updateDetails();
    Q_EMIT loaded(m_row);
}

void PreviewDialog::updateImage() {
    if (m_preview.image.isNull()) {
        return;
    }
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap = QPixmap::fromImage(
        m_preview.image.scaled(m_imageLabel->size() * ratio, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    pixmap.setDevicePixelRatio(ratio);
    m_imageLabel->setPixmap(pixmap);
}

void PreviewDialog::updateDetails() {
    if (m_row < 0 || m_row >= m_model->rowCount()) {
        m_details->clear();
        return;
    }
    using ReviewMark = SearchResultsModel::ReviewMark;
    const SearchResultRow& row = m_model->resultRow(m_row);
    QString text = QStringLiteral("<h3>%1/%2</h3>").arg(row.source.toHtmlEscaped(), row.id.toHtmlEscaped());
    QStringList facts{tr("similarity %1").arg(QString::number(static_cast<double>(row.similarity), 'f', 4))};
    if (row.masked) {
        facts << QStringLiteral("<b>%1</b>").arg(tr("masked by a negative prompt"));
    }
    switch (m_model->reviewMark(m_row)) {
    case ReviewMark::Accepted:
        facts << QStringLiteral("<b style='color:#2ea043'>%1</b>").arg(tr("accepted"));
        break;
    case ReviewMark::Rejected:
        facts << QStringLiteral("<b style='color:#cf222e'>%1</b>").arg(tr("rejected"));
        break;
    case ReviewMark::None:
        break;
    }
    if (m_preview.originalSize.isValid()) {
        facts << tr("%1 x %2 px").arg(m_preview.originalSize.width()).arg(m_preview.originalSize.height());
    }
    text += QStringLiteral("<p>%1</p>").arg(facts.join(QStringLiteral(" &middot; ")));
    text += QStringLiteral("<p style='color:gray'>%1</p>").arg(row.path.toHtmlEscaped());
    if (!m_preview.imageError.isEmpty() && m_loaded) {
        text += QStringLiteral("<p style='color:#cf222e'>%1</p>").arg(m_preview.imageError.toHtmlEscaped());
    }

    text += QStringLiteral("<h4>%1</h4>").arg(tr("Caption"));
    text += QStringLiteral("<p>%1</p>")
                .arg(row.caption.isEmpty() ? tr("<i>none in the catalog</i>") : row.caption.toHtmlEscaped());
    if (!m_loaded) {
        m_details->setHtml(text +
                           QStringLiteral("<p style='color:gray'>%1</p>").arg(tr("Loading provenance ...")));
        return;
    }
    const ImageProvenance* provenance = m_preview.provenance.get();
    if (!provenance) {
        text += QStringLiteral("<p style='color:#cf222e'>%1</p>")
                    .arg(tr("Provenance unavailable: %1").arg(m_preview.provenanceError.toHtmlEscaped()));
        m_details->setHtml(text);
        return;
    }
    for (const CachedCaption& caption : provenance->captions) {
        text += QStringLiteral("<p><i>%1</i>: %2</p>").arg(html(caption.model), html(caption.caption));
    }

    text += QStringLiteral("<h4>%1</h4>").arg(tr("Scores"));
    if (provenance->scores.empty()) {
        text += QStringLiteral("<p style='color:gray'>%1</p>").arg(tr("not rated yet"));
    } else {
        text +=
            QStringLiteral("<table cellspacing='0' cellpadding='3'><tr><th align='left'>%1</th>"
                           "<th align='right'>%2</th><th align='left'>%3</th><th align='left'>%4</th></tr>")
                .arg(tr("scorer"), tr("score"), tr("caption read"), tr("rated"));
        for (const CachedScore& score : provenance->scores) {
            text +=
                QStringLiteral("<tr><td>%1</td><td align='right'><b>%2</b></td><td>%3</td><td>%4</td></tr>")
                    .arg(html(score.model), QString::number(score.score, 'f', 2),
                         score.captionSource.empty() ? tr("<i>an older caption</i>")
                                                     : html(score.captionSource),
                         displayTime(score.createdAt));
        }
        text += QStringLiteral("</table>");
    }

    const auto live = std::count_if(
        provenance->commits.begin(), provenance->commits.end(),
        [](const ProvenanceCommit& commit) { return commit.live && commit.kind == CommitKind::Commit; });
    const QString commits =
        provenance->commits.size() == 1 ? tr("1 commit") : tr("%1 commits").arg(provenance->commits.size());
    text += QStringLiteral("<h4>%1</h4>")
                .arg(tr("Provenance: %1, %2 live on %3")
                         .arg(commits)
                         .arg(live)
                         .arg(html(provenance->checkedOutBranch)));
    if (provenance->commits.empty()) {
        text += QStringLiteral("<p style='color:gray'>%1</p>").arg(tr("no commit holds this image"));
    }
    for (const ProvenanceCommit& commit : provenance->commits) {
        QString state;
        QString action;
        if (commit.kind == CommitKind::Revert) {
            state = QStringLiteral("<span style='color:gray'>%1</span>")
                        .arg(!commit.undoneBy.empty()
                                 ? tr("removed it from %1, undone by %2")
                                       .arg(html(shortId(commit.target)), html(shortId(commit.undoneBy)))
                                 : tr("removed it from %1").arg(html(shortId(commit.target))));
        } else if (commit.live) {
            state = QStringLiteral("<b style='color:#2ea043'>%1</b>").arg(tr("live"));
            action = QStringLiteral("<a href='remove:%1'>%2</a>")
                         .arg(html(commit.id), tr("remove it from this commit"));
        } else if (!commit.removedBy.empty()) {
            state = QStringLiteral("<b style='color:#cf222e'>%1</b>")
                        .arg(tr("image removed by %1").arg(html(shortId(commit.removedBy))));
            action =
                QStringLiteral("<a href='undo:%1'>%2</a>").arg(html(commit.removedBy), tr("put it back"));
        } else if (!commit.undoneBy.empty()) {
            state = QStringLiteral("<b style='color:#cf222e'>%1</b>")
                        .arg(tr("undone by %1").arg(html(shortId(commit.undoneBy))));
        } else {
            state = QStringLiteral("<span style='color:gray'>%1</span>").arg(tr("not on this branch"));
        }
        text += QStringLiteral("<p><code>%1</code> %2 &middot; %3 &middot; %4 &middot; %5<br>")
                    .arg(html(shortId(commit.id)), state, html(commit.branch), html(commit.author),
                         displayTime(commit.createdAt));
        if (!commit.query.empty()) {
            text +=
                tr("query \"%1\" at threshold %2").arg(html(commit.query)).arg(commit.threshold, 0, 'f', 3);
            text += QStringLiteral("<br>");
        }
        if (!commit.message.empty()) {
            text += QStringLiteral("<i>%1</i>").arg(html(commit.message));
        }
        if (!action.isEmpty()) {
            text += QStringLiteral("<br>") + action;
        }
        text += QStringLiteral("</p>");
    }
    m_details->setHtml(text);
}

} // namespace curator::ui
