#pragma once

#include "bridge/searchbridge.h"

#include <QDockWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace curator::ui {

class WordCompleter;

// Manual curation's search bar: query, negative prompts, negative threshold, source filter, top-k, whether
// to list masked results greyed; and the similarity band sampler over the last search's query.
class SearchDock : public QDockWidget {
    Q_OBJECT
public:
    explicit SearchDock(QWidget* parent = nullptr);

    void setSources(const QStringList& sources);
    SearchRequestValues request() const;
    void setQuery(const QString& query, const QStringList& negatives = {});
    void showMessage(const QString& message);
    // Shows the dock and puts the cursor in the query box (typed letters then never act as review keys).
    void focusQuery();

    // The band sampler's bounds follow the histogram's threshold: [threshold - width, threshold].
    void setBandAround(double threshold);
    // The phrases the embedder knows, offered as the user types a query or a negative (empty: none, the
    // embedder takes any text).
    void setSuggestions(const QStringList& phrases);
    WordCompleter* queryCompleter() const { return m_queryWords; }
    QLineEdit* queryField() const { return m_query; }

Q_SIGNALS:
    void searchRequested(const curator::ui::SearchRequestValues& request);
    // seed 0: draw a fresh seed (the bridge reports the one used).
    void bandSampleRequested(double minimum, double maximum, int count, quint64 seed);

private:
    QLineEdit* m_query;
    QLineEdit* m_negatives;
    QDoubleSpinBox* m_negativeThreshold;
    QComboBox* m_source;
    QSpinBox* m_topK;
    QCheckBox* m_showMasked;
    QDoubleSpinBox* m_bandMinimum;
    QDoubleSpinBox* m_bandMaximum;
    QSpinBox* m_bandCount;
    QSpinBox* m_bandSeed;
    QLabel* m_message;
    WordCompleter* m_queryWords;
    WordCompleter* m_negativeWords;
};

} // namespace curator::ui
