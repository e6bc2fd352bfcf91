#include "bridge/commitwhatifquery.h"

#include "common/threadhandoff.h"

#include "curation/commitwhatif.h"

namespace curator::ui {

CommitWhatIfQuery::CommitWhatIfQuery(QObject* parent)
    : QObject(parent) {
    m_pool.setMaxThreadCount(1);
}

CommitWhatIfQuery::~CommitWhatIfQuery() {
    m_pool.clear();
    m_pool.waitForDone();
}

void CommitWhatIfQuery::setWhatIf(std::shared_ptr<const CommitWhatIf> whatIf) {
    m_whatIf = std::move(whatIf);
    ++m_generation;
}

void CommitWhatIfQuery::ask(double threshold) {
    if (!m_whatIf) {
        return;
    }
    const quint64 generation = ++m_generation;
    m_pool.clear(); // a question not yet started is superseded
    runOnPool(m_pool, [this, whatIf = m_whatIf, threshold, generation] {
        const ThresholdAdmission admission = whatIf->at(threshold);
        postTo(this, [this, admission, generation] {
            if (generation == m_generation) {
                Q_EMIT answered(admission.threshold, static_cast<qint64>(admission.admitted),
                                static_cast<qint64>(admission.fresh));
            }
        });
    });
}

} // namespace curator::ui
