//! The parsed command line turned into plain config values, in one place: past this
//! module no clap type reaches the logic.

use std::path::PathBuf;

use crate::cli::{self, ColorWhen, RequestArgs, ValidateArgs};
use crate::consent::Decision;
use crate::error::CliError;
use crate::mint::CodeSource;
use crate::output::ColorMode;
use crate::profile::BUILTIN;
use crate::request::{PayloadFormat, RequestConfig, ScopeSource};
use crate::text::brief;
use crate::validate::report::Format;
use crate::validate::{Expect, ValidateConfig};

/// `--color` as the output module knows it.
pub(crate) fn color(when: ColorWhen) -> ColorMode {
    match when {
        ColorWhen::Auto => ColorMode::Auto,
        ColorWhen::Always => ColorMode::Always,
        ColorWhen::Never => ColorMode::Never,
    }
}

/// A comma-separated list as given: blanks trimmed, empty names dropped.
fn names(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// What `authcode request` was asked for. A flag that cannot apply is refused here when the
/// flags alone show it (clap's `conflicts_with` says the rest of those in cli.rs); when it
/// takes the requested scopes to know, `request::answer` refuses it.
pub(crate) fn request(
    args: RequestArgs,
    color: ColorMode,
    store: crate::sandbox::record::StoreTarget,
    user: crate::users::User,
) -> Result<RequestConfig, CliError> {
    // clap counts a flag's default `false` as present, so `requires` cannot say this.
    if let (Some(format), false) = (args.format, args.payload) {
        let name = match format {
            cli::PayloadFormat::Json => "json",
            cli::PayloadFormat::Js => "js",
        };
        return Err(CliError::usage(format!(
            "--format {name} applies to --payload only: it picks how the request payload is printed"
        ))
        .with_hint("the response is always JSON; leave out --format")
        .with_hint(format!(
            "to print the request payload instead: --payload --format {name}"
        )));
    }
    let decision = if args.approve {
        Some(Decision::ApproveAll)
    } else if args.deny {
        Some(Decision::DenyAll)
    } else {
        args.grant.map(|list| Decision::Grant(names(&list)))
    };
    Ok(RequestConfig {
        source: match args.from {
            Some(path) => ScopeSource::File(path),
            None => ScopeSource::Args(args.scopes),
        },
        params: args.param,
        payload: args.payload.then_some(match args.format {
            Some(cli::PayloadFormat::Js) => PayloadFormat::Js,
            Some(cli::PayloadFormat::Json) | None => PayloadFormat::Json,
        }),
        decision,
        error_code: args.error_code,
        app_name: args.app_name,
        code_source: args.seed.map_or(CodeSource::Os, CodeSource::Seeded),
        compact: args.compact,
        output: args.output,
        color,
        store,
        user,
    })
}

/// What `authcode validate` was asked for.
pub(crate) fn validate(args: ValidateArgs, color: ColorMode) -> ValidateConfig {
    let expect = match (args.expect_scopes, args.request) {
        (Some(scopes), _) => Some(Expect::Scopes(names(&scopes))),
        (None, Some(path)) => Some(Expect::RequestFile(path)),
        (None, None) => None,
    };
    ValidateConfig {
        paths: args.paths,
        ndjson: args.ndjson,
        kind: args.kind,
        expect,
        strict: args.strict,
        format: match args.format {
            cli::ReportFormat::Human => Format::Human,
            cli::ReportFormat::Json => Format::Json,
            cli::ReportFormat::Github => Format::Github,
            cli::ReportFormat::Junit => Format::Junit,
        },
        quiet: args.quiet,
        jobs: args.jobs.map(usize::from),
        color,
        walk: crate::validate::WalkOptions {
            no_ignore: args.no_ignore,
            hidden: args.hidden,
        },
    }
}

/// Which profile(s) the command runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ProfileChoice {
    /// A built-in wallet, by its `--wallet` name.
    Builtin(&'static str),
    /// A profile file (`--catalog`).
    File(PathBuf),
    /// `--wallet all` or `--wallet A,B`: several built-in wallets (validate only).
    Several(Vec<&'static str>),
}

/// Where a profile option's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Given {
    Flag,
    Env,
    Default,
}

impl Given {
    /// How clap got the value of `id`.
    pub(crate) fn of(matches: &clap::ArgMatches, id: &str) -> Given {
        match matches.value_source(id) {
            Some(clap::parser::ValueSource::CommandLine) => Given::Flag,
            Some(clap::parser::ValueSource::EnvVariable) => Given::Env,
            _ => Given::Default,
        }
    }
}

/// The profile `--wallet` and `--catalog` choose. The command line beats the environment;
/// both flags on one command line are refused, since neither obviously wins; with both only
/// in the environment, `AUTHCODE_CATALOG` (the more specific) wins.
pub(crate) fn profile_choice(
    wallet: &str,
    wallet_given: Given,
    catalog: Option<PathBuf>,
    catalog_given: Given,
) -> Result<ProfileChoice, CliError> {
    let catalog_wins = match (catalog.is_some(), catalog_given, wallet_given) {
        (false, _, _) => false,
        (true, Given::Flag, Given::Flag) => {
            return Err(
                CliError::usage("--catalog and --wallet both choose a profile; give one")
                    .with_hint("--catalog FILE loads a profile file, --wallet NAME a built-in one"),
            )
        }
        (true, Given::Flag, _) => true,
        (true, _, Given::Flag) => false,
        (true, _, _) => true,
    };
    if catalog_wins {
        return Ok(ProfileChoice::File(catalog.unwrap_or_default()));
    }
    wallet_named(wallet)
}

/// The built-in wallet `name`, `all`, or names joined by commas; an unknown name is a usage
/// error with a did-you-mean and the list.
pub(crate) fn wallet_named(name: &str) -> Result<ProfileChoice, CliError> {
    if name.trim().is_empty() {
        return Err(CliError::usage("--wallet names no wallet")
            .with_hint("`authcode wallets` lists them (the default is dana)"));
    }
    if name == "all" {
        return Ok(ProfileChoice::Several(
            BUILTIN.iter().map(|b| b.name).collect(),
        ));
    }
    if name.contains(',') {
        let mut several = Vec::new();
        for one in name.split(',').map(str::trim) {
            if one.is_empty() {
                return Err(CliError::usage(format!(
                    "--wallet {:?} has an empty name between its commas",
                    brief(name)
                ))
                .with_hint("name them: --wallet gcash,tng (or --wallet all)"));
            }
            match wallet_named(one)? {
                ProfileChoice::Builtin(b) if !several.contains(&b) => several.push(b),
                ProfileChoice::Builtin(b) => {
                    return Err(CliError::usage(format!(
                        "--wallet names {b} twice; name each wallet once"
                    )))
                }
                _ => return Err(CliError::usage("`all` stands alone in --wallet")),
            }
        }
        return Ok(ProfileChoice::Several(several));
    }
    if let Some(b) = BUILTIN.iter().find(|b| b.name == name) {
        return Ok(ProfileChoice::Builtin(b.name));
    }
    let names = BUILTIN.iter().map(|b| b.name);
    let lower = name.to_lowercase();
    let mut err = CliError::usage(format!("unknown wallet {}", brief(name)));
    let ranking = crate::suggest::Suggester::new(names.clone().map(|n| (n, "")));
    if let Some(hint) = crate::suggest::did_you_mean(&ranking.suggest(&lower)) {
        err = err.with_hint(hint);
    }
    Err(err.with_hint(format!(
        "wallets: {}; validate also takes several (A,B) or all",
        names.collect::<Vec<_>>().join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_beat_the_environment_and_two_flags_are_refused() {
        let file = || Some(PathBuf::from("w.json"));
        let f = |w, wg, c, cg| profile_choice(w, wg, c, cg);
        assert_eq!(
            f("gcash", Given::Flag, file(), Given::Env).unwrap(),
            ProfileChoice::Builtin("gcash")
        );
        assert_eq!(
            f("gcash", Given::Env, file(), Given::Flag).unwrap(),
            ProfileChoice::File("w.json".into())
        );
        assert_eq!(
            f("gcash", Given::Env, file(), Given::Env).unwrap(),
            ProfileChoice::File("w.json".into())
        );
        assert_eq!(
            f("dana", Given::Default, file(), Given::Env).unwrap(),
            ProfileChoice::File("w.json".into())
        );
        assert!(f("gcash", Given::Flag, file(), Given::Flag).is_err());
        assert_eq!(
            f("all", Given::Flag, None, Given::Default).unwrap(),
            ProfileChoice::Several(BUILTIN.iter().map(|b| b.name).collect())
        );
        assert_eq!(
            f("tng, gcash", Given::Flag, None, Given::Default).unwrap(),
            ProfileChoice::Several(vec!["tng", "gcash"])
        );
        let twice = f("gcash,gcash", Given::Flag, None, Given::Default).unwrap_err();
        assert_eq!(
            twice.message,
            "--wallet names gcash twice; name each wallet once"
        );
        let trailing = f("gcash,", Given::Flag, None, Given::Default).unwrap_err();
        assert!(
            trailing.message.contains("an empty name"),
            "{}",
            trailing.message
        );
        assert!(f("tng,all", Given::Flag, None, Given::Default).is_err());
        assert!(f(" , ", Given::Flag, None, Given::Default).is_err());
        assert!(f("tng,gcahs", Given::Flag, None, Given::Default).is_err());
        let err = f("Gcahs", Given::Flag, None, Given::Default).unwrap_err();
        assert_eq!(err.code, crate::error::EXIT_USAGE);
        assert_eq!(err.hints[0], "did you mean gcash?");
        assert!(err.hints[1].contains("dana, alipayplus"));
    }
}
