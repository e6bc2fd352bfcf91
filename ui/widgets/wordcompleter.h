#pragma once

#include <QObject>
#include <QStringList>

class QCompleter;
class QLineEdit;
class QStringListModel;

namespace curator::ui {

// Offers the phrases of a closed vocabulary for the word being typed in a line edit (the builtin
// embedder knows only its vocabulary's phrases): from the second letter of a word, a popup lists the
// phrases starting with it; choosing one replaces that word. Words are separated by spaces and commas.
class WordCompleter : public QObject {
    Q_OBJECT
public:
    WordCompleter(QLineEdit* edit, QObject* parent = nullptr);

    // Empty: no suggestions (an embedder that takes any text).
    void setPhrases(const QStringList& phrases);
    QCompleter* completer() const { return m_completer; }

private:
    void onEdited();
    void insert(const QString& phrase);
    // Where the word before the cursor starts.
    int wordStart() const;

    QLineEdit* m_edit;
    QStringListModel* m_model;
    QCompleter* m_completer;
};

} // namespace curator::ui
