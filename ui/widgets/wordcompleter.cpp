#include "widgets/wordcompleter.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QStringListModel>

namespace curator::ui {

namespace {
constexpr int kMinimumPrefix = 2;
} // namespace

WordCompleter::WordCompleter(QLineEdit* edit, QObject* parent)
    : QObject(parent)
    , m_edit(edit)
    , m_model(new QStringListModel(this))
    , m_completer(new QCompleter(m_model, this)) {
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setModelSorting(QCompleter::CaseInsensitivelySortedModel);
    // Not the line edit's own completer: that one would complete the whole line, not the last word.
    m_completer->setWidget(m_edit);
    connect(m_edit, &QLineEdit::textEdited, this, &WordCompleter::onEdited);
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this, &WordCompleter::insert);
}

void WordCompleter::setPhrases(const QStringList& phrases) {
    QStringList sorted = phrases;
    sorted.sort(Qt::CaseInsensitive);
    m_model->setStringList(sorted);
    m_completer->popup()->hide();
}

int WordCompleter::wordStart() const {
    const QString before = m_edit->text().left(m_edit->cursorPosition());
    const int separator =
        std::max(before.lastIndexOf(QLatin1Char(' ')), before.lastIndexOf(QLatin1Char(',')));
    return separator + 1;
}

void WordCompleter::onEdited() {
    const int start = wordStart();
    const QString word = m_edit->text().mid(start, m_edit->cursorPosition() - start);
    if (m_model->rowCount() == 0 || word.size() < kMinimumPrefix) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(word);
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->complete();
}

void WordCompleter::insert(const QString& phrase) {
    const QString text = m_edit->text();
    const int start = wordStart();
    const int end = m_edit->cursorPosition();
    m_edit->setText(text.left(start) + phrase + text.mid(end));
    m_edit->setCursorPosition(start + int(phrase.size()));
}

} // namespace curator::ui
