#include "mainwindow/shortcutregistry.h"

#include <QAction>
#include <QSettings>
#include <QWidget>

namespace curator::ui {

namespace {

QList<QKeySequence> withoutEmpty(const QList<QKeySequence>& keys) {
    QList<QKeySequence> kept;
    for (const QKeySequence& key : keys) {
        // An unparsable part reads as Qt::Key_unknown: such a sequence is dropped, not bound.
        bool valid = !key.isEmpty();
        for (int i = 0; valid && i < key.count(); ++i) {
            valid = key[i].key() != Qt::Key_unknown;
        }
        if (valid && !kept.contains(key)) {
            kept << key;
        }
    }
    return kept;
}

} // namespace

ShortcutRegistry::ShortcutRegistry(QObject* parent, const QString& settingsGroup)
    : QObject(parent)
    , m_settingsGroup(settingsGroup) {}

ShortcutRegistry::~ShortcutRegistry() = default;

QString ShortcutRegistry::settingsKey(const QString& id) const {
    return m_settingsGroup + QLatin1Char('/') + id;
}

void ShortcutRegistry::registerCommand(const QString& id, const QString& text,
                                       const QList<QKeySequence>& defaultKeys) {
    if (m_commands.contains(id)) {
        return;
    }
    Command command;
    command.text = text;
    for (const QKeySequence& key : withoutEmpty(defaultKeys)) {
        const QString other = conflictFor(id, {key});
        if (other.isEmpty()) {
            command.defaultKeys << key;
        } else {
            m_loadWarnings << tr("The default key %1 of \"%2\" is already used by \"%3\"; it was left out.")
                                  .arg(key.toString(QKeySequence::NativeText), text, this->text(other));
        }
    }
    command.keys = command.defaultKeys;

    QSettings settings;
    const QVariant saved = settings.value(settingsKey(id));
    if (saved.isValid()) {
        const QString savedText = saved.toString();
        const QList<QKeySequence> keys =
            withoutEmpty(QKeySequence::listFromString(savedText, QKeySequence::PortableText));
        const QString other = conflictFor(id, keys);
        if (!savedText.isEmpty() && keys.isEmpty()) {
            m_loadWarnings
                << tr("The saved shortcut \"%1\" of \"%2\" is not a key sequence; the default is used.")
                       .arg(savedText, text);
        } else if (!other.isEmpty()) {
            m_loadWarnings
                << tr("The saved shortcut %1 of \"%2\" is already used by \"%3\"; the default is used.")
                       .arg(keysText(keys), text, this->text(other));
        } else {
            command.keys = keys;
        }
    }
    m_commands.insert(id, command);
    m_order << id;
}

QAction* ShortcutRegistry::action(const QString& id, QWidget* widget) {
    auto found = m_commands.find(id);
    if (found == m_commands.end()) {
        qWarning("ShortcutRegistry::action: unknown command '%s'", qPrintable(id));
        return nullptr;
    }
    auto* created = new QAction(found->text, widget);
    created->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    created->setShortcuts(found->keys);
    widget->addAction(created);
    found->actions << created;
    return created;
}

QAction* ShortcutRegistry::sharedAction(const QString& id) {
    auto found = m_commands.find(id);
    if (found == m_commands.end()) {
        qWarning("ShortcutRegistry::sharedAction: unknown command '%s'", qPrintable(id));
        return nullptr;
    }
    if (!found->shared) {
        found->shared = new QAction(found->text, this);
        found->shared->setShortcutContext(Qt::WindowShortcut);
        found->shared->setShortcuts(found->keys);
    }
    return found->shared;
}

QString ShortcutRegistry::text(const QString& id) const {
    return m_commands.value(id).text;
}

QList<QKeySequence> ShortcutRegistry::keys(const QString& id) const {
    return m_commands.value(id).keys;
}

QList<QKeySequence> ShortcutRegistry::defaultKeys(const QString& id) const {
    return m_commands.value(id).defaultKeys;
}

QString ShortcutRegistry::keysText(const QList<QKeySequence>& keys) {
    QStringList texts;
    for (const QKeySequence& key : keys) {
        texts << key.toString(QKeySequence::NativeText);
    }
    return texts.join(QStringLiteral(", "));
}

bool ShortcutRegistry::isDefault(const QString& id) const {
    const Command command = m_commands.value(id);
    return command.keys == command.defaultKeys;
}

QString ShortcutRegistry::conflictFor(const QString& id, const QList<QKeySequence>& keys) const {
    for (const QString& other : m_order) {
        if (other == id) {
            continue;
        }
        for (const QKeySequence& key : m_commands.value(other).keys) {
            if (keys.contains(key)) {
                return other;
            }
        }
    }
    return {};
}

bool ShortcutRegistry::setKeys(const QString& id, const QList<QKeySequence>& keys, QString* error) {
    auto found = m_commands.find(id);
    if (found == m_commands.end()) {
        if (error) {
            *error = tr("There is no command \"%1\".").arg(id);
        }
        return false;
    }
    const QList<QKeySequence> kept = withoutEmpty(keys);
    const QString other = conflictFor(id, kept);
    if (!other.isEmpty()) {
        if (error) {
            QString taken;
            for (const QKeySequence& key : kept) {
                if (m_commands.value(other).keys.contains(key)) {
                    taken = key.toString(QKeySequence::NativeText);
                    break;
                }
            }
            *error =
                tr("%1 is already the shortcut of \"%2\"; change that one first.").arg(taken, text(other));
        }
        return false;
    }
    found->keys = kept;
    apply(id);
    save(id);
    return true;
}

bool ShortcutRegistry::resetToDefault(const QString& id, QString* error) {
    return setKeys(id, defaultKeys(id), error);
}

void ShortcutRegistry::resetAllToDefaults() {
    // Clear first, so a default is never refused for a key another command held by override.
    for (const QString& id : m_order) {
        m_commands[id].keys.clear();
    }
    for (const QString& id : m_order) {
        m_commands[id].keys = m_commands[id].defaultKeys;
        apply(id);
        save(id);
    }
}

void ShortcutRegistry::apply(const QString& id) {
    Command& command = m_commands[id];
    command.actions.removeAll(nullptr);
    for (const QPointer<QAction>& action : command.actions) {
        action->setShortcuts(command.keys);
    }
    if (command.shared) {
        command.shared->setShortcuts(command.keys);
    }
    Q_EMIT keysChanged(id);
}

void ShortcutRegistry::save(const QString& id) {
    QSettings settings;
    if (isDefault(id)) {
        settings.remove(settingsKey(id));
    } else {
        settings.setValue(settingsKey(id),
                          QKeySequence::listToString(m_commands.value(id).keys, QKeySequence::PortableText));
    }
}

} // namespace curator::ui
