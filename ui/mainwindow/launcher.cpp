#include "mainwindow/launcher.h"

#include "bridge/preferences.h"
#include "demo/demoworkspace.h"
#include "dialogs/democreationdialog.h"
#include "docks/agentdock.h"
#include "mainwindow/mainwindow.h"
#include "store/workspace.h"

#include <QApplication>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace curator::ui {

Launcher::Launcher(LaunchOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options)) {}

Launcher::~Launcher() {
    delete m_window;
}

MainWindow* Launcher::window() const {
    return m_window;
}

void Launcher::start() {
    if (m_options.demo) {
        createDemo(m_options.workspace.isEmpty() ? preferences::defaultDemoWorkspace() : m_options.workspace);
        return;
    }
    if (!m_options.workspace.isEmpty()) {
        openWorkspace(m_options.workspace);
        return;
    }
    if (const char* fromEnvironment = std::getenv(workspace::kEnvironmentVariable);
        fromEnvironment && *fromEnvironment) {
        openWorkspace(QString::fromLocal8Bit(fromEnvironment));
        return;
    }
    const QString remembered = preferences::lastWorkspace();
    if (!remembered.isEmpty() && QDir(remembered).exists()) {
        openWorkspace(remembered);
        return;
    }
    if (QDir(QString::fromLatin1(workspace::kDefaultDirectory)).exists()) {
        openWorkspace(QString::fromLatin1(workspace::kDefaultDirectory));
        return;
    }
    offerChoices();
}

void Launcher::offerChoices() {
    if (!m_options.screenshot.isEmpty()) {
        return exitWithError(tr("no workspace to open: give --workspace DIR or --demo"));
    }
    // Not exec(): no nested event loop; the answer arrives by signal.
    auto* box =
        new QMessageBox(QMessageBox::Question, tr("Wide-Spectrum Curator"),
                        tr("No workspace is open yet.\n\nThe demo workspace holds %1 generated images in "
                           "three sources, with the offline builtin models: everything works without a "
                           "network. Creating it takes about a minute.")
                            .arg(kDemoImageCount));
    box->setObjectName(QStringLiteral("workspaceOffer"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    auto* demo = box->addButton(tr("Create the demo workspace"), QMessageBox::AcceptRole);
    auto* open = box->addButton(tr("Open a workspace folder..."), QMessageBox::ActionRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(demo);
    connect(box, &QMessageBox::finished, this, [this, box, demo, open] {
        if (box->clickedButton() == demo) {
            createDemo(preferences::defaultDemoWorkspace());
        } else if (box->clickedButton() == open) {
            const QString directory = QFileDialog::getExistingDirectory(nullptr, tr("Open a workspace"));
            directory.isEmpty() ? Q_EMIT quitRequested(0) : openWorkspace(directory);
        } else {
            Q_EMIT quitRequested(0);
        }
    });
    box->open();
}

void Launcher::createDemo(const QString& directory) {
    if (isDemoWorkspace(directory.toStdString())) {
        openWorkspace(directory);
        return;
    }
    auto* dialog = new DemoCreationDialog(directory, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DemoCreationDialog::created, this, [this, dialog](const QString& created) {
        dialog->close();
        openWorkspace(created);
    });
    connect(dialog, &DemoCreationDialog::failed, this, [this, dialog](const QString& message) {
        dialog->close();
        if (m_window) {
            QMessageBox::warning(m_window, tr("Demo workspace"), message);
        } else {
            exitWithError(tr("the demo workspace was not created: %1").arg(message));
        }
    });
    dialog->start();
}

void Launcher::openWorkspace(const QString& directory) {
    const QString path = QDir(directory).path();
    if (!QDir(path).exists()) {
        const QString message =
            tr("the workspace %1 does not exist (create one with --demo or curator-cli ingest)").arg(path);
        if (m_window) {
            QMessageBox::warning(m_window, tr("Open workspace"), message);
            return;
        }
        return exitWithError(message);
    }
    auto* window = new MainWindow(path);
    connect(window, &MainWindow::openWorkspaceRequested, this, &Launcher::openWorkspace);
    connect(window, &MainWindow::createDemoRequested, this,
            [this] { createDemo(preferences::defaultDemoWorkspace()); });
    if (m_window) {
        m_window->close();
        m_window->deleteLater();
    }
    m_window = window;
    if (window->fillsTheScreen()) {
        window->showMaximized();
    } else {
        window->show();
    }
    preferences::setLastWorkspace(path);
    Q_EMIT windowShown(window);
    afterShown();
}

namespace {

// For the launch benchmark: once the window's first frame is painted, prints the wall-clock time (the
// script that started the process subtracts its start) and quits.
class FirstPaintProbe : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            // Children paint in the same frame, right after: report when the event loop is back.
            QTimer::singleShot(0, this, [] {
                timespec now{};
                clock_gettime(CLOCK_REALTIME, &now);
                std::printf("painted_unix_ns=%lld\n",
                            static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec);
                std::fflush(stdout);
                QApplication::exit(0); // the benchmark's probe: the launcher may be gone by now
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_seen = false;
};

} // namespace

void Launcher::afterShown() {
    MainWindow* window = m_window;
    if (m_options.quitAfterPaint) {
        window->installEventFilter(new FirstPaintProbe(window));
        m_options.quitAfterPaint = false;
    }
    const QString screenshot = m_options.screenshot;
    auto saveScreenshot = [window, screenshot] {
        // Give thumbnails a moment to arrive, then grab what a person would see.
        QTimer::singleShot(1500, window, [window, screenshot] {
            const bool saved = window->grab().save(screenshot);
            std::fprintf(saved ? stdout : stderr, "%s %s\n", saved ? "saved" : "could not save",
                         screenshot.toLocal8Bit().constData());
            QApplication::exit(saved ? 0 : 1);
        });
    };
    if (const auto preset = layoutPresetFromKey(m_options.layout)) {
        window->applyPreset(*preset);
    }
    const bool agent = !m_options.agentTheme.isEmpty();
    const bool query = !m_options.query.isEmpty();
    if (agent) {
        if (!screenshot.isEmpty()) {
            connect(window->agentDock(), &AgentDock::runFinished, window, saveScreenshot);
        }
        window->agentDock()->startRun(m_options.agentTheme);
    }
    if (query) {
        if (!screenshot.isEmpty() && !agent) {
            connect(window, &MainWindow::resultsShown, window, saveScreenshot);
            // A search that cannot run ends the process with its error, never leaves it waiting.
            connect(window, &MainWindow::searchFailed, this, [this](const QString& message) {
                exitWithError(tr("the search failed: %1").arg(message));
            });
        }
        window->search(m_options.query, m_options.negatives);
    }
    if (!screenshot.isEmpty() && !agent && !query) {
        saveScreenshot();
    }
    // Once only: a workspace opened later from the menu is not driven by the command line.
    m_options.agentTheme.clear();
    m_options.query.clear();
    m_options.screenshot.clear();
}

void Launcher::exitWithError(const QString& message) {
    std::fprintf(stderr, "curator: %s\n", message.toLocal8Bit().constData());
    Q_EMIT quitRequested(1);
}

} // namespace curator::ui
