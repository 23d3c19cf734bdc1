//! Text helpers of the ranking: words of a name or description, and edit distances.

/// Whether one insertion, deletion, substitution or swap of neighbours turns `a` into `b`.
pub(super) fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = if a.len() <= b.len() {
        (a.as_bytes(), b.as_bytes())
    } else {
        (b.as_bytes(), a.as_bytes())
    };
    if b.len() - a.len() > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if p == a.len() {
        return true;
    }
    if a.len() < b.len() {
        return a[p..] == b[p + 1..];
    }
    a[p + 1..] == b[p + 1..]
        || (p + 1 < a.len() && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..])
}

/// The optimal-string-alignment distance of `a` and `b` (insertions, deletions,
/// substitutions, swaps of neighbours), or none once it must exceed `budget`.
pub(super) fn osa_within(
    a: &[u8],
    b: &[u8],
    budget: usize,
    rows: &mut Vec<usize>,
) -> Option<usize> {
    let width = b.len() + 1;
    rows.clear();
    rows.resize(3 * width, 0);
    let (before, rest) = rows.split_at_mut(width);
    let (prev, cur) = rest.split_at_mut(width);
    let (mut before, mut prev, mut cur) = (before, prev, cur);
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        // A swap reaches back two rows, so stop only when this row is all over budget and the
        // previous one too.
        if row_min > budget && prev.iter().min().is_some_and(|&m| m > budget) {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let edits = prev[b.len()];
    (edits <= budget).then_some(edits)
}

/// The upper-cased words of a name or description: split at anything but ASCII letters
/// and digits and where camelCase turns upper, with a plural `S` dropped; one-letter words
/// (the `s` of `mother's`) left out.
pub(super) fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for ch in text.chars() {
        if !ch.is_ascii_alphanumeric() {
            push_word(&mut words, &mut word);
            prev_lower = false;
            continue;
        }
        if prev_lower && ch.is_ascii_uppercase() {
            push_word(&mut words, &mut word);
        }
        prev_lower = ch.is_ascii_lowercase() || ch.is_ascii_digit();
        word.push(ch.to_ascii_uppercase());
    }
    push_word(&mut words, &mut word);
    words
}

fn push_word(words: &mut Vec<String>, word: &mut String) {
    if word.len() > 3 && word.ends_with('S') && !word.ends_with("SS") {
        word.pop();
    }
    if word.len() > 1 {
        words.push(std::mem::take(word));
    } else {
        word.clear();
    }
}

/// Upper-cased ASCII letters and digits of `text`: names equal up to case and separators
/// compact alike.
pub(super) fn compact(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

pub(super) fn dedup(ids: &mut Vec<u32>) {
    let mut seen = Vec::with_capacity(ids.len());
    ids.retain(|id| {
        let new = !seen.contains(id);
        seen.push(*id);
        new
    });
}
