// Settings that the CLI takes as flags, set in the workstation (issue 15): each round-trips through the
// preferences or the workspace's settings.json and reaches what a run or a rating gets. Against the
// scripted servers of tests/net (an agent over OpenAI's Responses API) and tests/rating (a captioner and
// scorer that count what they receive); no network, no key.

#include "bridge/agentbridge.h"
#include "bridge/preferences.h"
#include "bridge/ratingbridge.h"
#include "bridge/secretstore.h"
#include "dialogs/batchrundialog.h"
#include "dialogs/settingsdialog.h"
#include "docks/agentdock.h"
#include "uitesthelpers.h"

#include "../rating/fakeratingserver.h"

#include "agent/batchrun.h"
#include "dataset/curationlog.h"
#include "models/modelpresets.h"
#include "models/workspacebackends.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"
#include "store/workspacesettings.h"

#include <QComboBox>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace curator;
using namespace curator::ui;

namespace {

const QString kQwenTemplate = QStringLiteral("Instruct: Represent the user's input.\\nQuery: {text}");

QList<QJsonObject> eventsOf(const QSignalSpy& events, const QString& type) {
    QList<QJsonObject> found;
    for (const auto& arguments : events) {
        if (arguments.at(0).toString() == type) {
            found << QJsonDocument::fromJson(arguments.at(1).toByteArray()).object();
        }
    }
    return found;
}

// GET on the scripted server of tests/net.
nlohmann::json fakeServerGet(int port, const std::string& path) {
    HttpClient client;
    HttpRequest request;
    request.method = "GET";
    request.url = "http://127.0.0.1:" + std::to_string(port) + path;
    auto response = client.send(request);
    return response ? nlohmann::json::parse(response->body, nullptr, false) : nlohmann::json();
}

// The preset's entry in its role's Presets menu, triggered as a click on it does.
bool pickPreset(SettingsDialog& dialog, ModelRole role, const QString& id) {
    for (QAction* action : dialog.presetButton(role)->menu()->actions()) {
        if (action->data().toString() == id) {
            action->trigger();
            return true;
        }
    }
    return false;
}

// A workspace whose store holds two 8-d rows of the fake server's embedder (its vectors are 8-d).
QString workspaceOfFakeEmbedder(const QString& directory) {
    std::vector<float> rows(16, 0.0f);
    rows[0] = rows[9] = 1.0f;
    std::vector<RowIdentity> identities(2);
    identities[0].id = "a.jpg";
    identities[1].id = "b.jpg";
    const bool stored = appendEmbeddings(directory.toStdString(), "photos", "fake-embedder", 8,
                                         StorageType::Float32, identities, rows)
                            .ok();
    return stored ? directory : QString();
}

} // namespace

class SettingsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void theDialogRoundTripsEverySetting();
    void aBadQueryTemplateIsNamedAndNothingChanges();
    void aPresetFillsItsRowAndTheQueryTemplate();
    void changedModelsAreCheckedOnAWorkerBeforeSaving();
    void aFailedCheckKeepsTheDialogOpenUntilSavedAnyway();
    void aCheckCanBeStopped();
    void theQueryTemplateReachesTheWorkspaceEmbedder();
    void aRunGetsTheDialectImagesTileSizeAndBudget();
    void aRatingGetsConcurrencyScoreBatchAndCaptionerPrompt();
    void aBatchOfTwoThemesRunsFromTheDialog();
    void aStoppedBatchLeavesItsThemesToResume();

private:
    QTemporaryDir m_directory;
    QString m_workspace;
    QProcess m_server;
    int m_port = 0;
};

void SettingsTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorSettingsTests"));
    curator::ui::test::useFreshSettings();
    QSettings().clear();
    QVERIFY(m_directory.isValid());
    QString error;
    m_workspace = ui::test::createDemoWorkspace(m_directory.filePath(QStringLiteral("demo")), 60, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
    m_server.start(QStringLiteral("python3"), {QStringLiteral(CURATOR_FAKE_SERVER)});
    QVERIFY(m_server.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(m_server.canReadLine(), 10000);
    m_port = QString::fromUtf8(m_server.readLine()).section(QLatin1Char(' '), 0, 0).toInt();
    QVERIFY(m_port > 0);
}

void SettingsTest::cleanupTestCase() {
    m_server.kill();
    m_server.waitForFinished(5000);
    QSettings().clear();
}

void SettingsTest::theDialogRoundTripsEverySetting() {
    SecretStore secrets;
    {
        SettingsDialog dialog(m_workspace, &secrets);
        // Everything is visible at once on a 1280x800 screen.
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QSize size = dialog.sizeHint().expandedTo(dialog.minimumSizeHint());
        QVERIFY2(size.width() <= 1280 && size.height() <= 760,
                 qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())));
        dialog.resize(size);
        QTest::qWait(50);
        QVERIFY(dialog.grab().save(
            QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ui-settings-dialog.png"))));

        dialog.queryTemplateField()->setText(kQwenTemplate);
        dialog.captionerPromptField()->setPlainText(QStringLiteral("Name the defects only."));
        dialog.llmApiBox()->setCurrentIndex(dialog.llmApiBox()->findData(QStringLiteral("responses")));
        dialog.llmImagesBox()->setCurrentIndex(dialog.llmImagesBox()->findData(QStringLiteral("no")));
        dialog.gridTileSizeBox()->setValue(512);
        dialog.contextBudgetBox()->setValue(50000);
        dialog.ratingConcurrencyBox()->setValue(3);
        dialog.scoreBatchBox()->setValue(2);
        dialog.requestTimeoutBox()->setValue(45);
        QSignalSpy changed(&dialog, &SettingsDialog::workspaceSettingsChanged);
        QString error;
        QVERIFY2(dialog.apply(&error), qPrintable(error));
        QCOMPARE(changed.size(), 1); // the template and prompt are the workspace's: bridges reopen
    }
    // Where they are kept: the workspace's settings.json (read by the CLI too) and the preferences.
    auto saved = WorkspaceSettings::load(m_workspace.toStdString());
    QVERIFY(saved.ok());
    QCOMPARE(QString::fromStdString(saved->embedQueryTemplate), kQwenTemplate);
    QCOMPARE(saved->captionerPrompt, std::string("Name the defects only."));
    const AgentRunSettings run = preferences::agentRunSettings(m_workspace);
    QCOMPARE(run.llmApi, QStringLiteral("responses"));
    QCOMPARE(run.llmImages, QStringLiteral("no"));
    QCOMPARE(run.gridTileSize, 512);
    QCOMPARE(run.contextBudgetTokens, 50000L);
    QCOMPARE(preferences::ratingSettings(m_workspace).concurrency, 3);
    QCOMPARE(preferences::ratingSettings(m_workspace).scoreBatchSize, 2);
    QCOMPARE(preferences::ratingSettings(m_workspace).requestTimeoutSeconds, 45);
    // A new workspace starts with the user's last choices.
    QCOMPARE(preferences::agentRunSettings(m_directory.filePath(QStringLiteral("other"))).gridTileSize, 512);

    SettingsDialog reopened(m_workspace, &secrets);
    QCOMPARE(reopened.queryTemplateField()->text(), kQwenTemplate);
    QCOMPARE(reopened.captionerPromptField()->toPlainText(), QStringLiteral("Name the defects only."));
    QCOMPARE(reopened.llmApiBox()->currentData().toString(), QStringLiteral("responses"));
    QCOMPARE(reopened.llmImagesBox()->currentData().toString(), QStringLiteral("no"));
    QCOMPARE(reopened.gridTileSizeBox()->value(), 512);
    QCOMPARE(reopened.contextBudgetBox()->value(), 50000);
    QCOMPARE(reopened.ratingConcurrencyBox()->value(), 3);
    QCOMPARE(reopened.scoreBatchBox()->value(), 2);
    QCOMPARE(reopened.requestTimeoutBox()->value(), 45);
}

void SettingsTest::aBadQueryTemplateIsNamedAndNothingChanges() {
    SecretStore secrets;
    const auto before = WorkspaceSettings::load(m_workspace.toStdString());
    QVERIFY(before.ok());
    SettingsDialog dialog(m_workspace, &secrets);
    dialog.queryTemplateField()->setText(QStringLiteral("Represent the user's input."));
    QString error;
    QVERIFY(!dialog.apply(&error));
    QVERIFY2(error.contains(QStringLiteral("query template")) && error.contains(QStringLiteral("{text}")),
             qPrintable(error));
    const auto after = WorkspaceSettings::load(m_workspace.toStdString());
    QCOMPARE(after->embedQueryTemplate, before->embedQueryTemplate);
}

void SettingsTest::aPresetFillsItsRowAndTheQueryTemplate() {
    SecretStore secrets;
    SettingsDialog dialog(m_workspace, &secrets);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Each role offers the builtin default and the documented real models, from the core's table.
    for (const ModelRole role : {ModelRole::Embedder, ModelRole::Scorer, ModelRole::Captioner}) {
        QCOMPARE(dialog.presetButton(role)->menu()->actions().size(), int(modelPresetsFor(role).size()));
    }
    QVERIFY(pickPreset(dialog, ModelRole::Embedder, QStringLiteral("qwen3-vl-embedding")));
    QCOMPARE(dialog.embedderField()->text(),
             QStringLiteral("openai:http://localhost:8000/v1#Qwen/Qwen3-VL-Embedding-8B"));
    QCOMPARE(dialog.queryTemplateField()->text(), kQwenTemplate);
    QCOMPARE(dialog.embedderField()->selectedText(), QStringLiteral("localhost")); // typed over next
    QVERIFY2(dialog.checkResultView()->toPlainText().contains(
                 QStringLiteral("vllm serve Qwen/Qwen3-VL-Embedding-8B")),
             qPrintable(dialog.checkResultView()->toPlainText()));
    QVERIFY(pickPreset(dialog, ModelRole::Scorer, QStringLiteral("hpsv3")));
    QCOMPARE(dialog.scorerField()->text(), QStringLiteral("openai:http://localhost:8765#hpsv3"));
    QVERIFY(pickPreset(dialog, ModelRole::Captioner, QStringLiteral("vlm-captioner")));
    QCOMPARE(dialog.captionerField()->text(),
             QStringLiteral("openai:http://localhost:8001/v1#Qwen/Qwen2.5-VL-7B-Instruct"));
    QVERIFY(pickPreset(dialog, ModelRole::Embedder, QStringLiteral("clip-torchscript")));
    QCOMPARE(dialog.embedderField()->text(), QStringLiteral("torchscript:models/vit-b-32"));
    QCOMPARE(dialog.embedderField()->selectedText(), QStringLiteral("models/vit-b-32"));
    QVERIFY(dialog.queryTemplateField()->text().isEmpty()); // Qwen's template went with Qwen
    QVERIFY(pickPreset(dialog, ModelRole::Embedder, QStringLiteral("builtin-embedder")));
    QCOMPARE(dialog.embedderField()->text(), QStringLiteral("builtin"));
    QVERIFY(!dialog.applyPreset(QStringLiteral("no-such-preset")));
}

void SettingsTest::changedModelsAreCheckedOnAWorkerBeforeSaving() {
    const QString workspace = workspaceOfFakeEmbedder(m_directory.filePath(QStringLiteral("check-ws")));
    QVERIFY(!workspace.isEmpty());
    SecretStore secrets;
    SettingsDialog dialog(workspace, &secrets);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // The Qwen preset with the host and model put in: here the scripted server's.
    QVERIFY(pickPreset(dialog, ModelRole::Embedder, QStringLiteral("qwen3-vl-embedding")));
    const QString embedder = QStringLiteral("openai:http://127.0.0.1:%1/s/ok/v1#fake-embedder").arg(m_port);
    dialog.embedderField()->setText(embedder);
    QVERIFY(pickPreset(dialog, ModelRole::Scorer, QStringLiteral("hpsv3")));
    dialog.scorerField()->setText(QStringLiteral("openai:http://127.0.0.1:%1/s/ok#hpsv3").arg(m_port));
    QSignalSpy checked(&dialog, &SettingsDialog::modelCheckFinished);
    QSignalSpy changed(&dialog, &SettingsDialog::workspaceSettingsChanged);
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    // The check runs on a worker: the dialog stays responsive, OK waits, the button stops the check.
    QVERIFY(checked.isEmpty());
    QVERIFY(!dialog.okButton()->isEnabled());
    QCOMPARE(dialog.checkButton()->text(), QStringLiteral("Stop check"));
    QVERIFY(checked.wait(60000) || !checked.isEmpty());
    QVERIFY2(checked.first().at(0).toBool(), qPrintable(dialog.checkResultView()->toPlainText()));
    const QString result = dialog.checkResultView()->toPlainText();
    QVERIFY2(result.contains(QStringLiteral("Embedder: fake-embedder, 8 dimensions, as the store's rows")),
             qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("Scorer: hpsv3, test score ")), qPrintable(result));
    QVERIFY2(!result.contains(QStringLiteral("Captioner")), qPrintable(result)); // unchanged: not checked
    QVERIFY(dialog.grab().save(
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ui-settings-check.png"))));
    // It passed: saved and closed.
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(changed.size(), 1);
    auto saved = WorkspaceSettings::load(workspace.toStdString());
    QVERIFY(saved.ok());
    QCOMPARE(QString::fromStdString(saved->embedder), embedder);
    QCOMPARE(QString::fromStdString(saved->embedQueryTemplate), kQwenTemplate);
}

void SettingsTest::aFailedCheckKeepsTheDialogOpenUntilSavedAnyway() {
    const QString workspace =
        workspaceOfFakeEmbedder(m_directory.filePath(QStringLiteral("failed-check-ws")));
    QVERIFY(!workspace.isEmpty());
    SecretStore secrets;
    SettingsDialog dialog(workspace, &secrets);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Another model than the store's rows: they could not be compared with its vectors.
    const QString embedder = QStringLiteral("openai:http://127.0.0.1:%1/s/ok/v1#other-model").arg(m_port);
    dialog.embedderField()->setText(embedder);
    QSignalSpy checked(&dialog, &SettingsDialog::modelCheckFinished);
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    QVERIFY(checked.wait(60000) || !checked.isEmpty());
    QVERIFY(!checked.first().at(0).toBool());
    QVERIFY(dialog.isVisible());
    const QString result = dialog.checkResultView()->toPlainText();
    QVERIFY2(
        result.contains(QStringLiteral("Embedder failed: embedder '%1' is model 'other-model' (8-d), but "
                                       "the workspace's store holds rows of 'fake-embedder' (8-d)")
                            .arg(embedder)),
        qPrintable(result));
    QVERIFY(dialog.saveAnywayButton()->isVisible());
    QVERIFY(dialog.okButton()->isEnabled());
    QCOMPARE(WorkspaceSettings::load(workspace.toStdString())->embedder, std::string("builtin"));
    QVERIFY(dialog.grab().save(QDir(QCoreApplication::applicationDirPath())
                                   .filePath(QStringLiteral("ui-settings-check-failed.png"))));

    // Editing again takes the offer back (the new values get their own check); saving anyway is explicit.
    dialog.embedderField()->setText(embedder + QStringLiteral("x"));
    QTest::keyClick(dialog.embedderField(), Qt::Key_Backspace);
    QVERIFY(!dialog.saveAnywayButton()->isVisible());
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    QVERIFY(checked.wait(60000) || checked.size() == 2);
    QVERIFY(dialog.saveAnywayButton()->isVisible());
    QTest::mouseClick(dialog.saveAnywayButton(), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(QString::fromStdString(WorkspaceSettings::load(workspace.toStdString())->embedder), embedder);
}

void SettingsTest::aCheckCanBeStopped() {
    SecretStore secrets;
    SettingsDialog dialog(m_workspace, &secrets);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // The scripted server's "slow" scenario answers after 3 s.
    dialog.embedderField()->setText(QStringLiteral("openai:http://127.0.0.1:%1/s/slow/v1#slow").arg(m_port));
    QSignalSpy checked(&dialog, &SettingsDialog::modelCheckFinished);
    QTest::mouseClick(dialog.checkButton(), Qt::LeftButton);
    QCOMPARE(dialog.checkButton()->text(), QStringLiteral("Stop check"));
    QTest::mouseClick(dialog.checkButton(), Qt::LeftButton);
    // At once: the dialog is usable again and nothing was saved; the worker's late report is dropped.
    QCOMPARE(dialog.checkButton()->text(), QStringLiteral("Check models"));
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(dialog.checkResultView()->toPlainText().contains(QStringLiteral("stopped")));
    QTest::qWait(3500);
    QVERIFY(checked.isEmpty());
}

void SettingsTest::theQueryTemplateReachesTheWorkspaceEmbedder() {
    // A copy of the workspace's settings naming an openai: embedder on the scripted server: what the
    // workstation's bridges make (createWorkspaceEmbedder) sends each text query through the template.
    const QString other = m_directory.filePath(QStringLiteral("embedder-ws"));
    WorkspaceSettings settings;
    settings.embedder = "openai:http://127.0.0.1:" + std::to_string(m_port) + "/s/ok/v1#fake-embedder";
    QVERIFY(settings.set("embed_query_template", kQwenTemplate.toStdString()).ok());
    QVERIFY(settings.save(other.toStdString()).ok());
    auto embedder = createWorkspaceEmbedder(other.toStdString());
    QVERIFY2(embedder.ok(), embedder.ok() ? "" : embedder.error().c_str());
    QVERIFY((*embedder)->embedText("motion blur").ok());
    const nlohmann::json body = fakeServerGet(m_port, "/last/s/ok/v1/embeddings");
    const std::string input = body.value("input", nlohmann::json()).is_array()
                                  ? body["input"][0].get<std::string>()
                                  : body.value("input", std::string());
    QCOMPARE(input, std::string("Instruct: Represent the user's input.\nQuery: motion blur"));
}

void SettingsTest::aRunGetsTheDialectImagesTileSizeAndBudget() {
    // Settings as the dialog saved them (responses, images no, 512 px, 50000 tokens) and an endpoint
    // that speaks only the Responses API.
    AgentEndpoint endpoint;
    endpoint.baseUrl = QStringLiteral("http://127.0.0.1:%1/s/ok/v1").arg(m_port);
    endpoint.model = QStringLiteral("fake-model");
    endpoint.apiKeyEnvironmentVariable = QStringLiteral("CURATOR_SETTINGS_TEST_NO_KEY");
    preferences::setAgentEndpoint(m_workspace, endpoint);
    AgentBridge bridge(m_workspace);
    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy finished(&bridge, &AgentBridge::finished);
    AgentStartValues values; // as the dock fills them: the endpoint, the rest from the preferences
    values.theme = QStringLiteral("motion blur");
    values.baseUrl = endpoint.baseUrl;
    values.model = endpoint.model;
    values.apiKeyEnvironmentVariable = endpoint.apiKeyEnvironmentVariable;
    bridge.start(values);
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(finished.first().at(1).toString(), QStringLiteral("final_answer"));

    const QList<QJsonObject> started = eventsOf(events, QStringLiteral("run_started"));
    QCOMPARE(started.size(), 1);
    const QJsonObject config = started.first().value(QStringLiteral("config")).toObject();
    QCOMPARE(config.value(QStringLiteral("grid_tile_size")).toInt(), 512);
    QCOMPARE(config.value(QStringLiteral("context_budget_tokens")).toInteger(), qint64(50000));
    const QJsonObject extra = config.value(QStringLiteral("extra")).toObject();
    QCOMPARE(extra.value(QStringLiteral("llm_api")).toString(), QStringLiteral("responses"));
    QCOMPARE(extra.value(QStringLiteral("llm_images")).toString(), QStringLiteral("no"));
    // The planner spoke the Responses dialect (three turns), and with images off no grid was sent.
    const nlohmann::json counts = fakeServerGet(m_port, "/counts");
    QCOMPARE(counts.value("/s/ok/v1/responses", 0), 3);
    QCOMPARE(counts.value("/s/ok/v1/chat/completions", 0), 0);
    const std::string last = fakeServerGet(m_port, "/last/s/ok/v1/responses").dump();
    QVERIFY(last.find("function_call_output") != std::string::npos);
    QVERIFY2(last.find("input_image") == std::string::npos, last.c_str());
}

void SettingsTest::aRatingGetsConcurrencyScoreBatchAndCaptionerPrompt() {
    curator::test::FakeRatingServer server(0.02);
    QVERIFY(server.port() != 0);
    const QString workspace = m_directory.filePath(QStringLiteral("rating-ws"));
    WorkspaceSettings settings;
    settings.scorer = "openai:" + server.baseUrl("ok-a") + "#fake-scorer";
    settings.captioner = "openai:" + server.baseUrl("ok-a") + "#fake-captioner";
    settings.captionerPrompt = "Name the defects only.";
    QVERIFY(settings.save(workspace.toStdString()).ok());
    RatingSettings rating;
    rating.concurrency = 1;
    rating.scoreBatchSize = 2;
    preferences::setRatingSettings(workspace, rating);

    RatingBridge bridge(workspace);
    QCOMPARE(bridge.ratingOptions().concurrency, size_t(1));
    QCOMPARE(bridge.ratingOptions().scoreBatchSize, size_t(2));
    QVector<SearchResultRow> rows;
    const QDir photos(m_directory.filePath(QStringLiteral("demo/images/photos")));
    for (const QString& name : photos.entryList(QDir::Files, QDir::Name).mid(0, 5)) {
        SearchResultRow row;
        row.source = QStringLiteral("photos");
        row.id = name;
        row.path = photos.filePath(name); // no caption: the captioner is asked
        rows << row;
    }
    QCOMPARE(rows.size(), 5);
    QSignalSpy rated(&bridge, &RatingBridge::batchRated);
    QSignalSpy failed(&bridge, &RatingBridge::failed);
    bridge.rateBatch(rows);
    QTRY_VERIFY_WITH_TIMEOUT(!rated.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.first().at(0).toString()));
    const auto report = rated.first().at(0).value<std::shared_ptr<const RateReport>>();
    QCOMPARE(report->rated.size(), size_t(5));
    QCOMPARE(report->captionsFromCaptioner, size_t(5));
    const nlohmann::json stats = server.stats();
    QCOMPARE(stats["last_prompt"].get<std::string>(), std::string("Name the defects only."));
    QCOMPARE(stats["max_in_flight"].get<int>(), 1);
    // Five captions, then the five scores in requests of two: 5 + 3.
    QCOMPARE(stats["requests"]["ok-a"].get<int>(), 8);
    QCOMPARE(stats["score_items"]["ok-a"].get<int>(), 5);
}

void SettingsTest::aBatchOfTwoThemesRunsFromTheDialog() {
    preferences::setAgentEndpoint(m_workspace, AgentEndpoint()); // the offline heuristic planner
    AgentRunSettings run;
    run.gridTileSize = 256;
    preferences::setAgentRunSettings(m_workspace, run);
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    BatchRunDialog dialog(&bridge);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.sourceBox()->count() > 1); // the taxonomy's categories
    // Picking a category fills the box with its attributes, one theme each.
    dialog.sourceBox()->setCurrentIndex(1);
    QVERIFY(dialog.themes().size() >= 1);
    QVERIFY(dialog.themes().first().contains(QLatin1Char(':')));
    QCOMPARE(dialog.sourceBox()->currentIndex(), 1);
    dialog.themesField()->setPlainText(
        QStringLiteral("motion blur\n# a comment\n\nVHS decay and analog glitch\n"));
    QCOMPARE(dialog.themes(),
             QStringList({QStringLiteral("motion blur"), QStringLiteral("VHS decay and analog glitch")}));
    QCOMPARE(dialog.sourceBox()->currentIndex(), 0); // edited by hand: no longer the category's list
    QVERIFY(dialog.grab().save(
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ui-batch-dialog.png"))));

    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy themes(&bridge, &AgentBridge::batchThemeStarted);
    QSignalSpy finished(&bridge, &AgentBridge::finished);
    QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
    QVERIFY(!dialog.startButton()->isEnabled());
    QVERIFY(dialog.stopButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(themes.size() == 2 || !finished.isEmpty(), 120000);
    QVERIFY(dialog.statusLabel()->text().startsWith(QStringLiteral("theme 2 of 2: VHS decay")) ||
            !finished.isEmpty());
    // The dock follows the batch's current run as it follows one started there.
    QCOMPARE(dock.findChild<QLineEdit*>(QStringLiteral("agentTheme"))->text(),
             QStringLiteral("VHS decay and analog glitch"));
    QVERIFY(finished.wait(120000) || !finished.isEmpty());
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("2 of 2 themes finished")),
             qPrintable(finished.first().at(1).toString()));
    QVERIFY(dialog.startButton()->isEnabled());
    QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("2 of 2 themes finished")));

    // Two runs, each on its branch, each with the run settings; the checkpoint says both finished.
    const QList<QJsonObject> started = eventsOf(events, QStringLiteral("run_started"));
    QCOMPARE(started.size(), 2);
    const auto batches = BatchRun::listBatches(m_workspace.toStdString());
    QCOMPARE(batches.size(), size_t(1));
    auto batch = BatchRun::open(m_workspace.toStdString(), batches.front());
    QVERIFY(batch.ok());
    auto log = CurationLog::open(m_workspace.toStdString());
    QVERIFY(log.ok());
    auto branches = log->listBranches();
    QVERIFY(branches.ok());
    for (int i = 0; i < 2; ++i) {
        const BatchTheme theme = (*batch)->themes()[size_t(i)];
        QCOMPARE(theme.state, BatchThemeState::Finished);
        const QJsonObject event = started[i];
        QCOMPARE(event.value(QStringLiteral("theme")).toString().toStdString(), theme.theme);
        QCOMPARE(
            event.value(QStringLiteral("config")).toObject().value(QStringLiteral("grid_tile_size")).toInt(),
            256);
        const std::string branch = AgentRun::branchOf(theme.runId);
        QCOMPARE(event.value(QStringLiteral("branch")).toString().toStdString(), branch);
        bool found = false;
        for (const BranchInfo& info : *branches) {
            found = found || info.name == branch;
        }
        QVERIFY2(found, branch.c_str());
    }
}

void SettingsTest::aStoppedBatchLeavesItsThemesToResume() {
    AgentBridge bridge(m_workspace);
    BatchRunDialog dialog(&bridge);
    dialog.themesField()->setPlainText(QStringLiteral("harsh flash\nlens flare"));
    QSignalSpy finished(&bridge, &AgentBridge::finished);
    const auto before = BatchRun::listBatches(m_workspace.toStdString());
    // Stop at once, while the worker still makes the backends: the stop waits for the batch and ends it.
    QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
    QTest::mouseClick(dialog.stopButton(), Qt::LeftButton);
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
    const QString message = finished.first().at(1).toString();
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("0 of 2 themes finished (stopped")), qPrintable(message));
    QVERIFY(dialog.startButton()->isEnabled());
    const auto after = BatchRun::listBatches(m_workspace.toStdString());
    QCOMPARE(after.size(), before.size() + 1);
    std::string id;
    for (const std::string& each : after) {
        if (std::find(before.begin(), before.end(), each) == before.end()) {
            id = each;
        }
    }
    auto batch = BatchRun::open(m_workspace.toStdString(), id);
    QVERIFY(batch.ok());
    for (const BatchTheme& theme : (*batch)->themes()) {
        QVERIFY(theme.state != BatchThemeState::Finished); // left for agent batch resume
    }
}

QTEST_MAIN(SettingsTest)
#include "tst_settings.moc"
