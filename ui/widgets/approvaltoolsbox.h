#pragma once

#include <QStringList>
#include <QWidget>

class QCheckBox;

namespace curator::ui {

// Which of the agent's tools wait for a person, besides commits (the dock's "Approve commits"): undoing
// a commit and rating images (which spends on a model). Each box says what it stops.
class ApprovalToolsBox : public QWidget {
    Q_OBJECT
public:
    explicit ApprovalToolsBox(QWidget* parent = nullptr);

    // The checked tools by core name ("undo_commit", "aesthetics_rate").
    QStringList checkedTools() const;
    void setToolChecked(const QString& tool, bool checked);

Q_SIGNALS:
    void approvalToggled(const QString& tool, bool on);

private:
    QCheckBox* m_undo;
    QCheckBox* m_rate;
};

} // namespace curator::ui
