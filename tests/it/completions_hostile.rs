//! A catalog's text cannot run or break a completion script: each script generated with a
//! hostile `--catalog` is sourced in the real shell and asked to complete every value that
//! carries catalog text (bash, zsh through a pty, fish, elvish), or at least parsed
//! (PowerShell), and no marker file appears. The fish and bash fixes for `--wallet` are here
//! too.
//!
//! A missing shell skips its test with a how-to; under AUTHCODE_REQUIRE_TOOLS=1 (.ci/run) it
//! fails.

use std::path::{Path, PathBuf};

use crate::support::pty::{self, send, wait_for};
use crate::support::{authcode, usable, TestCommand};

/// Whether `shell` can be used; otherwise says how to get it (or fails under
/// AUTHCODE_REQUIRE_TOOLS=1).
fn have(shell: &str, version_args: &[&str], how: &str) -> bool {
    if usable(shell, version_args) {
        return true;
    }
    if std::env::var("AUTHCODE_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
        panic!("AUTHCODE_REQUIRE_TOOLS=1, but {shell} is missing ({how})");
    }
    eprintln!("skipped: {shell} is not installed ({how})");
    false
}

/// A temporary directory for the markers, and a catalog whose every text field tries to
/// create one.
struct Hostile {
    dir: tempfile::TempDir,
    catalog: PathBuf,
}

impl Hostile {
    fn new() -> Hostile {
        let dir = tempfile::tempdir().unwrap();
        let m = |n: &str| dir.path().join(n).display().to_string();
        assert!(!m("x").contains([' ', '\'', '"']), "a plain temporary path");
        let description = |tag: &str| {
            format!(
                "{tag} users' \"quoted\" $(touch {a}) `touch {b}`; touch {c}\ntouch {d}\n\
                 \"; touch {e}; \" '; touch {f}; ' (touch {g}) \\\"$(touch {h})\\\" ${{X}} \
                 {{touch,{i}}} %s [x] :colon & | > {j}",
                a = m(&format!("{tag}-dollar")),
                b = m(&format!("{tag}-backquote")),
                c = m(&format!("{tag}-semicolon")),
                d = m(&format!("{tag}-newline")),
                e = m(&format!("{tag}-dquote")),
                f = m(&format!("{tag}-squote")),
                g = m(&format!("{tag}-paren")),
                h = m(&format!("{tag}-escaped")),
                i = m(&format!("{tag}-brace")),
                j = m(&format!("{tag}-redirect")),
            )
        };
        let catalog = serde_json::json!({
            "name": description("name"),
            "scopes": [
                {"scope": "auth_base", "description": description("scope1")},
                {"scope": "auth_user", "description": description("scope2")},
            ],
            "errors": [
                {"code": format!("4$(touch${{IFS}}{})", m("code-dollar")),
                 "message": description("message1")},
                {"code": format!("5`touch${{IFS}}{}`", m("code-backquote")),
                 "message": description("message2")},
                {"code": "40006", "message": description("message3")},
                {"code": "40007", "message": description("message4")},
            ],
            "requestParams": [
                {"name": "clientId", "description": description("param1")},
                {"name": "appId", "description": description("param2")},
            ],
        });
        let path = dir.path().join("catalog.json");
        std::fs::write(&path, serde_json::to_vec_pretty(&catalog).unwrap()).unwrap();
        Hostile { dir, catalog: path }
    }

    /// The script `authcode --catalog HOSTILE completions SHELL` prints, in a file.
    fn script(&self, shell: &str) -> PathBuf {
        let script = authcode()
            .arg("--catalog")
            .arg(&self.catalog)
            .args(["completions", shell])
            .run()
            .ok()
            .stdout;
        let path = self.dir.path().join(format!("script.{shell}"));
        std::fs::write(&path, script).unwrap();
        path
    }

    /// Fails when any marker file was created.
    fn assert_nothing_ran(&self, shell: &str) {
        let mut made: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| {
                !["catalog.json", "fpath"].contains(&n.as_str()) && !n.starts_with("script.")
            })
            .collect();
        made.sort();
        assert!(made.is_empty(), "{shell} ran catalog text: {made:?}");
    }
}

/// The values of the options that carry catalog text, each completed from empty.
const VALUE_OPTIONS: [&str; 4] = [
    "request --scopes",
    "request --error-code",
    "request --param",
    "validate --expect-scopes",
];

/// What `script` (a bash completion script) offers for the last of `words`.
fn bash_offers(script: &Path, words: &[&str]) -> Vec<String> {
    let program = r#"
        source "$SCRIPT" || exit 3
        COMP_WORDS=("$@")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_LINE="${COMP_WORDS[*]}"
        COMP_POINT=${#COMP_LINE}
        _authcode authcode "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let out = TestCommand::new("bash")
        .args(["--noprofile", "--norc", "-c", program, "bash"])
        .args(words)
        .env("SCRIPT", script)
        .run();
    assert_eq!(out.code, 0, "bash failed: {}", out.stderr());
    out.stdout().lines().map(str::to_string).collect()
}

#[test]
fn bash_runs_no_catalog_text() {
    if !have("bash", &["--version"], "apt-get install bash") {
        return;
    }
    let hostile = Hostile::new();
    let script = hostile.script("bash");
    for option in VALUE_OPTIONS {
        let mut words = vec!["authcode"];
        words.extend(option.split(' '));
        words.push("");
        let offered = bash_offers(&script, &words);
        // Only plain words are offered: the hostile error codes are left out.
        for value in &offered {
            assert!(
                value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-.=+".contains(c)),
                "{option}: {value:?}"
            );
        }
        assert!(!offered.is_empty(), "{option} offers nothing");
    }
    hostile.assert_nothing_ran("bash");
}

#[test]
fn fish_runs_no_catalog_text() {
    if !have("fish", &["--version"], "apt-get install fish") {
        return;
    }
    let hostile = Hostile::new();
    let script = hostile.script("fish");
    let mut asks = String::new();
    for option in VALUE_OPTIONS {
        asks.push_str(&format!("complete -C 'authcode {option} '\n"));
    }
    let out = TestCommand::new("fish")
        .args(["--no-config", "-c"])
        .arg(format!("source $argv[1]; or exit 3\n{asks}"))
        .arg(&script)
        .run();
    assert_eq!(out.code, 0, "fish failed: {}", out.stderr());
    assert!(out.stderr.is_empty(), "fish: {}", out.stderr());
    let text = out.stdout();
    // The completions came, with descriptions that kept their words.
    assert!(text.contains("auth_user\tscope2 users' 'quoted'"), "{text}");
    assert!(text.contains("40007\tmessage4 users'"), "{text}");
    assert!(text.contains("clientId=\tparam1"), "{text}");
    hostile.assert_nothing_ran("fish");
}

#[test]
fn zsh_runs_no_catalog_text() {
    if !have("zsh", &["--version"], "apt-get install zsh") {
        return;
    }
    let hostile = Hostile::new();
    let script = hostile.script("zsh");
    let fpath = hostile.dir.path().join("fpath");
    std::fs::create_dir(&fpath).unwrap();
    std::fs::copy(&script, fpath.join("_authcode")).unwrap();
    // An interactive zsh in a pty: compinit, the script on fpath, then Tab twice after each
    // option, which lists the values with their descriptions.
    let mut p = pty::sh(
        &["-c".as_ref(), "exec zsh -f -i".as_ref()],
        &[("PS1", "> "), ("FPATH_DIR", &fpath.display().to_string())],
    );
    send(
        &mut p,
        "fpath=($FPATH_DIR $fpath); autoload -U compinit; compinit -u -D; \
         zstyle ':completion:*' format ''; echo READY-$((6*7))\r",
    );
    wait_for(&mut p, "READY-42");
    for (i, option) in VALUE_OPTIONS.iter().enumerate() {
        send(&mut p, &format!("authcode {option} \t\t"));
        let expected = match *option {
            "request --error-code" => "message4",
            "request --param" => "param2",
            _ => "scope2",
        };
        wait_for(&mut p, expected);
        // Ctrl-U clears the line (Ctrl-C would flush the keys typed after it).
        send(&mut p, "\x15");
        send(&mut p, &format!("echo DONE-$(({i}+100))\r"));
        wait_for(&mut p, &format!("DONE-{}", i + 100));
    }
    send(&mut p, "exit\r");
    hostile.assert_nothing_ran("zsh");
}

#[test]
fn elvish_runs_no_catalog_text() {
    let hostile = Hostile::new();
    let script = hostile.script("elvish");
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(!text.contains("touch"), "catalog text in the elvish script");
    if !have("elvish", &["-version"], "apt-get install elvish") {
        return;
    }
    // Outside the interactive editor there is no `edit:` module: the script is evaluated with
    // a stand-in for the two names it uses, and its completer asked once.
    let driver = r#"
        var src = (slurp < $args[0])
        var edit = (ns [&completion:=(ns [&arg-completer=[&]]) &complex-candidate~={|text &display=''| put $text}])
        eval $src"\n$edit:completion:arg-completer[authcode] authcode request --sc\n" &ns=(ns [&edit:=$edit])
    "#;
    let out = TestCommand::new("elvish")
        .args(["-norc", "-c", driver])
        .arg(&script)
        .run();
    assert_eq!(out.code, 0, "elvish: {}", out.stderr());
    assert!(out.stdout().contains("--scopes"), "{}", out.stdout());
    hostile.assert_nothing_ran("elvish");
}

#[test]
fn powershell_parses_and_holds_no_catalog_text() {
    let hostile = Hostile::new();
    let script = hostile.script("powershell");
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(
        !text.contains("touch"),
        "catalog text in the PowerShell script"
    );
    // pwsh is not in Debian; CI does not require it.
    if !usable("pwsh", &["-Version"]) {
        eprintln!(
            "skipped: pwsh is not installed (https://learn.microsoft.com/powershell/scripting/install/install-debian)"
        );
        return;
    }
    let parse = "$e = $null; [System.Management.Automation.Language.Parser]::ParseFile($args[0], [ref]$null, [ref]$e) | Out-Null; if ($e.Count) { $e; exit 1 }";
    let out = TestCommand::new("pwsh")
        .args(["-NoProfile", "-NonInteractive", "-Command", parse])
        .arg(&script)
        .run();
    assert_eq!(out.code, 0, "pwsh: {}", out.stdout());
    hostile.assert_nothing_ran("pwsh");
}

/// fish: `authcode --wallet <TAB>` before the subcommand offers the wallets, not file names;
/// after a subcommand other than validate, `all` is not offered; after validate it is.
#[test]
fn fish_completes_wallet_names_where_they_are_taken() {
    if !have("fish", &["--version"], "apt-get install fish") {
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/authcode.fish");
    let ask = |line: &str| -> Vec<String> {
        let out = TestCommand::new("fish")
            .args(["--no-config", "-c", "source $argv[1]; complete -C $argv[2]"])
            .arg(&script)
            .arg(line)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .run();
        assert_eq!(out.code, 0, "{}", out.stderr());
        out.stdout()
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect()
    };
    let top = ask("authcode --wallet ");
    assert!(top.contains(&"gcash".to_string()), "{top:?}");
    assert!(!top.iter().any(|w| w == "Cargo.toml"), "{top:?}");
    assert!(top.contains(&"all".to_string()), "{top:?}");
    let request = ask("authcode request --wallet ");
    assert!(request.contains(&"tng".to_string()), "{request:?}");
    assert!(!request.contains(&"all".to_string()), "{request:?}");
    let validate = ask("authcode validate --wallet ");
    assert!(validate.contains(&"all".to_string()), "{validate:?}");
    // The subcommand is still completed after a global option's value.
    let after = ask("authcode --wallet gcash sco");
    assert_eq!(after, ["scopes"]);
}

#[test]
fn bash_offers_all_only_to_validate() {
    if !have("bash", &["--version"], "apt-get install bash") {
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/authcode.bash");
    let request = bash_offers(&script, &["authcode", "request", "--wallet", "a"]);
    assert_eq!(
        request,
        ["alipayplus", "alipayplus-connect", "alipayhk", "alipaycn"]
    );
    let scopes = bash_offers(&script, &["authcode", "scopes", "--wallet", "al"]);
    assert!(!scopes.contains(&"all".to_string()), "{scopes:?}");
    let validate = bash_offers(&script, &["authcode", "validate", "--wallet", "al"]);
    assert!(validate.contains(&"all".to_string()), "{validate:?}");
}
