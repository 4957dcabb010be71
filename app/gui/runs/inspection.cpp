// inspection.cpp: the chain-rule inspector's derivation, cached per snapshot and question.
#include "app/gui/runs/inspection.hpp"

#include "core/teach/chain_rule.hpp"
#include "core/teach/walkthrough.hpp"

namespace nnplay {

const std::vector<std::string>& UpdateInspection(const UiState& ui, const Snapshot& s, Visuals& vis) {
    if (ui.Diagram.InspectParam < 0 || size_t(ui.Diagram.InspectParam) >= s.Params.size() || !s.Data ||
        s.NextBatch.empty()) {
        vis.InspectLines.clear();
        vis.InspectedFor = {};
        return vis.InspectLines;
    }
    const Visuals::InspectKey key{s.Sequence, ui.Diagram.InspectParam, ui.Diagram.InspectSample,
                                  ui.Diagram.InspectDigits, ui.Diagram.InspectNumerical};
    if (!(vis.InspectedFor == key)) {
        NetworkFromSnapshot(s, vis.InspectNet);
        const ParamRef ref = ParamAt(vis.InspectNet, size_t(ui.Diagram.InspectParam));
        // The next update's mini-batch, exactly as the trainer will use it.
        Eigen::MatrixXd F, T;
        BatchMatrices(*s.Data, s.NextBatch, s.Config.Network.Features, s.Encoding, F, T);
        vis.InspectLines =
            ExplainParameter(
                vis.InspectNet, ConstMatrixMap(F.data(), F.rows(), F.cols()), T, s.Config.LossKind,
                s.Config.Reduce, s.Config.Reg, s.Config.Optimizer, s.OptimizerState, ref,
                {ui.Diagram.InspectSample, ui.Diagram.InspectDigits, ui.Diagram.InspectNumerical})
                .Lines;
        vis.InspectedFor = key;
    }
    return vis.InspectLines;
}

} // namespace nnplay
