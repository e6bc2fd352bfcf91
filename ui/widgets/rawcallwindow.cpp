#include "widgets/rawcallwindow.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace curator::ui {

RawCallWindow::RawCallWindow(const QString& name, QWidget* parent)
    : QDialog(parent)
    , m_view(new QPlainTextEdit) {
    setObjectName(name + QStringLiteral("Window"));
    resize(560, 640);
    m_view->setObjectName(name + QStringLiteral("View"));
    m_view->setReadOnly(true);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
}

void RawCallWindow::showCall(const QString& title, const QString& text) {
    m_view->setPlainText(text);
    setWindowTitle(title);
    show();
    raise();
}

} // namespace curator::ui
