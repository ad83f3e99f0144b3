// Nothing a user gave is lost or overwritten: --force replaces only a results folder autoscalesim
// wrote (its marker, or an earlier version's file names), never the current folder, a folder of
// the user's files or one holding an input; --report never writes over an input, and replaces only
// an HTML report. Every command with --out, --force or --report follows the same rules.
#include "cli_run.hpp"
#include "output_dir.hpp"
#include "run_cli.hpp"
#include "temp_dir.hpp"

#include <autoscalesim/errors.hpp>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace cli = autoscalesim::cli;

namespace {

using namespace asim_test; // run, contains, entries, slurp, write_file (cli_run.hpp)

// Every file under dir (relative path -> content): what must be there byte for byte afterwards.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        const std::string rel = e.path().lexically_relative(dir).generic_string();
        files[rel] = e.is_regular_file() ? slurp(e.path()) : std::string("<folder>");
    }
    return files;
}

// The current folder changed for one test, restored at its end.
struct in_folder {
    fs::path old;
    explicit in_folder(const fs::path& p) : old(fs::current_path()) { fs::current_path(p); }
    ~in_folder() {
        std::error_code ec;
        fs::current_path(old, ec);
    }
    in_folder(const in_folder&) = delete;
    in_folder& operator=(const in_folder&) = delete;
};

const std::string nasa_csv =
    std::string(ASIM_SOURCE_DIR) + "/traces/nasa_http_1995_07_per_minute.csv";

// The first `minutes` of the NASA trace as CSV text.
std::string nasa_minutes(int minutes) {
    std::ifstream in(nasa_csv);
    std::string text, line;
    for (int i = 0; i <= minutes && std::getline(in, line); ++i) {
        text += line + "\n";
    }
    return text;
}

// A user's project folder: s.json, its trace day.csv (two hours) and notes.txt.
void user_project(const fs::path& dir, const std::string& extra = "") {
    fs::create_directories(dir);
    write_file(dir / "day.csv", nasa_minutes(120));
    write_file(dir / "notes.txt", "what I tried on Monday\n");
    write_file(dir / "s.json", R"({
  "version": 1,
  "trace": {"file": "day.csv"},
  "endpoint": {"instance_type": {"name": "ml.g4dn.xlarge", "price_per_hour": 0.736,
                                 "workers": 1, "service_time_s": 1.0}, "initial_capacity": 2},
  "scaling": {"min_capacity": 1, "max_capacity": 8,
              "policies": [{"type": "target_tracking", "target_value": 30}]},
  "seed": 42)" + extra + "\n}\n");
}

// Each command that writes an --out folder, on user_project's files (calibrate's inputs need
// not exist: the folder is checked first).
std::vector<std::vector<std::string>> every_command() {
    return {{"simulate", "s.json"},
            {"optimize", "s.json"},
            {"compare", "s.json"},
            {"recommend", "day.csv", "--instance-type", "ml.g4dn.xlarge", "--p99", "5",
             "--service-time", "1"},
            {"calibrate", "day.csv", "--activities", "activities.json", "--policy-from",
             "policies.json"}};
}

const std::string optimize_section = R"(,
  "optimize": {"space": [{"parameter": "target_value", "low": 20, "high": 40, "step": 10}]})";

const std::string foreign_message = "; --force replaces only a folder of autoscalesim's "
                                    "results: choose another --out or remove it yourself";

} // namespace

TEST_CASE("--force never removes the current folder, a folder of the user's files or a parent") {
    asim_test::temp_dir dir("safety_cwd");
    const fs::path project = dir.path / "project";
    user_project(project);
    const auto before = snapshot(dir.path);
    {
        const in_folder here(project);
        // The folder holding s.json, day.csv and notes.txt, by its absolute path.
        const auto r = run({"simulate", "s.json", "--out", project.string(), "--force"});
        CHECK(r.code == cli::exit_bad_input);
        CHECK(r.err == "autoscalesim: error: " + project.string() +
                           ": already exists and holds files autoscalesim did not write: "
                           "day.csv, notes.txt, s.json" +
                           foreign_message + "\n");
        // Its parent.
        const auto up = run({"simulate", "s.json", "--out", dir.path.string(), "--force"});
        CHECK(up.code == cli::exit_bad_input);
        CHECK(contains(up.err, dir.path.string() +
                                   ": already exists and holds files autoscalesim did not "
                                   "write: project/;"));
        // Every command refuses them.
        const auto opt = run({"optimize", "s.json", "--out", project.string(), "--force"});
        CHECK(contains(opt.err, "holds files autoscalesim did not write: day.csv"));
        const auto cmp = run({"compare", "s.json", "--out", dir.path.string(), "--force"});
        CHECK(contains(cmp.err, "holds files autoscalesim did not write: project/"));
        REQUIRE(run({"simulate", "s.json", "--out", "r", "--quiet"}).code == 0);
    }
    auto before_r = snapshot(dir.path);
    {
        // The current folder is never replaced, even when it holds results only.
        const in_folder inside(project / "r");
        const auto r =
            run({"simulate", "../s.json", "--out", fs::current_path().string(), "--force"});
        CHECK(r.code == cli::exit_bad_input);
        CHECK(r.err == "autoscalesim: error: " + fs::current_path().string() +
                           ": is the current folder or holds it; autoscalesim never replaces "
                           "it: choose another --out\n");
        const auto up = run({"optimize", "../s.json", "--out", "../r", "--force"});
        CHECK(contains(up.err, "../r: is the current folder or holds it"));
    }
    CHECK(snapshot(dir.path) == before_r); // byte for byte
    fs::remove_all(project / "r");
    CHECK(snapshot(dir.path) == before);
}

TEST_CASE("--force refuses a folder of the user's files, with every command") {
    asim_test::temp_dir dir("safety_userdir");
    user_project(dir.path);
    const fs::path userdir = dir.path / "userdir";
    fs::create_directories(userdir);
    write_file(userdir / "mine.txt", "x\n");
    const auto before = snapshot(dir.path);
    const in_folder here(dir.path);
    const std::string expected = "autoscalesim: error: userdir: already exists and holds files "
                                 "autoscalesim did not write: mine.txt" +
                                 foreign_message + "\n";
    for (auto args : every_command()) {
        INFO(args[0]);
        for (const char* a : {"--out", "userdir", "--force"}) {
            args.emplace_back(a);
        }
        const auto r = run(args);
        CHECK(r.code == cli::exit_bad_input);
        CHECK(r.err == expected);
        CHECK(r.out.empty()); // refused before any work
        // and without --force the message is the same: --force would not help
        args.pop_back();
        CHECK(run(args).err == expected);
    }
    CHECK(snapshot(dir.path) == before);
}

TEST_CASE("an --out or --report that cannot be created is refused before any work") {
    // The folder would be made at the run's end: under a file it cannot be, and the run's
    // results (hours of an optimize) would be lost. Every command says so at once.
    asim_test::temp_dir dir("safety_uncreatable");
    user_project(dir.path);
    const auto before = snapshot(dir.path);
    const in_folder here(dir.path);
    for (auto args : every_command()) {
        INFO(args[0]);
        args.emplace_back("--out");
        args.emplace_back("notes.txt/results");
        const auto r = run(args);
        CHECK(r.code == cli::exit_bad_input);
        CHECK(r.err == "autoscalesim: error: notes.txt/results: cannot be created, as notes.txt "
                       "is not a folder; choose another --out\n");
        CHECK(r.out.empty());
    }
    const auto r = run({"simulate", "s.json", "--out", "fine", "--report", "notes.txt/r.html"});
    CHECK(r.code == cli::exit_bad_input);
    CHECK(r.err == "autoscalesim: error: notes.txt/r.html: cannot be created, as notes.txt is "
                   "not a folder; choose another --report\n");
    CHECK(r.out.empty());
    CHECK(snapshot(dir.path) == before); // and the probe left nothing behind
    // A link to nothing (an unmounted disk) or a loop is not a folder to create in either.
    fs::create_symlink(dir.path / "nowhere" / "zz", dir.path / "dangling");
    const auto dangling = run({"simulate", "s.json", "--out", "dangling/results"});
    CHECK(dangling.code == cli::exit_bad_input);
    CHECK(dangling.err == "autoscalesim: error: dangling/results: cannot be created, as dangling "
                          "is a link that leads nowhere (No such file or directory); choose "
                          "another --out\n");
    CHECK(dangling.out.empty());
    fs::remove(dir.path / "dangling");
    // A folder that does not exist yet is made, parents and all.
    CHECK(run({"simulate", "s.json", "--out", "new/deep/results"}).code == cli::exit_ok);
    CHECK(fs::exists(dir.path / "new/deep/results/summary.json"));
}

TEST_CASE("--force refuses a results folder the user added files to") {
    asim_test::temp_dir dir("safety_added");
    user_project(dir.path);
    const in_folder here(dir.path);
    REQUIRE(run({"simulate", "s.json", "--out", "r", "--quiet"}).code == 0);
    write_file(dir.path / "r" / "notes.txt", "the run I showed Ann\n");
    fs::create_directories(dir.path / "r" / "plots");
    write_file(dir.path / "r" / "plots" / "p.png", "png");
    const auto before = snapshot(dir.path);
    const auto r = run({"simulate", "s.json", "--out", "r", "--force"});
    CHECK(r.code == cli::exit_bad_input);
    CHECK(r.err == "autoscalesim: error: r: already exists and holds files autoscalesim did not "
                   "write: notes.txt, plots/" +
                       foreign_message + "\n");
    CHECK(snapshot(dir.path) == before);
}

TEST_CASE("--force refuses a results folder holding an input of the run") {
    asim_test::temp_dir dir("safety_input");
    user_project(dir.path);
    const in_folder here(dir.path);
    REQUIRE(run({"simulate", "s.json", "--out", "r", "--quiet"}).code == 0);
    // Its own scenario.json re-run into it.
    auto before = snapshot(dir.path);
    const auto again = run({"simulate", "r/scenario.json", "--out", "r", "--force"});
    CHECK(again.code == cli::exit_bad_input);
    CHECK(again.err == "autoscalesim: error: r: holds r/scenario.json, an input of this run; "
                       "autoscalesim never replaces it: choose another --out\n");
    CHECK(snapshot(dir.path) == before);

    // An earlier version's folder (no marker) whose trace.csv is the trace the scenario names:
    // known only once the scenario is read.
    fs::create_directories(dir.path / "old");
    write_file(dir.path / "old" / "summary.json", "{}\n");
    write_file(dir.path / "old" / "trace.csv", nasa_minutes(60));
    std::string text = slurp(dir.path / "s.json");
    text.replace(text.find("day.csv"), 7, "old/trace.csv");
    write_file(dir.path / "t.json", text);
    before = snapshot(dir.path);
    const auto r = run({"simulate", "t.json", "--out", "old", "--force"});
    CHECK(r.code == cli::exit_bad_input);
    CHECK(contains(r.err, "old: holds " + (fs::current_path() / "old" / "trace.csv").string() +
                              ", an input of this run"));
    CHECK(snapshot(dir.path) == before);
    // the same trace given with --trace
    const auto t =
        run({"simulate", "s.json", "--out", "old", "--trace", "old/trace.csv", "--force"});
    CHECK(contains(t.err, "old: holds old/trace.csv, an input of this run"));
    CHECK(snapshot(dir.path) == before);
}

TEST_CASE("--report never writes over an input and replaces only an HTML report") {
    asim_test::temp_dir dir("safety_report");
    user_project(dir.path);
    const in_folder here(dir.path);
    const auto before = snapshot(dir.path);
    // The trace the scenario names.
    const auto r = run({"simulate", "s.json", "--out", "r", "--report", "day.csv", "--force"});
    CHECK(r.code == cli::exit_bad_input);
    CHECK(r.err == "autoscalesim: error: day.csv: is an input of this run (" +
                       (fs::current_path() / "day.csv").string() +
                       "); --report never writes over an input: choose another file\n");
    // The scenario itself, and an export given to recommend.
    const auto s = run({"optimize", "s.json", "--out", "r", "--report", "s.json", "--force"});
    CHECK(contains(s.err, "s.json: is an input of this run (s.json)"));
    const auto rec = run({"recommend", "day.csv", "--instance-type", "ml.g4dn.xlarge", "--p99", "5",
                          "--service-time", "1", "--report", "./day.csv", "--force"});
    CHECK(contains(rec.err, "./day.csv: is an input of this run (day.csv)"));
    // A file of the user's that is not an input.
    const auto notes =
        run({"simulate", "s.json", "--out", "r", "--report", "notes.txt", "--force"});
    CHECK(notes.code == cli::exit_bad_input);
    CHECK(notes.err ==
          "autoscalesim: error: notes.txt: exists and is not an HTML report autoscalesim wrote; "
          "--report replaces only such a file, even with --force: choose another file or remove "
          "it yourself\n");
    // A report inside the folder the run replaces.
    const auto inside =
        run({"simulate", "s.json", "--out", "r", "--report", "r/page.html", "--force"});
    CHECK(contains(inside.err, "r/page.html: lies in the --out folder r, which the run writes "
                               "whole; write the report elsewhere"));
    CHECK(snapshot(dir.path) == before); // nothing written, not even r

    // A report autoscalesim wrote is replaced with --force only; an empty file too.
    REQUIRE(run({"simulate", "s.json", "--out", "r", "--report", "page.html", "--quiet"}).code ==
            0);
    CHECK(cli::is_html_report(dir.path / "page.html"));
    CHECK_FALSE(cli::is_html_report(dir.path / "day.csv"));
    const auto kept = run({"simulate", "s.json", "--out", "r2", "--report", "page.html"});
    CHECK(contains(kept.err, "page.html: exists; pass --force to replace it"));
    write_file(dir.path / "page.html", slurp(dir.path / "page.html") + "<!-- edited -->");
    REQUIRE(
        run({"simulate", "s.json", "--out", "r2", "--report", "page.html", "--force", "--quiet"})
            .code == 0);
    CHECK_FALSE(contains(slurp(dir.path / "page.html"), "<!-- edited -->"));
    write_file(dir.path / "empty.html", "");
    REQUIRE(
        run({"simulate", "s.json", "--out", "r3", "--report", "empty.html", "--force", "--quiet"})
            .code == 0);
    CHECK(cli::is_html_report(dir.path / "empty.html"));
    // A hand-written page is not autoscalesim's report.
    write_file(dir.path / "mine.html", "<!DOCTYPE html>\n<html><title>my notes</title></html>\n");
    const auto mine =
        run({"simulate", "s.json", "--out", "r4", "--report", "mine.html", "--force"});
    CHECK(contains(mine.err, "mine.html: exists and is not an HTML report autoscalesim wrote"));
    CHECK(slurp(dir.path / "mine.html") ==
          "<!DOCTYPE html>\n<html><title>my notes</title></html>\n");
    CHECK(slurp(dir.path / "day.csv") == before.at("day.csv"));
    CHECK(slurp(dir.path / "notes.txt") == before.at("notes.txt"));
}

TEST_CASE("--force replaces the folder of each command's results, marked or not") {
    asim_test::temp_dir dir("safety_replace");
    user_project(dir.path, optimize_section);
    const in_folder here(dir.path);
    // Each command into the same folder twice: the second replaces the first.
    const std::vector<std::vector<std::string>> commands = {
        {"simulate", "s.json"},
        {"optimize", "s.json"},
        {"compare", "s.json"},
        {"recommend",      "day.csv", "--instance-type",    "ml.g4dn.xlarge",
         "--p99",          "5",       "--service-time",     "0.1",
         "--service-cv",   "0.5",     "--initial-capacity", "2",
         "--min-capacity", "1",       "--max-capacity",     "8",
         "--target-value", "10,20",   "--test-fraction",    "0.5"}};
    for (auto args : commands) {
        INFO(args[0]);
        const std::string out = "out-" + args[0];
        for (const char* a : {"--out", out.c_str(), "--quiet"}) {
            args.emplace_back(a);
        }
        const auto first = run(args);
        REQUIRE_MESSAGE(first.code == 0, first.err);
        // The marker lists every file written, those in aws/ too.
        const auto marker = nlohmann::json::parse(slurp(fs::path(out) / cli::results_marker));
        std::vector<std::string> files;
        const auto written = snapshot(out);
        for (const auto& [name, content] : written) {
            if (content != "<folder>" && name != cli::results_marker) files.push_back(name);
        }
        CHECK(marker["files"].get<std::vector<std::string>>() == files);
        if (args[0] == "recommend") {
            CHECK(written.count("aws/apply.sh") == 1);
        }
        REQUIRE_FALSE(files.empty());
        write_file(fs::path(out) / files[0], "the old one");
        args.emplace_back("--force");
        const auto second = run(args);
        REQUIRE_MESSAGE(second.code == 0, second.err);
        CHECK(snapshot(out).size() == written.size());
        CHECK(slurp(fs::path(out) / files[0]) != "the old one");
        // An earlier version's folder: the same files without the marker.
        fs::remove(fs::path(out) / cli::results_marker);
        const auto legacy = run(args);
        REQUIRE_MESSAGE(legacy.code == 0, legacy.err);
        CHECK(fs::exists(fs::path(out) / cli::results_marker));
    }
    // Without a marker, result names alone do not make results: the summary must be there.
    fs::create_directories("lone");
    write_file("lone/scenario.json", "{}");
    write_file("lone/trace.csv", "timestamp,requests\n");
    const auto lone = run({"simulate", "s.json", "--out", "lone", "--force"});
    CHECK(contains(lone.err, "lone: already exists and holds files autoscalesim did not write: "
                             "scenario.json, trace.csv"));
    CHECK(slurp("lone/scenario.json") == "{}");
    // Nor with another file beside them.
    fs::create_directories("mixed");
    write_file("mixed/summary.json", "{}");
    write_file("mixed/notes.txt", "mine");
    const auto mixed = run({"simulate", "s.json", "--out", "mixed", "--force"});
    CHECK(contains(mixed.err, "mixed: already exists and holds files autoscalesim did not write: "
                              "notes.txt;"));
    CHECK(slurp("mixed/notes.txt") == "mine");
}

TEST_CASE("an existing empty folder receives the results, with or without --force") {
    asim_test::temp_dir dir("safety_empty");
    user_project(dir.path);
    const in_folder here(dir.path);
    fs::create_directories("empty");
    const auto r = run({"simulate", "s.json", "--out", "empty", "--quiet"});
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(entries("empty") == std::vector<std::string>{cli::results_marker, "activities.csv",
                                                       "scenario.json", "summary.json",
                                                       "timeline.csv"});
    fs::create_directories("empty2");
    const auto f = run({"simulate", "s.json", "--out", "empty2", "--force", "--quiet"});
    REQUIRE_MESSAGE(f.code == 0, f.err);
    CHECK(fs::exists("empty2/summary.json"));
    CHECK(entries(dir.path) ==
          std::vector<std::string>{"day.csv", "empty", "empty2", "notes.txt", "s.json"});
    // The current folder, even empty, is never used.
    fs::create_directories("here");
    const in_folder inside("here");
    const auto cwd = run({"simulate", "../s.json", "--out", fs::current_path().string()});
    CHECK(contains(cwd.err, "is the current folder or holds it"));
}

TEST_CASE("a file written into the folder during the run keeps it") {
    asim_test::temp_dir dir("safety_race");
    const fs::path out = dir.path / "results";
    {
        cli::staged_output first(out, false, {});
        write_file(first.file("summary.json"), "{}");
        first.commit();
    }
    cli::staged_output second(out, true, {});
    write_file(second.file("summary.json"), "{\"new\": 1}");
    write_file(out / "notes.txt", "written while the run went on");
    CHECK_THROWS_WITH_AS(second.commit(),
                         doctest::Contains("holds files autoscalesim did not write: notes.txt"),
                         autoscalesim::io_error);
    CHECK(slurp(out / "notes.txt") == "written while the run went on");
    CHECK(slurp(out / "summary.json") == "{}");
}
