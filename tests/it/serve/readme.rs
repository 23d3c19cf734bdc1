//! README's "authcode serve" walk-through, run as written: the `sh` block after the marker
//! `<!-- serve-walkthrough -->` is run command by command (a line ending in `&` in the
//! background, until its first line of output), in bash, with this build's `authcode` first on
//! PATH and a temporary store. One substitution: the default address 127.0.0.1:8470 becomes
//! the port the server picks itself (AUTHCODE_LISTEN=127.0.0.1:0 for serve, its printed address
//! replacing the same text in the other commands), so that the test cannot collide with a
//! sandbox already running on the machine.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{Running, TestCommand};

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

/// `bash -c SCRIPT` in `dir` with this build's authcode first on PATH, `store`, and serve on
/// `listen`.
fn bash(dir: &Path, store: &Path, listen: &str, script: &str) -> TestCommand {
    let path = format!(
        "{}:{}",
        bin().parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = TestCommand::new("bash");
    cmd.args(["-c", script])
        .current_dir(dir)
        .store(store)
        .env("PATH", path)
        .env("AUTHCODE_LISTEN", listen)
        .env("NO_COLOR", "1");
    cmd
}

/// `exec SERVE` through [`bash`] on a port of its choosing; the running server and its
/// address, read from the URL it prints first.
fn serve(dir: &Path, store: &Path, serve: &str) -> (Running, String, String) {
    let mut server = bash(dir, store, "127.0.0.1:0", &format!("exec {serve}"))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    let url = url.trim().to_string();
    let addr = url
        .strip_prefix("http://127.0.0.1:")
        .filter(|port| port.parse::<u16>().is_ok_and(|p| p != 0))
        .map(|port| format!("127.0.0.1:{port}"))
        .unwrap_or_else(|| panic!("serve printed {url:?} first"));
    (server, url, addr)
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
    let background = commands[0]
        .trim_end()
        .strip_suffix('&')
        .expect("first: serve &");
    let (mut server, url, addr) = serve(dir.path(), &store, background);
    assert_eq!(url, format!("http://{addr}"));
    let shell = |line: &str| {
        bash(
            dir.path(),
            &store,
            &addr,
            &line.replace("127.0.0.1:8470", &addr),
        )
    };
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
    server.kill();

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

/// The `sh` block after `marker` run in one shell with a sandbox of its own (its first line,
/// `authcode serve &`, is that sandbox); what it printed, and the `text` block README shows.
fn run_example(marker: &str) -> (String, String) {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let after = readme.split_once(marker).expect("marker").1;
    let start = after.find("```sh\n").unwrap() + 6;
    let end = start + after[start..].find("\n```").unwrap();
    let lines: Vec<&str> = after[start..end].lines().collect();
    let rest = &after[end + 4..];
    let shown_start = rest.find("```text\n").unwrap() + 8;
    let shown = &rest[shown_start..shown_start + rest[shown_start..].find("```").unwrap()];
    assert_eq!(lines[0], "authcode serve &");

    let (dir, store) = temp_store();
    let (mut server, _, addr) = serve(dir.path(), &store, "authcode serve");
    let script = format!("set -e\n{}", lines[1..].join("\n"));
    let out = bash(
        dir.path(),
        &store,
        &addr,
        &script.replace("127.0.0.1:8470", &addr),
    )
    .output()
    .unwrap();
    server.kill();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        shown.to_string(),
    )
}

/// README's failure-controls example, the commands after `serve &` run in one shell; its
/// output must be exactly what README shows.
#[test]
fn the_readme_fault_example_prints_what_it_shows() {
    if tool_missing("curl") {
        return;
    }
    let (printed, shown) = run_example("<!-- faults-walkthrough -->");
    assert_eq!(printed, shown);
}

/// `text` with each 32-character token (a `referenceNo`, an OTT) as `TOKEN`.
fn tokens_masked(text: &str) -> String {
    text.split('"')
        .map(|part| {
            if part.len() == 32 && part.bytes().all(|b| b.is_ascii_alphanumeric()) {
                "TOKEN"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("\"")
}

/// README's example of Account Unbinding, Apply OTT and Balance Inquiry prints what it shows,
/// but for the values that differ on each run.
#[test]
fn the_readme_widget_example_prints_what_it_shows() {
    if tool_missing("curl") {
        return;
    }
    let (printed, shown) = run_example("<!-- widget-walkthrough -->");
    assert_eq!(shown.lines().count(), 4, "{shown}");
    assert_eq!(tokens_masked(&printed), tokens_masked(&shown));
}

/// The block of `kind` (`sh`, `text`) right after `marker` in README, line by line.
fn block_after(marker: &str, kind: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let after = readme.split_once(marker).expect("marker").1;
    let fence = format!("```{kind}\n");
    let start = after.find(&fence).expect("the block") + fence.len();
    let end = start + after[start..].find("\n```").unwrap();
    after[start..end].lines().map(str::to_string).collect()
}

/// README's Alipay+ example, run as written (the merchant's test key as `merchant.pub.pem`, the
/// test's client id for `P1`): a sandbox that checks signatures, a GCash code, and the platform
/// key as the bare base64 an SDK verifies answers with — and the Alipay+ gateway redeems that
/// code, its answer signed by that key.
#[test]
fn the_readme_alipay_plus_example_runs_as_written() {
    let lines = block_after("<!-- alipay-plus-example -->", "sh");
    assert_eq!(lines.len(), 3, "{lines:?}");
    let (dir, store) = temp_store();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/keys/merchant.test-only.pub.pem"
        ),
        dir.path().join("merchant.pub.pem"),
    )
    .unwrap();
    let serve_line = lines[0]
        .trim_end()
        .strip_suffix('&')
        .expect("serve ... &")
        .replace("--partner-id P1", &format!("--partner-id {PARTNER}"));
    let (mut server, _, addr) = serve(dir.path(), &store, serve_line.trim());
    let run = |line: &str| {
        let out = bash(dir.path(), &store, &addr, line).output().unwrap();
        assert!(
            out.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let minted = json_of(run(&lines[1]).trim().as_bytes());
    let code = minted["authCode"].as_str().expect("a code").to_owned();
    let key = run(&lines[2]);
    let key = key.trim();
    assert!(
        key.len() > 300 && !key.contains(' ') && !key.contains("BEGIN"),
        "bare base64: {key}"
    );
    let path = "/v2/authorizations/applyToken";
    let body = serde_json::json!({"grantType": "AUTHORIZATION_CODE", "authCode": code})
        .to_string()
        .into_bytes();
    let (status, headers, answer) = send(
        addr.parse().unwrap(),
        "POST",
        path,
        &plus_headers(path, &body),
        body,
    );
    server.kill();
    assert_eq!(status, 200);
    assert!(platform_signed(
        &platform_key(&store),
        path,
        &headers,
        &answer
    ));
    let answer = json_of(&answer);
    assert_eq!(answer["result"]["resultCode"], "SUCCESS", "{answer}");
}

/// What `serve --tls` prints, as README shows it: the `https://` URL first on stdout, then on
/// stderr the CA's path and how each client trusts it.
#[test]
fn the_readme_tls_output_is_what_serve_tls_prints() {
    let shown = block_after("<!-- tls-output -->", "text");
    assert_eq!(shown.len(), 2, "{shown:?}");
    let (dir, store) = temp_store();
    let mut server = bash(
        dir.path(),
        &store,
        "127.0.0.1:0",
        "exec authcode serve --tls",
    )
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    let mut url = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    let mut stderr = BufReader::new(server.stderr.take().unwrap());
    let mut note = String::new();
    while !note.starts_with("note: HTTPS") {
        note.clear();
        if stderr.read_line(&mut note).unwrap() == 0 {
            break;
        }
    }
    server.kill();
    assert!(url.starts_with("https://127.0.0.1:") && shown[0].starts_with("https://127.0.0.1:"));
    let ca = store.with_extension("ca.pem").display().to_string();
    let expected = shown[1]
        .replace("/home/you/.local/state/authcode/store.ca.pem", &ca)
        .replace('…', &ca);
    assert_eq!(note.trim_end(), expected);
}
