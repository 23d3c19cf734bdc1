//! dialoguer's two themes — colorful, and plain for `NO_COLOR` — with one change: the active
//! row of the scope list is marked by a glyph in both. The colorful theme marks it by color
//! alone, which a terminal without colors (or a reader of a screen dump) does not see.

use std::fmt;

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};

/// The prompt's theme.
pub(super) enum PromptTheme {
    Colorful(Box<ColorfulTheme>),
    Plain,
}

impl PromptTheme {
    pub(super) fn new(colors: bool) -> PromptTheme {
        if colors {
            PromptTheme::Colorful(Box::default())
        } else {
            PromptTheme::Plain
        }
    }

    fn inner(&self) -> &dyn Theme {
        match self {
            PromptTheme::Colorful(theme) => theme.as_ref(),
            PromptTheme::Plain => &SimpleTheme,
        }
    }
}

impl Theme for PromptTheme {
    fn format_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.inner().format_select_prompt(f, prompt)
    }

    fn format_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.inner().format_select_prompt_selection(f, prompt, sel)
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.inner().format_select_prompt_item(f, text, active)
    }

    fn format_multi_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.inner().format_multi_select_prompt(f, prompt)
    }

    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> fmt::Result {
        self.inner()
            .format_multi_select_prompt_selection(f, prompt, selections)
    }

    fn format_multi_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        checked: bool,
        active: bool,
    ) -> fmt::Result {
        match self {
            // "❯ ✔ NAME" on the active row, "  ✔ NAME" elsewhere.
            PromptTheme::Colorful(theme) => {
                let marker = if active {
                    &theme.active_item_prefix
                } else {
                    &theme.inactive_item_prefix
                };
                write!(f, "{marker} ")?;
                theme.format_multi_select_prompt_item(f, text, checked, active)
            }
            // "> [x] NAME" already.
            PromptTheme::Plain => {
                SimpleTheme.format_multi_select_prompt_item(f, text, checked, active)
            }
        }
    }
}

/// The widest prefix an item row gets ("> [x] " or "❯ ✔ ").
pub(super) const ITEM_PREFIX_COLUMNS: usize = 6;
/// What a question line adds to the question ("? " and " ›", or ":").
pub(super) const QUESTION_COLUMNS: usize = 4;
/// What dialoguer adds to a question when it pages a long list (" [Page 1/2] ").
pub(super) const PAGING_COLUMNS: usize = 14;

#[cfg(test)]
mod tests {
    use super::*;

    fn item(theme: &PromptTheme, active: bool) -> String {
        let mut out = String::new();
        theme
            .format_multi_select_prompt_item(&mut out, "KYC_INFO", true, active)
            .unwrap();
        console::strip_ansi_codes(&out).into_owned()
    }

    #[test]
    fn the_active_row_is_marked_with_or_without_colors() {
        let colorful = PromptTheme::new(true);
        assert_eq!(item(&colorful, true), "❯ ✔ KYC_INFO");
        assert_eq!(item(&colorful, false), "  ✔ KYC_INFO");
        let plain = PromptTheme::new(false);
        assert_eq!(item(&plain, true), "> [x] KYC_INFO");
        assert_eq!(item(&plain, false), "  [x] KYC_INFO");
    }
}
