#include "dialogs/batchrundialog.h"

#include "bridge/agentbridge.h"
#include "bridge/preferences.h"

#include "agent/batchrun.h"
#include "store/workspacesettings.h"
#include "taxonomy/coverage.h"
#include "taxonomy/taxonomy.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace curator::ui {

BatchRunDialog::BatchRunDialog(AgentBridge* bridge, QWidget* parent)
    : QDialog(parent)
    , m_bridge(bridge)
    , m_source(new QComboBox)
    , m_themes(new QPlainTextEdit)
    , m_start(new QPushButton(tr("Start batch")))
    , m_stop(new QPushButton(tr("Stop")))
    , m_status(new QLabel) {
    setWindowTitle(tr("Run a batch of themes"));
    setObjectName(QStringLiteral("BatchRunDialog"));
    m_source->setObjectName(QStringLiteral("batchSource"));
    m_themes->setObjectName(QStringLiteral("batchThemes"));
    m_status->setObjectName(QStringLiteral("batchStatus"));
    m_themes->setPlaceholderText(tr("One theme per line, e.g.\nVHS decay and analog glitch\nmotion blur"));
    m_themes->setMinimumSize(420, 160);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fillCategories();

    auto* form = new QFormLayout;
    form->addRow(tr("Themes"), m_source);
    auto* hint = new QLabel(tr("One run and branch agent/<run id> per theme, with the endpoint and run "
                               "settings of Settings. A stopped batch continues with curator-cli agent "
                               "batch resume."));
    hint->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_stop, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_themes, 1);
    layout->addWidget(hint);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    setRunning(false);

    connect(m_source, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString category = m_source->itemData(index).toString();
        if (category.isEmpty()) {
            return;
        }
        auto settings = WorkspaceSettings::load(m_bridge->workspaceDirectory().toStdString());
        auto taxonomy = workspaceTaxonomy(m_bridge->workspaceDirectory().toStdString(),
                                          settings ? settings->taxonomy : std::string());
        auto themes = taxonomy ? BatchRun::themesOfCategory(category.toStdString(), *taxonomy)
                               : Result<std::vector<std::string>>(taxonomy.takeError());
        if (!themes) {
            m_status->setText(QString::fromStdString(themes.error()));
            return;
        }
        QStringList lines;
        for (const std::string& theme : *themes) {
            lines << QString::fromStdString(theme);
        }
        m_filling = true;
        m_themes->setPlainText(lines.join(QLatin1Char('\n')));
        m_filling = false;
    });
    // An edited list is the user's own: the picker says so rather than name a category it no longer is.
    connect(m_themes, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_filling && m_source->currentIndex() != 0) {
            const QSignalBlocker blocker(m_source);
            m_source->setCurrentIndex(0);
        }
    });
    connect(m_start, &QPushButton::clicked, this, &BatchRunDialog::start);
    connect(m_stop, &QPushButton::clicked, this, [this] {
        m_bridge->stop();
        m_status->setText(tr("Stopping..."));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &BatchRunDialog::reject);
    connect(m_bridge, &AgentBridge::batchThemeStarted, this,
            [this](int index, int count, const QString& theme) {
                if (m_running) {
                    m_status->setText(tr("theme %1 of %2: %3").arg(index + 1).arg(count).arg(theme));
                }
            });
    connect(m_bridge, &AgentBridge::finished, this, [this](bool ok, const QString& message) {
        if (m_running) {
            setRunning(false);
            m_status->setText(ok ? message : tr("Failed: %1").arg(message));
        }
    });
}

void BatchRunDialog::fillCategories() {
    m_source->addItem(tr("typed below, one per line"));
    auto settings = WorkspaceSettings::load(m_bridge->workspaceDirectory().toStdString());
    auto taxonomy = workspaceTaxonomy(m_bridge->workspaceDirectory().toStdString(),
                                      settings ? settings->taxonomy : std::string());
    if (!taxonomy) {
        m_status->setText(QString::fromStdString(taxonomy.error()));
        return;
    }
    for (const TaxonomyGroup& group : taxonomy->groups()) {
        for (const TaxonomyCategory& category : group.categories) {
            const QString name = QString::fromStdString(category.name);
            m_source->addItem(tr("every attribute of %1 / %2 (%3)")
                                  .arg(QString::fromStdString(group.name), name)
                                  .arg(category.attributes.size()),
                              name);
        }
    }
}

QStringList BatchRunDialog::themes() const {
    QStringList themes;
    for (const QString& line : m_themes->toPlainText().split(QLatin1Char('\n'))) {
        const QString theme = line.trimmed();
        if (!theme.isEmpty() && !theme.startsWith(QLatin1Char('#'))) {
            themes << theme;
        }
    }
    return themes;
}

void BatchRunDialog::start() {
    const QStringList list = themes();
    if (list.isEmpty()) {
        m_status->setText(tr("No themes: type one per line or pick a category."));
        return;
    }
    if (m_bridge->isRunning()) {
        m_status->setText(tr("The agent is running: stop its run first."));
        return;
    }
    const AgentEndpoint endpoint = preferences::agentEndpoint(m_bridge->workspaceDirectory());
    AgentStartValues values;
    values.baseUrl = endpoint.baseUrl;
    values.model = endpoint.model;
    values.reasoningEffort = endpoint.reasoningEffort;
    values.apiKeyEnvironmentVariable = endpoint.apiKeyEnvironmentVariable;
    setRunning(true);
    m_status->setText(tr("Starting %n theme(s)...", nullptr, static_cast<int>(list.size())));
    m_bridge->startBatch(list, values);
    Q_EMIT batchStarted();
}

void BatchRunDialog::setRunning(bool running) {
    m_running = running;
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    m_source->setEnabled(!running);
    m_themes->setReadOnly(running);
}

} // namespace curator::ui
