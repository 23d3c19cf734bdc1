//! `cargo bench --bench validate`: the speed and memory of `authcode validate`.
//!
//! Generates (fixed seed) 10,000 response files and a 100,000-line NDJSON file, checks
//! authcode's verdicts against the generator's ground truth, then times `authcode validate`
//! (with one wallet, and with `--wallet all` on the NDJSON files) and the floor (read + parse
//! into `serde_json::Value`, one thread) on the same inputs, alternating the commands round by
//! round. See benches/README.md.

mod support;

use std::collections::{BTreeMap, HashMap};
use std::env;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use support::corpus::{self, Corpus};
use support::docgen::{Case, SplitMix64};
use support::measure::{self, median, Sample};
use support::startup_order;

const SEED: u64 = 0x0A11_C0DE_2025_0527;
/// The memory ceiling on the NDJSON file, in bytes.
const RSS_LIMIT: f64 = 16e6;

fn main() -> ExitCode {
    let args: Vec<OsString> = env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "--floor") {
        let Some(path) = args.get(2) else {
            eprintln!("usage: validate --floor PATH");
            return ExitCode::from(2);
        };
        return match support::floor::main(Path::new(path)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("floor: {}: {e}", Path::new(path).display());
                ExitCode::from(2)
            }
        };
    }
    if args.get(1).is_some_and(|a| a == "--measure") {
        return measure_main(&args[2..]);
    }
    if args.iter().any(|a| a == "--startup-order") {
        return match write_startup_order() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        };
    }
    // `cargo bench` passes --bench; `cargo test --benches` does not: then one quick round.
    let full = args.iter().any(|a| a == "--bench");
    match bench(full) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `--measure PROGRAM ARGS...`: runs the command once and prints its wall time (ns), CPU
/// time (ns), peak RSS (bytes) and exit code. A fresh, small process spawns each measured command because
/// Linux counts the spawning process's peak RSS into the child's `ru_maxrss`, and the bench
/// itself holds the parsed reports.
fn measure_main(argv: &[OsString]) -> ExitCode {
    let Some((program, args)) = argv.split_first() else {
        eprintln!("usage: validate --measure PROGRAM [ARGS]...");
        return ExitCode::from(2);
    };
    let mut cmd = Command::new(program);
    cmd.args(args);
    match measure::run(&mut cmd) {
        Ok(s) => {
            println!(
                "{} {} {} {}",
                s.wall.as_nanos(),
                s.cpu.as_nanos(),
                s.max_rss,
                s.code
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot run {}: {e}", program.to_string_lossy());
            ExitCode::from(2)
        }
    }
}

/// `cargo bench --bench validate -- --startup-order`: writes `startup.order` from the release
/// binary's runs on a valid and an invalid small file of the corpus.
fn write_startup_order() -> Result<(), String> {
    let authcode = support::binary::authcode(true)?;
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("startup-order");
    let corpus = corpus::generate(&root, SEED)
        .map_err(|e| format!("cannot write the corpus under {}: {e}", root.display()))?;
    let invalid = corpus
        .files
        .iter()
        .find(|(_, case)| !case.valid())
        .map(|(path, _)| corpus.dir.join(path))
        .ok_or("the corpus has no invalid file")?;
    let count = startup_order::write(&authcode, &[&corpus.one, &invalid], &root)?;
    let coverage = startup_order::coverage(&authcode)?;
    println!(
        "wrote {count} functions to {}; {}",
        startup_order::path().display(),
        describe(&coverage)
    );
    println!("build the binary again (cargo build --release) for the linker to use them");
    Ok(())
}

/// How a binary holds `startup.order`, in a few words.
fn describe(c: &startup_order::Coverage) -> String {
    format!(
        "the binary has {} of its {} functions, {} kB of code, within {} kB",
        c.found,
        c.listed,
        c.bytes / 1000,
        c.span / 1000
    )
}

/// Measures one run of `argv` through a `--measure` process.
fn measure_via(me: &Path, argv: &[OsString]) -> Result<Sample, String> {
    let out = Command::new(me)
        .arg("--measure")
        .args(argv)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", me.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<u64> = text
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    match fields[..] {
        [wall, cpu, max_rss, code] if out.status.success() => Ok(Sample {
            wall: Duration::from_nanos(wall),
            cpu: Duration::from_nanos(cpu),
            max_rss,
            code: code as i32,
        }),
        _ => Err(String::from_utf8_lossy(&out.stderr).trim().to_owned()),
    }
}

fn env_usize(name: &str, default: usize) -> Result<usize, String> {
    match env::var(name) {
        Ok(v) => v
            .parse()
            .map_err(|_| format!("{name}={v:?} is not a number")),
        Err(_) => Ok(default),
    }
}

/// One input, and the documents, bytes and exit code that go with it.
struct Input {
    label: &'static str,
    /// Options given to `authcode validate` before the path.
    options: &'static [&'static str],
    path: PathBuf,
    documents: usize,
    bytes: u64,
    expected_exit: i32,
}

/// A command measured on one input.
struct Job {
    input: usize,
    program: &'static str,
    argv: Vec<OsString>,
    expected_exit: i32,
    samples: Vec<Sample>,
}

impl Job {
    fn shell_line(&self) -> String {
        let words: Vec<_> = self.argv.iter().map(|a| a.to_string_lossy()).collect();
        words.join(" ")
    }

    fn wall(&self) -> f64 {
        let nanos: Vec<u64> = self
            .samples
            .iter()
            .map(|s| s.wall.as_nanos() as u64)
            .collect();
        median(&nanos) / 1e9
    }

    fn cpu(&self) -> f64 {
        let nanos: Vec<u64> = self
            .samples
            .iter()
            .map(|s| s.cpu.as_nanos() as u64)
            .collect();
        median(&nanos) / 1e9
    }

    fn rss(&self) -> f64 {
        let rss: Vec<u64> = self.samples.iter().map(|s| s.max_rss).collect();
        median(&rss)
    }

    fn rss_max(&self) -> u64 {
        self.samples.iter().map(|s| s.max_rss).max().unwrap_or(0)
    }
}

fn bench(full: bool) -> Result<bool, String> {
    let rounds = env_usize("AUTHCODE_BENCH_ROUNDS", if full { 15 } else { 1 })?.max(1);
    let warmup = env_usize("AUTHCODE_BENCH_WARMUP", if full { 2 } else { 0 })?;
    let authcode = support::binary::authcode(full)?;
    let root = env::var_os("AUTHCODE_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("authcode-bench"));
    let me = env::current_exe().map_err(|e| format!("cannot find the bench binary: {e}"))?;

    println!("# authcode validate benchmark\n");
    println!("- machine: {}", machine());
    println!("- authcode: {} ({})", authcode.display(), revision());
    // The start-up order only means something for a release build (names differ by profile).
    let layout = full.then(|| startup_order::coverage(&authcode));
    match &layout {
        Some(Ok(coverage)) => println!("- startup.order: {}", describe(coverage)),
        Some(Err(e)) => println!("- startup.order: {e}"),
        None => {}
    }
    println!(
        "- run: cargo bench --bench validate  (AUTHCODE_BENCH_ROUNDS={rounds} AUTHCODE_BENCH_WARMUP={warmup}; seed {SEED:#x})"
    );

    let started = Instant::now();
    let corpus = corpus::generate(&root, SEED)
        .map_err(|e| format!("cannot write the corpus under {}: {e}", root.display()))?;
    let invalid_files = corpus.files.iter().filter(|(_, c)| !c.valid()).count();
    let invalid_lines = corpus.lines.iter().filter(|(_, c)| !c.valid()).count();
    println!(
        "- corpus ({:.1} s to generate, in {}): {} files, {}, {} invalid; NDJSON {} lines, {}, {} invalid; 2x NDJSON {}",
        started.elapsed().as_secs_f64(),
        root.display(),
        thousands(corpus.files.len() as u64),
        megabytes(corpus.dir_bytes as f64),
        thousands(invalid_files as u64),
        thousands(corpus.lines.len() as u64),
        megabytes(corpus.ndjson_bytes as f64),
        thousands(invalid_lines as u64),
        megabytes(corpus.ndjson2x_bytes as f64),
    );

    let inputs = [
        Input {
            label: "10,000 files",
            options: &[],
            path: corpus.dir.clone(),
            documents: corpus.files.len(),
            bytes: corpus.dir_bytes,
            expected_exit: 1,
        },
        Input {
            label: "NDJSON, 100,000 lines",
            options: &[],
            path: corpus.ndjson.clone(),
            documents: corpus.lines.len(),
            bytes: corpus.ndjson_bytes,
            expected_exit: 1,
        },
        Input {
            label: "NDJSON 2x (memory growth)",
            options: &[],
            path: corpus.ndjson2x.clone(),
            documents: 2 * corpus.lines.len(),
            bytes: corpus.ndjson2x_bytes,
            expected_exit: 1,
        },
        Input {
            label: "NDJSON, 40% warnings, --quiet",
            options: &["--quiet"],
            path: corpus.warnings.clone(),
            documents: corpus.warning_lines.len(),
            bytes: corpus.warnings_bytes,
            expected_exit: 1,
        },
        Input {
            label: "NDJSON, 100,000 lines, --wallet all",
            options: &["--wallet", "all"],
            path: corpus.ndjson.clone(),
            documents: corpus.lines.len(),
            bytes: corpus.ndjson_bytes,
            expected_exit: 1,
        },
        Input {
            label: "NDJSON 2x, --wallet all (memory growth)",
            options: &["--wallet", "all"],
            path: corpus.ndjson2x.clone(),
            documents: 2 * corpus.lines.len(),
            bytes: corpus.ndjson2x_bytes,
            expected_exit: 1,
        },
        Input {
            label: "one small file",
            options: &[],
            path: corpus.one.clone(),
            documents: 1,
            bytes: corpus.one_bytes,
            expected_exit: 0,
        },
    ];

    check_floor(&me, &inputs)?;

    println!("\n## Verdicts (authcode validate --format json)\n");
    let verdicts = check_verdicts(&authcode, &corpus);
    let mut ok = match &verdicts {
        Ok(true) => true,
        Ok(false) => false,
        Err(e) => {
            println!("validate failed: {e}");
            println!("(authcode is left out of the timings below; the floor still runs)");
            false
        }
    };

    let mut jobs = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        if verdicts.is_ok() {
            let mut argv = vec![authcode.clone().into(), "validate".into()];
            argv.extend(input.options.iter().map(OsString::from));
            argv.push(input.path.clone().into());
            jobs.push(Job {
                input: i,
                program: "authcode",
                argv,
                expected_exit: input.expected_exit,
                samples: Vec::new(),
            });
        }
        jobs.push(Job {
            input: i,
            program: "floor",
            argv: vec![
                me.clone().into(),
                "--floor".into(),
                input.path.clone().into(),
            ],
            expected_exit: 0,
            samples: Vec::new(),
        });
    }

    println!("\n## Timings\n");
    println!(
        "{warmup} warm-up round(s), then {rounds} rounds; each round runs every command once, in an order shuffled for the round (seeded). stdout and stderr go to /dev/null. Commands:\n"
    );
    for job in &jobs {
        println!("    {}", job.shell_line());
    }
    println!();
    let load_before = load_average();
    let started = Instant::now();
    // A command run right after another on the same small input finds the loader, libc and
    // the kernel's paths warm: in a fixed order (authcode, then the floor, input by input)
    // the floor always came second and the small file's ratio read about 0.3 higher than
    // with both after the same command. Each round's order is shuffled instead, so that
    // what runs before a command is chance, alike for both programs.
    let mut rng = SplitMix64::new(SEED);
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    for round in 0..warmup + rounds {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &k in &order {
            let job = &mut jobs[k];
            let sample = measure_via(&me, &job.argv)?;
            if sample.code != job.expected_exit {
                println!(
                    "unexpected exit {} (expected {}) from: {}",
                    sample.code,
                    job.expected_exit,
                    job.shell_line()
                );
                ok = false;
            }
            if round >= warmup {
                job.samples.push(sample);
            }
        }
    }
    println!(
        "Timed runs took {:.1} s; load average (1 min) {load_before} before, {} after: on a busy machine the ratios mean little.\n",
        started.elapsed().as_secs_f64(),
        load_average()
    );

    print_table(&inputs, &jobs);
    print_targets(&jobs, &verdicts, layout.as_ref());
    Ok(ok)
}

/// Runs the floor once on each input and checks it saw every document.
fn check_floor(me: &Path, inputs: &[Input]) -> Result<(), String> {
    for input in inputs {
        let out = Command::new(me)
            .arg("--floor")
            .arg(&input.path)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run the floor: {e}"))?;
        let text = String::from_utf8_lossy(&out.stdout);
        let counts: Vec<u64> = text
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        if !out.status.success() || counts.len() != 3 || counts[0] != input.documents as u64 {
            return Err(format!(
                "the floor on {} printed {:?} ({}), expected {} documents; stderr: {}",
                input.path.display(),
                text.trim(),
                out.status,
                input.documents,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
    }
    Ok(())
}

/// Runs `authcode validate --format json` on the directory and the NDJSON file and compares
/// each document's verdict with the ground truth. Err when validate does not work at all.
fn check_verdicts(authcode: &Path, corpus: &Corpus) -> Result<bool, String> {
    let mut ok = true;

    let dir_report = json_report(authcode, &corpus.dir, 1)?;
    let by_name: Vec<(String, Case)> = corpus
        .files
        .iter()
        .map(|(rel, case)| (file_name(rel), *case))
        .collect();
    ok &= compare(
        "10,000 files",
        &dir_report,
        &by_name,
        |doc| doc["path"].as_str().map(|p| file_name(Path::new(p))),
        |name| name.to_owned(),
    );
    // Directory order is sorted path order; PathBuf sorts by component.
    let mut sorted: Vec<&PathBuf> = corpus.files.iter().map(|(rel, _)| rel).collect();
    sorted.sort();
    let expected_order: Vec<String> = sorted.iter().map(|p| file_name(p)).collect();
    let report_order: Vec<String> = documents(&dir_report)
        .iter()
        .filter_map(|d| d["path"].as_str().map(|p| file_name(Path::new(p))))
        .collect();
    if report_order != expected_order {
        let at = report_order
            .iter()
            .zip(&expected_order)
            .position(|(a, b)| a != b)
            .unwrap_or(report_order.len().min(expected_order.len()));
        println!(
            "- note: documents are not in sorted path order (first difference at #{at}: {:?}, expected {:?})",
            report_order.get(at),
            expected_order.get(at)
        );
    }

    let ndjson_report = json_report(authcode, &corpus.ndjson, 1)?;
    let by_line: Vec<(String, Case)> = corpus
        .lines
        .iter()
        .map(|(line, case)| (line.to_string(), *case))
        .collect();
    ok &= compare(
        "NDJSON",
        &ndjson_report,
        &by_line,
        |doc| doc["line"].as_u64().map(|l| l.to_string()),
        |line| format!("line {line}"),
    );

    let warnings_report = json_report(authcode, &corpus.warnings, 1)?;
    let by_line: Vec<(String, Case)> = corpus
        .warning_lines
        .iter()
        .map(|(line, case)| (line.to_string(), *case))
        .collect();
    ok &= compare(
        "NDJSON, 40% warnings",
        &warnings_report,
        &by_line,
        |doc| doc["line"].as_u64().map(|l| l.to_string()),
        |line| format!("line {line}"),
    );

    let one_report = json_report(authcode, &corpus.one, 0)?;
    let one_valid = documents(&one_report)
        .first()
        .and_then(|d| d["valid"].as_bool());
    if one_valid != Some(true) {
        println!(
            "- one small file ({}): expected valid, got {one_valid:?}",
            corpus.one.display()
        );
        ok = false;
    }
    Ok(ok)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn documents(report: &Value) -> &[Value] {
    report["documents"].as_array().map_or(&[], Vec::as_slice)
}

/// The parsed `--format json` report of authcode on `path`.
fn json_report(authcode: &Path, path: &Path, expected_exit: i32) -> Result<Value, String> {
    let out = Command::new(authcode)
        .args(["validate", "--format", "json"])
        .arg(path)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", authcode.display()))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stderr: Vec<&str> = stderr.lines().take(3).collect();
    let code = out.status.code();
    if !matches!(code, Some(0 | 1)) {
        return Err(format!(
            "`authcode validate --format json {}` exited with {} (expected {expected_exit}): {}",
            path.display(),
            out.status,
            stderr.join(" / ")
        ));
    }
    if code != Some(expected_exit) {
        // A wrong verdict somewhere: compare() says which.
        println!(
            "- `authcode validate --format json {}` exited with {} (expected {expected_exit})",
            path.display(),
            out.status
        );
    }
    let report: Value = serde_json::from_slice(&out.stdout).map_err(|e| {
        format!(
            "`authcode validate --format json {}` printed no JSON report ({e}); stderr: {}",
            path.display(),
            stderr.join(" / ")
        )
    })?;
    if !report["documents"].is_array() {
        return Err(format!(
            "the JSON report of {} has no \"documents\" array",
            path.display()
        ));
    }
    Ok(report)
}

/// Compares a report's verdicts with the ground truth and prints what differs. The verdict
/// decides; whether the expected rule id was reported is printed as a note.
fn compare(
    label: &str,
    report: &Value,
    truth: &[(String, Case)],
    key_of: impl Fn(&Value) -> Option<String>,
    show: impl Fn(&str) -> String,
) -> bool {
    let expected: HashMap<&str, Case> = truth.iter().map(|(k, c)| (k.as_str(), *c)).collect();
    let docs = documents(report);
    let mut seen = HashMap::new();
    let mut unknown = Vec::new();
    // Per case: (documents, verdict agrees, expected rule reported).
    let mut by_case: BTreeMap<Case, (usize, usize, usize)> = BTreeMap::new();
    let mut mismatches = Vec::new();
    for doc in docs {
        let Some(key) = key_of(doc) else {
            unknown.push(doc.to_string());
            continue;
        };
        let Some(&case) = expected.get(key.as_str()) else {
            unknown.push(key);
            continue;
        };
        *seen.entry(key.clone()).or_insert(0) += 1;
        let rules: Vec<&str> = doc["diagnostics"]
            .as_array()
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|d| d["rule"].as_str())
            .collect();
        let entry = by_case.entry(case).or_default();
        entry.0 += 1;
        let agrees = doc["valid"].as_bool() == Some(case.valid());
        if agrees {
            entry.1 += 1;
        } else {
            mismatches.push(format!(
                "{}: {} ({}), authcode says {} {:?}",
                show(&key),
                if case.valid() { "valid" } else { "invalid" },
                case.name(),
                match doc["valid"].as_bool() {
                    Some(true) => "valid",
                    Some(false) => "invalid",
                    None => "(no verdict)",
                },
                rules
            ));
        }
        let rule_ok = match case.rule() {
            Some(rule) => rules.contains(&rule),
            None => rules.is_empty(),
        };
        if rule_ok {
            entry.2 += 1;
        }
    }
    let missing: Vec<&str> = truth
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !seen.contains_key(*k))
        .collect();
    let repeated = seen.values().filter(|&&n| n > 1).count();

    let agree: usize = by_case.values().map(|e| e.1).sum();
    let ok = mismatches.is_empty() && missing.is_empty() && unknown.is_empty() && repeated == 0;
    println!(
        "- {label}: {} of {} verdicts equal the ground truth{}",
        thousands(agree as u64),
        thousands(truth.len() as u64),
        if ok { "" } else { " — MISMATCH" }
    );
    let summary = &report["summary"];
    let invalid = truth.iter().filter(|(_, c)| !c.valid()).count() as u64;
    if summary["documents"].as_u64() != Some(truth.len() as u64)
        || summary["invalid"].as_u64() != Some(invalid)
    {
        println!(
            "  summary says {summary}, expected {} documents, {invalid} invalid",
            truth.len()
        );
    }
    for m in mismatches.iter().take(20) {
        println!("  {m}");
    }
    if mismatches.len() > 20 {
        println!("  ... and {} more", mismatches.len() - 20);
    }
    if !missing.is_empty() {
        println!(
            "  {} documents missing from the report, e.g. {}",
            missing.len(),
            show(missing[0])
        );
    }
    if !unknown.is_empty() {
        println!(
            "  {} documents in the report that the generator did not write, e.g. {}",
            unknown.len(),
            unknown[0]
        );
    }
    if repeated > 0 {
        println!("  {repeated} documents reported more than once");
    }
    let off: Vec<String> = by_case
        .iter()
        .filter(|(_, e)| e.2 < e.0)
        .map(|(case, e)| match case.rule() {
            Some(rule) => format!("{} without [{rule}] in {}/{}", case.name(), e.0 - e.2, e.0),
            None => format!("{} with diagnostics in {}/{}", case.name(), e.0 - e.2, e.0),
        })
        .collect();
    if !off.is_empty() {
        println!("  note (rule ids, not verdicts): {}", off.join("; "));
    }
    ok
}

fn print_table(inputs: &[Input], jobs: &[Job]) {
    println!("| input | program | wall (median) | min–max | CPU time (median) | documents/s | MB/s | peak RSS (median) | vs floor |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for (i, input) in inputs.iter().enumerate() {
        let floor = jobs
            .iter()
            .find(|j| j.input == i && j.program == "floor")
            .map(Job::wall);
        for (k, job) in jobs.iter().filter(|j| j.input == i).enumerate() {
            let wall = job.wall();
            let walls: Vec<f64> = job.samples.iter().map(|s| s.wall.as_secs_f64()).collect();
            let min = walls.iter().copied().fold(f64::INFINITY, f64::min);
            let max = walls.iter().copied().fold(0.0, f64::max);
            let label = if k == 0 {
                format!("{} ({})", input.label, megabytes(input.bytes as f64))
            } else {
                String::new()
            };
            println!(
                "| {label} | {} | {} | {}–{} | {} | {} | {:.0} | {} | {} |",
                job.program,
                millis(wall),
                millis(min),
                millis(max),
                millis(job.cpu()),
                thousands((input.documents as f64 / wall).round() as u64),
                input.bytes as f64 / 1e6 / wall,
                megabytes(job.rss()),
                floor.map_or("-".into(), |f| format!("{:.2}x", wall / f)),
            );
        }
    }
    println!(
        "\nCPU time: user + system, all threads. documents/s and MB/s: from the median wall time. kB = 10^3 bytes, MB = 10^6 bytes. Warm page cache (the corpus was just written)."
    );
}

fn print_targets(
    jobs: &[Job],
    verdicts: &Result<bool, String>,
    order: Option<&Result<startup_order::Coverage, String>>,
) {
    let find = |input: usize, program: &str| {
        jobs.iter()
            .find(|j| j.input == input && j.program == program)
    };
    let ratio = |input: usize| Some(find(input, "authcode")?.wall() / find(input, "floor")?.wall());
    let verdict = |pass: bool| if pass { "PASS" } else { "FAIL" };

    println!("\n| target | measured | result |");
    println!("|---|---:|---|");
    for (input, what, limit) in [
        (0, "10,000 files: wall ≤ 1.0x floor", 1.0),
        (1, "NDJSON: wall ≤ 1.2x floor", 1.2),
        (3, "NDJSON, 40% warnings, --quiet: wall ≤ 1.2x floor", 1.2),
        (6, "one small file: wall ≤ 1.5x floor", 1.5),
    ] {
        match ratio(input) {
            Some(r) => println!("| {what} | {r:.2}x | {} |", verdict(r <= limit)),
            None => println!("| {what} | - | FAIL (validate failed) |"),
        }
    }
    match (find(1, "authcode"), find(2, "authcode")) {
        (Some(one), Some(two)) => {
            let peak = one.rss_max() as f64;
            println!(
                "| NDJSON: peak RSS < 16 MB (max of the runs) | {} | {} |",
                megabytes(peak),
                verdict(peak < RSS_LIMIT)
            );
            // Growth beyond noise: more than 10% or 1 MB, whichever is larger.
            let (a, b) = (one.rss(), two.rss());
            println!(
                "| RSS not growing with input: NDJSON 1x → 2x (medians) | {} → {} | {} |",
                megabytes(a),
                megabytes(b),
                verdict(b - a <= (0.1 * a).max(1e6))
            );
        }
        _ => {
            println!("| NDJSON: peak RSS < 16 MB | - | FAIL (validate failed) |");
            println!("| RSS not growing with input | - | FAIL (validate failed) |");
        }
    }
    // Every wallet on each document, against one wallet on the same input: the document is
    // read and parsed once, then walked once per wallet.
    match (
        find(1, "authcode"),
        find(4, "authcode"),
        find(5, "authcode"),
    ) {
        (Some(one), Some(all), Some(all2)) => {
            let r = all.wall() / one.wall();
            println!(
                "| NDJSON, --wallet all (7 wallets): wall ≤ 2x one wallet's | {r:.2}x | {} |",
                verdict(r <= 2.0)
            );
            let peak = all.rss_max() as f64;
            println!(
                "| NDJSON, --wallet all: peak RSS < 16 MB (max of the runs) | {} | {} |",
                megabytes(peak),
                verdict(peak < RSS_LIMIT)
            );
            let (a, b) = (all.rss(), all2.rss());
            println!(
                "| --wallet all, RSS not growing with input: NDJSON 1x → 2x (medians) | {} → {} | {} |",
                megabytes(a),
                megabytes(b),
                verdict(b - a <= (0.1 * a).max(1e6))
            );
        }
        _ => println!("| NDJSON, --wallet all | - | FAIL (validate failed) |"),
    }
    let (measured, pass) = match verdicts {
        Ok(true) => ("all equal", true),
        Ok(false) => ("differences above", false),
        Err(_) => ("validate failed", false),
    };
    println!(
        "| verdicts equal the ground truth | {measured} | {} |",
        verdict(pass)
    );
    // Not a speed target itself, but what the small file's start rests on: a stale list (new
    // Rust, new dependencies) or a linker that did not take it reads here before the ratio.
    match order {
        Some(Ok(c)) => println!(
            "| startup.order: ≥ 90% of its functions in the binary, side by side (else: `cargo bench --bench validate -- --startup-order`) | {} of {}, {} kB within {} kB | {} |",
            c.found,
            c.listed,
            c.bytes / 1000,
            c.span / 1000,
            verdict(c.holds())
        ),
        Some(Err(e)) => println!("| startup.order in the binary | {e} | FAIL |"),
        None => {}
    }
}

fn millis(seconds: f64) -> String {
    if seconds < 0.01 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{:.1} ms", seconds * 1e3)
    }
}

fn megabytes(bytes: f64) -> String {
    if bytes < 1e5 {
        format!("{:.1} kB", bytes / 1e3)
    } else {
        format!("{:.1} MB", bytes / 1e6)
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// CPU count and model, kernel.
fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown CPU", |(_, m)| m.trim());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let mut s = String::new();
    let _ = write!(s, "nproc {cpus}, {model}, Linux {}", kernel.trim());
    s
}

/// The 1-minute load average, as /proc/loadavg gives it.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into())
}

/// The git revision the bench was built from, if git can tell.
fn revision() -> String {
    Command::new("git")
        .args(["describe", "--always", "--dirty"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or("unknown revision".into(), |o| {
            format!("git {}", String::from_utf8_lossy(&o.stdout).trim())
        })
}
