//! The committed completion scripts are what `authcode completions` prints, and the bash one
//! completes what it should in a real bash.

use std::path::Path;
use std::process::Command as Process;

use crate::support::authcode;
use crate::support::docgen;

const SCRIPTS: &[(&str, &str)] = &[
    ("bash", "completions/authcode.bash"),
    ("zsh", "completions/_authcode"),
    ("fish", "completions/authcode.fish"),
    ("powershell", "completions/_authcode.ps1"),
    ("elvish", "completions/authcode.elv"),
];

const REGENERATE: &str = "for s in bash:authcode.bash zsh:_authcode fish:authcode.fish \
powershell:_authcode.ps1 elvish:authcode.elv; do \
env -u AUTHCODE_CATALOG -u AUTHCODE_WALLET cargo run -q -- completions ${s%%:*} > completions/${s#*:}; done";

fn generated(shell: &str) -> Vec<u8> {
    authcode().args(["completions", shell]).run().ok().stdout
}

#[test]
fn committed_scripts_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for (shell, file) in SCRIPTS {
        let committed = std::fs::read(root.join(file)).unwrap_or_default();
        if committed != generated(shell) {
            stale.push(*file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completion scripts: {}\nregenerate them from the repository root with:\n  {REGENERATE}",
        stale.join(", ")
    );
}

#[test]
fn scripts_follow_the_active_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("wallet.json");
    std::fs::write(
        &catalog,
        r#"{"name": "W", "scopes": [{"scope": "auth_base", "description": "Basic profile"}]}"#,
    )
    .unwrap();
    // clap_complete's PowerShell and Elvish scripts complete subcommands and flags only, no
    // option values, so the catalog shows in the other three.
    for shell in ["bash", "zsh", "fish"] {
        let script = authcode()
            .arg("--catalog")
            .arg(&catalog)
            .args(["completions", shell])
            .ok();
        assert!(script.contains("auth_base"), "{shell}");
        assert!(!script.contains("USER_LOGIN_ID"), "{shell}");
    }
}

/// The scope names of the DANA catalog that start with `prefix`, in catalog order.
fn dana_scopes(prefix: &str) -> Vec<String> {
    docgen::scope_names()
        .into_iter()
        .filter(|s| s.starts_with(prefix))
        .collect()
}

/// What the committed bash script offers for the last of `words`, asked the way bash's
/// programmable completion asks (`COMP_WORDS`, `COMP_CWORD`, then `_authcode CMD CUR PREV`).
/// `None` when there is no bash to ask.
fn bash_complete(words: &[&str]) -> Option<Vec<String>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/authcode.bash");
    let program = r#"
        source "$SCRIPT" || exit 3
        COMP_WORDS=("$@")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_LINE="${COMP_WORDS[*]}"
        COMP_POINT=${#COMP_LINE}
        _authcode authcode "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let out = match Process::new("bash")
        .args(["--noprofile", "--norc", "-c", program, "bash"])
        .args(words)
        .env("SCRIPT", &script)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipped: bash is not installed");
            return None;
        }
        Err(e) => panic!("cannot run bash: {e}"),
    };
    assert!(
        out.status.success(),
        "bash failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    Some(
        text.lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

fn assert_completes(words: &[&str], expected: &[&str]) {
    if let Some(got) = bash_complete(words) {
        assert_eq!(got, expected, "completing {words:?}");
    }
}

#[test]
fn bash_completes_scope_names_for_scopes() {
    let expected = [
        "USER_OCCUPATION",
        "USER_OFFICE_NAME",
        "USER_OFFICE_ADDRESS",
        "USER_OFFICE_PROVINCE",
        "USER_OFFICE_REGENCY",
        "USER_OFFICE_DISTRICT",
        "USER_OFFICE_VILLAGE",
        "USER_OFFICE_POSTAL_CODE",
    ];
    assert_eq!(dana_scopes("USER_O"), expected);
    assert_completes(&["authcode", "request", "--scopes", "USER_O"], &expected);
    assert_completes(&["authcode", "request", "-s", "USER_O"], &expected);
    assert_completes(
        &["authcode", "request", "--approve", "--scopes", "KYC"],
        &["KYC_INFO"],
    );
    let all = dana_scopes("");
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    assert_eq!(all.len(), 25);
    assert_completes(&["authcode", "request", "--scopes", ""], &all);
}

#[test]
fn bash_completes_scope_names_for_grant_and_expect_scopes() {
    assert_completes(
        &[
            "authcode", "request", "--scopes", "A", "--grant", "USER_LOG",
        ],
        &["USER_LOGIN_ID"],
    );
    assert_completes(
        &["authcode", "validate", "--expect-scopes", "USER_BANK"],
        &["USER_BANK_NAME", "USER_BANK_ACCOUNT_NUMBER"],
    );
}

#[test]
fn bash_completes_enumerated_values() {
    assert_completes(&["authcode", "request", "--format", ""], &["json", "js"]);
    assert_completes(
        &["authcode", "validate", "--format", ""],
        &["human", "json", "github", "junit"],
    );
    assert_completes(
        &["authcode", "validate", "--format", "j"],
        &["json", "junit"],
    );
    assert_completes(
        &["authcode", "validate", "--kind", ""],
        &["request", "response"],
    );
    assert_completes(&["authcode", "--color", "a"], &["auto", "always"]);
    assert_completes(&["authcode", "scopes", "--color", "n"], &["never"]);
    assert_completes(&["authcode", "request", "--error-code", "4"], &["40006"]);
    assert_completes(&["authcode", "completions", "f"], &["fish"]);
    if let Some(all) = bash_complete(&["authcode", "completions", ""]) {
        for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
            assert!(
                all.iter().any(|w| w == shell),
                "{shell} missing from {all:?}"
            );
        }
    }
    assert_completes(&["authcode", "schema", "re"], &["request", "response"]);
}

#[test]
fn bash_completes_subcommands_and_flags() {
    assert_completes(
        &["authcode", "s"],
        &["scopes", "schema", "serve", "sandbox"],
    );
    if let Some(all) = bash_complete(&["authcode", ""]) {
        for sub in [
            "scopes",
            "request",
            "validate",
            "schema",
            "completions",
            "serve",
        ] {
            assert!(all.iter().any(|w| w == sub), "{sub} missing from {all:?}");
        }
    }
    assert_completes(
        &["authcode", "request", "--ap"],
        &["--approve", "--app-name"],
    );
    assert_completes(&["authcode", "validate", "--st"], &["--strict", "--store"]);
}

#[test]
fn bash_offers_no_file_names_for_free_text() {
    // The repository root holds Cargo.toml; a seed is a number, not a file.
    assert_completes(&["authcode", "request", "--seed", "C"], &["C"]);
    if let Some(files) = bash_complete(&["authcode", "request", "--from", "Cargo.t"]) {
        assert_eq!(files, ["Cargo.toml"]);
    }
}

/// fish, where it is installed (CI has only bash): `complete -C` asks the committed script.
#[test]
fn fish_completes_scope_names_with_descriptions() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/authcode.fish");
    let out = match Process::new("fish")
        .args([
            "--no-config",
            "-c",
            "source $argv[1]; complete -C 'authcode request --grant USER_OF'",
        ])
        .arg(&script)
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipped: fish is not installed");
            return;
        }
        Err(e) => panic!("cannot run fish: {e}"),
    };
    let text = String::from_utf8(out.stdout).unwrap();
    let mut names: Vec<&str> = text
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    names.sort_unstable();
    let mut expected = dana_scopes("USER_OF");
    expected.sort_unstable();
    assert_eq!(names, expected);
    assert!(text.contains("USER_OFFICE_NAME\tAuthorized to obtain users' office name information"));
}
