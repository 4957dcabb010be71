// `nnplay diagnose` on fault-injected setups (each must produce its finding) and on healthy ones
// (none may produce a warning), with the detection figures printed; and its JSON's form.
#include "app/cli/cli.hpp"
#include "app/tests/run_cli.hpp"
#include "app/tests/test_dir.hpp"
#include "core/train/diagnosis.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace nnplay {
namespace {

struct DiagnoseResult {
    int Status = 0;
    nlohmann::json Json;
    std::string Err;
};

DiagnoseResult Diagnose(const std::string& flags) {
    std::vector<std::string> args{"diagnose", "--json"};
    std::istringstream words(flags);
    for (std::string w; words >> w;)
        args.push_back(w);
    const test::CliResult run = test::RunCli(args);
    DiagnoseResult r;
    r.Status = run.Status;
    r.Err = run.Err;
    if (r.Status == 0) r.Json = nlohmann::json::parse(run.Out);
    return r;
}

struct Case {
    const char* Expect; // the finding's id
    std::string Flags;
};

// A CSV of the XOR task with coordinates a hundred times too large (for unscaled_inputs).
std::string BigCoordinatesCsv() {
    const std::string path = TestDir() + "nnplay_xor_times_100.csv";
    std::ofstream f(path);
    f << "x1,x2,label,split\n";
    for (int k = 0; k < 300; ++k) {
        const double a = -600 + 1200 * double((k * 7919) % 300) / 300,
                     b = -600 + 1200 * double((k * 104729) % 293) / 293;
        f << a << ',' << b << ',' << (a * b > 0 ? 0 : 1) << ',' << (k % 2 ? "test" : "train") << '\n';
    }
    return path;
}

std::vector<Case> Faults() {
    return {
        {"divergence", "--dataset plane --lr 3 --activation relu --layers 8,8"},
        {"divergence", "--dataset plane --lr 10"},
        {"divergence", "--dataset plane --layers none --lr 0.5 --batch 50"},
        {"exploding_gradients", "--dataset plane --layers none --lr 0.17 --batch 50"},
        {"exploding_gradients", "--dataset plane --layers none --lr 0.175 --batch 50"},
        {"vanishing_gradients", "--activation sigmoid --layers 8,8,8,8,8,8"},
        {"vanishing_gradients", "--activation sigmoid --layers 8,8,8,8,8 --dataset circle"},
        {"vanishing_gradients", "--activation sigmoid --layers 6,6,6,6,6,6,6 --dataset gauss"},
        {"dying_relu", "--loss binary_cross_entropy --activation relu --layers 8,8 --lr 3"},
        {"dying_relu", "--init zeros --layers 8,8 --activation relu"},
        {"saturated_units", "--lr 10"},
        {"saturated_units", "--activation relu --layers 8,8 --lr 3"},
        {"saturated_units", "--lr 10 --dataset circle"},
        {"oscillating_loss", "--optimizer adam --lr 0.2 --dataset circle"},
        {"oscillating_loss", "--optimizer adam --lr 0.2 --dataset circle --batch 5"},
        {"slow_convergence", "--lr 0.0001"},
        {"slow_convergence", "--lr 0.00001 --dataset circle"},
        {"slow_convergence", "--lr 0.00001 --dataset gauss --layers 8,8"},
        {"large_updates", "--dataset plane --layers none --lr 0.18 --batch 50"},
        {"large_updates", "--dataset plane --layers none --lr 0.17 --batch 50"},
        {"symmetric_units", "--init zeros"},
        {"symmetric_units", "--init zeros --dataset circle"},
        {"underfitting", "--layers none"},
        {"underfitting", "--layers none --dataset circle"},
        {"underfitting", "--layers 1 --dataset spiral"},
        {"overfitting",
         "--dataset spiral --points 60 --noise 0.5 --layers 16,16,16 --activation relu --epochs 400"},
        {"overfitting",
         "--dataset circle --points 40 --noise 0.6 --layers 16,16 --activation relu --epochs 400"},
        {"too_much_regularization", "--reg l2 --reg-rate 1"},
        {"too_much_regularization", "--reg l1 --reg-rate 0.5"},
        {"too_much_regularization", "--reg l2 --reg-rate 3 --dataset circle"},
        {"unscaled_inputs", "--load " + BigCoordinatesCsv()},
    };
}

std::vector<std::string> Healthy() {
    return {"",
            "--dataset circle",
            "--dataset gauss",
            "--dataset xor --activation relu --layers 8,8",
            "--dataset gauss --layers 2",
            "--dataset xor --features x1,x2,x1x2 --layers none",
            "--dataset circle --features x1,x2,x1sq,x2sq --layers none",
            "--dataset xor --optimizer adam --lr 0.01",
            "--dataset circle --optimizer momentum --lr 0.01",
            "--dataset xor --reg l2 --reg-rate 0.001",
            "--dataset plane",
            "--dataset multigauss",
            "--dataset xor --batch 1 --lr 0.01",
            "--dataset circle --batch 50 --lr 0.1",
            "--dataset gauss --activation sigmoid --layers 4 --lr 0.3",
            "--dataset xor --noise 0.3",
            "--dataset circle --noise 0.3",
            "--dataset circle --layers 8,8 --activation relu --lr 0.01",
            "--dataset xor --init he --activation relu --layers 8,8 --lr 0.01",
            "--dataset gauss --optimizer adam --lr 0.003"};
}

bool Has(const nlohmann::json& findings, const std::string& id) {
    for (const auto& f : findings)
        if (f["id"] == id) return true;
    return false;
}

// Each fault's finding is said, and said early: the figures are printed for the README.
TEST(Diagnose, EveryInjectedFaultIsFoundAndNoHealthySetupIsFlagged) {
    int found = 0, faults = 0, false_alarms = 0;
    for (const Case& c : Faults()) {
        ++faults;
        const DiagnoseResult r = Diagnose(c.Flags);
        ASSERT_EQ(r.Status, 0) << c.Flags << ": " << r.Err;
        const bool ok = Has(r.Json["findings"], c.Expect);
        found += ok;
        long since = -1;
        for (const auto& f : r.Json["findings"])
            if (f["id"] == c.Expect) since = f["since_update"].get<long>();
        std::printf("fault %-24s %-90s %s at update %ld of %ld\n", c.Expect, c.Flags.c_str(),
                    ok ? "found" : "MISSED", since, r.Json["updates"].get<long>());
        EXPECT_TRUE(ok) << c.Expect << " not found for " << c.Flags << ": " << r.Json.dump();
        EXPECT_FALSE(r.Json["healthy"].get<bool>()) << c.Flags;
    }
    for (const std::string& flags : Healthy()) {
        const DiagnoseResult r = Diagnose(flags);
        ASSERT_EQ(r.Status, 0) << flags << ": " << r.Err;
        const bool alarm = !r.Json["healthy"].get<bool>();
        false_alarms += alarm;
        EXPECT_FALSE(alarm) << "a healthy setup flagged: '" << flags << "': " << r.Json["findings"].dump();
    }
    std::printf("diagnosis: %d of %d faults found; %d false alarms in %zu healthy setups\n", found, faults,
                false_alarms, Healthy().size());
}

// The window looks once an epoch (the command line about 60 times a run): at that cadence too no
// healthy setup gets a warning, and the faults are found (the figure is printed).
TEST(Diagnose, AtTheWindowsCadenceNoHealthySetupIsFlagged) {
    int found = 0;
    for (const Case& c : Faults())
        found += Has(Diagnose(c.Flags + " --look-every epoch").Json["findings"], c.Expect);
    for (const std::string& flags : Healthy()) {
        const DiagnoseResult r = Diagnose(flags + " --look-every epoch");
        ASSERT_EQ(r.Status, 0) << flags << ": " << r.Err;
        EXPECT_TRUE(r.Json["healthy"].get<bool>()) << "a healthy setup flagged at the window's cadence: '"
                                                   << flags << "': " << r.Json["findings"].dump();
    }
    std::printf("diagnosis at the window's cadence: %d of %zu faults found\n", found, Faults().size());
    EXPECT_GE(found, int(Faults().size()) - 3);
}

// A remedy as the lab's one varied setting: the train --json names mapped, "4,2" written 4-2.
TEST(Diagnose, RemediesAreSettingsTheLabVaries) {
    const auto setting = [](std::vector<std::pair<std::string, std::string>> change) {
        return RemedySetting(Remedy{"x", "x", std::move(change)});
    };
    EXPECT_EQ(setting({{"learning_rate", "0.003"}}),
              std::pair(VarySetting::LearningRate, std::string("0.003")));
    EXPECT_EQ(setting({{"layers", "8,8"}}), std::pair(VarySetting::Layers, std::string("8-8")));
    EXPECT_EQ(setting({{"regularization", "l2"}, {"reg_rate", "0.001"}}),
              std::pair(VarySetting::RegRate, std::string("0.001")));
    EXPECT_EQ(setting({{"regularization", "none"}}), std::pair(VarySetting::RegRate, std::string("0")));
    EXPECT_EQ(setting({{"activation", "leaky_relu"}}),
              std::pair(VarySetting::Activation, std::string("leaky_relu")));
    EXPECT_EQ(setting({{"init", "xavier"}}), std::pair(VarySetting::Init, std::string("xavier")));
    EXPECT_EQ(setting({{"batch", "40"}}), std::pair(VarySetting::BatchSize, std::string("40")));
    EXPECT_FALSE(setting({}).has_value()); // "scale your data" is not a setting
    EXPECT_EQ(FindingTitle("dying_relu"), "Dying ReLU units");
}

// "Try it" must be one step away: every remedy's change, given as flags in place of the fault's
// own, is a setup the command line takes. How often the first remedy clears the finding is
// printed (not asserted: a remedy is a first thing to try, not a promise).
TEST(Diagnose, EveryRemedyIsASetupTheCommandLineTakes) {
    const std::map<std::string, std::string> flag_of = {
        {"learning_rate", "--lr"},  {"regularization", "--reg"},
        {"reg_rate", "--reg-rate"}, {"activation", "--activation"},
        {"layers", "--layers"},     {"init", "--init"},
        {"batch", "--batch"}};
    int remedies = 0, cured = 0, first_remedies = 0;
    for (const Case& c : Faults()) {
        const DiagnoseResult r = Diagnose(c.Flags);
        for (const auto& f : r.Json["findings"]) {
            if (f["id"] != c.Expect) continue;
            bool first = true;
            for (const auto& remedy : f["remedies"]) {
                if (remedy["change"].empty()) continue;
                // ... and one setting the window's lab can vary beside the run as it is ("Try it").
                Remedy as_data{remedy["id"], remedy["description"], {}};
                for (const auto& [setting, value] : remedy["change"].items())
                    as_data.Change.push_back({setting, value.get<std::string>()});
                EXPECT_TRUE(RemedySetting(as_data).has_value()) << c.Expect << ": " << remedy.dump();
                std::vector<std::pair<std::string, std::string>> flags;
                std::istringstream words(c.Flags);
                for (std::string flag, value; words >> flag >> value;)
                    flags.push_back({flag, value});
                for (const auto& [setting, value] : remedy["change"].items()) {
                    ASSERT_TRUE(flag_of.count(setting)) << setting;
                    const std::string flag = flag_of.at(setting);
                    auto it = std::find_if(flags.begin(), flags.end(),
                                           [&](const auto& fv) { return fv.first == flag; });
                    if (it != flags.end())
                        it->second = value.get<std::string>();
                    else
                        flags.push_back({flag, value.get<std::string>()});
                }
                std::string joined;
                for (const auto& [flag, value] : flags)
                    joined += flag + " " + value + " ";
                const DiagnoseResult tried = Diagnose(joined);
                ++remedies;
                EXPECT_EQ(tried.Status, 0)
                    << c.Expect << ": remedy " << remedy["id"] << " gives '" << joined << "': " << tried.Err;
                if (first && tried.Status == 0) {
                    ++first_remedies;
                    cured += !Has(tried.Json["findings"], c.Expect);
                }
                first = false;
            }
        }
    }
    EXPECT_GT(remedies, 30);
    std::printf(
        "diagnosis: %d remedies tried, all taken; the first remedy cleared its finding in %d of %d faults\n",
        remedies, cured, first_remedies);
}

// The JSON a script reads: every finding with its id, since, severity, finite evidence, where, a
// message and remedies whose changes are settings; and `train --json` carries the same findings.
TEST(Diagnose, SaysEachFindingWithItsEvidenceAndTheSettingsThatMayFixIt) {
    const DiagnoseResult r = Diagnose("--layers none --epochs 60");
    ASSERT_EQ(r.Status, 0) << r.Err;
    EXPECT_FALSE(r.Json["healthy"].get<bool>());
    ASSERT_TRUE(Has(r.Json["findings"], "underfitting")) << r.Json.dump();
    for (const auto& f : r.Json["findings"]) {
        EXPECT_GE(f["since_update"].get<long>(), 0);
        EXPECT_TRUE(f["severity"] == "warning" || f["severity"] == "error" || f["severity"] == "info");
        for (const auto& [name, value] : f["evidence"].items())
            EXPECT_TRUE(value.is_number() && std::isfinite(value.get<double>())) << name;
        EXPECT_FALSE(f["message"].get<std::string>().empty());
        EXPECT_EQ(f["message"].get<std::string>().find("nan"), std::string::npos);
        ASSERT_FALSE(f["remedies"].empty());
    }
    const auto& under = *std::find_if(r.Json["findings"].begin(), r.Json["findings"].end(),
                                      [](const nlohmann::json& f) { return f["id"] == "underfitting"; });
    EXPECT_EQ(under["remedies"][0]["change"]["layers"], "4,2");
    EXPECT_NE(under["message"].get<std::string>().find("no hidden layer"), std::string::npos);

    // A diverged run still answers, with the divergence as an error.
    const DiagnoseResult d = Diagnose("--dataset plane --lr 10");
    ASSERT_EQ(d.Status, 0);
    ASSERT_TRUE(Has(d.Json["findings"], "divergence"));
    EXPECT_EQ(d.Json["findings"][0]["severity"], "error");

    // train --json looks within 2% of its training time: a run long enough for some 40 looks
    // (5,000 points; with 500 its 0.2 ms afford two, and the JSON says so in diagnosis_note).
    std::vector<std::string> train{"train",    "--json", "--layers", "none",
                                   "--epochs", "60",     "--points", "5000"};
    const test::CliResult trained = test::RunCli(train);
    ASSERT_EQ(trained.Status, 0) << trained.Err;
    const nlohmann::json t = nlohmann::json::parse(trained.Out);
    ASSERT_TRUE(t.contains("findings"));
    EXPECT_TRUE(Has(t["findings"], "underfitting")) << t["findings"].dump();

    // Flags that cannot go together are refused (status 2).
    EXPECT_EQ(Diagnose("--images fashion-mnist").Status, 2);
    EXPECT_EQ(Diagnose("--load x.csv --dataset xor").Status, 2);
}

} // namespace
} // namespace nnplay
