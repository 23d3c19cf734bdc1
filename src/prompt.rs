//! The consent prompt on stderr, in the spirit of the wallet's consent page. It only asks:
//! it returns a [`Decision`] and an error value, and never builds a response.

use std::io::{self, Write};

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{MultiSelect, Select};

use crate::catalog::{Catalog, Scope};
use crate::consent::Decision;
use crate::error::Interrupted;
use crate::output::{sanitize, Paint};

/// What the user answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub decision: Decision,
    /// The error value for denied scopes (`default_error` when nothing was denied).
    pub error_value: String,
}

/// Shows the cursor again however the prompt ends (dialoguer hides it while it runs).
struct CursorGuard;

impl Drop for CursorGuard {
    fn drop(&mut self) {
        let _ = console::Term::stderr().show_cursor();
    }
}

/// Asks the user on stderr which of `scopes` to grant, and with which error value to deny.
///
/// Esc, `q` and Ctrl-C end with [`Interrupted`].
pub fn ask(
    app_name: &str,
    catalog: &Catalog,
    scopes: &[&Scope],
    default_error: &str,
    paint: Paint,
) -> anyhow::Result<Answer> {
    let colorful = ColorfulTheme::default();
    console::set_colors_enabled_stderr(paint.0);
    let theme: &dyn Theme = if paint.0 { &colorful } else { &SimpleTheme };
    let term = console::Term::stderr();
    let _guard = CursorGuard;

    let width = scopes.iter().map(|s| s.scope.len()).max().unwrap_or(0);
    let mut intro = format!(
        "\n{} wants to access your {} account:\n",
        paint.bold(&sanitize(app_name)),
        sanitize(&catalog.name)
    );
    for s in scopes {
        intro.push_str(&format!(
            "  • {}  {}\n",
            paint.cyan(&format!("{:width$}", s.scope)),
            sanitize(&s.description)
        ));
    }
    io::stderr().write_all(intro.as_bytes())?;

    let choice = Select::with_theme(theme)
        .with_prompt("Your decision")
        .items(["Allow all", "Choose scopes", "Deny all"])
        .default(0)
        .interact_on_opt(&term);
    let decision = match answered(choice)? {
        0 => Decision::ApproveAll,
        2 => Decision::DenyAll,
        _ => {
            let items: Vec<String> = scopes
                .iter()
                .map(|s| format!("{:width$}  {}", s.scope, sanitize(&s.description)))
                .collect();
            let picked = MultiSelect::with_theme(theme)
                .with_prompt("Scopes to grant (space toggles, enter confirms)")
                .items(&items)
                .defaults(&vec![true; items.len()])
                .report(false)
                .interact_on_opt(&term);
            let picked = answered(picked)?;
            // dialoguer's own report repeats the padded descriptions and wraps; the names
            // alone say what was granted.
            let names: Vec<&str> = picked.iter().map(|&i| scopes[i].scope.as_str()).collect();
            let mut line = String::new();
            theme.format_multi_select_prompt_selection(
                &mut line,
                "Scopes to grant",
                if names.is_empty() { &["none"] } else { &names },
            )?;
            term.write_line(&line)?;
            if picked.len() == scopes.len() {
                Decision::ApproveAll
            } else if picked.is_empty() {
                Decision::DenyAll
            } else {
                Decision::Grant(picked.iter().map(|&i| scopes[i].scope.clone()).collect())
            }
        }
    };

    let error_value = if decision == Decision::ApproveAll {
        default_error.to_string()
    } else {
        ask_error_value(theme, &term, catalog, default_error)?
    };
    Ok(Answer {
        decision,
        error_value,
    })
}

fn ask_error_value(
    theme: &dyn Theme,
    term: &console::Term,
    catalog: &Catalog,
    default_error: &str,
) -> anyhow::Result<String> {
    let mut codes: Vec<(String, String)> = catalog
        .errors
        .iter()
        .map(|e| (e.code.clone(), sanitize(&e.message).into_owned()))
        .collect();
    if catalog.error(default_error).is_none() {
        codes.insert(0, (default_error.to_string(), "not in the catalog".into()));
    }
    let width = codes.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    let items: Vec<String> = codes
        .iter()
        .map(|(code, message)| format!("{code:width$}  {message}"))
        .collect();
    let default = codes
        .iter()
        .position(|(c, _)| c == default_error)
        .unwrap_or(0);
    let choice = Select::with_theme(theme)
        .with_prompt("Error value for the denied scopes")
        .items(&items)
        .default(default)
        .report(false)
        .interact_on_opt(term);
    let index = answered(choice)?;
    // dialoguer would report the padded "code  message" item; say it plainly.
    let (code, message) = &codes[index];
    let mut line = String::new();
    theme.format_select_prompt_selection(
        &mut line,
        "Error value for the denied scopes",
        &format!("{code} ({message})"),
    )?;
    term.write_line(&line)?;
    Ok(codes.swap_remove(index).0)
}

/// Turns Esc (`None`) and Ctrl-C (an interrupted read) into [`Interrupted`].
fn answered<T>(result: dialoguer::Result<Option<T>>) -> anyhow::Result<T> {
    match result {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(Interrupted.into()),
        Err(dialoguer::Error::IO(e)) if e.kind() == io::ErrorKind::Interrupted => {
            Err(Interrupted.into())
        }
        Err(dialoguer::Error::IO(e)) => Err(e.into()),
    }
}
