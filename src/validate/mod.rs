//! `authcode validate` (issue 3).

use crate::catalog::Catalog;
use crate::cli::ValidateArgs;
use crate::output::ColorMode;

/// What `authcode validate` was asked for.
#[derive(Debug)]
pub struct ValidateConfig {}

impl ValidateConfig {
    pub fn from_args(_args: ValidateArgs, _color: ColorMode) -> anyhow::Result<ValidateConfig> {
        anyhow::bail!("validate is not implemented yet")
    }
}

/// Runs the command and returns the exit code.
pub fn run(_catalog: &Catalog, _config: ValidateConfig) -> anyhow::Result<u8> {
    anyhow::bail!("validate is not implemented yet")
}
