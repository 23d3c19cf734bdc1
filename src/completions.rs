//! Shell completion scripts, with the active catalog's scope names for `--scopes` and
//! `--grant`.

use clap::builder::PossibleValuesParser;
use clap::CommandFactory;

use crate::catalog::Catalog;
use crate::cli::Cli;

/// The completion script for `shell`.
pub fn generate(shell: clap_complete::Shell, catalog: &Catalog) -> Vec<u8> {
    let names: Vec<String> = catalog.scope_names().map(str::to_string).collect();
    let mut command = Cli::command().mut_subcommand("request", |request| {
        request
            .mut_arg("scopes", |a| {
                a.value_parser(PossibleValuesParser::new(names.clone()))
            })
            .mut_arg("grant", |a| {
                a.value_parser(PossibleValuesParser::new(names.clone()))
            })
    });
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "authcode", &mut script);
    script
}
