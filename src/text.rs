//! Text the user sees, made safe to show: control characters escaped so a hostile file name
//! or JSON string cannot drive the terminal, long values cut. Imports nothing of the project.

use std::path::Path;

/// `text` with control characters (terminal escape sequences among them) made visible, so
/// that a hostile file name or JSON string cannot drive the user's terminal.
pub(crate) fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push('\t'),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out.into()
}

/// Longest piece of user data (a scope name, a key) quoted whole in a message.
const BRIEF_CHARS: usize = 80;

/// `text` [`sanitize`]d and, past 80 characters, cut with its length in bytes, for quoting
/// a value in a one-line message (a 10 MB "scope" must not make a 10 MB error line).
pub(crate) fn brief(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(BRIEF_CHARS) {
        None => sanitize(text),
        Some((cut, _)) => format!("{}… ({} bytes)", sanitize(&text[..cut]), text.len()).into(),
    }
}

/// A path as shown to the user: lossy UTF-8, control characters escaped.
pub(crate) fn display_path(path: &Path) -> String {
    sanitize(&path.to_string_lossy()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_escapes_terminal_sequences() {
        assert_eq!(sanitize("plain"), "plain");
        assert_eq!(sanitize("a\x1b[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("bell\x07"), "bell\\u{7}");
    }
}
