#include "dialogs/shortcutsdialog.h"

#include "mainwindow/shortcutregistry.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace curator::ui {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

ShortcutsDialog::ShortcutsDialog(ShortcutRegistry* registry, QWidget* parent)
    : QDialog(parent)
    , m_registry(registry)
    , m_list(new QTreeWidget)
    , m_editor(new QKeySequenceEdit)
    , m_clearButton(new QPushButton(tr("Clear")))
    , m_resetButton(new QPushButton(tr("Reset")))
    , m_resetAllButton(new QPushButton(tr("Reset all")))
    , m_message(new QLabel) {
    setWindowTitle(tr("Keyboard shortcuts"));
    resize(620, 480);
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Command"), tr("Shortcut")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_message->setWordWrap(true);

    auto* editorRow = new QHBoxLayout;
    editorRow->addWidget(new QLabel(tr("New shortcut:")));
    editorRow->addWidget(m_editor, 1);
    editorRow->addWidget(m_clearButton);
    editorRow->addWidget(m_resetButton);
    editorRow->addWidget(m_resetAllButton);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Select a command, then press its new key in the field below. Single keys "
                      "act only in the results grid and the preview.")));
    layout->addWidget(m_list, 1);
    layout->addLayout(editorRow);
    layout->addWidget(m_message);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] {
        showMessage({}, false);
        updateEditor();
    });
    m_editor->installEventFilter(this);
    connect(m_editor, &QKeySequenceEdit::editingFinished, this, [this] {
        const QKeySequence key = m_editor->keySequence();
        if (!key.isEmpty()) {
            assignToSelected(key);
        }
    });
    connect(m_clearButton, &QPushButton::clicked, this, [this] {
        const QString id = selectedId();
        if (!id.isEmpty()) {
            m_registry->setKeys(id, {});
            showMessage(tr("\"%1\" has no shortcut now.").arg(m_registry->text(id)), false);
        }
    });
    connect(m_resetButton, &QPushButton::clicked, this, [this] {
        const QString id = selectedId();
        QString error;
        if (!id.isEmpty() && !m_registry->resetToDefault(id, &error)) {
            showMessage(error, true);
        }
    });
    connect(m_resetAllButton, &QPushButton::clicked, this, [this] {
        m_registry->resetAllToDefaults();
        showMessage(tr("Every shortcut is back to its default."), false);
    });
    connect(m_registry, &ShortcutRegistry::keysChanged, this, &ShortcutsDialog::refresh);
    refresh();
    if (!m_registry->loadWarnings().isEmpty()) {
        showMessage(m_registry->loadWarnings().join(QLatin1Char('\n')), true);
    }
}

bool ShortcutsDialog::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_editor && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        updateEditor(); // back to the command's current keys
        m_list->setFocus();
        showMessage(tr("Recording cancelled; the shortcut is unchanged."), false);
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

void ShortcutsDialog::refresh() {
    const QString selected = selectedId();
    m_list->clear();
    for (const QString& id : m_registry->ids()) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(0, m_registry->text(id));
        item->setText(1, ShortcutRegistry::keysText(m_registry->keys(id)));
        item->setData(0, kIdRole, id);
        item->setToolTip(0, id);
        if (!m_registry->isDefault(id)) {
            QFont font = item->font(1);
            font.setBold(true); // changed by the user
            item->setFont(1, font);
            item->setToolTip(1,
                             tr("default: %1").arg(ShortcutRegistry::keysText(m_registry->defaultKeys(id))));
        }
        if (id == selected) {
            m_list->setCurrentItem(item);
        }
    }
    updateEditor();
}

QString ShortcutsDialog::selectedId() const {
    const QTreeWidgetItem* item = m_list->currentItem();
    return item ? item->data(0, kIdRole).toString() : QString();
}

bool ShortcutsDialog::selectCommand(const QString& id) {
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(0, kIdRole).toString() == id) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            return true;
        }
    }
    return false;
}

bool ShortcutsDialog::assignToSelected(const QKeySequence& key) {
    const QString id = selectedId();
    if (id.isEmpty()) {
        showMessage(tr("Select a command first."), true);
        return false;
    }
    QString error;
    if (!m_registry->setKeys(id, {key}, &error)) {
        showMessage(error, true);
        updateEditor(); // back to what the command really has
        return false;
    }
    showMessage(tr("\"%1\" is now %2.").arg(m_registry->text(id), key.toString(QKeySequence::NativeText)),
                false);
    return true;
}

QString ShortcutsDialog::message() const {
    return m_message->text();
}

void ShortcutsDialog::showMessage(const QString& text, bool error) {
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #cf222e;") : QString());
}

void ShortcutsDialog::updateEditor() {
    const QString id = selectedId();
    const QSignalBlocker blocker(m_editor);
    const QList<QKeySequence> keys = m_registry->keys(id);
    m_editor->setKeySequence(keys.isEmpty() ? QKeySequence() : keys.first());
    for (QWidget* widget : {static_cast<QWidget*>(m_editor), static_cast<QWidget*>(m_clearButton),
                            static_cast<QWidget*>(m_resetButton)}) {
        widget->setEnabled(!id.isEmpty());
    }
}

} // namespace curator::ui
