#pragma once

#include "models/modelcheck.h"

#include <QDialog>

#include <memory>

class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace curator::ui {

class ModelCheckPanel;
class SecretStore;

// Settings: the workspace's embedder (with its query template), scorer, captioner (with its prompt) and
// taxonomy, in its settings.json, which the CLI reads too; the agent's LLM endpoint (dialect, images, API
// key: the key goes to the system keychain through SecretStore, never to a file), its runs' grid tile size
// and context budget, and the ratings' concurrency, score batch size and request timeout, in the user's
// preferences. Values are checked before anything is saved; a bad one is named and nothing changes.
// Each model row offers the documented real-model paths as presets (core/models/modelpresets.h). Changed
// model settings are tried first (checkModels on a worker: the embedder's dimension against the store's,
// a test caption and score); a failed check keeps the dialog open with the message, to fix or to save
// anyway.
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
    QToolButton* presetButton(curator::ModelRole role) const;
    QPushButton* checkButton() const;
    QPushButton* saveAnywayButton() const { return m_saveAnyway; }
    QPlainTextEdit* checkResultView() const;
    QPushButton* okButton() const { return m_okButton; }

    // Fills the row of the preset's role with its spec (and the embedder's query template); false when no
    // preset has that id.
    bool applyPreset(const QString& presetId);
    // Tries every model spec as the fields say, without saving (the Check button).
    void checkModels();

    void accept() override;
    void reject() override;

Q_SIGNALS:
    // The workspace's settings.json changed (bridges reopen their backends).
    void workspaceSettingsChanged();
    // A model check ended (shown in checkResultLabel()); ok: every model tried passed.
    void modelCheckFinished(bool ok);

private:
    void showKeyOrigin();
    QLayout* specRow(QLineEdit* field, curator::ModelRole role);
    void connectCheckPanel();
    curator::ModelCheckRequest checkRequest(bool changedOnly) const;
    QString modelValues() const;
    void startCheck(bool thenSave);
    void modelFieldEdited();
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
    QToolButton* m_presetButtons[3] = {};
    ModelCheckPanel* m_checkPanel;
    QPushButton* m_saveAnyway;
    QPushButton* m_okButton = nullptr;
    QString m_passedValues;   // the model fields' values the last check passed with
    QString m_checkingValues; // those the check in flight tries
    bool m_saveAfterCheck = false;
};

} // namespace curator::ui
