//! Minting authorization codes: 32 characters of [0-9A-Za-z].

use rand::rngs::{ChaCha8Rng, SysRng};
use rand::{Rng, SeedableRng, TryRng};

/// Length of a minted authCode.
pub(crate) const CODE_LEN: usize = 32;

const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Where the randomness of a code comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeSource {
    /// The operating system's CSPRNG.
    Os,
    /// A deterministic generator keyed by `--seed` and the requested scopes.
    Seeded(u64),
}

/// A new authCode for a request of `scopes`.
pub fn mint(source: CodeSource, scopes: &[String]) -> Result<String, rand::rngs::SysError> {
    match source {
        CodeSource::Os => mint_from(|buf| SysRng.try_fill_bytes(buf)),
        CodeSource::Seeded(seed) => {
            let mut rng = ChaCha8Rng::seed_from_u64(seed_for(seed, scopes));
            mint_from(|buf| {
                rng.fill_bytes(buf);
                Ok(())
            })
        }
    }
}

/// Maps random bytes to the alphabet by rejection sampling, so every character is equally
/// likely (248 = 4 * 62; bytes at or above it are dropped).
fn mint_from<E>(mut fill: impl FnMut(&mut [u8]) -> Result<(), E>) -> Result<String, E> {
    let mut code = String::with_capacity(CODE_LEN);
    let mut buf = [0u8; 48];
    while code.len() < CODE_LEN {
        fill(&mut buf)?;
        for &b in &buf {
            if b < 248 && code.len() < CODE_LEN {
                code.push(ALPHABET[usize::from(b % 62)] as char);
            }
        }
    }
    Ok(code)
}

/// Mixes the seed with the scope names (FNV-1a), so that one seed gives each request its
/// own stable code.
fn seed_for(seed: u64, scopes: &[String]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for scope in scopes {
        for &b in scope.as_bytes().iter().chain(b"\0") {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn codes_have_the_right_shape() {
        let code = mint(CodeSource::Os, &scopes(&["USER_LOGIN_ID"])).unwrap();
        assert_eq!(code.len(), CODE_LEN);
        assert!(code.bytes().all(|b| b.is_ascii_alphanumeric()));
    }

    #[test]
    fn seeded_codes_are_deterministic_per_seed_and_scopes() {
        let a = scopes(&["USER_LOGIN_ID"]);
        let b = scopes(&["USER_LOGIN_ID", "KYC_INFO"]);
        let first = mint(CodeSource::Seeded(7), &a).unwrap();
        assert_eq!(first, mint(CodeSource::Seeded(7), &a).unwrap());
        assert_ne!(first, mint(CodeSource::Seeded(8), &a).unwrap());
        assert_ne!(first, mint(CodeSource::Seeded(7), &b).unwrap());
    }

    #[test]
    fn os_codes_do_not_repeat_and_use_every_class() {
        let mut seen = std::collections::HashSet::new();
        let (mut digit, mut upper, mut lower) = (false, false, false);
        for _ in 0..10_000 {
            let code = mint(CodeSource::Os, &[]).unwrap();
            digit |= code.bytes().any(|b| b.is_ascii_digit());
            upper |= code.bytes().any(|b| b.is_ascii_uppercase());
            lower |= code.bytes().any(|b| b.is_ascii_lowercase());
            assert!(seen.insert(code), "repeated code");
        }
        assert!(digit && upper && lower);
    }
}
