// Issue 13.17: when the search cannot run (a truncated matrix, a broken settings.json, a store the
// configured embedder cannot serve), the window says why, and `curator --query ... --screenshot` ends with
// the error instead of waiting for results that never come.
#include "demo/syntheticdemo.h"
#include "docks/searchdock.h"
#include "mainwindow/mainwindow.h"
#include "store/embeddingstore.h"
#include "store/tensorfile.h"

#include "uitesthelpers.h"
#include <QLabel>
#include <QProcess>
#include <QStatusBar>

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <vector>

using namespace curator;
using namespace curator::ui;

namespace fs = std::filesystem;

class SearchErrorsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void aTruncatedMatrixIsSaidInTheStatusBarAndFailsTheSearch();
    void aStoreTheEmbedderCannotServeFailsTheSearch();
    void aBrokenSettingsFileFailsTheSearch();
    void screenshotModeEndsWithTheErrorWhenTheSearchCannotRun_data();
    void screenshotModeEndsWithTheErrorWhenTheSearchCannotRun();

private:
    // A fresh synthetic demo workspace (model synthetic-demo-256: the builtin embedder cannot serve it).
    QString syntheticWorkspace(const QString& name);
    QString truncatedWorkspace(const QString& name);
    QString brokenSettingsWorkspace(const QString& name);
    QString wideStoreWorkspace(const QString& name);
    static QString statusBarText(MainWindow& window);
    static QString failedSearch(MainWindow& window);

    QTemporaryDir m_directory;
};

void SearchErrorsTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorUiTests"));
    test::useFreshSettings();
    QVERIFY(m_directory.isValid());
}

QString SearchErrorsTest::syntheticWorkspace(const QString& name) {
    const QString workspace = m_directory.filePath(name);
    auto demo = createSyntheticDemo(workspace.toStdString(), 300);
    return demo.ok() ? workspace : QString();
}

QString SearchErrorsTest::truncatedWorkspace(const QString& name) {
    const QString workspace = syntheticWorkspace(name);
    for (const auto& entry : fs::recursive_directory_iterator(workspace.toStdString())) {
        if (entry.path().filename() == "matrix.f16" || entry.path().filename() == "matrix.f32") {
            fs::resize_file(entry.path(), 1000);
            break;
        }
    }
    return workspace;
}

QString SearchErrorsTest::brokenSettingsWorkspace(const QString& name) {
    const QString workspace = syntheticWorkspace(name);
    std::ofstream(fs::path(workspace.toStdString()) / "settings.json") << "{\"embedder\": ";
    return workspace;
}

QString SearchErrorsTest::wideStoreWorkspace(const QString& name) {
    // 4096-d rows of a model the builtin embedder (the workspace's setting) is not.
    const QString workspace = m_directory.filePath(name);
    const size_t rows = 20;
    const size_t dimension = 4096;
    std::vector<float> values(rows * dimension);
    for (size_t i = 0; i < values.size(); ++i) {
        values[i] = static_cast<float>((i * 7919) % 101) / 101.0f + 0.01f;
    }
    const std::string npy = m_directory.filePath(name + QStringLiteral(".npy")).toStdString();
    if (!writeNpy(npy, values.data(), {rows, dimension}).ok()) {
        return {};
    }
    ImportRequest request;
    request.source = "photos";
    request.model = "wide-4096";
    request.embeddingsPath = npy;
    return importEmbeddings(workspace.toStdString(), request).ok() ? workspace : QString();
}

QString SearchErrorsTest::statusBarText(MainWindow& window) {
    QString text;
    for (const QLabel* label : window.statusBar()->findChildren<QLabel*>()) {
        text += label->text() + QLatin1Char('\n') + label->toolTip() + QLatin1Char('\n');
    }
    return text;
}

QString SearchErrorsTest::failedSearch(MainWindow& window) {
    QSignalSpy failed(&window, &MainWindow::searchFailed);
    window.search(QStringLiteral("vhs scanlines"));
    if (!failed.wait(30000)) {
        return {};
    }
    return failed.first().at(0).toString();
}

void SearchErrorsTest::aTruncatedMatrixIsSaidInTheStatusBarAndFailsTheSearch() {
    const QString workspace = truncatedWorkspace(QStringLiteral("truncated"));
    QVERIFY(!workspace.isEmpty());
    MainWindow window(workspace);
    window.show();
    const QString status = statusBarText(window);
    QVERIFY2(status.contains(QStringLiteral("the embeddings cannot be opened")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("truncated")), qPrintable(status));
    QVERIFY2(!status.contains(QStringLiteral("0 images")), qPrintable(status));
    const QString message = failedSearch(window);
    QVERIFY2(message.contains(QStringLiteral("matrix.f16")), qPrintable(message));
}

void SearchErrorsTest::aStoreTheEmbedderCannotServeFailsTheSearch() {
    const QString workspace = wideStoreWorkspace(QStringLiteral("wide"));
    QVERIFY(!workspace.isEmpty());
    MainWindow window(workspace);
    window.show();
    const QString message = failedSearch(window);
    QVERIFY2(!message.isEmpty(), "no failure reported");
    QVERIFY2(message.contains(QStringLiteral("wide-4096")), qPrintable(message));
}

void SearchErrorsTest::aBrokenSettingsFileFailsTheSearch() {
    const QString workspace = brokenSettingsWorkspace(QStringLiteral("settings"));
    QVERIFY(!workspace.isEmpty());
    MainWindow window(workspace);
    window.show();
    const QString message = failedSearch(window);
    QVERIFY2(message.contains(QStringLiteral("settings.json")), qPrintable(message));
}

void SearchErrorsTest::screenshotModeEndsWithTheErrorWhenTheSearchCannotRun_data() {
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("expected");
    QTest::newRow("truncated matrix")
        << truncatedWorkspace(QStringLiteral("shot-truncated")) << QStringLiteral("truncated");
    QTest::newRow("broken settings") << brokenSettingsWorkspace(QStringLiteral("shot-settings"))
                                     << QStringLiteral("settings.json");
    QTest::newRow("4096-d store") << wideStoreWorkspace(QStringLiteral("shot-wide"))
                                  << QStringLiteral("wide-4096");
}

void SearchErrorsTest::screenshotModeEndsWithTheErrorWhenTheSearchCannotRun() {
    QFETCH(QString, workspace);
    QFETCH(QString, expected);
    QVERIFY(!workspace.isEmpty());
    const QString screenshot = m_directory.filePath(QStringLiteral("shot.png"));
    QProcess gui;
    gui.start(QStringLiteral(CURATOR_GUI_PATH),
              {QStringLiteral("--workspace"), workspace, QStringLiteral("--query"),
               QStringLiteral("vhs scanlines"), QStringLiteral("--screenshot"), screenshot});
    QVERIFY(gui.waitForStarted(10000));
    const bool finished = gui.waitForFinished(60000);
    if (!finished) {
        gui.kill();
        gui.waitForFinished(5000);
    }
    QVERIFY2(finished, "curator --screenshot did not exit");
    const QString errors = QString::fromLocal8Bit(gui.readAllStandardError());
    QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
    QVERIFY2(gui.exitCode() != 0, qPrintable(errors));
    QVERIFY2(errors.contains(QStringLiteral("the search failed")), qPrintable(errors));
    QVERIFY2(errors.contains(expected), qPrintable(errors));
    QVERIFY(!QFile::exists(screenshot));
}

QTEST_MAIN(SearchErrorsTest)
#include "tst_searcherrors.moc"
