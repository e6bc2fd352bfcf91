#pragma once

#include <QDialog>
#include <QJsonObject>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QWidget;

namespace curator::ui {

class ThumbnailCache;

// A commit the agent asks a person to approve, in words and pictures: the query, negatives, threshold,
// how many images it takes and the agent's message, with thumbnails of a sample of those images.
// Non-modal. Approve, Reject (with an optional reason the agent reads), or Edit threshold (starting at
// the agent's threshold). Closing it decides nothing: the commit stays pending and the dock reopens it.
class ApprovalDialog : public QDialog {
    Q_OBJECT
public:
    // On each thumbnail item: true once its image has been decoded and shown.
    static constexpr int ThumbnailLoadedRole = Qt::UserRole + 2;

    // `thumbnails` decodes off the GUI thread; `workspaceDirectory` holds the workspace's thumbnails.
    ApprovalDialog(ThumbnailCache* thumbnails, const QString& workspaceDirectory, QWidget* parent = nullptr);

    // Shows an approval_needed event (its arguments and preview).
    void setRequest(const QJsonObject& approvalEvent);
    double proposedThreshold() const { return m_proposedThreshold; }

Q_SIGNALS:
    // The person's decision (QDialog's own accepted/rejected only say the dialog closed).
    void approveRequested();
    void rejectRequested(const QString& reason); // empty: no reason given
    void approveWithThresholdRequested(double threshold);

private:
    void showThumbnail(const QString& key);

    ThumbnailCache* m_thumbnails;
    QString m_workspaceDirectory;
    double m_proposedThreshold = 0;
    QLabel* m_summary;
    QListWidget* m_images;
    QLineEdit* m_reason;
    QDoubleSpinBox* m_threshold;
    QWidget* m_thresholdRow;
    QPushButton* m_approve;
    QPushButton* m_reject;
    QPushButton* m_editThreshold;
    QPushButton* m_approveThreshold;
    QPushButton* m_later;
};

} // namespace curator::ui
