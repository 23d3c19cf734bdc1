//! A unit of store work as `serve` queues it: run on a connection inside a transaction, it
//! tells whether it failed and hands back the reply to send once the transaction committed
//! (`true`) or did not (`false`). SQLite's writer thread and PostgreSQL's workers both run them.

use super::sql::Sql;

/// Sends a job's outcome to the handler waiting for it.
pub(crate) type Reply = Box<dyn FnOnce(bool) + Send>;

/// A job: its work, then its reply and whether the work failed.
pub(crate) type Job = Box<dyn FnOnce(&dyn Sql) -> (Reply, bool) + Send>;
