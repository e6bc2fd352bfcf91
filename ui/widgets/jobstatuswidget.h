#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace curator::ui {

class JobRunner;

// The status bar's view of the running job: its title and step, a progress bar and Cancel. Hidden when
// no job runs; the window stays usable meanwhile.
class JobStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit JobStatusWidget(JobRunner* runner, QWidget* parent = nullptr);

private:
    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
};

} // namespace curator::ui
