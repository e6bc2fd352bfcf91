#pragma once

#include "bridge/previewbridge.h"
#include "models/searchresultsmodel.h"

#include <QDialog>
#include <QImage>

class QLabel;
class QPushButton;
class QTextBrowser;
class QUrl;

namespace curator::ui {

class ShortcutRegistry;

// A non-modal preview of one result of the model: the full image scaled to the window, its caption,
// cached scores and provenance (the commits that hold it, live or not on the checked-out branch). Left /
// Right and the registry's next / previous keys step through the results; the accept / reject / clear
// keys mark the shown result and step on, as in the grid. Loading goes through PreviewBridge (newest
// request wins), so stepping quickly never waits for an image. A new search (model reset) hides it. Each live
// commit holding the image offers "remove it from this commit"; a removal offers "put it back".
class PreviewDialog : public QDialog {
    Q_OBJECT
public:
    PreviewDialog(SearchResultsModel* model, PreviewBridge* bridge, ShortcutRegistry* shortcuts,
                  QWidget* parent = nullptr);

    int currentRow() const { return m_row; }
    // Whether the last answer for the shown row has arrived (tests and screenshots wait on it).
    bool isLoaded() const { return m_loaded; }

public Q_SLOTS:
    // Shows `row` (clamped to the model), loading its image and provenance.
    void showRow(int row);
    void showNext();
    void showPrevious();
    void acceptCurrent();
    void rejectCurrent();
    void clearMarkOfCurrent();
    // Reads the shown image's provenance again (after the log changed).
    void reload();

Q_SIGNALS:
    // The researcher asked to remove the shown image from one live commit (a revert of that image only).
    void removeFromCommitRequested(const QString& commitId, const QString& source, const QString& name);
    // ... or to undo the partial revert that removed it (the image goes back into that commit).
    void undoRequested(const QString& revertId);
    // The shown row changed (the grid can follow with ResultsView::setCurrentRow).
    void currentRowChanged(int row);
    // An answer for the shown row arrived (image or failure).
    void loaded(int row);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void onPreview(const PreviewData& preview, const QString& error);
    void markAndStep(SearchResultsModel::ReviewMark mark);
    void updateImage();
    void updateDetails();
    void onLinkClicked(const QUrl& link);

    SearchResultsModel* m_model;
    PreviewBridge* m_bridge;
    int m_row = -1;
    quint64 m_generation = 0;
    bool m_loaded = false;
    PreviewData m_preview;
    QLabel* m_imageLabel;
    QTextBrowser* m_details;
    QPushButton* m_previousButton;
    QPushButton* m_rejectButton;
    QPushButton* m_acceptButton;
    QPushButton* m_nextButton;
};

} // namespace curator::ui
