//! Where `authcode request` records the codes it mints for `serve` to redeem, and the words
//! for a store that cannot be opened, which every command that opens one shares.

use std::path::PathBuf;

use super::store::{self, MintedCode, OpenError};

/// The store a command writes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StoreTarget {
    /// `--no-store`: nothing is recorded.
    Off,
    /// `--store`/`AUTHCODE_STORE`, or the one in the state directory.
    At(PathBuf),
    /// Neither a path nor a state directory to put the store in.
    NoStateDir,
}

impl StoreTarget {
    /// The target of `--store` (`None`: the state directory's) unless `off`.
    pub(crate) fn of(store: Option<PathBuf>, off: bool) -> StoreTarget {
        match (off, store.or_else(store::default_path)) {
            (true, _) => StoreTarget::Off,
            (false, Some(path)) => StoreTarget::At(path),
            (false, None) => StoreTarget::NoStateDir,
        }
    }
}

/// The error line for a store that cannot be opened.
pub(crate) fn open_failed(error: &OpenError) -> String {
    match error {
        OpenError::Newer { .. } => format!("{error} (use a newer authcode, or another --store)"),
        OpenError::Unusable { .. }
        | OpenError::Foreign { .. }
        | OpenError::Missing { .. }
        | OpenError::Unreachable { .. }
        | OpenError::Database { .. } => error.to_string(),
    }
}

/// Records a code `request` minted for `user` on the wallet of `profile`, granting `scopes`;
/// why not, in words.
pub(crate) fn minted(
    target: &StoreTarget,
    profile: &crate::profile::Profile,
    code: &str,
    scopes: &[String],
    user: &crate::users::User,
) -> Result<(), String> {
    let path = match target {
        StoreTarget::Off => return Ok(()),
        StoreTarget::At(path) => path,
        StoreTarget::NoStateDir => {
            return Err(
                "no state directory (neither XDG_STATE_HOME nor HOME is set); \
                 name one with --store or AUTHCODE_STORE"
                    .to_string(),
            )
        }
    };
    let conn = store::connect(path).map_err(|e| open_failed(&e))?;
    store::grants::record_code(
        &conn,
        &MintedCode {
            code,
            scopes,
            user_id: &user.id,
            user_json: &user.to_json(),
            minted_at: store::now_ms(),
            wallet: &profile.name,
            gateway: profile.gateway.name(),
            code_ttl: profile.code_ttl_ms(),
        },
    )
    .map_err(|e| format!("cannot write the store {}: {e}", store::shown(path)))
}
