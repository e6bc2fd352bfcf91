// Issue 16 §1, what the agent saw as the agent saw it: each tool call of the timeline as a card in words
// (from the events of a real offline run on a demo workspace, and written events for the tools that run
// does not call), the strip of the images the agent was shown, "Show in grid" filling the results grid,
// the histogram and score docks following the selected call, the grid file the model received, and
// human actions, questions, compactions and errors as sentences in the reasoning stream with each turn's
// cost. Screenshots of the dock at the width it has in a 1280x800 window and on a large screen.

#include "bridge/agentbridge.h"
#include "docks/agentdock.h"
#include "docks/histogramdock.h"
#include "docks/scoredock.h"
#include "mainwindow/mainwindow.h"
#include "models/agenttimelinemodel.h"
#include "models/searchresultsmodel.h"
#include "models/thumbnailcache.h"
#include "uitesthelpers.h"
#include "widgets/agentcarddelegate.h"
#include "widgets/similarityhistogramview.h"

#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QtTest>

using namespace curator;
using namespace curator::ui;
using test::RecordedEvent;
using test::screenshotPath;

namespace {

QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The row of the first card of `tool` (from `from` on), or -1.
int rowOf(const AgentTimelineModel& model, const QString& tool, int from = 0) {
    for (int row = from; row < model.rowCount(); ++row) {
        if (model.card(row).tool == tool) {
            return row;
        }
    }
    return -1;
}

QStyleOptionViewItem optionFor(QListView* view, const QModelIndex& index) {
    QStyleOptionViewItem option;
    option.rect = view->visualRect(index);
    option.font = view->font();
    return option;
}

} // namespace

class AgentCardsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void eachToolReadsAsACardInWords();
    void toolsTheOfflineRunDoesNotCallReadInWordsToo();
    void theStripShowsTheImagesAndShowInGridFillsTheResults();
    void selectingACallUpdatesTheHistogramAndScoreDocks();
    void theGridTheAgentSawOpensFromItsCard();
    void humanActionsQuestionsCompactionsAndErrorsAreSentences();
    void aLongRunIsOneCardPerCall();

private:
    // Feeds the recorded run to a window's agent dock, as the bridge would.
    void replay(AgentBridge* bridge) const;

    QString m_workspace;
    QTemporaryDir m_directory;
    QList<RecordedEvent> m_events;
};

void AgentCardsTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorAgentCardsTests"));
    test::useFreshSettings();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // "2,870"
    QVERIFY(m_directory.isValid());
    QString error;
    m_workspace = test::createDemoWorkspace(m_directory.filePath(QStringLiteral("demo")), 600, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
    // One real offline run: its events are what the cards are built from.
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy finished(&dock, &AgentDock::runFinished);
    dock.startRun(QStringLiteral("VHS decay and analog glitch"));
    QVERIFY(finished.wait(120000) || !finished.isEmpty());
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    for (const auto& arguments : events) {
        m_events.push_back({arguments.at(0).toString(), arguments.at(1).toByteArray()});
    }
}

void AgentCardsTest::replay(AgentBridge* bridge) const {
    for (const RecordedEvent& event : m_events) {
        Q_EMIT bridge->eventReceived(event.type, event.json);
    }
}

void AgentCardsTest::eachToolReadsAsACardInWords() {
    AgentTimelineModel model;
    QHash<QString, QJsonObject> results; // by call id
    for (const RecordedEvent& event : m_events) {
        model.addEvent(event.type, event.json);
        if (event.type == QLatin1String("tool_result")) {
            results.insert(event.object().value(QStringLiteral("call_id")).toString(), event.object());
        }
    }
    QVERIFY(model.rowCount() > 0);
    QSet<QString> tools;
    for (int row = 0; row < model.rowCount(); ++row) {
        const AgentCard& card = model.card(row);
        tools.insert(card.tool);
        QVERIFY(card.answered);
        const QString text = model.index(row).data().toString();
        QVERIFY2(!text.contains(QLatin1Char('{')) && !text.contains(QStringLiteral("\"call_id\"")),
                 qPrintable(text));
        // The raw arguments and result stay with the card.
        QVERIFY(model.index(row)
                    .data(AgentTimelineModel::DetailsRole)
                    .toString()
                    .contains(QStringLiteral("\"ok\"")));
        const QJsonObject result = results.value(card.callId);
        const QJsonObject data = result.value(QStringLiteral("data")).toObject();
        const QJsonArray rows = data.value(QStringLiteral("results")).toArray();
        if (card.tool == QLatin1String("search")) {
            QVERIFY2(card.title.contains(data.value(QStringLiteral("query")).toString()),
                     qPrintable(card.title));
            const QString expected =
                QStringLiteral("%1 of %2 unmasked, best %3")
                    .arg(rows.size())
                    .arg(QLocale().toString(data.value(QStringLiteral("unmasked")).toInteger()))
                    .arg(rows.first().toObject().value(QStringLiteral("similarity")).toDouble(), 0, 'f', 2);
            QVERIFY2(card.result.startsWith(expected),
                     qPrintable(card.result + QStringLiteral(" vs ") + expected));
            for (const auto& negative : data.value(QStringLiteral("negative_prompts")).toArray()) {
                QVERIFY(card.details.join(QLatin1Char(' ')).contains(negative.toString()));
            }
            QVERIFY(card.details.join(QLatin1Char(' '))
                        .contains(QStringLiteral("in artwork, dreamcore, photos")));
            QCOMPARE(card.images.size(), rows.size());
            QCOMPARE(card.images.first().id, rows.first().toObject().value(QStringLiteral("id")).toString());
        } else if (card.tool == QLatin1String("sample")) {
            QVERIFY2(card.details.first().startsWith(
                         QStringLiteral("band %1 to ")
                             .arg(data.value(QStringLiteral("min_threshold")).toDouble(), 0, 'f', 3)),
                     qPrintable(card.details.join(QLatin1Char('|'))));
            QCOMPARE(card.result,
                     QStringLiteral("%1 of %2 in the band")
                         .arg(rows.size())
                         .arg(QLocale().toString(data.value(QStringLiteral("eligible")).toInteger())));
            QCOMPARE(card.images.size(), rows.size());
        } else if (card.tool == QLatin1String("aesthetics_rate")) {
            const QJsonArray counts = data.value(QStringLiteral("counts")).toArray();
            QCOMPARE(card.scoreCounts.size(), counts.size());
            for (int bin = 0; bin < counts.size(); ++bin) {
                QCOMPARE(card.scoreCounts[bin], counts[bin].toInt());
            }
            QVERIFY2(card.result.startsWith(
                         QStringLiteral("%1 rated, mean ").arg(data.value(QStringLiteral("rated")).toInt())),
                     qPrintable(card.result));
            QVERIFY(!card.images.isEmpty());
            QVERIFY(card.imagesAreScores);
        } else if (card.tool == QLatin1String("commit")) {
            QCOMPARE(card.result, QStringLiteral("%1: %2 images, %3 new")
                                      .arg(data.value(QStringLiteral("short_id")).toString())
                                      .arg(data.value(QStringLiteral("selected")).toInt())
                                      .arg(data.value(QStringLiteral("added")).toInt()));
            QVERIFY2(
                card.title.contains(QStringLiteral("\u2265 %1")
                                        .arg(data.value(QStringLiteral("threshold")).toDouble(), 0, 'f', 3)),
                qPrintable(card.title));
            QVERIFY(card.details.join(QLatin1Char(' '))
                        .contains(data.value(QStringLiteral("message")).toString().simplified().left(40)));
        } else if (card.tool == QLatin1String("status")) {
            QVERIFY2(card.result.contains(QStringLiteral("distinct images in")), qPrintable(card.result));
        } else if (card.tool == QLatin1String("finish")) {
            QCOMPARE(card.result, QStringLiteral("The run ends here."));
            QVERIFY(!card.details.isEmpty());
        }
    }
    for (const char* tool : {"search", "sample", "aesthetics_rate", "commit", "status", "finish"}) {
        QVERIFY2(tools.contains(QLatin1String(tool)), tool);
    }
}

void AgentCardsTest::toolsTheOfflineRunDoesNotCallReadInWordsToo() {
    AgentTimelineModel model;
    const auto add = [&](const QJsonObject& call, const QJsonObject& result) {
        model.addEvent(QStringLiteral("tool_call"), compact(call));
        model.addEvent(QStringLiteral("tool_result"), compact(result));
    };
    add({{"type", "tool_call"},
         {"call_id", "u1"},
         {"name", "undo_commit"},
         {"turn", 4},
         {"arguments", R"({"commit_id": "eff63dcc"})"}},
        {{"type", "tool_result"},
         {"call_id", "u1"},
         {"name", "undo_commit"},
         {"turn", 4},
         {"ok", true},
         {"text", "Undid eff63dcc"},
         {"data", QJsonObject{{"short_id", "eff63dcc"}, {"affected", 23}}}});
    add({{"type", "tool_call"},
         {"call_id", "s1"},
         {"name", "sample_from_committed"},
         {"turn", 5},
         {"arguments", R"({"n": 2})"}},
        {{"type", "tool_result"},
         {"call_id", "s1"},
         {"name", "sample_from_committed"},
         {"turn", 5},
         {"ok", true},
         {"text", "..."},
         {"data", QJsonObject{{"commit", ""},
                              {"population", 2870},
                              {"results", QJsonArray{QJsonObject{{"source", "photos"},
                                                                 {"id", "1.jpg"},
                                                                 {"path", "/x/1.jpg"},
                                                                 {"similarity", 0.61}},
                                                     QJsonObject{{"source", "photos"},
                                                                 {"id", "2.jpg"},
                                                                 {"path", "/x/2.jpg"},
                                                                 {"similarity", 0.58}}}}}}});
    add({{"type", "tool_call"},
         {"call_id", "f1"},
         {"name", "search"},
         {"turn", 6},
         {"arguments", "{not json"}},
        {{"type", "tool_result"},
         {"call_id", "f1"},
         {"name", "search"},
         {"turn", 6},
         {"ok", false},
         {"text", "ERROR: search: the arguments are not a JSON object"}});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.card(0).title, QStringLiteral("undo_commit eff63dcc"));
    QCOMPARE(model.card(0).result, QStringLiteral("undid eff63dcc (23 images affected)"));
    QCOMPARE(model.card(1).result, QStringLiteral("2 of 2,870 committed images"));
    QCOMPARE(model.card(1).images.size(), 2);
    QVERIFY(!model.card(2).ok);
    QCOMPARE(model.card(2).result, QStringLiteral("Failed: search: the arguments are not a JSON object"));
    QVERIFY(model.card(2).details.join(QString()).contains(QStringLiteral("do not parse")));
}

void AgentCardsTest::theStripShowsTheImagesAndShowInGridFillsTheResults() {
    MainWindow window(m_workspace);
    window.resize(1280, 800);
    window.show();
    AgentDock* dock = window.agentDock();
    dock->show();
    dock->raise();
    replay(window.agentBridge());
    AgentTimelineModel* model = dock->timeline();
    QListView* view = dock->timelineView();
    const int sample = rowOf(*model, QStringLiteral("sample"));
    QVERIFY(sample >= 0);
    const AgentCard& card = model->card(sample);
    QVERIFY(!card.images.isEmpty());
    view->scrollTo(model->index(sample), QAbstractItemView::PositionAtTop);
    QTest::qWait(50);
    const QStyleOptionViewItem option = optionFor(view, model->index(sample));
    const AgentCardDelegate::Geometry geometry = dock->cardDelegate()->geometry(option, card);
    QVERIFY(geometry.thumbnailsShown > 0);
    QVERIFY(!geometry.strip.isEmpty());
    QVERIFY(!geometry.showInGrid.isEmpty());
    // The thumbnails of the strip load from the workspace, off the GUI thread.
    view->viewport()->repaint();
    const AgentCardImage& first = card.images.first();
    QTRY_VERIFY_WITH_TIMEOUT(
        !dock->cardDelegate()->thumbnails()->thumbnail(first.source + QLatin1Char('/') + first.id).isNull(),
        30000);

    // One click on "Show in grid": the images, best first, with their similarities as the grid's badges.
    QSignalSpy shown(&window, &MainWindow::resultsShown);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, geometry.showInGrid.center());
    QTRY_COMPARE_WITH_TIMEOUT(window.resultsModel()->rowCount(), static_cast<int>(card.images.size()), 10000);
    const SearchSnapshot& snapshot = window.resultsModel()->snapshot();
    for (int i = 0; i < card.images.size(); ++i) {
        QCOMPARE(snapshot.rows[i].id, card.images[i].id);
        QCOMPARE(window.resultsModel()->index(i, 0).data(SearchResultsModel::SimilarityRole).toDouble(),
                 static_cast<double>(static_cast<float>(card.images[i].value)));
    }
    QCOMPARE(snapshot.query, card.query);
    // The histogram shows the distribution of the search the sample came from.
    QVERIFY(!window.histogramDock()->view()->isEmpty());

    // How it reads: the dock at the width it has in a 1280x800 window, then on a large screen.
    QTest::qWait(200);
    view->viewport()->repaint();
    QTest::qWait(50);
    QVERIFY(dock->grab().save(screenshotPath(QStringLiteral("ui-agentcards-1280.png"))));
    QVERIFY(window.grab().save(screenshotPath(QStringLiteral("ui-agentcards-window-1280.png"))));
    window.resize(2560, 1440);
    QTest::qWait(200);
    const int rating = rowOf(*model, QStringLiteral("aesthetics_rate"));
    view->scrollTo(model->index(rating), QAbstractItemView::PositionAtTop);
    QTest::qWait(200);
    QVERIFY(dock->grab().save(screenshotPath(QStringLiteral("ui-agentcards-large.png"))));
}

void AgentCardsTest::selectingACallUpdatesTheHistogramAndScoreDocks() {
    MainWindow window(m_workspace);
    window.show();
    replay(window.agentBridge());
    AgentDock* dock = window.agentDock();
    AgentTimelineModel* model = dock->timeline();
    QListView* view = dock->timelineView();
    // Two searches of different queries: selecting each shows its own distribution and rows.
    const int firstSearch = rowOf(*model, QStringLiteral("search"));
    int otherSearch = firstSearch;
    while ((otherSearch = rowOf(*model, QStringLiteral("search"), otherSearch + 1)) >= 0 &&
           model->card(otherSearch).query == model->card(firstSearch).query) {
    }
    QVERIFY(firstSearch >= 0 && otherSearch > firstSearch);
    for (const int row : {firstSearch, otherSearch, firstSearch}) {
        view->setCurrentIndex(model->index(row));
        const QString query = model->card(row).query;
        QTRY_COMPARE_WITH_TIMEOUT(window.resultsModel()->snapshot().query, query, 10000);
        QTRY_COMPARE(window.histogramDock()->searchGeneration(),
                     window.resultsModel()->snapshot().generation);
        QCOMPARE(window.resultsModel()->rowCount(), static_cast<int>(model->card(row).images.size()));
        QVERIFY(!window.histogramDock()->view()->isEmpty());
    }
    // A rating: the score dock draws the agent's histogram.
    const int rating = rowOf(*model, QStringLiteral("aesthetics_rate"));
    QVERIFY(rating >= 0);
    view->setCurrentIndex(model->index(rating));
    QTRY_VERIFY(window.scoreDock()->batchHistogram().has_value());
    const auto histogram = *window.scoreDock()->batchHistogram();
    QCOMPARE(static_cast<int>(histogram.counts.size()),
             static_cast<int>(model->card(rating).scoreCounts.size()));
    for (size_t bin = 0; bin < histogram.counts.size(); ++bin) {
        QCOMPARE(static_cast<int>(histogram.counts[bin]),
                 model->card(rating).scoreCounts[static_cast<int>(bin)]);
    }
}

void AgentCardsTest::theGridTheAgentSawOpensFromItsCard() {
    const QString runs = QDir(m_workspace).filePath(QStringLiteral("runs"));
    QVERIFY(QDir().mkpath(runs + QStringLiteral("/r1/grids")));
    QImage grid(384, 256, QImage::Format_RGB32);
    grid.fill(QColor(40, 90, 160));
    QVERIFY(grid.save(runs + QStringLiteral("/r1/grids/c1-0.jpg")));
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    dock.resize(480, 700);
    dock.show();
    Q_EMIT bridge.eventReceived(QStringLiteral("tool_call"),
                                compact({{"type", "tool_call"},
                                         {"call_id", "c1"},
                                         {"name", "search"},
                                         {"turn", 1},
                                         {"arguments", R"({"query": "vhs decay"})"}}));
    Q_EMIT bridge.eventReceived(
        QStringLiteral("tool_result"),
        compact({{"type", "tool_result"},
                 {"call_id", "c1"},
                 {"name", "search"},
                 {"turn", 1},
                 {"ok", true},
                 {"text", "search"},
                 {"images", 1},
                 {"data", QJsonObject{{"query", "vhs decay"},
                                      {"unmasked", 600},
                                      {"results", QJsonArray{}},
                                      {"grid_files", QJsonArray{"r1/grids/c1-0.jpg"}}}}}));
    QCOMPARE(dock.timeline()->card(0).gridFiles, QStringList{QStringLiteral("r1/grids/c1-0.jpg")});
    QListView* view = dock.timelineView();
    const auto geometry =
        dock.cardDelegate()->geometry(optionFor(view, dock.timeline()->index(0)), dock.timeline()->card(0));
    QVERIFY(!geometry.openGrid.isEmpty());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, geometry.openGrid.center());
    auto* image = dock.findChild<QLabel*>(QStringLiteral("agentGridImage"));
    QVERIFY(image != nullptr);
    QTRY_VERIFY(image->window()->isVisible());
    QCOMPARE(image->pixmap().size(), grid.size());
    // "Raw": the arguments and the result as JSON, in a window of their own.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, geometry.raw.center());
    auto* raw = dock.findChild<QPlainTextEdit*>(QStringLiteral("agentRawView"));
    QVERIFY(raw != nullptr);
    QVERIFY(raw->toPlainText().contains(QStringLiteral("\"grid_files\"")));
    // A card without grid files offers none.
    Q_EMIT bridge.eventReceived(QStringLiteral("tool_call"), compact({{"type", "tool_call"},
                                                                      {"call_id", "c2"},
                                                                      {"name", "status"},
                                                                      {"turn", 2},
                                                                      {"arguments", "{}"}}));
    QVERIFY(dock.cardDelegate()
                ->geometry(optionFor(view, dock.timeline()->index(1)), dock.timeline()->card(1))
                .openGrid.isEmpty());
}

void AgentCardsTest::humanActionsQuestionsCompactionsAndErrorsAreSentences() {
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    dock.resize(480, 700);
    dock.show();
    const auto send = [&](const QJsonObject& event) {
        Q_EMIT bridge.eventReceived(event.value(QStringLiteral("type")).toString(), compact(event));
    };
    send({{"type", "run_started"}, {"planner", "llm"}, {"time", "2026-12-03T09:45:01Z"}});
    send({{"type", "context"},
          {"turn", 1},
          {"estimated_tokens", 7512},
          {"images", 2},
          {"budget", 96000},
          {"time", "2026-12-03T09:45:01Z"}});
    send({{"type", "usage"},
          {"turn", 1},
          {"prompt_tokens", 5120},
          {"completion_tokens", 310},
          {"total_tokens", 5430},
          {"time", "2026-12-03T09:45:05Z"}});
    send({{"type", "human_action"}, {"action", "reject"}, {"call_id", "c4"}, {"reason", "too broad"}});
    send({{"type", "human_action"}, {"action", "inject"}, {"message", "prefer scanlines"}});
    send({{"type", "question"},
          {"turn", 2},
          {"text", "Should grain include colour noise?"},
          {"human_attached", true}});
    send({{"type", "human_action"}, {"action", "answer"}, {"message", "yes"}});
    send({{"type", "context"},
          {"turn", 2},
          {"estimated_tokens", 9000},
          {"images", 1},
          {"budget", 96000},
          {"time", "2026-12-03T09:45:07Z"}});
    send({{"type", "context_compacted"},
          {"turn", 3},
          {"notes", "grain done"},
          {"tokens_before", 31120},
          {"tokens_after", 4000},
          {"messages", QJsonArray{QJsonObject{{"role", "system"}, {"content", "..."}}}}});
    send({{"type", "error"},
          {"recoverable", true},
          {"turn", 3},
          {"message", "the answer restarts (attempt 2)"}});
    send({{"type", "error"}, {"turn", 3}, {"message", "endpoint returned 500"}});
    send({{"type", "run_finished"}, {"reason", "error"}, {"time", "2026-12-03T09:45:09Z"}});
    const QString stream = dock.findChild<QTextEdit*>(QStringLiteral("agentReasoning"))->toPlainText();
    for (const QString& sentence :
         {QStringLiteral("Turn 1: 5,430 tokens (5,120 in, 310 out), 2 images sent, 4 s."),
          QStringLiteral("You rejected the commit: too broad"), QStringLiteral("You sent: prefer scanlines"),
          QStringLiteral("The agent asks you: Should grain include colour noise?"),
          QStringLiteral("You answered: yes"), QStringLiteral("The conversation was compacted before turn 3"),
          QStringLiteral("At turn 3, a problem the run recovers from: the answer restarts (attempt 2)"),
          QStringLiteral("The planner failed at turn 3: endpoint returned 500"),
          QStringLiteral("Turn 2: about 9,000 tokens estimated, 1 image sent, 2 s.")}) {
        QVERIFY2(stream.contains(sentence), qPrintable(sentence + QStringLiteral("\n---\n") + stream));
    }
    QVERIFY2(!stream.contains(QLatin1Char('{')) && !stream.contains(QLatin1Char('}')), qPrintable(stream));
    QVERIFY(!stream.contains(QStringLiteral("\"type\"")));
    QVERIFY(dock.findChild<QLabel*>(QStringLiteral("agentRunState"))->text().isEmpty()); // answered
    QTest::qWait(50); // layout settles for the screenshot
    QVERIFY(dock.grab().save(screenshotPath(QStringLiteral("ui-agentcards-stream.png"))));
}

// A long run (the recorded run's calls again and again, about a thousand): one card per call, painted by
// the delegate; how long it took is printed for docs/benchmarks.md, not asserted.
void AgentCardsTest::aLongRunIsOneCardPerCall() {
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    dock.resize(480, 800);
    dock.show();
    constexpr int kRepeats = 30;
    QElapsedTimer timer;
    timer.start();
    int calls = 0;
    for (int repeat = 0; repeat < kRepeats; ++repeat) {
        for (const RecordedEvent& recorded : m_events) {
            if (recorded.type != QLatin1String("tool_call") &&
                recorded.type != QLatin1String("tool_result")) {
                continue;
            }
            QJsonObject event = recorded.object();
            event.insert(QStringLiteral("call_id"), QStringLiteral("r%1-%2").arg(repeat).arg(
                                                        event.value(QStringLiteral("call_id")).toString()));
            calls += recorded.type == QLatin1String("tool_call") ? 1 : 0;
            Q_EMIT bridge.eventReceived(recorded.type, compact(event));
        }
        QCoreApplication::processEvents();
    }
    dock.timelineView()->scrollToBottom();
    QCoreApplication::processEvents();
    dock.timelineView()->viewport()->repaint();
    qInfo("%d calls (%d events) into cards, laid out and painted in %lld ms", calls, 2 * calls,
          static_cast<long long>(timer.elapsed()));
    QCOMPARE(dock.timeline()->rowCount(), calls);
    QVERIFY(dock.timeline()->card(calls - 1).answered);
}

QTEST_MAIN(AgentCardsTest)
#include "tst_agentcards.moc"
