// Issue 17 §3/§4 in the workstation: Commits > Near-duplicates shows the groups the core finds, each
// group's images side by side with the kept one first; Commits > Balance charts the report of
// `curator-cli balance` and follows its target and the "only attributes with images" switch.
#include "bridge/qualitybridge.h"
#include "bridge/ratingbridge.h"
#include "curation/curationsession.h"
#include "dataset/balancereport.h"
#include "dataset/curationlog.h"
#include "dataset/nearduplicates.h"
#include "dataset/pairsources.h"
#include "dialogs/datasetqualitywindow.h"
#include "mainwindow/mainwindow.h"
#include "models/builtinscorer.h"
#include "rating/scorerevaluation.h"
#include "store/embeddingstore.h"
#include "store/workspacesettings.h"
#include "taxonomy/coverage.h"
#include "taxonomy/taxonomy.h"
#include "uitesthelpers.h"
#include "widgets/balancechartview.h"
#include "widgets/commitdetailsview.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSvgRenderer>
#include <QSvgWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace curator;
using namespace curator::ui;

class QualityTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void theNearDuplicateGroupsAreTheCoresWithTheKeptImageFirst();
    void theBalanceChartFollowsTheReportAndItsTarget();
    void aCancelledSearchLeavesTheWindowReady();
    void theScorerReportIsTheCoresWithItsPlot();

private:
    void commit(const std::string& query, const std::string& tag, const std::string& message = {});
    BalanceReport coreBalance(size_t target);

    QTemporaryDir m_directory;
    QString m_workspace;
    static constexpr double kThreshold = 0.95;
};

void QualityTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorUiTests"));
    test::useFreshSettings();
    QString error;
    m_workspace = test::createDemoWorkspace(m_directory.path(), 120, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
    commit("motion blur", "motion_blur");
    commit("film grain", "film_grain");
    commit("vhs decay", "vhs_decay");
    commit("clean sharp photo", "", "aesthetic_direction: high-aesthetic");
}

void QualityTest::commit(const std::string& query, const std::string& tag, const std::string& message) {
    CurationSession session(m_workspace.toStdString());
    QueryRequest request;
    request.text = query;
    auto prepared = session.prepare(request);
    QVERIFY2(prepared.ok(), prepared.ok() ? "" : prepared.error().c_str());
    auto log = CurationLog::open(m_workspace.toStdString());
    QVERIFY(log.ok());
    curator::CommitDetails details;
    details.threshold = 0.3;
    details.message = message.empty() ? "anti-aesthetics: " + query : message;
    if (!tag.empty()) {
        details.tags = {tag};
    }
    QVERIFY(session.commit(*log, *prepared, details).ok());
}

BalanceReport QualityTest::coreBalance(size_t target) {
    const std::string workspace = m_workspace.toStdString();
    auto settings = WorkspaceSettings::load(workspace);
    auto taxonomy = workspaceTaxonomy(workspace, settings->taxonomy);
    auto log = CurationLog::open(workspace);
    auto report = balanceReport(*log, *taxonomy, {}, target);
    return report.ok() ? *report : BalanceReport();
}

void QualityTest::theNearDuplicateGroupsAreTheCoresWithTheKeptImageFirst() {
    NearDuplicateReport expected;
    {
        auto log = CurationLog::open(m_workspace.toStdString());
        auto store = EmbeddingStore::open(m_workspace.toStdString());
        QVERIFY(log.ok() && store.ok());
        NearDuplicateOptions options;
        options.threshold = kThreshold;
        auto report = findNearDuplicates(*log, *store, options);
        QVERIFY(report.ok());
        expected = *report;
    }
    QVERIFY2(expected.groups.size() >= 2, "the demo's commits should hold near-duplicates at 0.95");

    MainWindow window(m_workspace);
    DatasetQualityWindow* quality = window.datasetQualityWindow();
    quality->showNearDuplicates();
    quality->thresholdField()->setValue(kThreshold);
    QSignalSpy ready(window.findChild<QualityBridge*>(), &QualityBridge::nearDuplicatesReady);
    QTest::mouseClick(quality->findButton(), Qt::LeftButton);
    QVERIFY(ready.wait(30000));

    QCOMPARE(quality->groupList()->count(), int(expected.groups.size()));
    QVERIFY(quality->nearDuplicateSummary()->text().contains(QString::number(expected.removable)));
    for (int row : {0, int(expected.groups.size()) - 1}) {
        quality->groupList()->setCurrentRow(row);
        const NearDuplicateGroup& group = expected.groups[size_t(row)];
        CommitSampleModel* members = quality->membersModel();
        QCOMPARE(members->rowCount(), int(group.members.size()));
        for (int i = 0; i < members->rowCount(); ++i) {
            const QString key =
                QString::fromStdString(group.members[size_t(i)].source + "/" + group.members[size_t(i)].id);
            QCOMPARE(members->index(i).data(CommitSampleModel::KeyRole).toString(), key);
            // Only the first, the image a de-duplication keeps, says so.
            QCOMPARE(members->index(i).data(Qt::DisplayRole).toString().startsWith(QStringLiteral("kept")),
                     i == 0);
        }
    }
}

void QualityTest::theBalanceChartFollowsTheReportAndItsTarget() {
    const BalanceReport expected = coreBalance(200);
    QVERIFY(expected.attributesCovered >= 3);
    MainWindow window(m_workspace);
    DatasetQualityWindow* quality = window.datasetQualityWindow();
    QSignalSpy ready(window.findChild<QualityBridge*>(), &QualityBridge::balanceReady);
    quality->showBalance(); // the first showing reports at once
    QVERIFY(ready.wait(30000));

    BalanceChartView* chart = quality->chart();
    QStringList labels;
    for (const BalanceAttribute& attribute : expected.attributes) {
        labels << QStringLiteral("%1 (%2)").arg(QString::fromStdString(attribute.name)).arg(attribute.images);
    }
    if (expected.unknown.images > 0) {
        labels << QStringLiteral("unknown (%1)").arg(expected.unknown.images);
    }
    QCOMPARE(chart->rowLabels(), labels);
    const QString blur = labels.filter(QStringLiteral("motion_blur (")).value(0);
    QVERIFY(chart->underTarget().contains(blur));
    QVERIFY(quality->balanceSummary()->text().contains(QString::number(expected.evenness, 'f', 3)));

    // Only the attributes with images, and a target of 1 leaves none of them under it.
    quality->hideEmptyField()->setChecked(true);
    QCOMPARE(chart->rowLabels().size(),
             int(expected.attributesCovered) + (expected.unknown.images > 0 ? 1 : 0));
    quality->targetField()->setValue(1);
    QTest::mouseClick(quality->balanceButton(), Qt::LeftButton);
    QVERIFY(ready.wait(30000));
    QVERIFY(chart->underTarget().isEmpty());
    QVERIFY(chart->rowLabels().contains(blur));
    // The axis starts at 0 and reaches the largest attribute.
    QCOMPARE(chart->xTicks().values.front(), 0.0);
    size_t largest = 0;
    for (const BalanceAttribute& attribute : expected.attributes) {
        largest = std::max(largest, attribute.images);
    }
    QVERIFY(chart->xTop() >= double(largest));
}

void QualityTest::aCancelledSearchLeavesTheWindowReady() {
    MainWindow window(m_workspace);
    DatasetQualityWindow* quality = window.datasetQualityWindow();
    auto* bridge = window.findChild<QualityBridge*>();
    QSignalSpy busy(bridge, &QualityBridge::busyChanged);
    quality->thresholdField()->setValue(0.5);
    QTest::mouseClick(quality->findButton(), Qt::LeftButton);
    QVERIFY(!quality->findButton()->isEnabled());
    bridge->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!bridge->isBusy(), 30000);
    QVERIFY(quality->findButton()->isEnabled());
    // Whether the search ended first or stopped, the window says one of the two.
    const QString summary = quality->nearDuplicateSummary()->text();
    QVERIFY2(summary.startsWith(QStringLiteral("Cancelled")) || summary.contains(QStringLiteral("group")),
             qPrintable(summary));
}

void QualityTest::theScorerReportIsTheCoresWithItsPlot() {
    MainWindow window(m_workspace);
    DatasetQualityWindow* quality = window.datasetQualityWindow();
    quality->showScorerReport();
    quality->seedField()->setValue(3);
    QSignalSpy ready(window.findChild<RatingBridge*>(), &RatingBridge::scorerEvaluated);
    QTest::mouseClick(quality->evaluateButton(), Qt::LeftButton);
    QVERIFY(!quality->evaluateButton()->isEnabled());
    QVERIFY2(ready.wait(120000), qPrintable(quality->scorerSummary()->text()));
    QTRY_VERIFY(quality->evaluateButton()->isEnabled());

    // The same pairs and scores through the core (now all from the cache).
    auto sources = openPairSources(m_workspace.toStdString());
    QVERIFY(sources.ok());
    BuiltinScorer scorer;
    ScorerEvaluationOptions options;
    options.pairs.seed = 3;
    auto expected = evaluateScorer(sources->log, sources->store, sources->taxonomy, scorer, options);
    QVERIFY2(expected.ok(), expected.ok() ? "" : expected.error().c_str());
    QVERIFY(expected->pairsScored > 0);
    QCOMPARE(expected->scoresMade, size_t(0));

    QTableWidget* table = quality->scorerTable();
    QCOMPARE(table->rowCount(), int(expected->attributes.size()) + 1);
    for (int row = 0; row < table->rowCount(); ++row) {
        const AttributeEvaluation& attribute =
            row < int(expected->attributes.size()) ? expected->attributes[size_t(row)] : expected->overall;
        QCOMPARE(table->item(row, 0)->text(), QString::fromStdString(attribute.attribute));
        QCOMPARE(table->item(row, 1)->text().toULongLong(), qulonglong(attribute.pairs));
        QCOMPARE(table->item(row, 2)->text().toULongLong(), qulonglong(attribute.antiPreferred));
        QCOMPARE(table->item(row, 4)->text(),
                 QStringLiteral("%1%").arg(100.0 * attribute.preferenceRate, 0, 'f', 1));
    }
    QVERIFY(quality->scorerPlot()->isVisibleTo(quality));
    QVERIFY(quality->scorerPlot()->renderer()->isValid());

    // Saved with a release, as evaluate-scorer --release does: first there is none, then one is chosen.
    QVERIFY(quality->saveToReleaseButton()->isEnabled());
    QTest::mouseClick(quality->saveToReleaseButton(), Qt::LeftButton);
    QVERIFY2(quality->scorerSummary()->text().contains(QStringLiteral("no release")),
             qPrintable(quality->scorerSummary()->text()));
    {
        auto log = CurationLog::open(m_workspace.toStdString());
        QVERIFY(log.ok());
        auto release = log->exportRelease("qa", false);
        QVERIFY2(release.ok(), release.ok() ? "" : release.error().c_str());
    }
    QSignalSpy saved(window.findChild<QualityBridge*>(), &QualityBridge::savedToRelease);
    QTest::mouseClick(quality->saveToReleaseButton(), Qt::LeftButton);
    auto* choice = quality->findChild<QInputDialog*>(QStringLiteral("releaseChoice"));
    QVERIFY(choice);
    QCOMPARE(choice->comboBoxItems(), QStringList{QStringLiteral("qa")});
    choice->accept();
    QVERIFY(saved.wait(30000));
    const QString release = m_workspace + QStringLiteral("/exports/qa/");
    QFile manifestFile(release + QStringLiteral("manifest.json"));
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    QVERIFY(manifest.value(QStringLiteral("files"))
                .toObject()
                .contains(QStringLiteral(".card/scorer-evaluation-builtin-proxy.svg")));
    QCOMPARE(manifest.value(QStringLiteral("additions")).toArray().size(), 1);
    QFile card(release + QStringLiteral("README.md"));
    QVERIFY(card.open(QIODevice::ReadOnly));
    QVERIFY(card.readAll().contains("## Reward-model report: builtin-proxy"));
}

QTEST_MAIN(QualityTest)
#include "tst_quality.moc"
