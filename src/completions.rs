//! Shell completion scripts, with the active profile's scope names for `--scopes`, `--grant`
//! and `--expect-scopes`, its error codes for `--error-code`, its request parameters for
//! `--param`, and the built-in wallets for `--wallet`.
//!
//! A `--catalog` file may come from anywhere, and its text ends up inside a script the user
//! sources. clap_complete quotes it for each shell, but not for every shell against every
//! character (fish and zsh evaluate the value lists a second time when the user presses Tab,
//! bash's `compgen -W` expands its word list), so what reaches clap_complete is first made
//! inert here: a value is offered only when it is a plain word, and a description keeps only
//! characters that no shell's quoting treats specially after clap_complete's escaping.

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Arg, ValueHint};

use crate::profile::{Profile, BUILTIN};

/// The completion script for `shell`.
///
/// The values are attached to a copy of the command line used only for generation, so that
/// parsing still accepts any string (and reports an unknown scope with a did-you-mean hint).
pub(crate) fn generate(shell: clap_complete::Shell, profile: &Profile) -> Vec<u8> {
    let scopes = offered(
        profile
            .scopes
            .iter()
            .map(|s| (s.scope.clone(), s.description.as_str())),
    );
    let errors = offered(
        profile
            .errors
            .iter()
            .map(|e| (e.code.clone(), e.message.as_str())),
    );
    let params = offered(
        profile
            .request_params
            .iter()
            .map(|p| (format!("{}=", p.name), p.description.as_str())),
    );
    let scope_values = |a: Arg| a.value_parser(PossibleValuesParser::new(scopes.clone()));
    // Free text and numbers: without this hint the scripts would offer file names.
    let free = |a: Arg| a.value_hint(ValueHint::Other);
    let one_wallet: Vec<PossibleValue> = BUILTIN
        .iter()
        .map(|b| PossibleValue::new(b.name).help(inert(&b.profile().name)))
        .collect();
    let wallets: Vec<PossibleValue> = one_wallet
        .iter()
        .cloned()
        .chain([PossibleValue::new("all").help("every wallet (validate only)")])
        .collect();
    let mut command = crate::cli::command_eager().mut_arg("wallet", |a| {
        a.value_parser(PossibleValuesParser::new(wallets.clone()))
    });
    // `--wallet` is global: clap copies it into every subcommand that has none of its own.
    // Those other than validate get a copy without `all`, which only validate takes.
    let single = command
        .get_arguments()
        .find(|a| a.get_id() == "wallet")
        .cloned()
        .map(|a| a.value_parser(PossibleValuesParser::new(one_wallet.clone())));
    let others: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .filter(|name| name != "validate")
        .collect();
    if let Some(single) = single {
        for name in others {
            command = command.mut_subcommand(name, |sc| sc.arg(single.clone()));
        }
    }
    let mut command = command
        .mut_subcommand("request", |request| {
            request
                .mut_arg("scopes", scope_values)
                .mut_arg("grant", scope_values)
                .mut_arg("error_code", |a| {
                    a.value_parser(PossibleValuesParser::new(errors.clone()))
                })
                .mut_arg("param", |a| {
                    if params.is_empty() {
                        a.value_hint(ValueHint::Other)
                    } else {
                        a.value_parser(PossibleValuesParser::new(params.clone()))
                    }
                })
                .mut_arg("app_name", free)
                .mut_arg("seed", free)
        })
        .mut_subcommand("validate", |validate| {
            validate
                .mut_arg("expect_scopes", scope_values)
                .mut_arg("jobs", free)
        });
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "authcode", &mut script);
    if shell == clap_complete::Shell::Fish {
        script = fish_pending_value(script);
    }
    script
}

/// The values a script offers, each with its description made inert; a value that is not a
/// plain word is left out (parsing still takes it; the shell just does not offer it).
fn offered<'a>(values: impl Iterator<Item = (String, &'a str)>) -> Vec<PossibleValue> {
    values
        .filter(|(value, _)| is_plain_word(value))
        .map(|(value, help)| PossibleValue::new(value).help(inert(help)))
        .collect()
}

/// Letters, digits and `_ - . = +`: nothing any of the five shells expands or splits, also
/// where a script evaluates its word list again.
fn is_plain_word(value: &str) -> bool {
    !value.is_empty()
        && !value.starts_with('-')
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '=' | '+'))
}

/// A description with only what stays literal in every script clap_complete writes: letters,
/// digits, spaces and punctuation that no shell expands; `'` (which clap_complete escapes
/// everywhere, and DANA's own descriptions use) and `"` made `'`. Anything else — `$`,
/// backquotes, backslashes, `;`, braces, control characters — becomes a space, and runs of
/// spaces one.
fn inert(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| match c {
            '"' => '\'',
            c if c.is_alphanumeric() => c,
            '\'' | '.' | ',' | ':' | '-' | '_' | '/' | '(' | ')' | '+' | '%' | '?' | '!' | '@'
            | '=' | '&' => c,
            _ => ' ',
        })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// fish: clap_complete's `__fish_authcode_needs_command` runs argparse over the words typed so
/// far, and argparse fails while the last of them is a global option still waiting for its
/// value (`authcode --wallet <TAB>`), so no completion applied and fish offered file names.
/// Such a pending option still means "no subcommand yet".
fn fish_pending_value(script: Vec<u8>) -> Vec<u8> {
    let Ok(text) = String::from_utf8(script.clone()) else {
        return script;
    };
    let pending: Vec<String> = crate::cli::command_eager()
        .get_arguments()
        .filter(|a| a.is_global_set() && a.get_action().takes_values())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    let failed =
        "    argparse -s (__fish_authcode_global_optspecs) -- $cmd 2>/dev/null\n    or return\n";
    let patched = format!(
        "    argparse -s (__fish_authcode_global_optspecs) -- $cmd 2>/dev/null\n    \
         # A global option waiting for its value: still no subcommand.\n    \
         or begin\n        contains -- \"$cmd[-1]\" {}\n        return\n    end\n",
        pending.join(" ")
    );
    text.replacen(failed, &patched, 1).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_keep_words_and_lose_what_a_shell_would_run() {
        assert_eq!(
            inert("users' \"office\" $(rm -rf ~) `id`; a\nb\\c ${X}"),
            "users' 'office' (rm -rf ) id a b c X"
        );
        assert!(is_plain_word("USER_LOGIN_ID") && is_plain_word("authClientId="));
        assert!(!is_plain_word("4$(id)") && !is_plain_word("a b") && !is_plain_word("-x"));
    }
}
