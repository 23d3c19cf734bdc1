//! README tells the truth about the toolchain and the flags.

use std::path::Path;
use std::process::Command;

use crate::support::{authcode, text};

/// A `rust-version` as (major, minor, patch).
fn version(v: &str) -> (u64, u64, u64) {
    let mut parts = v.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

fn ours() -> String {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("Cargo.toml has a rust-version")
        .to_string()
}

#[test]
fn rust_version_holds_for_every_locked_crate() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let host = Command::new("rustc")
        .arg("-vV")
        .output()
        .ok()
        .and_then(|out| {
            text(&out.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        });
    let mut cmd = Command::new(&cargo);
    cmd.args(["metadata", "--locked", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    if let Some(host) = &host {
        cmd.args(["--filter-platform", host]);
    }
    let Ok(out) = cmd.output() else {
        eprintln!("note: cargo is not on PATH; skipping the rust-version check (install Rust with rustup to run it)");
        return;
    };
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        text(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ours = ours();
    let mut newest = ("", "0");
    for package in metadata["packages"].as_array().unwrap() {
        let Some(needs) = package["rust_version"].as_str() else {
            continue;
        };
        let name = package["name"].as_str().unwrap();
        assert!(
            version(needs) <= version(&ours),
            "{name} {} needs Rust {needs}, but Cargo.toml says rust-version {ours}: raise it, or pin an older {name}",
            package["version"]
        );
        if version(needs) > version(newest.1) {
            newest = (name, needs);
        }
    }
    eprintln!(
        "newest rust-version in the lock: {} ({}); ours: {ours}",
        newest.1, newest.0
    );
    // README says the same.
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("It needs Rust {ours} or newer.")),
        "README must name rust-version {ours}"
    );
}

/// README's section on `authcode NAME`: from its `### \`authcode NAME` heading to the next.
fn section<'a>(readme: &'a str, name: &str) -> &'a str {
    let start = readme
        .find(&format!("### `authcode {name}"))
        .unwrap_or_else(|| panic!("README has no section for {name}"));
    let rest = &readme[start + 4..];
    let end = rest
        .find("\n### ")
        .or_else(|| rest.find("\n## "))
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn readme_documents_every_flag_of_every_command_in_its_section() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut missing = Vec::new();
    for command in ["scopes", "request", "validate", "schema", "completions"] {
        let help = text(
            &authcode()
                .args([command, "--help"])
                .env("CI", "true")
                .output()
                .unwrap()
                .stdout,
        );
        let doc = section(&readme, command);
        let options = help
            .split("Options:")
            .nth(1)
            .and_then(|o| o.split("Global options:").next())
            .unwrap();
        for line in options
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with('-'))
        {
            let mut words = line.split([' ', ',']).filter(|w| w.starts_with('-'));
            for flag in words.by_ref().take(2) {
                if flag == "-h" || flag == "--help" {
                    continue;
                }
                // A flag is documented as `--flag` (or `-f`), not inside another word.
                let shown = [' ', '`', '(', '/'].iter().any(|before| {
                    [' ', '`', ')', ',', '=', '.']
                        .iter()
                        .any(|after| doc.contains(&format!("{before}{flag}{after}")))
                });
                if !shown {
                    missing.push(format!("{command} {flag}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "README's section on each command does not document: {}",
        missing.join(", ")
    );
}
