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

/// Characters of a token that spell the time it was issued.
const TIME_LEN: usize = 7;

/// A new access or refresh token issued at `now_ms` (Unix milliseconds): 32 characters like a
/// code, of which the first 7 spell the time in base 62 and the other 25 (148 bits) come from
/// rand's thread-local CSPRNG (ChaCha, seeded and reseeded from the operating system), which
/// saves a system call per token. Tokens issued later sort later, so the store's indexes grow
/// at their end (a few pages per commit) rather than at a random page per token.
pub(crate) fn token(now_ms: i64) -> String {
    let mut token = String::with_capacity(CODE_LEN);
    // 62^7 ms is about 111 years after 1970; later times wrap, which only costs locality.
    let mut time = u64::try_from(now_ms).unwrap_or(0);
    let mut digits = [0u8; TIME_LEN];
    for d in digits.iter_mut().rev() {
        *d = ALPHABET[(time % 62) as usize];
        time /= 62;
    }
    token.extend(digits.iter().map(|&b| b as char));
    let mut rng = rand::rng();
    let filled: Result<(), std::convert::Infallible> = fill_from(&mut token, |buf| {
        rng.fill_bytes(buf);
        Ok(())
    });
    let Ok(()) = filled;
    token
}

/// Maps random bytes to the alphabet by rejection sampling, so every character is equally
/// likely (248 = 4 * 62; bytes at or above it are dropped).
fn mint_from<E>(fill: impl FnMut(&mut [u8]) -> Result<(), E>) -> Result<String, E> {
    let mut code = String::with_capacity(CODE_LEN);
    fill_from(&mut code, fill)?;
    Ok(code)
}

/// Appends random characters to `code` until it is [`CODE_LEN`] long.
fn fill_from<E>(
    code: &mut String,
    mut fill: impl FnMut(&mut [u8]) -> Result<(), E>,
) -> Result<(), E> {
    let mut buf = [0u8; 48];
    while code.len() < CODE_LEN {
        fill(&mut buf)?;
        for &b in &buf {
            if b < 248 && code.len() < CODE_LEN {
                code.push(ALPHABET[usize::from(b % 62)] as char);
            }
        }
    }
    Ok(())
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

    #[test]
    fn tokens_sort_by_time_and_differ_within_a_millisecond() {
        let now = 1_764_400_000_000;
        let a = token(now);
        let b = token(now);
        let later = token(now + 1);
        assert_eq!(a.len(), CODE_LEN);
        assert!(a.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(a, b);
        assert_eq!(a[..TIME_LEN], b[..TIME_LEN]);
        assert!(a < later && b < later, "{a} {b} {later}");
        assert!(token(now + 62 * 62) > later);
        assert_eq!(token(-5)[..TIME_LEN], *"0000000");
    }
}
