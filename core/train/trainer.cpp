// trainer.cpp: the background training thread.
#include "core/train/trainer.hpp"

#include "core/train/diagnosis.hpp"
#include "core/util/error.hpp"
#include "core/util/overloaded.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

namespace nnplay {

namespace {
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point t) {
    return std::chrono::duration<double>(t.time_since_epoch()).count();
}

std::string Fmt(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return buf;
}

} // namespace

Trainer::Trainer(const TrainConfig& config, Dataset data)
    : BackgroundRun(Slicing{}), m_diagnosis(std::make_unique<LiveDiagnosis>()), m_pending(size_t(1) << 20) {
    m_data = std::make_shared<const Dataset>(data);
    m_session = std::make_unique<TrainingSession>(config, std::move(data));
    ClearRewind();
    if (m_session->Status() != SessionStatus::Ready) m_statusMessage = m_session->StatusMessage();
    StartLoop("nnplay-trainer");
}

Trainer::~Trainer() {
    StopLoop();
}

std::vector<TrainerEvent> Trainer::Drain(LossHistory& points) {
    return m_mailbox.Locked([&] {
        points.AppendAll(m_pending);
        std::vector<TrainerEvent> out;
        out.swap(m_events);
        return out;
    });
}

void Trainer::PushEvent(TrainerEvent::Kind kind, std::string text) {
    const long update = m_session->UpdateCount(), epoch = m_session->EpochCount();
    // The points not yet taken of a run that a reset ended, or beyond the update a rewind went
    // back to, belong to no curve any more. Kept, they would follow the event in the queue and
    // be appended after it: a bucket of the old run's updates merged with the new run's update 1
    // once made a saved session that did not open again.
    if (kind == TrainerEvent::Kind::Reset)
        m_local.Clear();
    else if (kind == TrainerEvent::Kind::Rewind)
        m_local.TruncateAfterUpdate(update, epoch);
    m_mailbox.Locked([&] {
        if (kind == TrainerEvent::Kind::Reset)
            m_pending.Clear();
        else if (kind == TrainerEvent::Kind::Rewind)
            m_pending.TruncateAfterUpdate(update, epoch);
        m_events.push_back({kind, update, epoch, std::move(text)});
    });
}

void Trainer::ClearRewind() {
    // Bounded by memory too: a large network keeps fewer steps.
    const size_t params = m_session->Network().Params().size();
    const size_t per_state = sizeof(SessionState) + params * sizeof(double) * 3;
    m_rewindCapacity = std::min<size_t>(kHistoryDepth, std::max<size_t>(2, kHistoryBytes / per_state));
    if (m_rewind.size() != m_rewindCapacity) m_rewind.resize(m_rewindCapacity);
    m_rewindStart = m_rewindCount = 0;
    m_diagnosis->Restart(); // the same changes start a new run for the diagnosis
}

bool Trainer::UpdateOnce() {
    if (!DoUpdate()) return false;
    CountUpdate(std::min<long>(m_session->Config().BatchSize, m_session->TrainingSize()));
    return true;
}

bool Trainer::AfterSlice() {
    Evaluation eval;
    if (!m_diagnosis->MaybeLook(*m_session, &eval)) return false;
    if (m_session->Status() == SessionStatus::Ready) { // the next snapshot shows this evaluation
        m_eval = eval;
        m_evalUpdate = m_session->UpdateCount();
        m_evalData = m_data.get();
        m_evalParams = m_session->Network().Params();
    }
    return true;
}

bool Trainer::DoUpdate(bool record_loss) {
    TrainingSession& s = *m_session;
    size_t slot = 0;
    const bool had_full_ring = m_rewindCount == m_rewindCapacity;
    if (m_rewindCapacity) {
        slot = (m_rewindStart + m_rewindCount) % m_rewindCapacity;
        if (had_full_ring)
            m_rewindStart = (m_rewindStart + 1) % m_rewindCapacity;
        else
            ++m_rewindCount;
        s.SaveState(m_rewind[slot]);
    }
    const long epoch = s.EpochCount();
    if (!s.Update()) {
        if (m_rewindCapacity) { // nothing happened: forget the state just saved
            if (had_full_ring)
                m_rewindStart = (m_rewindStart + m_rewindCapacity - 1) % m_rewindCapacity;
            else
                --m_rewindCount;
        }
        if (s.Status() == SessionStatus::Diverged) {
            m_state = TrainerState::Diverged;
            m_statusMessage = s.StatusMessage();
            PushEvent(TrainerEvent::Kind::Diverged, m_statusMessage);
        } else {
            m_state = TrainerState::Paused;
            m_lastError = s.StatusMessage();
        }
        return false;
    }
    if (!record_loss) return true;
    m_local.BatchLoss.Add(s.UpdateCount(), s.LastBatchLoss());
    if (s.EpochCount() != epoch) {
        m_local.EpochTrainLoss.Add(s.EpochCount(), s.LastEpochLoss());
        // The test set is evaluated at every epoch end unless that would cost more than ~2.5%
        // of the training time (tiny epochs at full speed: then about a thousand times a second).
        const double now = Seconds(Clock::now());
        if (m_state != TrainerState::Running || m_speedLimit > 0.0 ||
            now - m_lastTestEvalTime >= 40.0 * m_testEvalCost) {
            const Metrics test = s.EvaluateTest();
            const double after = Seconds(Clock::now());
            m_testEvalCost = after - now;
            m_lastTestEvalTime = after;
            if (!std::isnan(test.Loss)) m_local.EpochTestLoss.Add(s.EpochCount(), test.Loss);
        }
        CheckStopConditions();
    }
    return true;
}

void Trainer::CheckStopConditions() {
    const TrainingSession& s = *m_session;
    const double loss = s.LastEpochLoss();
    std::string why;
    if (m_stop.MaxEpochs > 0 && s.EpochCount() >= m_stop.MaxEpochs)
        why = "reached " + std::to_string(m_stop.MaxEpochs) + " epochs";
    else if (m_stop.LossBelow > 0.0 && loss < m_stop.LossBelow)
        why = "training loss " + Fmt(loss) + " fell below " + Fmt(m_stop.LossBelow);
    else if (m_stop.MinImprovement > 0.0 && !std::isnan(m_previousEpochLoss) &&
             m_previousEpochLoss - loss < m_stop.MinImprovement)
        why = "early stop: the epoch loss improved by " + Fmt(m_previousEpochLoss - loss) + " (< " +
              Fmt(m_stop.MinImprovement) + ")";
    m_previousEpochLoss = loss;
    if (why.empty() || m_state != TrainerState::Running) return;
    m_state = TrainerState::Paused;
    m_statusMessage = "paused: " + why;
    PushEvent(TrainerEvent::Kind::Stopped, m_statusMessage);
}

void Trainer::DoStepBack() {
    if (m_rewindCount == 0) {
        m_lastError =
            "cannot step back: no earlier update since the last change of settings, data or weights";
        return;
    }
    TrainingSession& s = *m_session;
    if (m_rewindCount >= 2) {
        // Restore the state two updates back and replay one: the result is bit-identical to
        // the state one update back, with that update's gradients and Δ to show.
        m_rewindCount -= 2;
        s.RestoreState(m_rewind[(m_rewindStart + m_rewindCount) % m_rewindCapacity]);
        DoUpdate(/*record_loss=*/false);
    } else {
        m_rewindCount = 0;
        s.RestoreState(m_rewind[m_rewindStart]);
    }
    m_state = TrainerState::Paused;
    m_statusMessage.clear();
    m_diagnosis->Restart(); // its looks lie beyond the update stepped back to
    PushEvent(TrainerEvent::Kind::Rewind, "stepped back to update " + std::to_string(s.UpdateCount()));
}

namespace {
// Where the point a RemovePoint names is now (see cmd::RemovePoint); nullopt: already gone.
std::optional<size_t> PointStillAt(const Dataset& d, const cmd::RemovePoint& c) {
    if (std::isnan(c.X1)) return c.Index; // by index alone (RemovePoint refuses one out of range)
    const auto same = [&](const DataPoint& p) { return p.X1 == c.X1 && p.X2 == c.X2; };
    if (c.Index < d.Points.size() && same(d.Points[c.Index])) return c.Index;
    const auto it = std::find_if(d.Points.begin(), d.Points.end(), same);
    if (it == d.Points.end()) return std::nullopt;
    return size_t(it - d.Points.begin());
}
} // namespace

void Trainer::PublishData() {
    m_data = std::make_shared<const Dataset>(m_session->Data());
}

void Trainer::Apply(Command& command) {
    TrainingSession& s = *m_session;
    m_lastError.clear();
    const auto setting_changed = [&](std::string text) {
        ClearRewind();
        PushEvent(TrainerEvent::Kind::Setting, std::move(text));
    };
    const auto rebuilt = [&](const char* what) {
        ClearRewind();
        PublishData();
        m_previousEpochLoss = std::numeric_limits<double>::quiet_NaN();
        if (m_state == TrainerState::Diverged) m_state = TrainerState::Paused;
        m_statusMessage = s.Status() == SessionStatus::Untrainable ? s.StatusMessage() : "";
        // Training starts again from update 0: the curves start afresh too (an old curve under a
        // counter that restarted would read as one run).
        PushEvent(TrainerEvent::Kind::Reset, "reset");
        PushEvent(TrainerEvent::Kind::Rebuilt, what);
    };
    const auto edit_data = [&](auto&& edit) {
        Dataset data = s.Data();
        edit(data);
        const bool network_rebuilt = s.SetDataset(std::move(data));
        if (network_rebuilt)
            rebuilt("the classes changed: the network was rebuilt");
        else
            PublishData();
        ClearRewind();
        if (m_state != TrainerState::Diverged)
            m_statusMessage = s.Status() == SessionStatus::Ready ? "" : s.StatusMessage();
        return network_rebuilt;
    };
    try {
        std::visit(
            Overloaded{
                [&](cmd::Play&) {
                    if (m_state == TrainerState::Diverged)
                        m_lastError = "training diverged: reset or re-initialize before playing again";
                    else if (s.Status() == SessionStatus::Untrainable || s.Status() == SessionStatus::NoData)
                        m_lastError = s.StatusMessage();
                    else {
                        m_state = TrainerState::Running;
                        m_statusMessage.clear();
                    }
                },
                [&](cmd::Pause&) {
                    if (m_state == TrainerState::Running) m_state = TrainerState::Paused;
                },
                [&](cmd::StepUpdate&) {
                    if (m_state == TrainerState::Diverged) return;
                    m_state = TrainerState::Paused;
                    DoUpdate();
                },
                [&](cmd::StepEpoch&) {
                    if (m_state == TrainerState::Diverged) return;
                    m_state = TrainerState::Paused;
                    const long epoch = s.EpochCount();
                    while (s.EpochCount() == epoch && DoUpdate()) {
                    }
                },
                [&](cmd::StepBack&) { DoStepBack(); },
                [&](cmd::Reset&) {
                    s.Reinitialize(s.Config().Seed);
                    rebuilt("reset to the initial weights");
                    m_state = TrainerState::Paused;
                },
                [&](cmd::Reinitialize& c) {
                    s.Reinitialize(c.Seed);
                    rebuilt(("new initialization, seed " + std::to_string(c.Seed)).c_str());
                    m_state = TrainerState::Paused;
                },
                [&](cmd::SetOptimizer& c) {
                    s.SetOptimizer(c.Settings);
                    setting_changed(std::string("optimizer ") + std::string(OptimizerName(c.Settings.Kind)) +
                                    ", learning rate " + Fmt(c.Settings.LearningRate));
                },
                [&](cmd::SetLearningRate& c) {
                    OptimizerSettings o = s.Config().Optimizer;
                    const double before = o.LearningRate;
                    if (!std::isfinite(c.Value) || c.Value < 0.0 || c.Value > kMaxLearningRate)
                        throw UserError("learning rate " + Fmt(c.Value) +
                                        " refused: it must be a number from 0 to 1e6; still " + Fmt(before));
                    o.LearningRate = c.Value;
                    s.SetOptimizer(o);
                    setting_changed("learning rate " + Fmt(before) + " -> " + Fmt(c.Value));
                },
                [&](cmd::SetBatchSize& c) {
                    s.SetBatchSize(c.Value);
                    setting_changed("batch size " + std::to_string(c.Value));
                },
                [&](cmd::SetRegularization& c) {
                    s.SetRegularization(c.Value);
                    setting_changed(std::string(RegularizationName(c.Value.Kind)) + " regularization " +
                                    Fmt(c.Value.Rate));
                },
                [&](cmd::SetLoss& c) {
                    s.SetLoss(c.LossKind, c.Reduce);
                    rebuilt("loss changed: the network was rebuilt");
                },
                [&](cmd::SetNetwork& c) {
                    s.SetNetwork(c.Network);
                    rebuilt("architecture changed: the network was rebuilt");
                },
                [&](cmd::SetDataset& c) {
                    // A new dataset under a network that carries on: marked on the curve.
                    if (!edit_data([&](Dataset& d) { d = c.Data; }))
                        PushEvent(TrainerEvent::Kind::Setting,
                                  "new dataset, " + std::to_string(c.Data.Points.size()) + " points");
                },
                [&](cmd::AddPoint& c) { edit_data([&](Dataset& d) { AddPoint(d, c.Point); }); },
                [&](cmd::MovePoint& c) { edit_data([&](Dataset& d) { MovePoint(d, c.Index, c.X1, c.X2); }); },
                [&](cmd::RelabelPoint& c) {
                    edit_data([&](Dataset& d) { RelabelPoint(d, c.Index, c.Label); });
                },
                [&](cmd::RemovePoint& c) {
                    const std::optional<size_t> at = PointStillAt(s.Data(), c);
                    if (at) edit_data([&](Dataset& d) { RemovePoint(d, *at); });
                },
                [&](cmd::SetSplit& c) {
                    edit_data([&](Dataset& d) { AssignSplit(d, c.TrainFraction, c.Seed); });
                },
                [&](cmd::SetParam& c) {
                    s.SetParam(c.Index, c.Value);
                    setting_changed("weight " + std::to_string(c.Index) + " set to " + Fmt(c.Value));
                },
                [&](cmd::LoadWeights& c) {
                    s.LoadWeights(c.Params, c.Updates, c.Epochs);
                    ClearRewind();
                },
                [&](cmd::LoadSession& c) {
                    auto next =
                        std::make_unique<TrainingSession>(c.Config, std::move(c.Data)); // throws: refused
                    if (!c.Params.empty()) next->LoadWeights(c.Params, c.Updates, c.Epochs);
                    for (size_t i : c.Frozen)
                        next->SetFrozen(i, true); // throws for an index out of range: refused
                    m_session = std::move(next);  // `s` is the old session: not used below
                    ClearRewind();
                    PublishData();
                    m_previousEpochLoss = std::numeric_limits<double>::quiet_NaN();
                    m_state = TrainerState::Paused;
                    m_statusMessage =
                        m_session->Status() == SessionStatus::Ready ? "" : m_session->StatusMessage();
                    PushEvent(TrainerEvent::Kind::Reset, "reset");
                    PushEvent(TrainerEvent::Kind::Rebuilt, "opened " + c.Name);
                },
                [&](cmd::SetFrozen& c) {
                    s.SetFrozen(c.Index, c.Frozen);
                    ClearRewind();
                },
                [&](cmd::SetSpeedLimit& c) {
                    if (!(c.UpdatesPerSecond >= 0.0) || !std::isfinite(c.UpdatesPerSecond))
                        throw UserError("speed: updates per second must be >= 0 (0 = as fast as possible)");
                    m_speedLimit = c.UpdatesPerSecond;
                    m_allowance = 0.0;
                },
                [&](cmd::SetStopConditions& c) { m_stop = c.Value; },
                [&](cmd::SetDiagnosis& c) { m_diagnosis->SetEnabled(c.On); },
            },
            command);
    } catch (const UserError& e) {
        m_lastError = e.what(); // refused: the session is as it was
    }
}

void Trainer::Publish() {
    TrainingSession& s = *m_session;
    auto snap = std::make_shared<Snapshot>();
    FillRunSnapshot(*snap, s);
    snap->StatusMessage = m_statusMessage;
    for (int l = 0; l < s.Network().NumLayers(); ++l)
        snap->Layers.push_back(s.Network().Layer(l));
    snap->Grads = s.Network().Grads();
    snap->LastDelta = s.LastDelta();
    snap->Frozen = s.Frozen();
    snap->OptimizerState = s.OptimizerState();
    snap->NextBatch = s.NextBatch();
    snap->UpdatesPerEpoch = s.UpdatesPerEpoch();
    snap->LastBatchLoss = s.LastBatchLoss();
    snap->LastEpochLoss = s.LastEpochLoss();
    // Whole-set evaluation is the costly part of a snapshot: skip it when nothing changed, and
    // keep it under ~10% of the time on large datasets.
    const double now = Seconds(Clock::now());
    const bool stale =
        m_evalUpdate != s.UpdateCount() || m_evalData != m_data.get() || m_evalParams != snap->Params;
    if (stale && (m_state != TrainerState::Running || now - m_lastEvalTime >= 10.0 * m_evalCost)) {
        m_eval = s.Evaluate();
        m_evalUpdate = s.UpdateCount();
        m_evalData = m_data.get();
        m_evalParams = snap->Params;
        m_lastEvalTime = Seconds(Clock::now());
        m_evalCost = m_lastEvalTime - now;
    }
    snap->Eval = m_eval;
    snap->EvalUpdate = m_evalUpdate;
    snap->Data = m_data;
    snap->SpeedLimit = m_speedLimit;
    snap->Stop = m_stop;
    snap->StepsBackAvailable = int(m_rewindCount);
    snap->Findings = m_diagnosis->Current();
    snap->DiagnosisOn = m_diagnosis->Enabled();
    snap->DiagnosisLooks = m_diagnosis->Looks();
    snap->DiagnosisSeconds = m_diagnosis->SecondsSpent();
    m_mailbox.Publish(std::move(snap), [&] { m_pending.AppendAll(m_local); });
}

} // namespace nnplay
