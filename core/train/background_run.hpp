// background_run.hpp: one kind of run for every mode. A run is a training session on a loop of
// its own (a thread, or the page's frame turns): it takes commands from any thread, trains in
// short slices while it is running, and publishes immutable snapshots. The plane's Trainer and
// the image mode's ImageTrainer are this loop over their own session and commands; what they
// show alike (state, counters, weights, speed) is the RunSnapshot both snapshots begin with.
#pragma once
#include "core/train/mailbox.hpp"
#include "core/train/training.hpp"
#include "core/util/worker_loop.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nnplay {

enum class TrainerState { Paused, Running, Diverged, Stopped };
std::string_view TrainerStateName(TrainerState s);

// What every run shows, whatever it trains on: code that only reports a run's progress (the
// page's state, the status line) takes this, not a mode's snapshot.
struct RunSnapshot {
    uint64_t Sequence = 0;
    uint64_t CommandsApplied = 0; // commands applied before this picture was taken
    TrainerState State = TrainerState::Paused;
    std::string StatusMessage; // e.g. "diverged at update 812: ..." or "paused: reached 300 epochs"
    std::string LastError;     // the last refused command, in words ("" if none since)
    TrainConfig Config;
    OutputEncoding Encoding;
    int Inputs = 0;
    std::vector<double> Params; // flat, as Mlp::Params()
    long Updates = 0, Epochs = 0, UpdatesPerEpoch = 0;
    double SamplesPerSecond = 0.0, UpdatesPerSecond = 0.0; // 0 unless running
};

// The loop, once for both modes. A run derives from it, gives its commands (Apply), one update
// (UpdateOnce) and its picture (Publish), starts the loop at the end of its constructor and
// stops it first thing in its destructor (the loop calls back into the run).
template <class Command, class Snapshot> class BackgroundRun {
  public:
    BackgroundRun(const BackgroundRun&) = delete;
    BackgroundRun& operator=(const BackgroundRun&) = delete;

    // Any thread.
    void Post(Command c) { m_mailbox.Post(std::move(c)); }
    std::shared_ptr<const Snapshot> Latest() const { return m_mailbox.Latest(); }
    // Blocks until a snapshot newer than `sequence` is published or `timeout_s` passes.
    std::shared_ptr<const Snapshot> WaitNewer(uint64_t sequence, double timeout_s) const {
        return m_mailbox.WaitNewer(sequence, timeout_s);
    }
    // For tests and the benchmark: commands applied so far.
    uint64_t CommandsApplied() const { return m_applied.load(); }

  protected:
    using Clock = std::chrono::steady_clock;
    // How a run's updates are sliced on its own thread: long enough to amortize the checks, short
    // enough that commands and snapshots are never late. A small network's update takes about a
    // microsecond (the clock is read every 16), an image batch milliseconds (read after each).
    struct Slicing {
        double Seconds = 0.004;
        int UpdatesPerClockRead = 16;
        double PublishInterval = 1.0 / 60.0;
    };
    explicit BackgroundRun(Slicing slicing) : m_slicing(slicing) {}
    virtual ~BackgroundRun() = default;

    // The run's own part, called on the loop only.
    virtual void Apply(Command& c) = 0; // every command changes what the next snapshot shows
    // One update while running. False ends this slice: the run could not update (it sets m_state
    // to say why) or wants its picture out now (an epoch's end).
    virtual bool UpdateOnce() = 0;
    // After each slice, running or not: true when what the next snapshot shows has changed.
    virtual bool AfterSlice() { return false; }
    virtual void Publish() = 0; // builds a snapshot (FillRunSnapshot) and m_mailbox.Publish-es it

    void StartLoop(const char* thread_name) {
        Publish();
        m_lastPublish = m_lastTick = m_rateStart = Clock::now();
        m_loop.Start(thread_name, [this](double budget_s) { return Turn(budget_s); });
    }
    // Asks the loop to end and waits for it (its last turn publishes State Stopped). Idempotent.
    void StopLoop() {
        m_mailbox.RequestStop();
        m_loop.Join();
    }
    // An update the rate counts, that went through `samples` training samples.
    void CountUpdate(long samples) {
        ++m_rateUpdates;
        m_rateSamples += samples;
    }
    // The rate's window starts again (after work that was not training: a scoring pass).
    void RestartRate() {
        m_rateStart = Clock::now();
        m_rateUpdates = m_rateSamples = 0;
    }
    // The loop's fields of a snapshot: sequence, commands applied, state, last error, the rates.
    void FillRunSnapshot(RunSnapshot& s) {
        s.Sequence = ++m_sequence;
        s.CommandsApplied = m_applied.load();
        s.State = m_state;
        s.LastError = m_lastError;
        const bool running = m_state == TrainerState::Running;
        s.SamplesPerSecond = running ? m_samplesPerSecond : 0.0;
        s.UpdatesPerSecond = running ? m_updatesPerSecond : 0.0;
    }
    // And the session's: settings, weights and counters (StatusMessage and UpdatesPerEpoch are
    // each run's to say).
    void FillRunSnapshot(RunSnapshot& s, const SessionCore& session) {
        FillRunSnapshot(s);
        s.Config = session.Config();
        s.Encoding = session.Encoding();
        s.Inputs = session.Network().Inputs();
        s.Params = session.Network().Params();
        s.Updates = session.UpdateCount();
        s.Epochs = session.EpochCount();
    }

    // Owned by the loop.
    TrainerState m_state = TrainerState::Paused;
    std::string m_lastError;
    double m_speedLimit = 0.0, m_allowance = 0.0; // updates per second (0: as fast as possible)
    // Shared with other threads.
    Mailbox<Command, Snapshot> m_mailbox;

  private:
    // One pass of the loop (see WorkerLoop): the commands, a slice of updates, a snapshot when due.
    bool Turn(double budget_s) {
        const bool own_thread = budget_s < 0.0;  // else the frame loop's turn, which never waits
        std::chrono::duration<double> wait(0.0); // (the frame loop's turn takes what is there)
        if (own_thread && m_state != TrainerState::Running)
            wait = std::chrono::milliseconds(50);
        else if (own_thread && m_speedLimit > 0.0 && m_allowance < 1.0)
            wait = std::chrono::duration<double>((1.0 - m_allowance) / m_speedLimit);
        std::vector<Command> commands = m_mailbox.Take(wait);
        if (m_mailbox.StopRequested()) {
            m_state = TrainerState::Stopped;
            Publish();
            return false;
        }
        const bool changed = !commands.empty();
        const TrainerState state_before = m_state;
        for (Command& c : commands) {
            Apply(c);
            ++m_applied;
        }
        Clock::time_point now = Clock::now();
        if (m_state == TrainerState::Running) {
            if (m_speedLimit > 0.0) {
                const double dt = std::chrono::duration<double>(now - m_lastTick).count();
                m_allowance = std::min(m_allowance + dt * m_speedLimit, std::max(1.0, m_speedLimit * 0.05));
            }
            m_lastTick = now;
            const Clock::time_point slice_end =
                now + std::chrono::duration_cast<Clock::duration>(
                          std::chrono::duration<double>(own_thread ? m_slicing.Seconds : budget_s));
            for (int k = 1; m_state == TrainerState::Running; ++k) {
                if (m_speedLimit > 0.0) {
                    if (m_allowance < 1.0) break;
                    m_allowance -= 1.0;
                }
                if (!UpdateOnce()) break;
                if (m_mailbox.HasCommands() || m_mailbox.StopRequested()) break;
                if (k % m_slicing.UpdatesPerClockRead == 0 && Clock::now() >= slice_end) break;
            }
            now = Clock::now();
        } else {
            m_lastTick = now;
            m_allowance = 0.0;
        }
        const double rate_window = std::chrono::duration<double>(now - m_rateStart).count();
        if (rate_window >= 0.5) {
            m_updatesPerSecond = double(m_rateUpdates) / rate_window;
            m_samplesPerSecond = double(m_rateSamples) / rate_window;
            m_rateUpdates = m_rateSamples = 0;
            m_rateStart = now;
        }
        // Paused and idle, nothing is published: the window does not redraw its maps 20 times a
        // second for the same picture.
        m_unpublished |= AfterSlice();
        m_unpublished |= m_state == TrainerState::Running || m_state != state_before;
        if (changed ||
            (m_unpublished && (!own_thread || std::chrono::duration<double>(now - m_lastPublish).count() >=
                                                  m_slicing.PublishInterval))) {
            Publish();
            m_lastPublish = now;
            m_unpublished = false;
        }
        return true;
    }

    const Slicing m_slicing;
    uint64_t m_sequence = 0;
    double m_samplesPerSecond = 0.0, m_updatesPerSecond = 0.0;
    long m_rateUpdates = 0, m_rateSamples = 0;
    // The loop's clocks: the last snapshot, the last pace tick, the rate's window.
    Clock::time_point m_lastPublish{}, m_lastTick{}, m_rateStart{};
    bool m_unpublished = false;
    std::atomic<uint64_t> m_applied{0};
    WorkerLoop m_loop; // last: starts after everything above exists
};

} // namespace nnplay
