#pragma once

#include <QHash>
#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QAction;
class QWidget;

namespace curator::ui {

// The named commands of the workstation and their keyboard shortcuts: an id ("review.accept"), a
// translated text and default keys, with user overrides persisted in QSettings under "shortcuts/<id>"
// (only while they differ from the default). Widgets get their own QActions for a command through
// action(); every action of a command follows later changes. No two commands share a key: a change that
// would is refused with a message naming the other command. GUI thread only.
class ShortcutRegistry : public QObject {
    Q_OBJECT
public:
    // `settingsGroup` lets tests keep their overrides apart from the user's.
    explicit ShortcutRegistry(QObject* parent = nullptr,
                              const QString& settingsGroup = QStringLiteral("shortcuts"));
    ~ShortcutRegistry() override;

    // Declares a command; registering an id again keeps the first declaration. A saved override is
    // applied unless it collides with a command registered earlier (then the default stays and
    // loadWarnings() says why); a default key already taken is dropped the same way.
    void registerCommand(const QString& id, const QString& text, const QList<QKeySequence>& defaultKeys);
    bool contains(const QString& id) const { return m_commands.contains(id); }

    // A new action for `id`, added to `widget` (its parent) with Qt::WidgetWithChildrenShortcut: the keys
    // work while the focus is inside that widget. Returns nullptr (with a warning) for an unknown id.
    QAction* action(const QString& id, QWidget* widget);
    // The registry's own action for `id` (parentless use: menus), with Qt::WindowShortcut context. Do not
    // add it to a window that also holds a widget-scoped action of the same command: the key would be
    // ambiguous there.
    QAction* sharedAction(const QString& id);

    QStringList ids() const { return m_order; } // registration order
    QString text(const QString& id) const;
    QList<QKeySequence> keys(const QString& id) const;
    QList<QKeySequence> defaultKeys(const QString& id) const;
    bool isDefault(const QString& id) const;
    // The keys for people: "R, X" (empty when none).
    static QString keysText(const QList<QKeySequence>& keys);

    // The command other than `id` that already uses one of `keys`, or an empty string.
    QString conflictFor(const QString& id, const QList<QKeySequence>& keys) const;
    // Sets the keys of `id` (empty: no shortcut) and saves the override. Refused, with `error` naming
    // the other command and the key, on a conflict or an unknown id.
    bool setKeys(const QString& id, const QList<QKeySequence>& keys, QString* error = nullptr);
    // Back to the default keys; refused like setKeys when another command took one of them meanwhile.
    bool resetToDefault(const QString& id, QString* error = nullptr);
    // Every command back to its defaults (they were checked against each other at registration).
    void resetAllToDefaults();

    // Problems met while applying saved overrides (conflicting or unreadable entries), for the user.
    QStringList loadWarnings() const { return m_loadWarnings; }

Q_SIGNALS:
    void keysChanged(const QString& id);

private:
    struct Command {
        QString text;
        QList<QKeySequence> defaultKeys;
        QList<QKeySequence> keys;
        QList<QPointer<QAction>> actions;
        QPointer<QAction> shared;
    };
    void apply(const QString& id);
    void save(const QString& id);
    QString settingsKey(const QString& id) const;

    QString m_settingsGroup;
    QHash<QString, Command> m_commands;
    QStringList m_order;
    QStringList m_loadWarnings;
};

} // namespace curator::ui
