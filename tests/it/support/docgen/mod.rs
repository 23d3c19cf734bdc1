//! The one seeded document generator: my.getAuthCode requests and responses drawn from the
//! embedded DANA catalog by a fixed-seed PRNG, so that every run sees the same documents.
//!
//! Two ways to draw a document, from one generator and one stream of random numbers:
//! - [`Generator::case`] + [`Generator::document`]: a response built to be clean, to carry
//!   a warning only, or to break the spec in one known way ([`Case`]); the case is the
//!   ground truth that validate's verdict must equal. `cargo bench --bench validate` checks
//!   every verdict of its corpus against it; the property tests check it for any seed.
//! - [`Generator::arbitrary_line`]: a request or response after random mutations, whose
//!   verdict nobody knows in advance; the schema differential test compares validate with
//!   the exported JSON Schemas on these.
//!
//! Shared by the test binary (`tests/it/support/mod.rs`) and the benchmark
//! (`benches/support/mod.rs` includes this directory with `#[path]`), so it depends on
//! serde_json and std only.

#![allow(dead_code)] // each includer uses a part

mod arbitrary;
mod json;
mod responses;
mod truth;

use std::collections::HashSet;

pub use truth::Case;

/// The catalog the documents draw their scopes and error codes from.
const CATALOG: &str = include_str!("../../../../src/profile/wallets/dana.json");

/// Every field of my.getAuthCode's request and response, and the JSAPI callback names that
/// a confused caller puts in a document.
pub const FIELDS: [&str; 7] = [
    "scopes",
    "authCode",
    "authSuccessScopes",
    "authErrorScopes",
    "error",
    "errorMessage",
    "success",
];

/// Error values: the catalog's codes, and two that other wallets send.
pub const ERROR_VALUES: &[&str] = &["3", "10", "11", "40006", "99999", "E_DENIED"];

/// A small, fast, well-known PRNG; enough to make the corpus reproducible without a crate.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// True in `n` cases of 100.
    pub fn percent(&mut self, n: usize) -> bool {
        self.below(100) < n
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Where a document goes: a pretty-printed file of ~4 KB, or a short NDJSON line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    File,
    Line,
}

/// The scope names of the embedded catalog, in its order.
pub fn scope_names() -> Vec<String> {
    catalog_strings("scopes", "scope")
}

/// The error codes of the embedded catalog, in its order.
pub fn error_codes() -> Vec<String> {
    catalog_strings("errors", "code")
}

fn catalog_strings(list: &str, field: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(CATALOG).expect("embedded catalog");
    v[list]
        .as_array()
        .expect("catalog list")
        .iter()
        .map(|e| e[field].as_str().expect("catalog string").to_owned())
        .collect()
}

/// Builds documents; each decided by the PRNG.
pub struct Generator {
    pub rng: SplitMix64,
    scopes: Vec<String>,
    codes: Vec<String>,
    known_scopes: HashSet<String>,
    /// The wallet's profile as its file writes it (string scopes, default scopes, request
    /// parameters, the type of error values): the arbitrary documents follow it.
    profile: serde_json::Value,
}

impl Generator {
    /// A generator over DANA's embedded profile.
    pub fn new(seed: u64) -> Generator {
        Generator::for_profile(
            seed,
            serde_json::from_str(CATALOG).expect("embedded catalog"),
        )
    }

    /// A generator over the profile `profile` (the JSON of a `src/profile/wallets/*.json` file).
    pub fn for_profile(seed: u64, profile: serde_json::Value) -> Generator {
        let strings = |list: &str, field: &str| -> Vec<String> {
            profile[list]
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .map(|e| e[field].as_str().expect("profile string").to_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        let scopes = strings("scopes", "scope");
        Generator {
            rng: SplitMix64::new(seed),
            known_scopes: scopes.iter().cloned().collect(),
            codes: strings("errors", "code"),
            scopes,
            profile,
        }
    }

    /// A known scope.
    fn scope(&mut self) -> String {
        self.rng.pick(&self.scopes).clone()
    }
}
