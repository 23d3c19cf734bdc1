//! Did-you-mean suggestions for misspelled scope names, and the one wording of their hint.

/// The candidate closest to `name`, if it is close enough to be what the user meant.
///
/// A case-insensitive exact match wins (`user_login_id` -> `USER_LOGIN_ID`); otherwise the
/// most similar name by Jaro-Winkler over upper-cased text, above a threshold.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted = name.to_ascii_uppercase();
    let len = wanted.chars().count();
    let mut best: Option<(&'a str, f64)> = None;
    for candidate in candidates {
        // When one text is over 8 times as long as the other, Jaro is at most
        // (1/8 + 1 + 1) / 3 and Jaro-Winkler below 0.83: skip the comparison, whose cost
        // grows with the product of the lengths (a 10 MB "scope" took minutes).
        let other = candidate.chars().count();
        if len > 8 * other || other > 8 * len {
            continue;
        }
        let upper = candidate.to_ascii_uppercase();
        if upper == wanted {
            return Some(candidate);
        }
        let score = strsim::jaro_winkler(&wanted, &upper);
        if score >= 0.85 && best.is_none_or(|(_, b)| score > b) {
            best = Some((candidate, score));
        }
    }
    best.map(|(c, _)| c)
}

/// The did-you-mean hint for the unknown scope `name`, the same wherever a scope is read: a
/// fix that differs only in case says that scope names are case-sensitive.
pub(crate) fn did_you_mean<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<String> {
    closest(name, candidates).map(|near| {
        if near.eq_ignore_ascii_case(name) {
            format!("did you mean {near}? (scope names are case-sensitive)")
        } else {
            format!("did you mean {near}?")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{closest, did_you_mean};

    #[test]
    fn the_case_note_comes_with_a_case_fix_only() {
        assert_eq!(
            did_you_mean("kyc_info", NAMES.into_iter()).as_deref(),
            Some("did you mean KYC_INFO? (scope names are case-sensitive)")
        );
        assert_eq!(
            did_you_mean("KYC_INF", NAMES.into_iter()).as_deref(),
            Some("did you mean KYC_INFO?")
        );
        assert_eq!(did_you_mean("PAYMENT", NAMES.into_iter()), None);
    }

    const NAMES: [&str; 4] = ["USER_LOGIN_ID", "KYC_INFO", "USER_OFFICE_NAME", "USER_JOB"];

    #[test]
    fn suggests_case_and_typo_fixes() {
        assert_eq!(
            closest("user_login_id", NAMES.into_iter()),
            Some("USER_LOGIN_ID")
        );
        assert_eq!(
            closest("USER_LOGN_ID", NAMES.into_iter()),
            Some("USER_LOGIN_ID")
        );
        assert_eq!(closest("KYC_INF", NAMES.into_iter()), Some("KYC_INFO"));
    }

    #[test]
    fn stays_quiet_for_unrelated_names() {
        assert_eq!(closest("PAYMENT", NAMES.into_iter()), None);
        assert_eq!(closest("", NAMES.into_iter()), None);
    }
}
