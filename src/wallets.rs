//! `authcode wallets`: the built-in profiles as a table or JSON — name (as `--wallet` takes
//! it), wallet, number of scopes, and where the profile's facts come from.

use std::io::Write;

use serde::Serialize;

use crate::output::Paint;
use crate::profile::BUILTIN;
use crate::text::sanitize;

/// One row of the listing.
#[derive(Debug, Serialize)]
struct Row {
    name: &'static str,
    wallet: String,
    scopes: usize,
    source: String,
}

fn rows() -> Vec<Row> {
    BUILTIN
        .iter()
        .map(|b| {
            let p = b.profile();
            Row {
                name: b.name,
                wallet: p.name,
                scopes: p.scopes.len(),
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
            "{:name_width$}  {:wallet_width$}  SCOPES  SOURCE\n",
            "NAME", "WALLET"
        );
        text.push_str(&paint.bold(header.trim_end()));
        text.push('\n');
        for r in &rows {
            let name = format!("{:name_width$}", r.name);
            text.push_str(&paint.cyan(&name));
            text.push_str(&format!(
                "  {:wallet_width$}  {:>6}  {}\n",
                sanitize(&r.wallet),
                r.scopes,
                sanitize(&r.source)
            ));
        }
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
        assert_eq!(lines.len(), 8);
        assert!(lines[0].starts_with("NAME "));
        assert!(lines[1].starts_with("dana "), "{}", lines[1]);
        assert!(lines[1].contains("DANA") && lines[1].contains("    25  "));
        assert!(lines[6].starts_with("alipayhk ") && lines[6].contains("     1  "));
    }
}
