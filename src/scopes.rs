//! `authcode scopes`: the catalog as a table or JSON, optionally filtered.

use std::io::Write;

use crate::error::CliError;
use crate::output::Paint;
use crate::profile::{Profile, Scope};
use crate::text::sanitize;

/// What `authcode scopes` was asked for.
#[derive(Debug, Clone)]
pub(crate) struct ScopesConfig {
    pub query: Option<String>,
    pub json: bool,
    pub paint: Paint,
}

/// The scopes whose name or description contains `query`, case-insensitively.
pub(crate) fn matching<'a>(profile: &'a Profile, query: Option<&str>) -> Vec<&'a Scope> {
    let needle = query.map(str::to_lowercase).unwrap_or_default();
    profile
        .scopes
        .iter()
        .filter(|s| {
            needle.is_empty()
                || s.scope.to_lowercase().contains(&needle)
                || s.description.to_lowercase().contains(&needle)
        })
        .collect()
}

/// Lists the matching scopes on `out`; no match is exit 1.
pub(crate) fn run(
    profile: &Profile,
    config: &ScopesConfig,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let shown = matching(profile, config.query.as_deref());
    if shown.is_empty() {
        if config.json {
            // A JSON reader gets a JSON answer: nothing matched is an empty array.
            out.write_all(b"[]\n")?;
            out.flush()?;
        }
        let query = config.query.as_deref().unwrap_or_default();
        return Err(
            CliError::invalid(format!("no scope matches {:?}", sanitize(query)))
                .with_hint("`authcode scopes` lists them all")
                .into(),
        );
    }
    if config.json {
        let mut text = serde_json::to_string_pretty(&shown)?;
        text.push('\n');
        out.write_all(text.as_bytes())?;
    } else {
        let width = shown.iter().map(|s| s.scope.len()).max().unwrap_or(0);
        let mut text = String::new();
        for s in &shown {
            let pad = " ".repeat(width - s.scope.len() + 2);
            text.push_str(&config.paint.cyan(&s.scope));
            text.push_str(&pad);
            text.push_str(&sanitize(&s.description));
            text.push('\n');
        }
        out.write_all(text.as_bytes())?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_query_finds_the_seven_office_scopes() {
        let profile = Profile::dana();
        let found = matching(&profile, Some("OfFiCe"));
        assert_eq!(found.len(), 7);
        assert!(found.iter().all(|s| s.scope.starts_with("USER_OFFICE_")));
    }

    #[test]
    fn query_matches_descriptions_too() {
        let profile = Profile::dana();
        let found = matching(&profile, Some("phone"));
        assert_eq!(found[0].scope, "USER_LOGIN_ID");
    }
}
