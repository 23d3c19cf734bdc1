//! Fitting the prompt into the terminal's width.
//!
//! dialoguer redraws a question by counting the lines it wrote, not the rows they took: a
//! line that wraps leaves stale rows on screen at each key and after the answer. So every
//! line it redraws — a question, a list item — must fit one row. The header lists the same
//! scopes as the list, and follows the same rule: a line too long is cut at the width, with
//! "…". Sentences written once — the title, an answer — wrap by words instead, since
//! cutting them would lose what they say.

/// The display width of `text` (terminal columns; escape sequences take none).
pub(super) fn width(text: &str) -> usize {
    console::measure_text_width(text)
}

fn char_width(c: char) -> usize {
    let mut buf = [0; 4];
    width(c.encode_utf8(&mut buf))
}

/// Columns a whole line may take: one spare column keeps the cursor off the right edge.
pub(super) fn line_room(columns: usize) -> usize {
    columns.saturating_sub(1).max(1)
}

/// `text` (plain) cut to `room` columns and at most `max_bytes` bytes, with an ellipsis when
/// something was cut. The byte limit is for dialoguer, which counts an item's bytes, not its
/// columns, to tell whether it wrapped.
pub(super) fn fit(text: &str, room: usize, max_bytes: usize) -> String {
    if width(text) <= room && text.len() <= max_bytes {
        return text.to_string();
    }
    let ellipsis = '…';
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w + 1 > room || cut.len() + c.len_utf8() + ellipsis.len_utf8() > max_bytes {
            break;
        }
        cut.push(c);
        used += w;
    }
    cut.truncate(cut.trim_end().len());
    cut.push(ellipsis);
    cut
}

/// `text` broken into lines of at most `room` columns at spaces; a word longer than a line
/// is broken where the line ends (escape sequences in it are kept whole, so a painted word
/// is never broken).
pub(super) fn wrap(text: &str, room: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let needed = if line.is_empty() { 0 } else { 1 } + width(word);
        if !line.is_empty() && width(&line) + needed > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        if width(word) > room && !word.contains('\x1b') {
            for c in word.chars() {
                if width(&line) + char_width(c) > room {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        } else {
            line.push_str(word);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The first of `wordings` (longest first) that fits `room` columns, or the last one cut.
pub(super) fn question(wordings: &[&str], room: usize) -> String {
    wordings
        .iter()
        .find(|w| width(w) <= room)
        .map(|w| w.to_string())
        .unwrap_or_else(|| fit(wordings.last().copied().unwrap_or(""), room, usize::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_long_lines_to_the_room() {
        assert_eq!(fit("short", 20, usize::MAX), "short");
        assert_eq!(fit("exactly ten", 11, usize::MAX), "exactly ten");
        let cut = fit(
            "USER_LOGIN_ID  Authorized to obtain users' phone numbers",
            24,
            usize::MAX,
        );
        assert_eq!(cut, "USER_LOGIN_ID  Authoriz…");
        assert_eq!(width(&cut), 24);
        // No blank before the ellipsis.
        assert_eq!(fit("ab cd", 4, usize::MAX), "ab…");
    }

    #[test]
    fn fit_counts_columns_and_bytes() {
        // Two columns per CJK character: 5 of them take 10 columns.
        let cjk = "用户手机号码授权";
        let cut = fit(cjk, 11, usize::MAX);
        assert_eq!(cut, "用户手机号…");
        assert_eq!(width(&cut), 11);
        // dialoguer's byte count: at most 12 bytes, the ellipsis's three included.
        assert_eq!(fit(cjk, 40, 12), "用户手…");
        assert_eq!(fit("abcdef", 40, 4), "a…");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_never_loses_a_word() {
        let title = "This mini program wants to access your DANA account:";
        assert_eq!(
            wrap(title, 29),
            ["This mini program wants to", "access your DANA account:"]
        );
        assert_eq!(wrap(title, 80), [title]);
        assert_eq!(
            wrap("a USER_BIOLOGICAL_MOTHER_NAME b", 10),
            ["a", "USER_BIOLO", "GICAL_MOTH", "ER_NAME b"]
        );
        for room in 10..60 {
            let lines = wrap(title, room);
            assert!(lines.iter().all(|l| width(l) <= room), "{room}: {lines:?}");
            assert_eq!(lines.join(" "), title);
        }
    }

    #[test]
    fn question_takes_the_longest_wording_that_fits() {
        let wordings = [
            "Scopes to grant (space toggles, enter confirms)",
            "Scopes to grant",
        ];
        assert_eq!(question(&wordings, 60), wordings[0]);
        assert_eq!(question(&wordings, 30), "Scopes to grant");
        assert_eq!(question(&wordings, 8), "Scopes…");
    }
}
