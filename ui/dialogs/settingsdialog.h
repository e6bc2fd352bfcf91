#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace curator::ui {

class SecretStore;

// Settings: the workspace's embedder, scorer, captioner and taxonomy (its settings.json), and the agent's
// LLM endpoint with its API key (the key goes to the system keychain through SecretStore, never to a
// file). Specs are checked before anything is saved; a bad one is named and nothing changes.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(const QString& workspaceDirectory, SecretStore* secrets, QWidget* parent = nullptr);

    // Checks and saves; false (with the error shown in the dialog and returned) when a value is wrong.
    bool apply(QString* error = nullptr);

    QLineEdit* embedderField() const { return m_embedder; }
    QLineEdit* scorerField() const { return m_scorer; }
    QLineEdit* captionerField() const { return m_captioner; }
    QLineEdit* taxonomyField() const { return m_taxonomy; }
    QLineEdit* baseUrlField() const { return m_baseUrl; }
    QLineEdit* modelField() const { return m_model; }
    QLineEdit* apiKeyVariableField() const { return m_apiKeyVariable; }
    QLineEdit* apiKeyField() const { return m_apiKey; }

    void accept() override;

Q_SIGNALS:
    // The workspace's settings.json changed (bridges reopen their backends).
    void workspaceSettingsChanged();

private:
    void showKeyOrigin();

    QString m_workspaceDirectory;
    SecretStore* m_secrets;
    QLineEdit* m_embedder;
    QLineEdit* m_scorer;
    QLineEdit* m_captioner;
    QLineEdit* m_taxonomy;
    QLineEdit* m_baseUrl;
    QLineEdit* m_model;
    QComboBox* m_reasoningEffort;
    QLineEdit* m_apiKeyVariable;
    QLineEdit* m_apiKey;
    QLabel* m_keyOrigin;
    QLabel* m_error;
};

} // namespace curator::ui
