//! The consent prompt on stderr, in the spirit of the wallet's consent page. It only asks:
//! it returns a [`Decision`] and an error value, and never builds a response.

use std::io::{self, Write};

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{MultiSelect, Select};

use crate::consent::Decision;
use crate::error::Interrupted;
use crate::output::{sanitize, Paint};
use crate::profile::{Profile, Scope};

/// What the user answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer {
    pub decision: Decision,
    /// The error value for denied scopes (`default_error` when nothing was denied).
    pub error_value: String,
}

/// Asks the user on stderr which of `scopes` to grant, and with which error value to deny.
///
/// Esc, `q` and Ctrl-C end with [`Interrupted`].
pub(crate) fn ask(
    app_name: &str,
    profile: &Profile,
    scopes: &[&Scope],
    default_error: &str,
    paint: Paint,
) -> anyhow::Result<Answer> {
    let colorful = ColorfulTheme::default();
    console::set_colors_enabled_stderr(paint.0);
    let theme: &dyn Theme = if paint.0 { &colorful } else { &SimpleTheme };
    let term = console::Term::stderr();
    let _guard = crate::terminal::CursorGuard;

    let width = scopes.iter().map(|s| s.scope.len()).max().unwrap_or(0);
    let mut intro = format!(
        "\n{} wants to access your {} account:\n",
        paint.bold(&sanitize(app_name)),
        sanitize(&profile.name)
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
            let room = item_room(&term);
            let items: Vec<String> = scopes
                .iter()
                .map(|s| {
                    let item = format!("{:width$}  {}", s.scope, sanitize(&s.description));
                    fit(&item, room)
                })
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
            let mut line = String::new();
            theme.format_select_prompt_selection(
                &mut line,
                "Scopes to grant",
                &granted_summary(scopes, &picked),
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
        ask_error_value(theme, &term, profile, default_error)?
    };
    Ok(Answer {
        decision,
        error_value,
    })
}

fn ask_error_value(
    theme: &dyn Theme,
    term: &console::Term,
    profile: &Profile,
    default_error: &str,
) -> anyhow::Result<String> {
    let mut codes: Vec<(String, String)> = profile
        .errors
        .iter()
        .map(|e| (e.code.clone(), sanitize(&e.message).into_owned()))
        .collect();
    if profile.error(default_error).is_none() {
        codes.insert(0, (default_error.to_string(), "not in the catalog".into()));
    }
    let width = codes.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    let room = item_room(term);
    let items: Vec<String> = codes
        .iter()
        .map(|(code, message)| fit(&format!("{code:width$}  {message}"), room))
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

/// The granted scopes in a few words: their names, or when most were granted, the
/// ones that were not.
fn granted_summary(scopes: &[&Scope], picked: &[usize]) -> String {
    let granted: Vec<&str> = picked.iter().map(|&i| scopes[i].scope.as_str()).collect();
    let denied: Vec<&str> = (0..scopes.len())
        .filter(|i| !picked.contains(i))
        .map(|i| scopes[i].scope.as_str())
        .collect();
    if granted.is_empty() {
        "none".to_string()
    } else if denied.is_empty() {
        "all".to_string()
    } else if granted.len() > 4 && denied.len() < granted.len() {
        format!("all but {}", denied.join(", "))
    } else {
        granted.join(", ")
    }
}

/// How many columns a list item may take. dialoguer redraws a list by counting lines, so an
/// item that wraps leaves a stale copy of the list on screen at every key press.
fn item_room(term: &console::Term) -> usize {
    let columns = term
        .size_checked()
        .map_or(80, |(_, cols)| usize::from(cols));
    // "> [x] " is the widest item prefix; one spare column keeps the cursor off the edge.
    columns.saturating_sub(7).max(20)
}

/// `text` cut to `room` characters, with an ellipsis when something was cut.
fn fit(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(room.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
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

#[cfg(test)]
mod tests {
    use super::{fit, granted_summary};
    use crate::profile::Profile;

    #[test]
    fn summary_names_the_shorter_side() {
        let profile = Profile::dana();
        let three: Vec<_> = profile.scopes.iter().take(3).collect();
        assert_eq!(granted_summary(&three, &[]), "none");
        assert_eq!(granted_summary(&three, &[0, 1, 2]), "all");
        assert_eq!(
            granted_summary(&three, &[0, 2]),
            "USER_LOGIN_ID, USER_CONTACTINFO_EMAIL"
        );
        let all: Vec<_> = profile.scopes.iter().collect();
        let most: Vec<usize> = (0..25).filter(|&i| i != 3 && i != 23).collect();
        assert_eq!(
            granted_summary(&all, &most),
            "all but USER_BIOLOGICAL_MOTHER_NAME, USER_ACCOUNT_HOLDER_NAME"
        );
        assert_eq!(granted_summary(&all, &[1]), "KYC_INFO");
    }

    #[test]
    fn fit_cuts_long_items_to_the_room() {
        assert_eq!(fit("short", 20), "short");
        assert_eq!(fit("exactly ten", 11), "exactly ten");
        let cut = fit(
            "USER_LOGIN_ID  Authorized to obtain users' phone numbers",
            24,
        );
        assert_eq!(cut, "USER_LOGIN_ID  Authoriz…");
        assert_eq!(cut.chars().count(), 24);
        // No blank before the ellipsis.
        assert_eq!(fit("ab cd", 4), "ab…");
    }
}
