#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace curator::ui {

// What the grid's place shows before the first results: what to do first (run the agent on a theme, or
// search) with example themes the workspace's embedder can serve, each a button for either.
class EmptyStatePage : public QWidget {
    Q_OBJECT
public:
    explicit EmptyStatePage(QWidget* parent = nullptr);

    void setThemes(const QStringList& themes);
    QStringList themes() const { return m_themes; }
    // Replaces the guidance, e.g. when the workspace's embeddings cannot be opened.
    void setProblem(const QString& text);

Q_SIGNALS:
    void runRequested(const QString& theme);
    void searchRequested(const QString& query);

private:
    QLabel* m_problem;
    QVBoxLayout* m_themeRows;
    QWidget* m_rows = nullptr; // the theme rows, replaced whole by setThemes
    QStringList m_themes;
};

} // namespace curator::ui
