#pragma once

#include <QDialog>
#include <QJsonObject>

#include <memory>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSlider;
class QWidget;

namespace curator {
class CommitWhatIf;
}

namespace curator::ui {

class CommitWhatIfQuery;
class SimilarityHistogramView;
class ThumbnailCache;

// A call the agent asks a person to approve, in words and pictures. For a commit: the query, negatives,
// threshold, how many images it takes and how many are new to the branch, the agent's message, thumbnails
// of a sample of those images, and the similarity histogram with the proposed threshold; dragging the
// threshold (slider, spin box or the histogram's line) says what another threshold would admit ("at 0.460:
// 212 images, 35 new"), counted by the core from the commit's own scan on a worker thread. Approve,
// Approve at the edited threshold, or Reject (with an optional reason the agent reads). For other tools
// (undo, rating) the call in words with Approve and Reject. Non-modal, placed beside the Agent dock so that
// the run stays in view; closing it decides nothing: the call stays pending and the dock reopens it.
class ApprovalDialog : public QDialog {
    Q_OBJECT
public:
    // On each thumbnail item: true once its image has been decoded and shown.
    static constexpr int ThumbnailLoadedRole = Qt::UserRole + 2;

    // `thumbnails` decodes off the GUI thread; `workspaceDirectory` holds the workspace's thumbnails.
    ApprovalDialog(ThumbnailCache* thumbnails, const QString& workspaceDirectory, QWidget* parent = nullptr);

    // Shows an approval_needed event (its arguments and preview). `whatIf`: the run's pending commit's
    // (AgentBridge::pendingCommitWhatIf); null: only the proposed threshold's counts are known.
    void setRequest(const QJsonObject& approvalEvent, std::shared_ptr<const CommitWhatIf> whatIf = nullptr);
    double proposedThreshold() const { return m_proposedThreshold; }
    double editedThreshold() const;
    // "at 0.460: 212 images, 35 new" for the edited threshold, once the core answered.
    QString whatIfText() const;

Q_SIGNALS:
    // The person's decision (QDialog's own accepted/rejected only say the dialog closed).
    void approveRequested();
    void rejectRequested(const QString& reason); // empty: no reason given
    void approveWithThresholdRequested(double threshold);
    // The core answered what the edited threshold admits (tests wait on it).
    void whatIfShown(double threshold, qint64 admitted, qint64 fresh);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showThumbnail(const QString& key);
    void setEditedThreshold(double threshold); // from any of the three controls
    void showWhatIf(double threshold, qint64 admitted, qint64 fresh);

    ThumbnailCache* m_thumbnails;
    QString m_workspaceDirectory;
    double m_proposedThreshold = 0;
    bool m_isCommit = true;
    bool m_placed = false;
    CommitWhatIfQuery* m_whatIf;
    QLabel* m_summary;
    QLabel* m_sampleTitle;
    QListWidget* m_images;
    QWidget* m_thresholdPanel;
    SimilarityHistogramView* m_histogram;
    QSlider* m_slider;
    QDoubleSpinBox* m_threshold;
    QLabel* m_whatIfLabel;
    QLineEdit* m_reason;
    QPushButton* m_approve;
    QPushButton* m_reject;
    QPushButton* m_approveThreshold;
    QPushButton* m_later;
};

} // namespace curator::ui
