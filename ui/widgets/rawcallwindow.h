#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace curator::ui {

// A tool call's raw arguments and result in a window of their own, in a fixed-width font: what a card's
// Raw link opens, in the live timeline and in a replay. The caller writes the (translated) title and text.
class RawCallWindow : public QDialog {
    Q_OBJECT

public:
    // `name`: the object name prefix ("agentRaw" gives agentRawWindow and agentRawView).
    RawCallWindow(const QString& name, QWidget* parent);

    void showCall(const QString& title, const QString& text);

private:
    QPlainTextEdit* m_view;
};

} // namespace curator::ui
