// curator: the workstation. Argument parsing only; everything else is in ui/ and core/.
#include "bridge/preferences.h"
#include "bridge/secretstore.h"
#include "installtranslator.h"
#include "mainwindow/docklayout.h"
#include "mainwindow/launcher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("WideSpectrumCurator"));
    QApplication::setApplicationName(QStringLiteral("curator"));
    QApplication::setApplicationDisplayName(QStringLiteral("Wide-Spectrum Curator"));
    QApplication::setApplicationVersion(QStringLiteral(CURATOR_VERSION));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("curator")));
    installCuratorTranslator(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Wide-Spectrum Curator: the curation workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        QStringLiteral("workspace"),
        QStringLiteral("Workspace directory (default: $CURATOR_WORKSPACE, else the last one opened)"),
        QStringLiteral("DIR"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QStringLiteral(
            "Open the demo workspace, creating it first when needed (in --workspace DIR if given)"));
    const QCommandLineOption queryOption(
        QStringLiteral("query"), QStringLiteral("Search for TEXT once loaded"), QStringLiteral("TEXT"));
    const QCommandLineOption negativeOption(QStringLiteral("negative"),
                                            QStringLiteral("Negative prompt for --query (repeatable)"),
                                            QStringLiteral("TEXT"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the window once loaded, save it as PNG and exit"), QStringLiteral("FILE"));
    const QCommandLineOption agentOption(QStringLiteral("agent-theme"),
                                         QStringLiteral("Start an agent run on THEME once loaded"),
                                         QStringLiteral("THEME"));
    const QCommandLineOption quitAfterPaintOption(
        QStringLiteral("quit-after-paint"),
        QStringLiteral("Print the wall-clock time of the first painted frame and exit (launch benchmark)"));
    const QCommandLineOption layoutOption(
        QStringLiteral("layout"),
        QStringLiteral("Start with a layout preset: supervise (Supervise a run) or by-hand (Curate by hand)"),
        QStringLiteral("PRESET"));
    parser.addOptions({workspaceOption, demoOption, queryOption, negativeOption, screenshotOption,
                       agentOption, quitAfterPaintOption, layoutOption});
    parser.process(app);
    if (parser.isSet(layoutOption) && !curator::ui::layoutPresetFromKey(parser.value(layoutOption))) {
        std::fprintf(stderr, "curator: --layout expects supervise or by-hand, not \"%s\"\n",
                     parser.value(layoutOption).toLocal8Bit().constData());
        return 2;
    }

    curator::ui::LaunchOptions options;
    options.workspace = parser.value(workspaceOption);
    options.demo = parser.isSet(demoOption);
    options.query = parser.value(queryOption);
    options.negatives = parser.values(negativeOption);
    options.agentTheme = parser.value(agentOption);
    options.screenshot = parser.value(screenshotOption);
    options.quitAfterPaint = parser.isSet(quitAfterPaintOption);
    options.layout = parser.value(layoutOption);
    curator::ui::Launcher launcher(options);
    QObject::connect(&launcher, &curator::ui::Launcher::quitRequested, &app, &QApplication::exit,
                     Qt::QueuedConnection);

    // API keys from the system keychain (the environment still wins). The window opens once they are in,
    // so that a run started from the command line has its key; a keychain that does not answer within
    // two seconds is not waited for.
    curator::ui::SecretStore secrets;
    bool started = false;
    auto startOnce = [&launcher, &started] {
        if (!started) {
            started = true;
            launcher.start();
        }
    };
    QObject::connect(&secrets, &curator::ui::SecretStore::loaded, &launcher, startOnce);
    QTimer::singleShot(2000, &launcher, startOnce);
    secrets.load({curator::ui::preferences::agentEndpoint().apiKeyEnvironmentVariable});
    return QApplication::exec();
}
