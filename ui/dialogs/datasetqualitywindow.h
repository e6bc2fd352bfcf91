#pragma once

#include "bridge/qualitybridge.h"

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
class QTabWidget;

namespace curator::ui {

class BalanceChartView;
class CommitSampleModel;
class ThumbnailCache;

// Commits > Dataset quality: the checked-out branch's near-duplicate groups (a list of groups, the
// selected group's images side by side, the one a de-duplication keeps first) and its balance (a chart of
// images per attribute and direction against the target, the evenness and the attributes under the
// target). Both are the reports `curator-cli dedup` and `balance` print, computed by QualityBridge on a
// worker; Cancel stops a long near-duplicate search.
class DatasetQualityWindow : public QWidget {
    Q_OBJECT
public:
    DatasetQualityWindow(QualityBridge* bridge, ThumbnailCache* thumbnails, QWidget* parent = nullptr);

    void showNearDuplicates();
    void showBalance();

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

private:
    QWidget* buildNearDuplicatesTab();
    QWidget* buildBalanceTab();
    void setBusy(bool busy);
    void onNearDuplicates(std::shared_ptr<const NearDuplicateView> view);
    void onBalance(std::shared_ptr<const BalanceReport> report);
    void showGroup(int row);

    QualityBridge* m_bridge;
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
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    std::shared_ptr<const NearDuplicateView> m_view;
};

} // namespace curator::ui
