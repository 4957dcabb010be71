// image_trainer.cpp: the image mode's training thread.
#include "core/train/image_trainer.hpp"

#include "core/util/error.hpp"
#include "core/util/overloaded.hpp"

#include <climits>

namespace nnplay {

ImageTrainer::ImageTrainer(const TrainConfig& config, std::shared_ptr<const ImageSet> set, size_t validation,
                           size_t used)
    : BackgroundRun(kSlicing), m_validation(validation), m_allTraining(set->TrainImages.Count) {
    m_set = TrainingSubset(std::move(set), used, validation);
    m_used = m_set->TrainImages.Count == m_allTraining ? 0 : used;
    m_session = std::make_unique<ImageSession>(config, *m_set, m_validation);
    EvaluateAll();
    StartLoop("nnplay-images");
}

ImageTrainer::ImageTrainer(const ImageSessionFile& saved, std::shared_ptr<const ImageSet> set)
    : BackgroundRun(kSlicing), m_validation(saved.Validation), m_allTraining(set->TrainImages.Count) {
    if (const std::string why = ImageSetMismatch(saved, *set); !why.empty()) throw UserError(why);
    m_set = TrainingSubset(std::move(set), saved.Used, saved.Validation);
    m_used = m_set->TrainImages.Count == m_allTraining ? 0 : saved.Used;
    m_session = std::make_unique<ImageSession>(saved.Config, *m_set, m_validation);
    m_session->Resume(saved.Progress);
    m_records = saved.Records;
    // The curves as saved; the confusion matrix and the wrong images are scored again. In the
    // middle of an epoch that is not the epoch's record (that comes at its end).
    EvaluateAll(m_records.empty() || m_session->EpochPosition() == 0);
    StartLoop("nnplay-images");
}

ImageTrainer::~ImageTrainer() {
    StopLoop();
}

void ImageTrainer::Apply(ImageCommand& c) {
    const auto rebuild = [&](const TrainConfig& config) {
        m_session = std::make_unique<ImageSession>(config, *m_set, m_validation); // throws: nothing changed
        m_records.clear();
        m_state = TrainerState::Paused;
        ++m_paramsVersion;
        EvaluateAll();
    };
    try {
        std::visit(Overloaded{
                       [&](imgcmd::Play& p) {
                           if (m_session->Status() == SessionStatus::Ready &&
                               m_session->EpochCount() < (p.UntilEpoch < 0 ? LONG_MAX : p.UntilEpoch))
                               m_state = TrainerState::Running;
                           m_untilEpoch = p.UntilEpoch;
                       },
                       [&](imgcmd::Pause&) {
                           if (m_state == TrainerState::Running) m_state = TrainerState::Paused;
                           m_untilEpoch = -1;
                       },
                       [&](imgcmd::StepUpdate&) {
                           m_state = TrainerState::Paused;
                           const long epoch = m_session->EpochCount();
                           if (m_session->RunUpdate()) ++m_paramsVersion;
                           if (m_session->EpochCount() != epoch) EvaluateAll();
                       },
                       [&](imgcmd::StepEpoch&) { // runs on the thread's slices until the epoch ends
                           if (m_session->Status() != SessionStatus::Ready) return;
                           m_untilEpoch = m_session->EpochCount() + 1;
                           m_state = TrainerState::Running;
                       },
                       [&](imgcmd::Reset&) { rebuild(m_session->Config()); },
                       [&](imgcmd::SetConfig& s) {
                           if (ImageSession::NeedsRebuild(m_session->Config(), s.Config))
                               rebuild(s.Config);
                           else
                               m_session->SetSchedule(s.Config);
                       },
                       [&](imgcmd::Keep& k) {
                           auto f = std::make_shared<ImageSessionFile>();
                           f->Validation = m_validation;
                           f->TrainImages = m_allTraining;
                           f->Used = m_used;
                           f->TestImages = m_set->TestImages.Count;
                           f->Classes = m_set->Classes;
                           f->Config = m_session->Config();
                           f->Progress = m_session->Progress();
                           f->Records = m_records;
                           m_kept = std::move(f);
                           m_keptId = k.Id;
                       },
                   },
                   c);
        m_lastError.clear();
    } catch (const UserError& e) {
        m_lastError = e.what();
    }
    if (m_session->Status() == SessionStatus::Diverged) m_state = TrainerState::Diverged;
}

void ImageTrainer::EvaluateAll(bool record) {
    const ImageMetrics tr = m_session->Evaluate(ImageSplit::Train);
    const ImageMetrics va = m_session->Evaluate(ImageSplit::Validation);
    const ImageMetrics te = m_session->Evaluate(ImageSplit::Test, true);
    const ImageEpochRecord r = EpochRecord(*m_session, tr, va, te);
    if (record) {
        if (!m_records.empty() && m_records.back().Epoch == r.Epoch)
            m_records.pop_back(); // the same epoch again (a rebuild)
        m_records.push_back(r);
    }
    m_confusion = te.Confusion;
    ++m_evalVersion;
    m_wrong.clear();
    m_wrongCount = 0;
    const std::vector<uint8_t>& truth = m_set->TestLabels.Labels;
    for (size_t i = 0; i < te.Predicted.size(); ++i) {
        if (te.Predicted[i] == truth[i]) continue;
        ++m_wrongCount;
        if (m_wrong.size() < kMaxWrongShown) m_wrong.push_back({uint32_t(i), truth[i], te.Predicted[i]});
    }
}

bool ImageTrainer::UpdateOnce() {
    const long epoch = m_session->EpochCount();
    if (!m_session->RunUpdate()) {
        m_state =
            m_session->Status() == SessionStatus::Diverged ? TrainerState::Diverged : TrainerState::Paused;
        return false;
    }
    ++m_paramsVersion;
    CountUpdate(long(m_session->LastBatchSize()));
    if (m_session->EpochCount() == epoch) return true;
    m_evaluating = true;
    Publish(); // the epoch's end on screen while the passes run
    EvaluateAll();
    m_evaluating = false;
    RestartRate(); // images/s counts training, not the scoring passes
    if (m_untilEpoch >= 0 && m_session->EpochCount() >= m_untilEpoch) {
        m_state = TrainerState::Paused;
        m_untilEpoch = -1;
    }
    return false;
}

void ImageTrainer::Publish() {
    auto s = std::make_shared<ImageSnapshot>();
    const ImageSession& session = *m_session;
    FillRunSnapshot(*s, session);
    s->StatusMessage = session.StatusMessage();
    s->Set = m_set;
    s->TrainCount = session.Size(ImageSplit::Train);
    s->ValidationCount = session.Size(ImageSplit::Validation);
    s->AllTraining = m_allTraining - m_validation;
    s->Classes = session.Classes();
    const Mlp& net = session.Network();
    for (int l = 0; l < net.NumLayers(); ++l)
        s->LayerSpecs.push_back({net.Layer(l).Out, net.Layer(l).Act});
    s->ParamsVersion = m_paramsVersion;
    const long batch = std::max(1, session.Config().BatchSize);
    s->UpdatesPerEpoch = (long(s->TrainCount) + batch - 1) / batch;
    s->EpochPosition = session.EpochPosition();
    s->Last = session.LastUpdate();
    s->Records = m_records;
    s->Confusion = m_confusion;
    s->Wrong = m_wrong;
    s->WrongCount = m_wrongCount;
    s->EvalVersion = m_evalVersion;
    s->Evaluating = m_evaluating;
    s->Kept = m_kept;
    s->KeptId = m_keptId;
    m_mailbox.Publish(std::move(s));
}

} // namespace nnplay
