//! Shell completion scripts, with the active profile's scope names for `--scopes`, `--grant`
//! and `--expect-scopes`, its error codes for `--error-code`, its request parameters for
//! `--param`, and the built-in wallets for `--wallet`.

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Arg, ValueHint};

use crate::profile::{Profile, BUILTIN};

/// The completion script for `shell`.
///
/// The values are attached to a copy of the command line used only for generation, so that
/// parsing still accepts any string (and reports an unknown scope with a did-you-mean hint).
pub(crate) fn generate(shell: clap_complete::Shell, profile: &Profile) -> Vec<u8> {
    let scopes: Vec<PossibleValue> = profile
        .scopes
        .iter()
        .map(|s| PossibleValue::new(s.scope.clone()).help(s.description.clone()))
        .collect();
    let errors: Vec<PossibleValue> = profile
        .errors
        .iter()
        .map(|e| PossibleValue::new(e.code.clone()).help(e.message.clone()))
        .collect();
    let scope_values = |a: Arg| a.value_parser(PossibleValuesParser::new(scopes.clone()));
    // Free text and numbers: without this hint the scripts would offer file names.
    let free = |a: Arg| a.value_hint(ValueHint::Other);
    let wallets: Vec<PossibleValue> = BUILTIN
        .iter()
        .map(|b| PossibleValue::new(b.name).help(b.profile().name))
        .chain([PossibleValue::new("all").help("every wallet (validate only)")])
        .collect();
    let params: Vec<PossibleValue> = profile
        .request_params
        .iter()
        .map(|p| PossibleValue::new(format!("{}=", p.name)).help(p.description.clone()))
        .collect();
    let mut command = crate::cli::command_eager()
        .mut_arg("wallet", |a| {
            a.value_parser(PossibleValuesParser::new(wallets.clone()))
        })
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
    script
}
