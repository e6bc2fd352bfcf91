#include "models/replaycontroller.h"

#include "common/threadhandoff.h"

#include "agent/agentevents.h"
#include "agent/transcriptreplay.h"

#include <algorithm>

namespace curator::ui {

namespace {

ReplayData toReplayData(const TranscriptReplay& replay) {
    ReplayData data;
    data.runId = QString::fromStdString(replay.runId);
    data.theme = QString::fromStdString(replay.runStarted.value(eventfield::kTheme, std::string()));
    if (replay.forkedFrom.is_object()) {
        data.forkedFrom = QString::fromStdString(replay.forkedFrom.value(eventfield::kRunId, std::string()));
        data.forkedTurn = replay.forkedFrom.value(eventfield::kTurn, 0);
    }
    data.finished = !replay.runFinished.is_null();
    data.events.reserve(static_cast<int>(replay.events.size()));
    for (const auto& event : replay.events) {
        data.events.push_back({QString::fromStdString(event.value(eventfield::kType, std::string())),
                               QByteArray::fromStdString(event.dump())});
    }
    for (const auto& step : replay.steps) {
        ReplayTurn turn;
        turn.turn = step.turn;
        turn.firstEvent = static_cast<int>(step.firstEvent);
        turn.lastEvent = static_cast<int>(step.lastEvent);
        for (const auto& call : step.calls) {
            for (const auto& file : call.gridFiles) {
                turn.gridFiles << QString::fromStdString(file);
            }
        }
        data.turns.push_back(std::move(turn));
    }
    return data;
}

} // namespace

ReplayController::ReplayController(const QString& workspaceDirectory, QObject* parent)
    : QObject(parent)
    , m_workspaceDirectory(workspaceDirectory) {
    m_pool.setMaxThreadCount(1);
}

ReplayController::~ReplayController() {
    m_pool.clear();
    m_pool.waitForDone();
}

void ReplayController::load(const QString& runId) {
    const quint64 generation = ++m_generation;
    runOnPool(m_pool,
              [this, generation, workspace = m_workspaceDirectory.toStdString(), id = runId.toStdString()] {
                  auto replay = loadTranscriptReplay(workspace, id);
                  if (!replay) {
                      postTo(this, [this, generation, message = QString::fromStdString(replay.error())] {
                          if (generation == m_generation) {
                              Q_EMIT failed(message);
                          }
                      });
                      return;
                  }
                  if (replay->steps.empty()) {
                      postTo(this, [this, generation, run = QString::fromStdString(id)] {
                          if (generation == m_generation) {
                              Q_EMIT failed(tr("Run %1 has no turn to replay.").arg(run));
                          }
                      });
                      return;
                  }
                  auto data = std::make_shared<const ReplayData>(toReplayData(*replay));
                  postTo(this, [this, generation, data] {
                      if (generation != m_generation) {
                          return; // another run was asked for since
                      }
                      m_data = data;
                      m_step = 0;
                      Q_EMIT loaded();
                  });
              });
}

void ReplayController::clear() {
    ++m_generation;
    m_data.reset();
    m_step = 0;
}

int ReplayController::stepCount() const {
    return m_data ? static_cast<int>(m_data->turns.size()) : 0;
}

const ReplayTurn* ReplayController::currentTurn() const {
    return m_step >= 0 && m_step < stepCount() ? &m_data->turns[m_step] : nullptr;
}

void ReplayController::setStep(int step) {
    if (stepCount() == 0) {
        return;
    }
    step = std::clamp(step, 0, stepCount() - 1);
    if (step == m_step) {
        return;
    }
    m_step = step;
    Q_EMIT stepChanged(step);
}

void ReplayController::first() {
    setStep(0);
}
void ReplayController::previous() {
    setStep(m_step - 1);
}
void ReplayController::next() {
    setStep(m_step + 1);
}
void ReplayController::last() {
    setStep(stepCount() - 1);
}

} // namespace curator::ui
