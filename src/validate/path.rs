//! Paths into a JSON document: the steps from the root to a value, as the checks record them
//! and as `locate` follows them through the text, and their JSON pointer (RFC 6901).

use std::borrow::Cow;

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step<'a> {
    /// An object member: its key, and which occurrence of that key (0 unless repeated).
    Key { name: Cow<'a, str>, occurrence: u32 },
    /// An array element.
    Index(usize),
}

impl<'a> Step<'a> {
    /// The step with its own copy of a key.
    pub(super) fn to_owned_step(&self) -> Step<'static> {
        match self {
            Step::Key { name, occurrence } => Step::Key {
                name: Cow::Owned(name.clone().into_owned()),
                occurrence: *occurrence,
            },
            Step::Index(i) => Step::Index(*i),
        }
    }

    /// The first member named `name`.
    pub(super) fn key(name: impl Into<Cow<'a, str>>) -> Step<'a> {
        Step::Key {
            name: name.into(),
            occurrence: 0,
        }
    }
}

/// Whether a finding points at a member's key or at its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Key,
    Value,
}

/// The JSON pointer (RFC 6901) of `path`.
pub(super) fn pointer(path: &[Step<'_>]) -> String {
    let mut out = String::new();
    for step in path {
        out.push('/');
        match step {
            Step::Key { name, .. } => out.push_str(&name.replace('~', "~0").replace('/', "~1")),
            Step::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape() {
        assert_eq!(
            pointer(&[Step::key("a/b"), Step::key("m~n"), Step::Index(3)]),
            "/a~1b/m~0n/3"
        );
        assert_eq!(pointer(&[]), "");
    }
}
