//! Signals: SIGTERM in the middle of `request -o` leaves no partial or temp file and the
//! old file untouched. (Ctrl-C at the prompt is tested with the prompt.)

use std::fs;
use std::io::Write;
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use crate::support::{bin, mkfifo, names_in, std_command, text, usable};

/// SIGTERM while the temp file of `--output` is written: strace holds the process in the
/// temp file's fsync (the only way to hit that moment reliably from outside), the signal
/// arrives then, and the handler must remove the temp file and leave the old file alone.
#[test]
fn sigterm_during_the_output_write_leaves_no_partial_file() {
    if !usable("strace", &["-qq", "-o", "/dev/null", "true"]) {
        eprintln!("skipped: strace is missing or ptrace is not allowed here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    fs::write(&target, "old").unwrap();
    let pid_file = dir.path().join("pid");
    let strace = StdCommand::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e", "trace=fsync"])
        .args(["-e", "inject=fsync:delay_enter=4000000", "--", "sh", "-c"])
        .arg(r#"echo $$ > "$1"; shift; exec "$0" "$@""#)
        .arg(bin())
        .arg(&pid_file)
        .args(["request", "--scopes", "USER_LOGIN_ID", "--approve", "-o"])
        .arg(&target)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the temp file to appear beside the target.
    let started = Instant::now();
    let temp = loop {
        let temps: Vec<String> = names_in(dir.path())
            .into_iter()
            .filter(|n| n.starts_with(".authcode-"))
            .collect();
        if let Some(t) = temps.first() {
            break t.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no temp file appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    std::thread::sleep(Duration::from_millis(200));
    let pid: i32 = fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let out = strace.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{temp}: {}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    assert_eq!(
        names_in(dir.path()),
        ["out.json", "pid"],
        "{temp} left behind"
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "old");
}

/// SIGTERM while `request --from` still waits for its input (a FIFO): nothing is written.
#[test]
fn sigterm_while_reading_the_request_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.fifo");
    mkfifo(&fifo);
    let target = dir.path().join("out.json");
    fs::write(&target, "old").unwrap();
    let mut child = std_command()
        .args(["request", "--approve", "-o"])
        .arg(&target)
        .arg("--from")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Open the writing end and send half a payload, so the reader is inside read().
    let mut writer = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    writer.write_all(br#"{"scopes": ["USER_"#).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    let status = child.wait().unwrap();
    assert!(!status.success());
    drop(writer);
    assert_eq!(names_in(dir.path()), ["in.fifo", "out.json"]);
    assert_eq!(fs::read_to_string(&target).unwrap(), "old");
}
