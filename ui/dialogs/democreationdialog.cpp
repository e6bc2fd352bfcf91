#include "dialogs/democreationdialog.h"

#include "bridge/jobrunner.h"
#include "demo/demoworkspace.h"

namespace curator::ui {

DemoCreationDialog::DemoCreationDialog(const QString& workspaceDirectory, QWidget* parent)
    : QProgressDialog(parent)
    , m_workspaceDirectory(workspaceDirectory)
    , m_runner(new JobRunner(this)) {
    setWindowTitle(tr("Creating the demo workspace"));
    setLabelText(tr("Generating %1 demo images ...").arg(kDemoImageCount));
    setMinimumDuration(0);
    setAutoClose(false);
    setAutoReset(false);
    setRange(0, 0);
    setMinimumWidth(420);
    connect(this, &QProgressDialog::canceled, m_runner, [this] {
        setLabelText(tr("Cancelling ..."));
        m_runner->cancel();
    });
    connect(m_runner, &JobRunner::progressed, this, [this](qint64 done, qint64 total, const QString& text) {
        if (m_runner->isBusy() && !wasCanceled()) {
            setLabelText(text);
            setRange(0, static_cast<int>(total));
            setValue(static_cast<int>(done));
        }
    });
    connect(m_runner, &JobRunner::finished, this, [this](bool ok, const QString& message) {
        hide();
        ok ? Q_EMIT created(m_workspaceDirectory) : Q_EMIT failed(message);
    });
}

void DemoCreationDialog::start() {
    show();
    const std::string directory = m_workspaceDirectory.toStdString();
    m_runner->start(windowTitle(), [directory](const JobContext& context) -> Result<QString> {
        auto report =
            createDemoWorkspace(directory, kDemoImageCount, [&context](const DemoWorkspaceProgress& step) {
                const QString stage = step.stage == "generate"
                                          ? DemoCreationDialog::tr("Generating demo images: %1 of %2")
                                                .arg(step.done)
                                                .arg(step.total)
                                          : DemoCreationDialog::tr("Embedding %1: %2 of %3 (%4 images/s)")
                                                .arg(QString::fromStdString(step.stage))
                                                .arg(step.done)
                                                .arg(step.total)
                                                .arg(step.perSecond, 0, 'f', 0);
                return context.progress(static_cast<qint64>(step.done), static_cast<qint64>(step.total),
                                        stage);
            });
        if (!report) {
            return report.takeError();
        }
        return QString::fromStdString(report->workspaceDirectory);
    });
}

} // namespace curator::ui
