#include "dialogs/settingsdialog.h"

#include "bridge/preferences.h"
#include "bridge/secretstore.h"
#include "models/backendspec.h"
#include "models/modelpresets.h"
#include "models/openaibackends.h"
#include "rating/aestheticsrate.h"
#include "store/workspacesettings.h"
#include "taxonomy/coverage.h"
#include "taxonomy/taxonomy.h"
#include "widgets/modelcheckpanel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace curator::ui {

namespace {

constexpr const char* kSpecHelp = "builtin | torchscript:DIR | openai:BASE_URL#MODEL";
// The offline defaults are described in words (translated); a real model goes by its own name.
QString presetTitle(const ModelPreset& preset) {
    if (preset.id == "builtin-embedder") {
        return SettingsDialog::tr("builtin (offline)");
    }
    if (preset.id == "builtin-scorer") {
        return SettingsDialog::tr("builtin proxy (offline)");
    }
    if (preset.id == "builtin-captioner") {
        return SettingsDialog::tr("builtin (captions beside the images)");
    }
    return QString::fromStdString(preset.name);
}

} // namespace

SettingsDialog::SettingsDialog(const QString& workspaceDirectory, SecretStore* secrets, QWidget* parent)
    : QDialog(parent)
    , m_workspaceDirectory(workspaceDirectory)
    , m_secrets(secrets)
    , m_embedder(new QLineEdit)
    , m_scorer(new QLineEdit)
    , m_captioner(new QLineEdit)
    , m_taxonomy(new QLineEdit)
    , m_queryTemplate(new QLineEdit)
    , m_captionerPrompt(new QPlainTextEdit)
    , m_baseUrl(new QLineEdit)
    , m_model(new QLineEdit)
    , m_reasoningEffort(new QComboBox)
    , m_apiKeyVariable(new QLineEdit)
    , m_apiKey(new QLineEdit)
    , m_keyOrigin(new QLabel)
    , m_llmApi(new QComboBox)
    , m_llmImages(new QComboBox)
    , m_gridTileSize(new QSpinBox)
    , m_contextBudget(new QSpinBox)
    , m_ratingConcurrency(new QSpinBox)
    , m_scoreBatch(new QSpinBox)
    , m_requestTimeout(new QSpinBox)
    , m_error(new QLabel)
    , m_checkPanel(new ModelCheckPanel)
    , m_saveAnyway(new QPushButton(tr("Save anyway"))) {
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("SettingsDialog"));

    // Two columns: what the workspace's files say (shared with the CLI) on the left, the user's own agent
    // and rating choices on the right; the whole dialog fits a 1280x800 screen.
    auto* left = new QVBoxLayout;
    left->addWidget(modelsGroup(workspaceDirectory));
    left->addWidget(ratingGroup());
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(agentGroup());
    right->addWidget(runsGroup());
    right->addStretch(1);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);

    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_okButton = buttons->button(QDialogButtonBox::Ok);
    m_saveAnyway->setObjectName(QStringLiteral("settingsSaveAnyway"));
    m_saveAnyway->setToolTip(tr("Save the model settings although their check failed"));
    buttons->addButton(m_saveAnyway, QDialogButtonBox::ActionRole);
    m_saveAnyway->hide(); // until a check before saving fails
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    showKeyOrigin();

    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connectCheckPanel();
    connect(m_saveAnyway, &QPushButton::clicked, this, [this] {
        if (apply()) {
            QDialog::accept();
        }
    });
}

QWidget* SettingsDialog::modelsGroup(const QString& workspaceDirectory) {
    auto current = WorkspaceSettings::load(workspaceDirectory.toStdString());
    const WorkspaceSettings settings = current ? *current : WorkspaceSettings();
    m_embedder->setText(QString::fromStdString(settings.embedder));
    m_scorer->setText(QString::fromStdString(settings.scorer));
    m_captioner->setText(QString::fromStdString(settings.captioner));
    m_taxonomy->setText(QString::fromStdString(settings.taxonomy));
    m_taxonomy->setPlaceholderText(tr("the built-in classes.json"));
    // Wide enough to read a preset's URL and model, the parts the user edits.
    int specWidth = 0;
    for (const ModelPreset& preset : modelPresets()) {
        specWidth = std::max(
            specWidth, m_embedder->fontMetrics().horizontalAdvance(QString::fromStdString(preset.spec)));
    }
    specWidth = std::min(specWidth + 12, m_embedder->fontMetrics().averageCharWidth() * 60);
    for (QLineEdit* spec : {m_embedder, m_scorer, m_captioner}) {
        spec->setPlaceholderText(QString::fromLatin1(kSpecHelp));
        spec->setToolTip(tr("A backend spec: %1").arg(QString::fromLatin1(kSpecHelp)));
        spec->setMinimumWidth(specWidth);
    }
    m_embedder->setToolTip(tr("The embedder must be the model the workspace's embeddings were made with; "
                              "searches refuse a mismatch."));
    m_queryTemplate->setObjectName(QStringLiteral("settingsQueryTemplate"));
    m_queryTemplate->setText(QString::fromStdString(settings.embedQueryTemplate));
    m_queryTemplate->setPlaceholderText(
        tr("none; e.g. Instruct: Represent the user's input.\\nQuery: {text}"));
    m_queryTemplate->setToolTip(
        tr("An openai: embedder's text queries are sent wrapped in this template, {text} standing for the "
           "query and \\n for a newline (instruction-tuned embedders such as Qwen3-VL-Embedding). Images are "
           "never wrapped. Kept in the workspace's settings.json, so the CLI queries the same way."));
    m_captionerPrompt->setObjectName(QStringLiteral("settingsCaptionerPrompt"));
    m_captionerPrompt->setPlainText(QString::fromStdString(settings.captionerPrompt));
    m_captionerPrompt->setPlaceholderText(QString::fromLatin1(OpenAiCaptioner::defaultPrompt()));
    m_captionerPrompt->setToolTip(tr("What an openai: captioner is asked for each image; empty: the default "
                                     "(objective physical facts only, no aesthetic judgement)."));
    m_captionerPrompt->setTabChangesFocus(true);
    m_captionerPrompt->setFixedHeight(m_captionerPrompt->fontMetrics().lineSpacing() * 4 + 12);
    auto* browse = new QPushButton(tr("Browse..."));
    auto* taxonomyRow = new QHBoxLayout;
    taxonomyRow->addWidget(m_taxonomy, 1);
    taxonomyRow->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Taxonomy"), m_taxonomy->text(), tr("Taxonomy (*.json)"));
        if (!file.isEmpty()) {
            m_taxonomy->setText(file);
        }
    });

    for (QLineEdit* field : {m_embedder, m_scorer, m_captioner, m_queryTemplate}) {
        connect(field, &QLineEdit::textEdited, this, &SettingsDialog::modelFieldEdited);
    }
    connect(m_captionerPrompt, &QPlainTextEdit::textChanged, this, &SettingsDialog::modelFieldEdited);

    auto* models = new QFormLayout;
    models->addRow(tr("Embedder"), specRow(m_embedder, ModelRole::Embedder));
    models->addRow(tr("Query template"), m_queryTemplate);
    models->addRow(tr("Scorer"), specRow(m_scorer, ModelRole::Scorer));
    models->addRow(tr("Captioner"), specRow(m_captioner, ModelRole::Captioner));
    models->addRow(tr("Captioner prompt"), m_captionerPrompt);
    models->addRow(tr("Taxonomy"), taxonomyRow);
    models->addRow(m_checkPanel); // the whole width: the results are long lines
    auto* box = new QGroupBox(tr("Models of this workspace (%1)").arg(workspaceDirectory));
    box->setToolTip(tr("Saved in the workspace's settings.json, which curator-cli reads too."));
    box->setLayout(models);
    return box;
}

QWidget* SettingsDialog::ratingGroup() {
    const RatingSettings rating = preferences::ratingSettings(m_workspaceDirectory);
    m_ratingConcurrency->setObjectName(QStringLiteral("settingsRatingConcurrency"));
    m_ratingConcurrency->setRange(0, 256);
    m_ratingConcurrency->setSpecialValueText(tr("default (%1)").arg(kDefaultRatingConcurrency));
    m_ratingConcurrency->setValue(rating.concurrency);
    m_ratingConcurrency->setToolTip(tr("Caption and score requests in flight at once (openai: backends; "
                                       "the builtin and TorchScript ones run one at a time)."));
    m_scoreBatch->setObjectName(QStringLiteral("settingsScoreBatch"));
    m_scoreBatch->setRange(0, 256);
    m_scoreBatch->setSpecialValueText(tr("default (the scorer's)"));
    m_scoreBatch->setValue(rating.scoreBatchSize);
    m_scoreBatch->setToolTip(tr("Images per scorer request (default: 8 over HTTP, 1 otherwise)."));
    m_requestTimeout->setObjectName(QStringLiteral("settingsRequestTimeout"));
    m_requestTimeout->setRange(1, 86400);
    m_requestTimeout->setSuffix(tr(" s"));
    m_requestTimeout->setValue(rating.requestTimeoutSeconds);
    m_requestTimeout->setToolTip(
        tr("How long one request to a remote scorer or captioner may take. One served "
           "at several URLs moves on to the next when a request times out."));
    auto* form = new QFormLayout;
    form->addRow(tr("Concurrent requests"), m_ratingConcurrency);
    form->addRow(tr("Images per score request"), m_scoreBatch);
    form->addRow(tr("Request timeout"), m_requestTimeout);
    auto* box = new QGroupBox(tr("Ratings"));
    box->setLayout(form);
    return box;
}

QWidget* SettingsDialog::agentGroup() {
    const AgentEndpoint endpoint = preferences::agentEndpoint(m_workspaceDirectory);
    const AgentRunSettings run = preferences::agentRunSettings(m_workspaceDirectory);
    m_baseUrl->setText(endpoint.baseUrl);
    m_baseUrl->setPlaceholderText(tr("empty: the offline heuristic planner; e.g. http://localhost:8000/v1"));
    m_model->setText(endpoint.model);
    m_llmApi->setObjectName(QStringLiteral("settingsLlmApi"));
    m_llmApi->addItem(tr("Chat Completions (any OpenAI-compatible server)"), QStringLiteral("chat"));
    m_llmApi->addItem(tr("OpenAI Responses (reasoning kept between tool calls)"),
                      QStringLiteral("responses"));
    m_llmApi->setCurrentIndex(std::max(0, m_llmApi->findData(run.llmApi)));
    m_llmImages->setObjectName(QStringLiteral("settingsLlmImages"));
    m_llmImages->addItem(tr("auto (text after the endpoint refuses an image)"), QStringLiteral("auto"));
    m_llmImages->addItem(tr("yes (grids as image parts)"), QStringLiteral("yes"));
    m_llmImages->addItem(tr("no (grids described in text)"), QStringLiteral("no"));
    m_llmImages->setCurrentIndex(std::max(0, m_llmImages->findData(run.llmImages)));
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
    m_keyOrigin->setWordWrap(true);

    auto* agent = new QFormLayout;
    agent->addRow(tr("Base URL"), m_baseUrl);
    agent->addRow(tr("Model"), m_model);
    agent->addRow(tr("API"), m_llmApi);
    agent->addRow(tr("Images"), m_llmImages);
    agent->addRow(tr("Reasoning effort"), m_reasoningEffort);
    agent->addRow(tr("API key variable"), m_apiKeyVariable);
    agent->addRow(tr("API key"), keyRow);
    agent->addRow(QString(), m_keyOrigin);
    auto* box = new QGroupBox(tr("Agent (LLM endpoint) for this workspace"));
    box->setLayout(agent);

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
    return box;
}

QWidget* SettingsDialog::runsGroup() {
    const AgentRunSettings run = preferences::agentRunSettings(m_workspaceDirectory);
    m_gridTileSize->setObjectName(QStringLiteral("settingsGridTileSize"));
    m_gridTileSize->setRange(kMinGridTileSize, kMaxGridTileSize);
    m_gridTileSize->setSingleStep(64);
    m_gridTileSize->setSuffix(tr(" px"));
    m_gridTileSize->setValue(run.gridTileSize);
    m_gridTileSize->setToolTip(tr("Pixels per tile of the grid images the tools show the model: large "
                                  "enough to judge grain, JPEG blocking and faint watermarks (default %1).")
                                   .arg(kGridTileSize));
    m_contextBudget->setObjectName(QStringLiteral("settingsContextBudget"));
    m_contextBudget->setRange(static_cast<int>(kMinContextBudgetTokens), 100000000);
    m_contextBudget->setSingleStep(1000);
    m_contextBudget->setGroupSeparatorShown(true);
    m_contextBudget->setSuffix(tr(" tokens"));
    m_contextBudget->setValue(static_cast<int>(run.contextBudgetTokens));
    m_contextBudget->setToolTip(tr("The estimated prompt tokens a request may reach (default %L1, for a "
                                   "128k-token model): older grids and results give way, then the run "
                                   "compacts.")
                                    .arg(kDefaultContextBudgetTokens));
    auto* form = new QFormLayout;
    form->addRow(tr("Grid tile size"), m_gridTileSize);
    form->addRow(tr("Context budget"), m_contextBudget);
    auto* box = new QGroupBox(tr("Agent runs (each new run and batch)"));
    box->setLayout(form);
    return box;
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
    if (auto set = settings.set("embed_query_template", m_queryTemplate->text().trimmed().toStdString());
        !set) {
        return fail(tr("query template: %1").arg(QString::fromStdString(set.error())));
    }
    settings.captionerPrompt = m_captionerPrompt->toPlainText().trimmed().toStdString();
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
        loaded->captioner != settings.captioner || loaded->taxonomy != settings.taxonomy ||
        loaded->embedQueryTemplate != settings.embedQueryTemplate ||
        loaded->captionerPrompt != settings.captionerPrompt;
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
    AgentRunSettings run;
    run.llmApi = m_llmApi->currentData().toString();
    run.llmImages = m_llmImages->currentData().toString();
    run.gridTileSize = m_gridTileSize->value();
    run.contextBudgetTokens = m_contextBudget->value();
    preferences::setAgentRunSettings(m_workspaceDirectory, run);
    RatingSettings rating;
    rating.concurrency = m_ratingConcurrency->value();
    rating.scoreBatchSize = m_scoreBatch->value();
    rating.requestTimeoutSeconds = m_requestTimeout->value();
    preferences::setRatingSettings(m_workspaceDirectory, rating);
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

QPushButton* SettingsDialog::checkButton() const {
    return m_checkPanel->button();
}

QPlainTextEdit* SettingsDialog::checkResultView() const {
    return m_checkPanel->resultView();
}

QToolButton* SettingsDialog::presetButton(ModelRole role) const {
    return m_presetButtons[static_cast<int>(role)];
}

QLayout* SettingsDialog::specRow(QLineEdit* field, ModelRole role) {
    auto* button = new QToolButton;
    button->setObjectName(QStringLiteral("settingsPresets_") + QString::fromLatin1(modelRoleKey(role)));
    button->setText(tr("Presets"));
    button->setToolTip(tr("The documented paths to real models (docs/models.md): pick one, then put in the "
                          "host and the model"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(button);
    menu->setToolTipsVisible(true);
    for (const ModelPreset& preset : modelPresetsFor(role)) {
        QAction* action =
            menu->addAction(preset.spec == "builtin"
                                ? presetTitle(preset)
                                : tr("%1: %2").arg(presetTitle(preset), QString::fromStdString(preset.spec)));
        const QString id = QString::fromStdString(preset.id);
        action->setData(id);
        action->setToolTip(QString::fromStdString(preset.serve));
        connect(action, &QAction::triggered, this, [this, id] { applyPreset(id); });
    }
    button->setMenu(menu);
    m_presetButtons[static_cast<int>(role)] = button;
    auto* row = new QHBoxLayout;
    row->addWidget(field, 1);
    row->addWidget(button);
    return row;
}

void SettingsDialog::connectCheckPanel() {
    connect(m_checkPanel, &ModelCheckPanel::checkRequested, this, &SettingsDialog::checkModels);
    connect(m_checkPanel, &ModelCheckPanel::busyChanged, this, [this](bool busy) {
        m_okButton->setEnabled(!busy);
        if (busy) {
            m_saveAnyway->hide();
            m_error->clear();
        }
    });
    connect(m_checkPanel, &ModelCheckPanel::stopped, this, [this] { m_saveAfterCheck = false; });
    connect(m_checkPanel, &ModelCheckPanel::finished, this,
            [this](const std::shared_ptr<const ModelCheckReport>& report) {
                const bool passed = report->ok();
                if (passed) {
                    m_passedValues = m_checkingValues;
                }
                const bool thenSave = std::exchange(m_saveAfterCheck, false);
                Q_EMIT modelCheckFinished(passed);
                if (!thenSave) {
                    return;
                }
                if (passed) {
                    if (apply()) {
                        QDialog::accept();
                    }
                    return;
                }
                m_saveAnyway->show();
                m_error->setText(tr("The model check failed: fix the settings, or save anyway."));
            });
}

bool SettingsDialog::applyPreset(const QString& presetId) {
    const ModelPreset* preset = findModelPreset(presetId.toStdString());
    if (preset == nullptr) {
        return false;
    }
    QLineEdit* field = preset->role == ModelRole::Embedder ? m_embedder
                       : preset->role == ModelRole::Scorer ? m_scorer
                                                           : m_captioner;
    const QString spec = QString::fromStdString(preset->spec);
    field->setText(spec);
    if (preset->role == ModelRole::Embedder) {
        // A query template belongs to the model it was written for.
        m_queryTemplate->setText(QString::fromStdString(preset->queryTemplate));
    }
    modelFieldEdited();
    // What the user fills in next: the host of a server, the directory of exported files.
    const int host = spec.indexOf(QLatin1String("localhost"));
    const int directory =
        spec.startsWith(QLatin1String("torchscript:")) ? spec.indexOf(QLatin1Char(':')) + 1 : -1;
    field->setFocus();
    if (host >= 0) {
        field->setSelection(host, int(qstrlen("localhost")));
    } else if (directory > 0) {
        field->setSelection(directory, int(spec.size()) - directory);
    }
    m_checkPanel->showNote(preset->spec == "builtin"
                               ? tr("%1: offline, nothing to serve.").arg(presetTitle(*preset))
                               : tr("%1: put in the host and the model, then Check models. Serve it with: "
                                    "%2")
                                     .arg(presetTitle(*preset), QString::fromStdString(preset->serve)));
    return true;
}

ModelCheckRequest SettingsDialog::checkRequest(bool changedOnly) const {
    auto loaded = WorkspaceSettings::load(m_workspaceDirectory.toStdString());
    const WorkspaceSettings saved = loaded ? *loaded : WorkspaceSettings();
    const std::string embedder = m_embedder->text().trimmed().toStdString();
    const std::string scorer = m_scorer->text().trimmed().toStdString();
    const std::string captioner = m_captioner->text().trimmed().toStdString();
    const std::string queryTemplate = m_queryTemplate->text().trimmed().toStdString();
    const std::string prompt = m_captionerPrompt->toPlainText().trimmed().toStdString();
    ModelCheckRequest request;
    request.workspaceDirectory = m_workspaceDirectory.toStdString();
    // Before saving, only what changed: an unchanged model that is down does not hold up other settings.
    if (!changedOnly || embedder != saved.embedder || queryTemplate != saved.embedQueryTemplate) {
        request.embedder = embedder;
    }
    if (!changedOnly || scorer != saved.scorer) {
        request.scorer = scorer;
    }
    if (!changedOnly || captioner != saved.captioner || prompt != saved.captionerPrompt) {
        request.captioner = captioner;
    }
    request.options.apiKeyEnvironmentVariable = m_apiKeyVariable->text().trimmed().toStdString();
    request.options.requestTimeoutSeconds = m_requestTimeout->value();
    request.options.embedQueryTemplate = queryTemplate;
    request.options.captionerPrompt = prompt;
    return request;
}

QString SettingsDialog::modelValues() const {
    return QStringList({m_embedder->text().trimmed(), m_scorer->text().trimmed(),
                        m_captioner->text().trimmed(), m_queryTemplate->text().trimmed(),
                        m_captionerPrompt->toPlainText().trimmed()})
        .join(QLatin1Char('\n'));
}

void SettingsDialog::checkModels() {
    startCheck(false);
}

void SettingsDialog::startCheck(bool thenSave) {
    m_saveAfterCheck = thenSave;
    // Remembered with the check, so that a pass counts only for the values it tried.
    m_checkingValues = modelValues();
    m_checkPanel->start(checkRequest(thenSave));
}

void SettingsDialog::modelFieldEdited() {
    // Save anyway was about the values that failed; edited ones are checked again.
    m_saveAnyway->hide();
}

void SettingsDialog::accept() {
    if (m_checkPanel->isBusy()) {
        return;
    }
    const ModelCheckRequest request = checkRequest(true);
    const bool changed = !request.embedder.empty() || !request.scorer.empty() || !request.captioner.empty();
    if (changed && modelValues() != m_passedValues) {
        startCheck(true);
        return;
    }
    if (apply()) {
        QDialog::accept();
    }
}

void SettingsDialog::reject() {
    m_checkPanel->stop();
    QDialog::reject();
}

} // namespace curator::ui
