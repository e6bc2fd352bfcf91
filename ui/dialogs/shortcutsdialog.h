#pragma once

#include <QDialog>

class QKeySequenceEdit;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace curator::ui {

class ShortcutRegistry;

// Help -> Keyboard shortcuts: every registered command with its keys, editable. Select a command and
// press the new key in the editor; a key another command uses is refused with a message naming it.
// Clear removes the command's shortcut; Reset restores its default, Reset all every default. Changes are
// saved by the registry as they are made.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(ShortcutRegistry* registry, QWidget* parent = nullptr);

    // What the editor does when a key was recorded for the selected command (also used by tests).
    bool assignToSelected(const QKeySequence& key);
    bool selectCommand(const QString& id);
    QString message() const;

protected:
    // Esc while a key is being recorded cancels the recording (it is never bound as a shortcut).
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();
    QString selectedId() const;
    void showMessage(const QString& text, bool error);
    void updateEditor();

    ShortcutRegistry* m_registry;
    QTreeWidget* m_list;
    QKeySequenceEdit* m_editor;
    QPushButton* m_clearButton;
    QPushButton* m_resetButton;
    QPushButton* m_resetAllButton;
    QLabel* m_message;
};

} // namespace curator::ui
