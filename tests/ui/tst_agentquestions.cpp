// The agent's question in the Agent dock (issue 15 §3): a text answer without a tool call is shown as a
// question the researcher answers, the answer reaches the agent's next request, and the run goes on until
// a stop. Against the scripted OpenAI-compatible server of tests/net (it answers "Done." with no tool call).

#include "bridge/agentbridge.h"
#include "bridge/preferences.h"
#include "docks/agentdock.h"
#include "uitesthelpers.h"

#include <QFrame>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QtTest>

using namespace curator;
using namespace curator::ui;
using test::child;
using test::eventsOf;

class AgentQuestionTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void aQuestionIsShownAndTheAnswerReachesTheAgent();

private:
    QTemporaryDir m_directory;
    QString m_workspace;
    QProcess m_server;
    int m_port = 0;
};

void AgentQuestionTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorAgentQuestionTests"));
    test::useFreshSettings();
    QVERIFY(m_directory.isValid());
    QString error;
    m_workspace = test::createDemoWorkspace(m_directory.filePath(QStringLiteral("demo")), 60, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
    // The fake server prints "PORT PID" once it listens.
    m_server.start(QStringLiteral("python3"), {QStringLiteral(CURATOR_FAKE_SERVER)});
    QVERIFY(m_server.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(m_server.canReadLine(), 10000);
    m_port = QString::fromUtf8(m_server.readLine()).section(QLatin1Char(' '), 0, 0).toInt();
    QVERIFY(m_port > 0);
    AgentEndpoint endpoint;
    endpoint.baseUrl = QStringLiteral("http://127.0.0.1:%1/s/default/v1").arg(m_port);
    endpoint.model = QStringLiteral("fake-model");
    endpoint.apiKeyEnvironmentVariable = QStringLiteral("CURATOR_QUESTION_TEST_NO_KEY");
    preferences::setAgentEndpoint(m_workspace, endpoint);
}

void AgentQuestionTest::cleanupTestCase() {
    m_server.kill();
    m_server.waitForFinished(5000);
}

void AgentQuestionTest::aQuestionIsShownAndTheAnswerReachesTheAgent() {
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    dock.resize(480, 720);
    dock.show();
    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy finished(&dock, &AgentDock::runFinished);
    auto* card = child<QFrame>(&dock, "agentQuestion");
    QVERIFY(!card->isVisible());

    dock.startRun(QStringLiteral("VHS decay"));
    QTRY_VERIFY_WITH_TIMEOUT(dock.questionPending() || !finished.isEmpty(), 60000);
    QVERIFY2(finished.isEmpty(),
             qPrintable(finished.isEmpty() ? QString() : finished.first().at(1).toString()));
    // The question stands out, with a box for the answer; the run waits, it has not ended.
    QVERIFY(card->isVisible());
    QCOMPARE(child<QLabel>(&dock, "agentQuestionText")->text(), QStringLiteral("Done."));
    const QList<QJsonObject> asked = eventsOf(events, QStringLiteral("question"));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().value(QStringLiteral("human_attached")).toBool(), true);
    QVERIFY(bridge.isRunning());
    QVERIFY(child<QLabel>(&dock, "agentRunState")->text().contains(QStringLiteral("waits for your answer")));
    QTest::keyClicks(child<QLineEdit>(&dock, "agentAnswer"), QStringLiteral("Favour scanlines over blur."));
    QTest::qWait(50); // layout settles for the screenshot
    QVERIFY(dock.grab().save(
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ui-agentdock-question.png"))));

    QTest::mouseClick(child<QPushButton>(&dock, "agentSendAnswer"), Qt::LeftButton);
    QVERIFY(!card->isVisible());
    // The agent's next turn: the server answers "Done." again, a second question, after the answer.
    QTRY_VERIFY_WITH_TIMEOUT(eventsOf(events, QStringLiteral("question")).size() == 2, 60000);
    const QList<QJsonObject> answers = eventsOf(events, QStringLiteral("human_action"));
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().value(QStringLiteral("action")).toString(), QStringLiteral("answer"));
    bool inConversation = false;
    for (const QJsonObject& message : eventsOf(events, QStringLiteral("message"))) {
        inConversation =
            inConversation ||
            message.value(QStringLiteral("message")).toObject().value(QStringLiteral("content")).toString() ==
                QStringLiteral("[human answer] Favour scanlines over blur.");
    }
    QVERIFY(inConversation);
    const QString text = child<QTextEdit>(&dock, "agentReasoning")->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("You answered: Favour scanlines over blur.")), qPrintable(text));

    // The message box answers too while a question waits; Stop ends the wait.
    QTRY_VERIFY(dock.questionPending());
    QCOMPARE(child<QLineEdit>(&dock, "agentMessage")->placeholderText(),
             QStringLiteral("Your answer to the agent's question"));
    QTest::mouseClick(child<QPushButton>(&dock, "agentStop"), Qt::LeftButton);
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
    QCOMPARE(finished.first().at(1).toString(), QStringLiteral("stopped"));
    QVERIFY(!dock.questionPending());
}

QTEST_MAIN(AgentQuestionTest)
#include "tst_agentquestions.moc"
