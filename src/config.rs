//! The parsed command line turned into plain config values, in one place: past this
//! module no clap type reaches the logic.

use crate::cli::{self, ColorWhen, RequestArgs, ValidateArgs};
use crate::consent::Decision;
use crate::mint::CodeSource;
use crate::output::ColorMode;
use crate::request::{PayloadFormat, RequestConfig, ScopeSource};
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

/// What `authcode request` was asked for.
pub(crate) fn request(args: RequestArgs, color: ColorMode) -> RequestConfig {
    let decision = if args.approve {
        Some(Decision::ApproveAll)
    } else if args.deny {
        Some(Decision::DenyAll)
    } else {
        args.grant.map(|list| Decision::Grant(names(&list)))
    };
    RequestConfig {
        source: match args.from {
            Some(path) => ScopeSource::File(path),
            None => ScopeSource::Args(args.scopes),
        },
        payload: args.payload.then_some(match args.format {
            Some(cli::PayloadFormat::Js) => PayloadFormat::Js,
            Some(cli::PayloadFormat::Json) | None => PayloadFormat::Json,
        }),
        decision,
        error_code: args.error_code,
        app_name: if args.app_name.trim().is_empty() {
            "This mini program".to_string()
        } else {
            args.app_name
        },
        code_source: args.seed.map_or(CodeSource::Os, CodeSource::Seeded),
        compact: args.compact,
        output: args.output,
        color,
    }
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
        jobs: args
            .jobs
            .map(usize::from)
            .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
            .unwrap_or(1),
        color,
        walk: crate::validate::WalkOptions {
            no_ignore: args.no_ignore,
            hidden: args.hidden,
        },
    }
}
