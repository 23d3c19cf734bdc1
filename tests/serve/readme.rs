//! README's "authcode serve" walk-through, run as written.
