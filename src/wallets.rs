//! `authcode wallets`: the built-in profiles as a table or JSON — name (as `--wallet` takes
//! it), wallet, number of scopes, the error values it publishes (or that it takes the
//! family's, publishing none), and where the profile's facts come from.

use std::io::Write;

use serde::Serialize;

use crate::output::Paint;
use crate::profile::{family_errors, BUILTIN};
use crate::text::sanitize;

/// One row of the listing.
#[derive(Debug, Serialize)]
struct Row {
    name: &'static str,
    wallet: String,
    scopes: usize,
    /// The error values the wallet publishes.
    errors: Vec<String>,
    /// Publishing none, the wallet takes the family's string values without a warning.
    #[serde(rename = "familyErrors")]
    family_errors: bool,
    source: String,
}

fn rows() -> Vec<Row> {
    BUILTIN
        .iter()
        .map(|b| {
            let p = b.profile();
            Row {
                name: b.name,
                scopes: p.scopes.len(),
                family_errors: p.errors.is_empty() && p.known_errors() == family_errors(),
                errors: p.errors.into_iter().map(|e| e.code).collect(),
                wallet: p.name,
                source: p.source,
            }
        })
        .collect()
}

/// Lists the built-in wallets on `out`.
pub(crate) fn run(json: bool, paint: Paint, out: &mut dyn Write) -> anyhow::Result<()> {
    let rows = rows();
    let mut text = String::new();
    if json {
        text = serde_json::to_string_pretty(&rows)?;
        text.push('\n');
    } else {
        let name_width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
        let wallet_width = rows
            .iter()
            .map(|r| r.wallet.chars().count())
            .max()
            .unwrap_or(0);
        let header = format!(
            "{:name_width$}  {:wallet_width$}  SCOPES  ERRORS  SOURCE\n",
            "NAME", "WALLET"
        );
        text.push_str(&paint.bold(header.trim_end()));
        text.push('\n');
        for r in &rows {
            let name = format!("{:name_width$}", r.name);
            text.push_str(&paint.cyan(&name));
            let errors = if r.family_errors {
                "family".to_string()
            } else {
                r.errors.len().to_string()
            };
            text.push_str(&format!(
                "  {:wallet_width$}  {:>6}  {errors:>6}  {}\n",
                sanitize(&r.wallet),
                r.scopes,
                sanitize(&r.source)
            ));
        }
        let family: Vec<&str> = family_errors().iter().map(|e| e.code.as_str()).collect();
        text.push_str(&format!(
            "\nERRORS: how many error values the wallet publishes; family: it publishes none, \
             and the family's string values are taken without a warning ({}).\n",
            family.join(", ")
        ));
    }
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_builtin_wallet_with_its_scope_count() {
        let mut out = Vec::new();
        run(false, Paint(false), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 10);
        assert!(lines[9].starts_with("ERRORS: "), "{}", lines[9]);
        assert!(
            lines[9].contains("(3, 10, 11, 40006, 10001, 4)"),
            "{}",
            lines[9]
        );
        let tng = lines.iter().find(|l| l.starts_with("tng ")).unwrap();
        assert!(tng.contains("    12  family  "), "{tng}");
        assert!(lines[0].starts_with("NAME "));
        assert!(lines[1].starts_with("dana "), "{}", lines[1]);
        assert!(lines[1].contains("DANA") && lines[1].contains("    25       4  "));
        assert!(lines[6].starts_with("alipayhk ") && lines[6].contains("     1  "));
    }
}
