#pragma once

#include "bridge/searchbridge.h"

#include <QDockWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace curator::ui {

// Manual curation's search bar: query, negative prompts, negative threshold, source filter, top-k.
class SearchDock : public QDockWidget {
    Q_OBJECT
public:
    explicit SearchDock(QWidget* parent = nullptr);

    void setSources(const QStringList& sources);
    SearchRequestValues request() const;
    void setQuery(const QString& query, const QStringList& negatives = {});
    void showMessage(const QString& message);

Q_SIGNALS:
    void searchRequested(const curator::ui::SearchRequestValues& request);

private:
    QLineEdit* m_query;
    QLineEdit* m_negatives;
    QDoubleSpinBox* m_negativeThreshold;
    QComboBox* m_source;
    QSpinBox* m_topK;
    QLabel* m_message;
};

} // namespace curator::ui
