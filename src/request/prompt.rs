//! The consent prompt on stderr, in the spirit of the wallet's consent page. It only asks:
//! it returns a [`Decision`] and an error value, and never builds a response.
//!
//! It fits the terminal it is shown in (`layout`): whatever dialoguer redraws takes one row
//! per line, and the header's scope rows are cut by the same rule as the list's; the title
//! and the answers wrap by words. After any answer — Enter, Esc, Ctrl-C — the screen holds
//! the header and the answered lines only. `theme` marks the active row of the scope list
//! with a glyph, with or without colors.

mod layout;
mod theme;

use std::io::{self, Write};

use dialoguer::theme::Theme;
use dialoguer::{MultiSelect, Select};

use crate::consent::Decision;
use crate::error::Interrupted;
use crate::output::Paint;
use crate::profile::{Profile, Scope};
use crate::terminal;
use crate::text::sanitize;
use layout::{fit, line_room, question, wrap};
use theme::{PromptTheme, ITEM_PREFIX_COLUMNS, PAGING_COLUMNS, QUESTION_COLUMNS};

/// What the user answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer {
    pub decision: Decision,
    /// The error value for denied scopes (`default_error` when nothing was denied).
    pub error_value: String,
}

/// The terminal's size, as dialoguer sees it, and what fits in it.
struct Screen {
    term: console::Term,
    rows: usize,
    columns: usize,
}

impl Screen {
    fn new() -> Screen {
        let term = console::Term::stderr();
        let (rows, columns) = term
            .size_checked()
            .map_or((24, 80), |(r, c)| (usize::from(r), usize::from(c)));
        Screen {
            term,
            rows,
            columns,
        }
    }

    /// Columns a list item may take after its "> [x] " prefix.
    fn item_room(&self) -> usize {
        line_room(self.columns)
            .saturating_sub(ITEM_PREFIX_COLUMNS)
            .max(1)
    }

    /// A list item cut to fit one row.
    fn item(&self, text: &str) -> String {
        fit(text, self.item_room(), self.columns)
    }

    /// Whether dialoguer pages a list of `items` (it keeps two rows for itself).
    fn pages(&self, items: usize) -> bool {
        items > self.rows.max(3) - 2
    }

    /// The first of `wordings` that fits the question line of a list of `items`.
    fn question(&self, wordings: &[&str], items: usize) -> String {
        let paging = if self.pages(items) { PAGING_COLUMNS } else { 0 };
        let room = line_room(self.columns).saturating_sub(QUESTION_COLUMNS + paging);
        question(wordings, room.max(1))
    }

    /// Lines a question with `items` takes on screen, for clearing it on Ctrl-C; 0 when
    /// dialoguer pages the list, since which page is shown is not known here.
    fn lines(&self, items: usize) -> usize {
        if self.pages(items) {
            0
        } else {
            1 + items
        }
    }

    /// Writes an answer line, wrapped by words.
    fn answer(&self, theme: &PromptTheme, question: &str, answer: &str) -> io::Result<()> {
        let mut line = String::new();
        theme
            .format_select_prompt_selection(&mut line, question, answer)
            .map_err(io::Error::other)?;
        for part in wrap(&line, line_room(self.columns)) {
            self.term.write_line(&part)?;
        }
        Ok(())
    }
}

/// Asks the user on stderr which of `scopes` to grant, and with which error value to deny.
///
/// Esc, `q` and Ctrl-C end with [`Interrupted`], the question cleared from the screen.
pub(crate) fn ask(
    app_name: &str,
    who: &str,
    profile: &Profile,
    scopes: &[&Scope],
    default_error: &str,
    paint: Paint,
) -> anyhow::Result<Answer> {
    console::set_colors_enabled_stderr(paint.0);
    let theme = PromptTheme::new(paint.0);
    let screen = Screen::new();
    let _guard = terminal::CursorGuard;

    let width = scopes.iter().map(|s| s.scope.len()).max().unwrap_or(0);
    let title = format!(
        "{} wants to access your {} account:",
        sanitize(app_name),
        sanitize(&profile.name)
    );
    let mut intro = String::from("\n");
    for line in wrap(&title, line_room(screen.columns)) {
        intro.push_str(&paint.bold(&line));
        intro.push('\n');
    }
    // Who consents: the simulated user the code is recorded for (`--user`).
    for line in wrap(who, line_room(screen.columns)) {
        intro.push_str(&paint.dim(&line));
        intro.push('\n');
    }
    for s in scopes {
        // The same rule as the list below: one row each, cut with "…".
        let bullet = "  • ";
        let row = fit(
            &format!("{bullet}{:width$}  {}", s.scope, sanitize(&s.description)),
            line_room(screen.columns),
            usize::MAX,
        );
        let rest = &row[bullet.len()..];
        let name = s
            .scope
            .bytes()
            .zip(rest.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        intro.push_str(bullet);
        intro.push_str(&paint.cyan(&rest[..name]));
        intro.push_str(&rest[name..]);
        intro.push('\n');
    }
    io::stderr().write_all(intro.as_bytes())?;

    let choices = ["Allow all", "Choose scopes", "Deny all"];
    let choice = shown(screen.lines(choices.len()), || {
        Select::with_theme(&theme)
            .with_prompt(screen.question(&["Your decision"], choices.len()))
            .items(choices)
            .default(0)
            .report(false)
            .interact_on_opt(&screen.term)
    })?;
    // Reported here rather than by dialoguer, which would let a long line wrap.
    screen.answer(&theme, "Your decision", choices[choice])?;
    let decision = match choice {
        0 => Decision::ApproveAll,
        2 => Decision::DenyAll,
        _ => {
            let items: Vec<String> = scopes
                .iter()
                .map(|s| screen.item(&format!("{:width$}  {}", s.scope, sanitize(&s.description))))
                .collect();
            let wordings = [
                "Scopes to grant (space toggles, enter confirms)",
                "Scopes to grant (space, enter)",
                "Scopes to grant",
            ];
            let picked = shown(screen.lines(items.len()), || {
                MultiSelect::with_theme(&theme)
                    .with_prompt(screen.question(&wordings, items.len()))
                    .items(&items)
                    .defaults(&vec![true; items.len()])
                    .report(false)
                    .interact_on_opt(&screen.term)
            })?;
            // dialoguer's own report repeats the padded descriptions; the names alone say
            // what was granted.
            screen.answer(&theme, "Scopes to grant", &granted_summary(scopes, &picked))?;
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
        ask_error_value(&theme, &screen, profile, default_error)?
    };
    Ok(Answer {
        decision,
        error_value,
    })
}

fn ask_error_value(
    theme: &PromptTheme,
    screen: &Screen,
    profile: &Profile,
    default_error: &str,
) -> anyhow::Result<String> {
    let mut codes: Vec<(String, String)> = profile
        .known_errors()
        .iter()
        .map(|e| (e.code.clone(), sanitize(&e.message).into_owned()))
        .collect();
    if !profile.knows_error(default_error) {
        codes.insert(0, (default_error.to_string(), "not in the catalog".into()));
    }
    let width = codes.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    let items: Vec<String> = codes
        .iter()
        .map(|(code, message)| screen.item(&format!("{code:width$}  {message}")))
        .collect();
    let default = codes
        .iter()
        .position(|(c, _)| c == default_error)
        .unwrap_or(0);
    let wordings = [
        "Error value for the denied scopes",
        "Error value for denied scopes",
        "Error value",
    ];
    let index = shown(screen.lines(items.len()), || {
        Select::with_theme(theme)
            .with_prompt(screen.question(&wordings, items.len()))
            .items(&items)
            .default(default)
            .report(false)
            .interact_on_opt(&screen.term)
    })?;
    // dialoguer would report the padded "code  message" item; say it plainly.
    let (code, message) = &codes[index];
    screen.answer(
        theme,
        "Error value for the denied scopes",
        &format!("{code} ({message})"),
    )?;
    Ok(codes.swap_remove(index).0)
}

/// Runs one dialoguer question that takes `lines` on screen. Esc (dialoguer clears the
/// question) and Ctrl-C (cleared here, or by the signal handler that races this) end with
/// [`Interrupted`]; either way only the answered lines stay on screen.
fn shown<T>(lines: usize, ask: impl FnOnce() -> dialoguer::Result<Option<T>>) -> anyhow::Result<T> {
    terminal::set_prompt_lines(lines);
    let result = ask();
    match result {
        Ok(Some(value)) => {
            terminal::set_prompt_lines(0);
            Ok(value)
        }
        Ok(None) => {
            terminal::set_prompt_lines(0);
            Err(Interrupted.into())
        }
        Err(dialoguer::Error::IO(e)) if e.kind() == io::ErrorKind::Interrupted => {
            terminal::clear_prompt();
            Err(Interrupted.into())
        }
        Err(dialoguer::Error::IO(e)) => {
            terminal::set_prompt_lines(0);
            Err(e.into())
        }
    }
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

#[cfg(test)]
mod tests {
    use super::granted_summary;
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
}
