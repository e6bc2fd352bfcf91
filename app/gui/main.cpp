// curator: the workstation. Argument parsing only; everything else is in ui/ and core/.
#include "docks/agentdock.h"
#include "installtranslator.h"
#include "mainwindow/mainwindow.h"
#include "store/workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("WideSpectrumCurator"));
    QApplication::setApplicationName(QStringLiteral("curator"));
    QApplication::setApplicationVersion(QStringLiteral(CURATOR_VERSION));
    installCuratorTranslator(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Wide-Spectrum Curator: the curation workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        QStringLiteral("workspace"),
        QStringLiteral("Workspace directory (default: $CURATOR_WORKSPACE or ./workspace)"),
        QStringLiteral("DIR"));
    const QCommandLineOption queryOption(
        QStringLiteral("query"), QStringLiteral("Search for TEXT once loaded"), QStringLiteral("TEXT"));
    const QCommandLineOption negativeOption(QStringLiteral("negative"),
                                            QStringLiteral("Negative prompt for --query (repeatable)"),
                                            QStringLiteral("TEXT"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the window once loaded, save it as PNG and exit"), QStringLiteral("FILE"));
    const QCommandLineOption agentOption(QStringLiteral("agent-theme"),
                                         QStringLiteral("Start an offline agent run on THEME once loaded"),
                                         QStringLiteral("THEME"));
    parser.addOptions({workspaceOption, queryOption, negativeOption, screenshotOption, agentOption});
    parser.process(app);

    const QString workspace = QString::fromStdString(
        curator::workspace::resolveDirectory(parser.value(workspaceOption).toStdString()));
    curator::ui::MainWindow window(QDir(workspace).path());
    window.show();

    const QString screenshot = parser.value(screenshotOption);
    auto saveScreenshot = [&window, screenshot] {
        // Give thumbnails a moment to arrive, then grab what a person would see.
        QTimer::singleShot(1500, &window, [&window, screenshot] {
            const bool saved = window.grab().save(screenshot);
            std::fprintf(saved ? stdout : stderr, "%s %s\n", saved ? "saved" : "could not save",
                         screenshot.toLocal8Bit().constData());
            QApplication::exit(saved ? 0 : 1);
        });
    };
    if (parser.isSet(agentOption)) {
        if (!screenshot.isEmpty()) {
            QObject::connect(window.agentDock(), &curator::ui::AgentDock::runFinished, &window,
                             saveScreenshot);
        }
        window.agentDock()->startRun(parser.value(agentOption));
    }
    if (parser.isSet(queryOption)) {
        if (!screenshot.isEmpty()) {
            QObject::connect(&window, &curator::ui::MainWindow::resultsShown, &window, saveScreenshot);
        }
        window.search(parser.value(queryOption), parser.values(negativeOption));
    } else if (!screenshot.isEmpty() && !parser.isSet(agentOption)) {
        saveScreenshot();
    }
    return QApplication::exec();
}
