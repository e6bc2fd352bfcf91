#pragma once

#include <QObject>
#include <QThreadPool>

#include <memory>

namespace curator {
class CommitWhatIf;
}

namespace curator::ui {

// Asks a pending commit's what-if (core CommitWhatIf, computed by the run from the commit's own scan)
// how many images a threshold admits and how many are new to the branch, on a worker thread: the GUI
// thread never waits, and an answer to a superseded question (the slider moved on) is dropped.
class CommitWhatIfQuery : public QObject {
    Q_OBJECT
public:
    explicit CommitWhatIfQuery(QObject* parent = nullptr);
    ~CommitWhatIfQuery() override;

    // Null: no what-if (questions go unanswered).
    void setWhatIf(std::shared_ptr<const CommitWhatIf> whatIf);
    bool hasWhatIf() const { return m_whatIf != nullptr; }
    void ask(double threshold);

Q_SIGNALS:
    void answered(double threshold, qint64 admitted, qint64 fresh);

private:
    std::shared_ptr<const CommitWhatIf> m_whatIf;
    quint64 m_generation = 0;
    QThreadPool m_pool;
};

} // namespace curator::ui
