// cli.cpp: verb dispatch, --help and --version.
#include "app/cli/cli.hpp"

#include "app/cli/args.hpp"
#include "core/data/dataset.hpp"
#include "core/data/features.hpp"
#include "core/nn/activation.hpp"
#include "core/nn/init.hpp"
#include "core/nn/loss.hpp"
#include "core/nn/optimizer.hpp"

#include <algorithm>
#include <ostream>

namespace nnplay {

namespace {
std::string DatasetNames() {
    std::string s;
    for (const DatasetInfo& d : DatasetCatalog())
        s += (s.empty() ? "" : ", ") + std::string(d.Name);
    return s;
}
} // namespace

std::string HelpText() {
    return std::string(R"(nnplay - watch a neural network learn.

Usage:
  nnplay [window options]        open the playground window (the XOR demo)
  nnplay step --scenario FILE [--steps N]
                                 run N updates (default 1) of a scenario file and print the
                                 trace JSON: every z, a, delta, gradient and new weight;
                                 --explain w5 (or b_o1, or layer,unit,input) prints instead the
                                 chain rule of that parameter's first update with the numbers
                                 [--sample S] [--digits D] [--numerical: add the central difference];
                                 --phases prints the first update phase by phase (batch,
                                 forward, loss, backward, update), as the window's step mode
  nnplay train [options]         train without a window; per-epoch CSV on stdout, summary on stderr
  nnplay compare --vary SETTING --values V1,V2,... [train options]
                                 train 2 to 6 copies of one setup that differ only in SETTING:
                                 lr, optimizer, batch, activation, init, reg-rate or layers
                                 (values like none,4,4-2) [lr]; same
                                 initial weights and mini-batches; one CSV row (or with --json one
                                 JSON object) per value, in the order given
  nnplay data [--dataset NAME --points N --noise X --classes K --train-fraction F --seed S |
              --playground-link URL] [--csv]
                                 print the points a setting generates, as JSON or CSV
                                 (x1,x2,label,split; classes numbered from 0, regression: value):
                                 circle, xor, gauss, spiral, plane and multigauss follow the
                                 TensorFlow Playground's rules, so a link's data is its task
  nnplay diagnose [train options | --load FILE] [--epochs N] [--look-every N|epoch] [--json]
                                 train and say why the network does not learn, if it does
                                 not: divergence, exploding or vanishing gradients, dying
                                 ReLU, saturated or identical units, an oscillating loss, tiny
                                 or huge steps, too much regularization, unscaled inputs,
                                 under- or overfitting; each with its evidence, where, since
                                 which update, and the settings that may fix it (exit 0 either
                                 way); FILE: a saved session or a CSV of points [100 epochs];
                                 --look-every: updates between looks [1/60 of the run], or
                                 'epoch' as the window looks
  nnplay lesson check FILE         validate a lesson file (docs/lessons.md): every error with its
                                 line and what was expected (exit 1)
  nnplay lesson run FILE [--solve] [--json]
                                 play a lesson headless: each step's setup, and with --solve its
                                 solution ("Show me"), then its task's check; --json prints
                                 {"lesson", "steps": [{"title", "task", "met"}]} (exit 1 when a
                                 solution does not meet its task)
  nnplay worksheet (--scenario FILE | --load FILE | --lesson FILE --step N)
                 [--blanks forward|backward|update|all] [--answers] [--digits D] > sheet.html
                                 the next update as a printable handout: the network diagram,
                                 the plane, every phase with the step mode's numbers, blanks for
                                 the results (--answers: the answer key, every blank filled in)
  nnplay bench [--json] [--quick]
                                 measure training and decision-boundary throughput
  nnplay --help | --version

window options:
  --load FILE|URL     open a saved session (2-D or image mode), a scenario file (it opens in
                      step mode), points as CSV (x1,x2,label or value) or a TensorFlow
                      Playground link
  --open FILE|URL     the same, opened in the window as File > Open does: what is refused is
                      said there and the window stays on its demo (--load refuses with exit 2)
  --preset NAME       dataset to start on [xor]; 'empty' for a blank canvas
  --images DIR        the image mode on IDX files in MNIST's layout ('fashion-mnist': the
                      installed Fashion-MNIST), the lecture's digit MLP ready to train
  --pace P            slow, class, fast, max or N updates per second [class: 250, or the file's]
  --play              start training at once;  --phase K: start in step mode at phase K
  --width W --height H  window size [1280x720];  --scale S  UI scale [1];  --light  light theme
  --presenter         presenter mode (F11): full screen, large, high contrast
  --lesson FILE       open on a lesson (a .md file: docs/lessons.md; File > Lessons lists the
                      shipped ones), its panel beside the canvas
  --save-on-exit FILE save data, settings and weights when the window closes (the image
                      mode's session while it is shown)
  --frames N [--screenshot PNG]  close after N frames (and save the last one as PNG)
  --stats             print frame-time percentiles on exit
  --record LOG        write each thing done in the window (keys, buttons, clicks on the canvas,
                      files opened) to LOG, one JSON line each, with the session it started from
  --replay LOG        start from LOG's session and do its actions again, each at its time and
                      update: a bug seen in the window, reproduced (docs/action-log.md)
  --reset-settings    forget the saved settings (~/.config/nnplay/settings.json) and start afresh

train options (defaults in brackets):
  --dataset NAME      )") +
           DatasetNames() + R"( [xor]
  --points N          points in the dataset, train + test [500]
  --noise X           0..1 [0]
  --classes K         2..6 where the dataset allows [2]
  --train-fraction F  share of points used for training (0, 1] [0.5]
  --features LIST     )" +
           FeatureChoices() + R"( [x1,x2]
  --layers LIST       hidden units per layer, e.g. 4,2; 'none' for no hidden layer [4,2]
  --activation ACT    for hidden layers (one, or one per layer): )" +
           ActivationChoices() + R"( [tanh]
  --output ACT        output activation [follows the loss: tanh, sigmoid, softmax; linear for regression]
  --loss NAME         )" +
           LossChoices() + R"( [half_squared_error]
  --reduction R       mean or sum [mean]
  --reg KIND          none, l1, l2 [none];  --reg-rate R [0]
  --optimizer NAME    )" +
           OptimizerChoices() + R"( [sgd]
  --lr X              learning rate [0.03];  --momentum M [0.9];  --beta1, --beta2, --epsilon (adam)
  --batch N           mini-batch size, 1 (online) .. all points [10]
  --epochs N          [100];  --no-shuffle keeps the same order every epoch
  --init SCHEME       )" +
           InitSchemeChoices() + R"( [xavier]
  --seed S            one seed for data, initialization and order [1]
  --json              print one line of JSON at the end instead of CSV (with "settings": what was used)
  --images DIR|FILES  train on IDX images (MNIST's format, .gz or not): a folder holding
                      train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
                      t10k-labels-idx1-ubyte, or those four files comma-separated. The defaults
                      become the lecture's digit MLP (layers 100, sigmoid, binary_cross_entropy
                      summed, l2 0.01, lr 0.0005, batch 100, init normal-0.1, 10 epochs); the CSV has
                      train and validation cost and accuracy per epoch, --json adds the test set's
                      accuracy and confusion matrix. Fashion-MNIST: /usr/share/datasets/fashion-mnist
  --validation N      with --images: training images held out for validation [5000, or 10%]
  --train-images N    with --images: train on the first N training images only (overfitting in
                      seconds: 100 units learn 1,000 images by heart) [all but the validation]
  --playground-link URL  start from a TensorFlow Playground link's setup; the flags above
                      override it; what has no exact equivalent is said on stderr

Exit status: 0 success, 1 failed input or run (e.g. divergence), 2 bad arguments.
)";
}

bool IsCommandLineVerb(const std::vector<std::string>& args) {
    if (args.empty()) return false;
    const std::string& a = args[0];
    return a == "step" || a == "train" || a == "compare" || a == "data" || a == "diagnose" || a == "lesson" ||
           a == "worksheet" || a == "bench" || a == "--help" || a == "-h" || a == "--version" || a == "help";
}

int RunCommandLine(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string verb = args.empty() ? "" : args[0];
    const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
    try {
        if (verb == "--help" || verb == "-h" || verb == "help") {
            out << HelpText();
            return 0;
        }
        if (verb == "--version") {
            out << "nnplay " << NNPLAY_VERSION << "\n";
            return 0;
        }
        if (std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
            std::find(rest.begin(), rest.end(), "-h") != rest.end()) {
            out << HelpText(); // `nnplay train --help` is a question, not a bad argument
            return 0;
        }
        if (verb == "step") return RunStepCommand(rest, out, err);
        if (verb == "train") return RunTrainCommand(rest, out, err);
        if (verb == "compare") return RunCompareCommand(rest, out, err);
        if (verb == "data") return RunDataCommand(rest, out, err);
        if (verb == "diagnose") return RunDiagnoseCommand(rest, out, err);
        if (verb == "lesson") return RunLessonCommand(rest, out, err);
        if (verb == "worksheet") return RunWorksheetCommand(rest, out, err);
        if (verb == "bench") return RunBenchCommand(rest, out, err);
        err << "nnplay: " << verb << ": unknown command (see nnplay --help)\n";
        return kExitUsage;
    } catch (const ArgError& e) {
        err << "nnplay " << verb << ": " << e.what() << "\n";
        return kExitUsage;
    } catch (const UserError& e) {
        err << "nnplay " << verb << ": " << e.what() << "\n";
        return kExitFailure;
    }
}

} // namespace nnplay
