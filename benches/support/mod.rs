//! Helpers of `cargo bench --bench validate`.

pub mod corpus;
pub mod floor;
pub mod measure;
