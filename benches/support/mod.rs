//! Helpers of `cargo bench --bench validate`.

pub mod binary;
pub mod corpus;
// The one document generator, shared with the tests (the schema differential test and the
// property tests check the same generator).
#[path = "../../tests/it/support/docgen/mod.rs"]
pub mod docgen;
pub mod floor;
pub mod measure;
pub mod startup_order;
