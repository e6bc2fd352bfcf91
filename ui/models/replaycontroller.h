#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QVector>

#include <memory>

namespace curator::ui {

// A finished or stopped run read back from its transcript (core loadTranscriptReplay), as Qt values: the
// events as the agent dock receives them (type and JSON) and, per turn, where its events end and the grid
// files its calls received (absolute paths, in the order the model got them).
struct ReplayTurn {
    int turn = 0;
    int firstEvent = 0; // indices into ReplayData::events, inclusive
    int lastEvent = 0;
    QStringList gridFiles;
};

struct ReplayEvent {
    QString type;
    QByteArray json;
};

struct ReplayData {
    QString runId;
    QString theme;
    QString forkedFrom; // the run this one was forked from, empty when none
    int forkedTurn = 0;
    bool finished = false; // the transcript ends with run_finished
    QVector<ReplayEvent> events;
    QVector<ReplayTurn> turns;
};

// Steps through a run's transcript turn by turn without calling the model: loads it on a worker thread,
// then holds the step shown (0-based; "turn k of N" is step k-1). Knows nothing of widgets: the agent
// dock's replay panel shows the events up to the step's end.
class ReplayController : public QObject {
    Q_OBJECT
public:
    explicit ReplayController(const QString& workspaceDirectory, QObject* parent = nullptr);
    ~ReplayController() override;

    // Reads runs/<runId>.jsonl off the GUI thread; emits loaded (at step 0) or failed.
    void load(const QString& runId);
    void clear();

    bool isLoaded() const { return m_data != nullptr; }
    const ReplayData* data() const { return m_data.get(); }
    int stepCount() const;
    int step() const { return m_step; }
    const ReplayTurn* currentTurn() const;

    void setStep(int step); // clamped to the steps; emits stepChanged when it changes
    void first();
    void previous();
    void next();
    void last();

Q_SIGNALS:
    void loaded();
    void failed(const QString& message);
    void stepChanged(int step);

private:
    QString m_workspaceDirectory;
    QThreadPool m_pool;
    std::shared_ptr<const ReplayData> m_data;
    int m_step = 0;
    quint64 m_generation = 0;
};

} // namespace curator::ui
