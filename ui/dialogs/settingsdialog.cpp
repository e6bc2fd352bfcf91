#include "dialogs/settingsdialog.h"

#include "bridge/preferences.h"
#include "bridge/secretstore.h"
#include "models/backendspec.h"
#include "store/workspacesettings.h"
#include "taxonomy/coverage.h"
#include "taxonomy/taxonomy.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace curator::ui {

namespace {
constexpr const char* kSpecHelp = "builtin | torchscript:DIR | openai:BASE_URL#MODEL";
}

SettingsDialog::SettingsDialog(const QString& workspaceDirectory, SecretStore* secrets, QWidget* parent)
    : QDialog(parent)
    , m_workspaceDirectory(workspaceDirectory)
    , m_secrets(secrets)
    , m_embedder(new QLineEdit)
    , m_scorer(new QLineEdit)
    , m_captioner(new QLineEdit)
    , m_taxonomy(new QLineEdit)
    , m_baseUrl(new QLineEdit)
    , m_model(new QLineEdit)
    , m_reasoningEffort(new QComboBox)
    , m_apiKeyVariable(new QLineEdit)
    , m_apiKey(new QLineEdit)
    , m_keyOrigin(new QLabel)
    , m_error(new QLabel) {
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("SettingsDialog"));
    setMinimumWidth(560);

    auto current = WorkspaceSettings::load(workspaceDirectory.toStdString());
    const WorkspaceSettings settings = current ? *current : WorkspaceSettings();
    m_embedder->setText(QString::fromStdString(settings.embedder));
    m_scorer->setText(QString::fromStdString(settings.scorer));
    m_captioner->setText(QString::fromStdString(settings.captioner));
    m_taxonomy->setText(QString::fromStdString(settings.taxonomy));
    m_taxonomy->setPlaceholderText(tr("the built-in classes.json"));
    for (QLineEdit* spec : {m_embedder, m_scorer, m_captioner}) {
        spec->setPlaceholderText(QString::fromLatin1(kSpecHelp));
        spec->setToolTip(tr("A backend spec: %1").arg(QString::fromLatin1(kSpecHelp)));
    }
    m_embedder->setToolTip(tr("The embedder must be the model the workspace's embeddings were made with; "
                              "searches refuse a mismatch."));
    auto* browse = new QPushButton(tr("Browse..."));
    auto* taxonomyRow = new QHBoxLayout;
    taxonomyRow->addWidget(m_taxonomy, 1);
    taxonomyRow->addWidget(browse);

    auto* models = new QFormLayout;
    models->addRow(tr("Embedder"), m_embedder);
    models->addRow(tr("Scorer"), m_scorer);
    models->addRow(tr("Captioner"), m_captioner);
    models->addRow(tr("Taxonomy"), taxonomyRow);
    auto* modelsBox = new QGroupBox(tr("Models of this workspace (%1)").arg(workspaceDirectory));
    modelsBox->setLayout(models);

    const AgentEndpoint endpoint = preferences::agentEndpoint(workspaceDirectory);
    m_baseUrl->setText(endpoint.baseUrl);
    m_baseUrl->setPlaceholderText(tr("empty: the offline heuristic planner; e.g. http://localhost:8000/v1"));
    m_model->setText(endpoint.model);
    m_reasoningEffort->addItems(
        {QString(), QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")});
    m_reasoningEffort->setCurrentText(endpoint.reasoningEffort);
    m_apiKeyVariable->setText(endpoint.apiKeyEnvironmentVariable);
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setPlaceholderText(tr("leave empty to keep the current key"));
    auto* forget = new QPushButton(tr("Forget key"));
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_apiKey, 1);
    keyRow->addWidget(forget);

    auto* agent = new QFormLayout;
    agent->addRow(tr("Base URL"), m_baseUrl);
    agent->addRow(tr("Model"), m_model);
    agent->addRow(tr("Reasoning effort"), m_reasoningEffort);
    agent->addRow(tr("API key variable"), m_apiKeyVariable);
    agent->addRow(tr("API key"), keyRow);
    agent->addRow(QString(), m_keyOrigin);
    auto* agentBox = new QGroupBox(tr("Agent (LLM endpoint) for this workspace"));
    agentBox->setLayout(agent);

    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(modelsBox);
    layout->addWidget(agentBox);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    showKeyOrigin();

    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Taxonomy"), m_taxonomy->text(), tr("Taxonomy (*.json)"));
        if (!file.isEmpty()) {
            m_taxonomy->setText(file);
        }
    });
    connect(m_apiKeyVariable, &QLineEdit::textChanged, this, &SettingsDialog::showKeyOrigin);
    connect(forget, &QPushButton::clicked, this, [this] {
        m_secrets->remove(m_apiKeyVariable->text().trimmed());
        showKeyOrigin();
    });
    connect(m_secrets, &SecretStore::stored, this,
            [this](const QString&, bool persisted, const QString& message) {
                showKeyOrigin();
                if (!persisted) {
                    m_keyOrigin->setText(message); // why the keychain did not take it
                }
            });
}

void SettingsDialog::showKeyOrigin() {
    const QString name = m_apiKeyVariable->text().trimmed();
    const QString origin = SecretStore::origin(name);
    m_keyOrigin->setText(
        origin == QLatin1String("environment") ? tr("%1 is set in the environment (it wins)").arg(name)
        : origin == QLatin1String("keychain")  ? tr("%1 is stored in the system keychain").arg(name)
        : origin == QLatin1String("session")   ? tr("%1 is kept for this session only").arg(name)
                                               : tr("no key for %1").arg(name));
}

bool SettingsDialog::apply(QString* error) {
    auto fail = [this, error](const QString& message) {
        m_error->setText(message);
        if (error) {
            *error = message;
        }
        return false;
    };
    auto loaded = WorkspaceSettings::load(m_workspaceDirectory.toStdString());
    if (!loaded) {
        return fail(QString::fromStdString(loaded.error()));
    }
    WorkspaceSettings settings = *loaded;
    const struct {
        const char* key;
        QLineEdit* field;
    } specs[] = {{"embedder", m_embedder}, {"scorer", m_scorer}, {"captioner", m_captioner}};
    for (const auto& spec : specs) {
        const std::string text = spec.field->text().trimmed().toStdString();
        if (auto parsed = BackendSpec::parse(text); !parsed) {
            return fail(
                tr("%1: %2").arg(QString::fromLatin1(spec.key), QString::fromStdString(parsed.error())));
        }
        if (auto set = settings.set(spec.key, text); !set) {
            return fail(QString::fromStdString(set.error()));
        }
    }
    const std::string taxonomy = m_taxonomy->text().trimmed().toStdString();
    if (!taxonomy.empty()) {
        if (auto checked = workspaceTaxonomy(m_workspaceDirectory.toStdString(), taxonomy); !checked) {
            return fail(tr("taxonomy: %1").arg(QString::fromStdString(checked.error())));
        }
    }
    settings.taxonomy = taxonomy;
    const QString variable = m_apiKeyVariable->text().trimmed();
    if (variable.isEmpty() || variable.contains(QLatin1Char('='))) {
        return fail(tr("API key variable: expected an environment variable name such as OPENAI_API_KEY"));
    }
    const bool workspaceChanged =
        loaded->embedder != settings.embedder || loaded->scorer != settings.scorer ||
        loaded->captioner != settings.captioner || loaded->taxonomy != settings.taxonomy;
    if (workspaceChanged) {
        if (auto saved = settings.save(m_workspaceDirectory.toStdString()); !saved) {
            return fail(QString::fromStdString(saved.error()));
        }
    }
    AgentEndpoint endpoint;
    endpoint.baseUrl = m_baseUrl->text().trimmed();
    endpoint.model = m_model->text().trimmed();
    endpoint.reasoningEffort = m_reasoningEffort->currentText();
    endpoint.apiKeyEnvironmentVariable = variable;
    preferences::setAgentEndpoint(m_workspaceDirectory, endpoint);
    if (!m_apiKey->text().isEmpty()) {
        m_secrets->store(variable, m_apiKey->text());
        m_apiKey->clear();
    }
    m_error->clear();
    if (workspaceChanged) {
        Q_EMIT workspaceSettingsChanged();
    }
    return true;
}

void SettingsDialog::accept() {
    if (apply()) {
        QDialog::accept();
    }
}

} // namespace curator::ui
