#pragma once

#include "bridge/qualitybridge.h"
#include "rating/scorerevaluation.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QListView;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QSvgWidget;
class QTableWidget;
class QTabWidget;

namespace curator::ui {

class BalanceChartView;
class RatingBridge;
class CommitSampleModel;
class ThumbnailCache;

// Commits > Dataset quality: the checked-out branch's near-duplicate groups (a list of groups, the
// selected group's images side by side, the one a de-duplication keeps first) and its balance (a chart of
// images per attribute and direction against the target, the evenness and the attributes under the
// target) and the scorer report (per anti-aesthetic attribute, how often the workspace's scorer prefers
// the prompt-faithful anti-aesthetic image of a preference pair, with the plot `evaluate-scorer` writes).
// They are the reports `curator-cli dedup`, `balance` and `evaluate-scorer` print, computed on workers
// (QualityBridge, RatingBridge); Cancel stops a long search or rating.
class DatasetQualityWindow : public QWidget {
    Q_OBJECT
public:
    DatasetQualityWindow(QualityBridge* bridge, RatingBridge* rating, ThumbnailCache* thumbnails,
                         QWidget* parent = nullptr);

    void showNearDuplicates();
    void showBalance();
    void showScorerReport();

    // For tests and the window's own buttons.
    QDoubleSpinBox* thresholdField() const { return m_threshold; }
    QSpinBox* targetField() const { return m_target; }
    QCheckBox* hideEmptyField() const { return m_hideEmpty; }
    QPushButton* findButton() const { return m_find; }
    QPushButton* balanceButton() const { return m_report; }
    QListWidget* groupList() const { return m_groups; }
    CommitSampleModel* membersModel() const { return m_membersModel; }
    BalanceChartView* chart() const { return m_chart; }
    QLabel* nearDuplicateSummary() const { return m_nearSummary; }
    QLabel* balanceSummary() const { return m_balanceSummary; }
    QTabWidget* tabs() const { return m_tabs; }
    QPushButton* evaluateButton() const { return m_evaluate; }
    QSpinBox* seedField() const { return m_seed; }
    QTableWidget* scorerTable() const { return m_scorerTable; }
    QLabel* scorerSummary() const { return m_scorerSummary; }
    QSvgWidget* scorerPlot() const { return m_scorerPlot; }
    QPushButton* saveToReleaseButton() const { return m_saveToRelease; }

private:
    QWidget* buildNearDuplicatesTab();
    QWidget* buildBalanceTab();
    QWidget* buildScorerTab();
    void chooseReleaseForReport();
    void onScorerEvaluated(const std::shared_ptr<const ScorerEvaluation>& evaluation, const QByteArray& svg);
    void showTab(int tab);
    void setBusy(bool busy);
    void onNearDuplicates(std::shared_ptr<const NearDuplicateView> view);
    void onBalance(std::shared_ptr<const BalanceReport> report);
    void showGroup(int row);

    QualityBridge* m_bridge;
    RatingBridge* m_rating;
    ThumbnailCache* m_thumbnails;
    QTabWidget* m_tabs = nullptr;
    QDoubleSpinBox* m_threshold = nullptr;
    QPushButton* m_find = nullptr;
    QLabel* m_nearSummary = nullptr;
    QListWidget* m_groups = nullptr;
    QLabel* m_groupTitle = nullptr;
    QListView* m_members = nullptr;
    CommitSampleModel* m_membersModel = nullptr;
    QSpinBox* m_target = nullptr;
    QPushButton* m_report = nullptr;
    QCheckBox* m_hideEmpty = nullptr;
    QLabel* m_balanceSummary = nullptr;
    BalanceChartView* m_chart = nullptr;
    QSpinBox* m_seed = nullptr;
    QPushButton* m_evaluate = nullptr;
    QLabel* m_scorerSummary = nullptr;
    QTableWidget* m_scorerTable = nullptr;
    QSvgWidget* m_scorerPlot = nullptr;
    QPushButton* m_saveToRelease = nullptr;
    std::shared_ptr<const ScorerEvaluation> m_evaluation; // the report shown
    bool m_evaluating = false;
    bool m_placed = false;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    std::shared_ptr<const NearDuplicateView> m_view;
};

} // namespace curator::ui
