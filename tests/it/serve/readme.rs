//! README's "authcode serve" walk-through, run as written: the `sh` block after the marker
//! `<!-- serve-walkthrough -->` is run command by command (a line ending in `&` in the
//! background, until its first line of output), in bash, with this build's `authcode` first on
//! PATH and a temporary store. One substitution: the default address 127.0.0.1:8470 becomes a
//! free port (AUTHCODE_LISTEN for serve, the same text replaced in the other commands), so
//! that the test cannot collide with a sandbox already running on the machine.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::serve::support::*;

fn walkthrough() -> (Vec<String>, Vec<String>) {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let after = readme
        .split_once("<!-- serve-walkthrough -->")
        .expect("README has the serve walk-through marker")
        .1;
    let block = |after: &str, fence: &str| -> (String, usize) {
        let start = after.find(fence).expect("a fenced block") + fence.len();
        let len = after[start..].find("\n```").unwrap();
        (
            after[start..start + len].trim_matches('\n').to_string(),
            start + len,
        )
    };
    let (commands, end) = block(after, "```sh\n");
    let (shown, _) = block(&after[end + 4..], "```text\n");
    let commands = commands
        .replace("\\\n", " ")
        .lines()
        .map(str::to_string)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .collect();
    (commands, shown.lines().map(str::to_string).collect())
}

fn tool_missing(tool: &str) -> bool {
    let present = Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !present {
        if std::env::var("AUTHCODE_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
            panic!("AUTHCODE_REQUIRE_TOOLS=1, but {tool} is missing");
        }
        eprintln!("skipped: the README walk-through needs {tool} (Debian: apt-get install {tool})");
    }
    !present
}

#[test]
fn the_readme_takes_a_newcomer_to_a_redeemed_token_in_three_commands() {
    if tool_missing("curl") {
        return;
    }
    let (commands, shown) = walkthrough();
    assert_eq!(commands.len(), 3, "{commands:?}");
    let (dir, store) = temp_store();
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .to_string();
    let bin_dir = bin().parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let shell = |line: &str| {
        let mut cmd = Command::new("bash");
        cmd.args(["-c", &line.replace("127.0.0.1:8470", &addr)])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("AUTHCODE_STORE", &store)
            .env("AUTHCODE_LISTEN", &addr)
            .env("NO_COLOR", "1")
            .env_remove("AUTHCODE_PARTNER_PUBLIC_KEY")
            .env_remove("AUTHCODE_PARTNER_ID")
            .stdin(Stdio::null());
        cmd
    };

    let background = commands[0]
        .trim_end()
        .strip_suffix('&')
        .expect("first: serve &");
    let mut server = shell(&format!("exec {background}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    assert_eq!(url.trim(), format!("http://{addr}"));
    assert_eq!(
        shown[0], "http://127.0.0.1:8470",
        "README shows the default URL first"
    );

    let mut printed = Vec::new();
    for line in &commands[1..] {
        let out = shell(line).output().unwrap();
        assert!(
            out.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        printed.push(String::from_utf8(out.stdout).unwrap());
    }
    let _ = server.kill();
    let _ = server.wait();

    // The request prints exactly what README shows.
    assert!(
        shown.contains(&printed[0].trim().to_string()),
        "{printed:?} not in {shown:?}"
    );
    // The exchange succeeds with the fields README shows (token values differ per run).
    let answer = json_of(printed[1].as_bytes());
    assert_eq!(answer["responseCode"], "2007400", "{answer}");
    let shown_answer = shown.iter().rev().find(|l| l.starts_with('{')).unwrap();
    let shown_answer: serde_json::Value = serde_json::from_str(shown_answer).unwrap();
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&answer), keys(&shown_answer));
}

/// README's failure-controls example, the commands after `serve &` run in one shell; its
/// output must be exactly what README shows.
#[test]
fn the_readme_fault_example_prints_what_it_shows() {
    if tool_missing("curl") {
        return;
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let after = readme
        .split_once("<!-- faults-walkthrough -->")
        .expect("marker")
        .1;
    let start = after.find("```sh\n").unwrap() + 6;
    let end = start + after[start..].find("\n```").unwrap();
    let lines: Vec<&str> = after[start..end].lines().collect();
    let rest = &after[end + 4..];
    let shown_start = rest.find("```text\n").unwrap() + 8;
    let shown = &rest[shown_start..shown_start + rest[shown_start..].find("```").unwrap()];
    assert_eq!(lines[0], "authcode serve &");

    let (dir, store) = temp_store();
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .to_string();
    let path = format!(
        "{}:{}",
        bin().parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let shell = |script: &str| {
        let mut cmd = Command::new("bash");
        cmd.args(["-c", &script.replace("127.0.0.1:8470", &addr)])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("AUTHCODE_STORE", &store)
            .env("AUTHCODE_LISTEN", &addr)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        cmd
    };
    let mut server = shell("exec authcode serve")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    let script = format!("set -e\n{}", lines[1..].join("\n"));
    let out = shell(&script).output().unwrap();
    let _ = server.kill();
    let _ = server.wait();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), shown);
}
