//! The pseudo-terminal harness: authcode with stdin and stderr on a pty (as a person runs
//! it), keys sent to it, and its screen read back.
//!
//! stdout can go to a file (`sh -c 'exec ... > FILE'`) so that the JSON document can be
//! read back without the prompt around it.

use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};

use super::{bin, text, StoreGuard, TestCommand};

pub const DOWN: &str = "\x1b[B";
pub const UP: &str = "\x1b[A";
pub const ENTER: &str = "\r";
pub const SPACE: &str = " ";
pub const CTRL_C: &str = "\x03";
pub const ESC: &str = "\x1b";
/// The escape sequence that shows the cursor again.
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

/// A program in a pty (with the store guard of its command), as a person at an 80x24 xterm
/// would run it: the builder's clean environment (no CI, no NO_COLOR, no catalog), plus
/// `env`. The pty kills its child when dropped.
pub struct Pty {
    session: OsSession,
    _store: StoreGuard,
}

impl std::ops::Deref for Pty {
    type Target = OsSession;
    fn deref(&self) -> &OsSession {
        &self.session
    }
}

impl std::ops::DerefMut for Pty {
    fn deref_mut(&mut self) -> &mut OsSession {
        &mut self.session
    }
}

/// `sh ARGS` in a pty (see [`Pty`]).
pub fn sh(args: &[&OsStr], env: &[(&str, &str)]) -> Pty {
    let mut cmd = TestCommand::new("sh");
    cmd.args(args).env("TERM", "xterm-256color");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let (cmd, store) = cmd.into_std();
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    Pty {
        session,
        _store: store,
    }
}

/// `authcode ARGS` in a pty, with stdout going to `stdout_file` (or the pty when `None`).
pub fn spawn(args: &[&str], stdout_file: Option<&Path>, env: &[(&str, &str)]) -> Pty {
    let bin = bin();
    let mut line: Vec<&OsStr> = match stdout_file {
        Some(file) => vec![
            OsStr::new("-c"),
            OsStr::new("out=$1; shift; exec \"$0\" \"$@\" > \"$out\""),
            bin.as_os_str(),
            file.as_os_str(),
        ],
        None => vec![
            OsStr::new("-c"),
            OsStr::new("exec \"$0\" \"$@\""),
            bin.as_os_str(),
        ],
    };
    line.extend(args.iter().map(OsStr::new));
    sh(&line, env)
}

/// Waits until the terminal shows `text`, returning everything up to and including it.
pub fn wait_for(p: &mut OsSession, text: &str) -> Vec<u8> {
    match p.expect(text) {
        Ok(found) => [found.before(), found.as_bytes()].concat(),
        Err(e) => panic!("the terminal never showed {text:?}: {e}"),
    }
}

pub fn send(p: &mut OsSession, keys: &str) {
    p.send(keys).expect("send keys to the pty");
}

/// Reads the rest of the session and returns it with the exit code.
pub fn finish(mut p: Pty) -> (Vec<u8>, i32) {
    let rest = match p.expect(Eof) {
        Ok(found) => found.as_bytes().to_vec(),
        Err(e) => panic!("the program did not finish: {e}"),
    };
    match p.get_process().wait().expect("wait for the program") {
        WaitStatus::Exited(_, code) => (rest, code),
        other => panic!("the program did not exit normally: {other:?}"),
    }
}

/// Whether the cursor was shown again in `screen`.
pub fn shows_cursor(screen: &[u8]) -> bool {
    screen.windows(SHOW_CURSOR.len()).any(|w| w == SHOW_CURSOR)
}

/// A step of the consent prompt.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    /// Allow all / Choose scopes / Deny all.
    Decision,
    /// The checklist of scopes.
    ScopeList,
    /// The error value for denied scopes.
    ErrorValue,
}

/// Interrupts the prompt at `step` with `key` twice, once printing to stdout and once
/// with `-o FILE`, and checks the outcome of each (see [`interrupt_once`]).
pub fn interrupt(step: Step, key: &str) {
    interrupt_once(step, key, false);
    interrupt_once(step, key, true);
}

/// Runs `authcode request` (with `-o FILE` when `to_file`) in a pty inside a shell that
/// records the terminal mode (`stty -g`) before and after it, goes to `step`, types `key`,
/// and checks the outcome of an interrupted prompt: exit 130, the cursor shown again, the
/// terminal mode as before, nothing on stdout and no code or error on the screen, and no
/// output file or temp file left.
fn interrupt_once(step: Step, key: &str, to_file: bool) {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let output = if to_file {
        r#"-o "$1/out/response.json""#
    } else {
        ""
    };
    // The shell survives a SIGINT (a Ctrl-C typed while the prompt is between two reads
    // and the terminal is cooked) so that it can record the outcome; its child still gets
    // one.
    let script = format!(
        r#"trap true INT; stty -g > "$1/before"; "$0" --color never request --scopes USER_LOGIN_ID,KYC_INFO {output} > "$1/stdout"; echo $? > "$1/rc"; stty -g > "$1/after""#
    );
    let bin = bin();
    let mut p = sh(
        &[
            OsStr::new("-c"),
            OsStr::new(&script),
            bin.as_os_str(),
            dir.path().as_os_str(),
        ],
        &[],
    );
    wait_for(&mut p, "Deny all");
    match step {
        Step::Decision => {}
        Step::ScopeList => {
            send(&mut p, DOWN);
            wait_for(&mut p, "> Choose scopes");
            send(&mut p, ENTER);
            wait_for(&mut p, "[x] KYC_INFO");
        }
        Step::ErrorValue => {
            send(&mut p, UP);
            wait_for(&mut p, "> Deny all");
            send(&mut p, ENTER);
            wait_for(&mut p, "Error value");
        }
    }
    send(&mut p, key);
    let (rest, shell_code) = finish(p);
    let shown = text(&rest);
    assert_eq!(shell_code, 0, "the shell did not finish: {shown}");
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(
        read("rc").trim(),
        "130",
        "{step:?} {key:?} (-o: {to_file}): {shown}"
    );
    assert_eq!(read("stdout"), "", "{step:?} {key:?} (-o: {to_file})");
    assert!(
        shows_cursor(&rest),
        "{step:?} {key:?} (-o: {to_file}): cursor not shown again: {shown:?}"
    );
    assert!(!shown.contains("panicked"), "{shown}");
    assert!(!shown.contains("authCode"), "{shown}");
    assert!(!shown.contains("error:"), "{shown}");
    assert_eq!(
        read("before"),
        read("after"),
        "{step:?} {key:?} (-o: {to_file}): terminal mode not restored"
    );
    assert_eq!(
        super::names_in(&out_dir),
        Vec::<String>::new(),
        "{step:?} {key:?} (-o: {to_file}): files left behind"
    );
}
