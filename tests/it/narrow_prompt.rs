//! The prompt in a narrow terminal, read back from a terminal emulator.

use std::ffi::OsStr;
use std::path::Path;

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect};

use crate::support::{bin, pty, text};

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ENTER: &str = "\r";
const SPACE: &str = " ";
const CTRL_C: &str = "\x03";
const ESC: &str = "\x1b";
const ROWS: u16 = 24;
const SCOPES: &str = "USER_LOGIN_ID,KYC_INFO,USER_JOB";

/// `authcode ARGS` in a pty of `columns` x 24, stdout to `stdout_file`, with every byte
/// it shows fed to a VT100 emulator.
struct Pty {
    session: pty::Pty,
    screen: vt100::Parser,
    columns: u16,
}

impl Pty {
    fn spawn(columns: u16, colors: bool, stdout_file: &Path) -> Pty {
        let (bin, columns_arg, rows_arg) = (bin(), columns.to_string(), ROWS.to_string());
        let mut sh: Vec<&OsStr> = vec![
            // The size is set before authcode starts, so it reads it at once; and after the
            // spawner has set its own default (80x24), hence the wait for a first line.
            OsStr::new("-c"),
            OsStr::new("read -r _ && stty cols \"$1\" rows \"$2\" && out=$3 && shift 3 && exec \"$0\" \"$@\" > \"$out\""),
            bin.as_os_str(),
            OsStr::new(&columns_arg),
            OsStr::new(&rows_arg),
            stdout_file.as_os_str(),
        ];
        sh.extend(["request", "--scopes", SCOPES, "--seed", "5", "--compact"].map(OsStr::new));
        let env: &[(&str, &str)] = if colors { &[] } else { &[("NO_COLOR", "1")] };
        let mut session = pty::sh(&sh, env);
        session.send("go\r").expect("start the shell");
        Pty {
            session,
            screen: vt100::Parser::new(
                std::num::NonZeroU16::new(ROWS).unwrap(),
                std::num::NonZeroU16::new(columns).unwrap(),
                0,
            ),
            columns,
        }
    }

    /// Waits until the terminal was sent `text`, and shows it all to the emulator.
    fn wait_for(&mut self, text: &str) {
        match self.session.expect(text) {
            // Everything read up to the end of the match.
            Ok(found) => self.screen.process(found.as_bytes()),
            Err(e) => panic!(
                "the prompt never showed {text:?}: {e}\n{}",
                self.rows().join("\n")
            ),
        }
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("send keys to the pty");
    }

    /// The rows of the screen, blanks at the end of each trimmed, empty rows at the end
    /// dropped.
    fn rows(&self) -> Vec<String> {
        let mut rows: Vec<String> = self
            .screen
            .screen()
            .rows(0, self.columns)
            .map(|r| r.trim_end().to_string())
            .collect();
        while rows.last().is_some_and(|r| r.is_empty()) {
            rows.pop();
        }
        rows
    }

    /// Waits for the end; returns the final screen and the exit code.
    fn finish(mut self) -> (Vec<String>, i32) {
        match self.session.expect(Eof) {
            Ok(found) => self.screen.process(found.as_bytes()),
            Err(e) => panic!("authcode did not finish: {e}"),
        }
        let code = match self
            .session
            .get_process()
            .wait()
            .expect("wait for authcode")
        {
            WaitStatus::Exited(_, code) => code,
            other => panic!("authcode did not exit normally: {other:?}"),
        };
        (self.rows(), code)
    }
}

/// The header both widths show above every question and answer.
fn header(columns: u16) -> Vec<&'static str> {
    match columns {
        40 => vec![
            "",
            "This mini program wants to access your",
            "DANA account:",
            "Consenting as Budi Santoso (user",
            "default; --user picks another)",
            "  • USER_LOGIN_ID  Authorized to obtai…",
            "  • KYC_INFO       Authorized to obtai…",
            "  • USER_JOB       Authorized to obtai…",
        ],
        30 => vec![
            "",
            "This mini program wants to",
            "access your DANA account:",
            "Consenting as Budi Santoso",
            "(user default; --user picks",
            "another)",
            "  • USER_LOGIN_ID  Authorize…",
            "  • KYC_INFO       Authorize…",
            "  • USER_JOB       Authorize…",
        ],
        _ => unreachable!(),
    }
}

/// The screen holds the header, then exactly `answered`, and no row reaches the last
/// column (a row that does was wrapped by the terminal).
fn assert_screen(rows: &[String], columns: u16, answered: &[&str]) {
    let mut expected = header(columns);
    expected.extend_from_slice(answered);
    assert_eq!(rows, expected, "at {columns} columns:\n{}", rows.join("\n"));
    for row in rows {
        assert!(row.chars().count() < usize::from(columns), "{row:?}");
    }
}

/// Past the first question ("Choose scopes"), into the scope list.
fn to_the_list(p: &mut Pty) {
    p.wait_for("Deny all");
    p.send(DOWN);
    p.wait_for("Choose scopes");
    p.send(ENTER);
    p.wait_for("USER_JOB");
    p.wait_for("…");
}

/// Each way a run can end, at 40 and at 30 columns, without colors: the final screen.
#[test]
fn after_each_answer_only_the_answered_lines_stay() {
    for columns in [40, 30] {
        type Steps = fn(&mut Pty);
        let runs: [(&str, Steps, i32, &[&str]); 7] = [
            (
                "Enter",
                |p| {
                    p.wait_for("Deny all");
                    p.send(ENTER);
                },
                0,
                &["Your decision: Allow all"],
            ),
            (
                "Ctrl-C at the decision",
                |p| {
                    p.wait_for("Deny all");
                    p.send(CTRL_C);
                },
                130,
                &[],
            ),
            (
                "Esc at the decision",
                |p| {
                    p.wait_for("Deny all");
                    p.send(ESC);
                },
                130,
                &[],
            ),
            (
                "Esc in the list",
                |p| {
                    to_the_list(p);
                    p.send(ESC);
                },
                130,
                &["Your decision: Choose scopes"],
            ),
            (
                "Ctrl-C in the list",
                |p| {
                    to_the_list(p);
                    p.send(DOWN);
                    p.wait_for("USER_JOB");
                    p.send(CTRL_C);
                },
                130,
                &["Your decision: Choose scopes"],
            ),
            (
                "Ctrl-C at the error value",
                |p| {
                    p.wait_for("Deny all");
                    p.send(UP);
                    p.wait_for("Deny all");
                    p.send(ENTER);
                    p.wait_for("40006");
                    p.send(CTRL_C);
                },
                130,
                &["Your decision: Deny all"],
            ),
            (
                "Esc at the error value",
                |p| {
                    p.wait_for("Deny all");
                    p.send(UP);
                    p.wait_for("Deny all");
                    p.send(ENTER);
                    p.wait_for("40006");
                    p.send(ESC);
                },
                130,
                &["Your decision: Deny all"],
            ),
        ];
        for (what, steps, code, answered) in runs {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("stdout.json");
            let mut p = Pty::spawn(columns, false, &out);
            steps(&mut p);
            let (rows, exit) = p.finish();
            assert_eq!(exit, code, "{what} at {columns}: {}", rows.join("\n"));
            assert_screen(&rows, columns, answered);
            if code != 0 {
                assert_eq!(std::fs::read_to_string(&out).unwrap(), "", "{what}");
            }
        }
    }
}

/// A whole consent at both widths: every question and list fits, and afterwards the
/// answers wrap by words.
#[test]
fn choosing_scopes_and_an_error_value_leaves_the_answers() {
    for (columns, answered) in [
        (
            40,
            &[
                "Your decision: Choose scopes",
                "Scopes to grant: USER_LOGIN_ID,",
                "USER_JOB",
                "Error value for the denied scopes: 11",
                "(Unauthorized to Get User Info)",
            ][..],
        ),
        (
            30,
            &[
                "Your decision: Choose scopes",
                "Scopes to grant:",
                "USER_LOGIN_ID, USER_JOB",
                "Error value for the denied",
                "scopes: 11 (Unauthorized to",
                "Get User Info)",
            ],
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("stdout.json");
        let mut p = Pty::spawn(columns, false, &out);
        to_the_list(&mut p);
        p.send(DOWN);
        p.wait_for("USER_JOB");
        p.wait_for("…");
        let list = p.rows();
        // The question fits its row: a shorter wording, not a wrapped one.
        let question = list
            .iter()
            .find(|r| r.starts_with("Scopes to grant"))
            .unwrap();
        assert!(question.ends_with(':'), "{list:?}");
        // Header and list follow one rule: one row each, cut with "…" at the width.
        let kyc = "KYC_INFO       Authorized to obtain users' KYC information";
        let in_header = list.iter().find(|r| r.starts_with("  • KYC_INFO")).unwrap();
        let in_list = list.iter().find(|r| r.contains("] KYC_INFO")).unwrap();
        for row in [in_header, in_list] {
            let shown = row[row.find("KYC_INFO").unwrap()..].trim_end_matches('…');
            assert!(row.ends_with('…') && kyc.starts_with(shown), "{row:?}");
            assert!(row.chars().count() < usize::from(columns), "{row:?}");
        }
        // Without colors the active row is still marked.
        assert!(in_list.starts_with("> [x] KYC_INFO"), "{list:?}");
        let login = list.iter().find(|r| r.contains("] USER_LOGIN_ID")).unwrap();
        assert!(login.starts_with("  [x] USER_LOGIN_ID"), "{list:?}");

        p.send(SPACE);
        p.wait_for("[ ] KYC_INFO");
        p.send(ENTER);
        p.wait_for("40006");
        p.wait_for("\n");
        p.send(UP);
        p.wait_for("11 ");
        p.send(ENTER);
        let (rows, code) = p.finish();
        assert_eq!(code, 0, "{}", rows.join("\n"));
        assert_screen(&rows, columns, answered);
        assert!(
            std::fs::read_to_string(&out).unwrap().ends_with(
                r#""authSuccessScopes":["USER_LOGIN_ID","USER_JOB"],"authErrorScopes":{"KYC_INFO":"11"}}
"#
            ),
            "{}",
            text(&std::fs::read(&out).unwrap())
        );
    }
}

/// With colors the active row carries a glyph too, not only a color, and the screen
/// ends with the answers alone.
#[test]
fn with_colors_the_active_row_is_marked_and_the_screen_is_clean() {
    let columns = 30;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stdout.json");
    let mut p = Pty::spawn(columns, true, &out);
    to_the_list(&mut p);
    p.send(DOWN);
    p.wait_for("USER_JOB");
    p.wait_for("…");
    let list = p.rows();
    let kyc = list.iter().find(|r| r.contains("✔ KYC_INFO")).unwrap();
    assert!(kyc.starts_with("❯ ✔ KYC_INFO"), "{list:?}");
    let login = list.iter().find(|r| r.contains("✔ USER_LOGIN_ID")).unwrap();
    assert!(login.starts_with("  ✔ USER_LOGIN_ID"), "{list:?}");
    p.send(CTRL_C);
    let (rows, code) = p.finish();
    assert_eq!(code, 130);
    assert_screen(&rows, columns, &["✔ Your decision · Choose", "scopes"]);
}
