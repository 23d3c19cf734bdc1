//! JSON Schema (draft 2020-12) export for request and response payloads.

use serde_json::Value;

use crate::catalog::Catalog;

/// Which payload a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Request,
    Response,
}

/// The schema for `kind` payloads under `catalog`.
pub fn schema(_catalog: &Catalog, _kind: Kind) -> Value {
    todo!("issue 4")
}
