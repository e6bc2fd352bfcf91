#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace curator::ui {

class SecretStore;

// Settings: the workspace's embedder (with its query template), scorer, captioner (with its prompt) and
// taxonomy, in its settings.json, which the CLI reads too; the agent's LLM endpoint (dialect, images, API
// key: the key goes to the system keychain through SecretStore, never to a file), its runs' grid tile size
// and context budget, and the ratings' concurrency, score batch size and request timeout, in the user's
// preferences. Values are checked before anything is saved; a bad one is named and nothing changes.
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
    QLineEdit* queryTemplateField() const { return m_queryTemplate; }
    QPlainTextEdit* captionerPromptField() const { return m_captionerPrompt; }
    QComboBox* llmApiBox() const { return m_llmApi; }
    QComboBox* llmImagesBox() const { return m_llmImages; }
    QComboBox* reasoningEffortBox() const { return m_reasoningEffort; }
    QSpinBox* gridTileSizeBox() const { return m_gridTileSize; }
    QSpinBox* contextBudgetBox() const { return m_contextBudget; }
    QSpinBox* ratingConcurrencyBox() const { return m_ratingConcurrency; }
    QSpinBox* scoreBatchBox() const { return m_scoreBatch; }
    QSpinBox* requestTimeoutBox() const { return m_requestTimeout; }

    void accept() override;

Q_SIGNALS:
    // The workspace's settings.json changed (bridges reopen their backends).
    void workspaceSettingsChanged();

private:
    void showKeyOrigin();
    QWidget* modelsGroup(const QString& workspaceDirectory);
    QWidget* agentGroup();
    QWidget* runsGroup();
    QWidget* ratingGroup();

    QString m_workspaceDirectory;
    SecretStore* m_secrets;
    QLineEdit* m_embedder;
    QLineEdit* m_scorer;
    QLineEdit* m_captioner;
    QLineEdit* m_taxonomy;
    QLineEdit* m_queryTemplate;
    QPlainTextEdit* m_captionerPrompt;
    QLineEdit* m_baseUrl;
    QLineEdit* m_model;
    QComboBox* m_reasoningEffort;
    QLineEdit* m_apiKeyVariable;
    QLineEdit* m_apiKey;
    QLabel* m_keyOrigin;
    QComboBox* m_llmApi;
    QComboBox* m_llmImages;
    QSpinBox* m_gridTileSize;
    QSpinBox* m_contextBudget;
    QSpinBox* m_ratingConcurrency;
    QSpinBox* m_scoreBatch;
    QSpinBox* m_requestTimeout;
    QLabel* m_error;
};

} // namespace curator::ui
