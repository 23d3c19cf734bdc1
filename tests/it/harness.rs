//! What the one command builder (`support::command`) promises every test: its own store, a
//! time bound, and no child left running, whether the test passes or panics.

use std::time::Duration;

use crate::support::{authcode, TestCommand};

/// Whether process `pid` is gone (reaped: not even a zombie is left).
fn gone(pid: u32) -> bool {
    let pid = i32::try_from(pid).unwrap();
    let alive = unsafe { libc::kill(pid, 0) };
    alive == -1 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
}

#[test]
fn each_command_records_in_a_temporary_store_of_its_own() {
    let mut first = authcode();
    first.args(["request", "--scopes", "USER_LOGIN_ID", "--approve"]);
    let store = first.store_path().to_path_buf();
    assert!(store.starts_with(std::env::temp_dir()), "{store:?}");
    assert!(!store.exists());
    first.ok();
    assert!(store.exists(), "the code was recorded in {store:?}");
    let second = authcode();
    assert_ne!(second.store_path(), store);
    assert!(!second.store_path().exists());
    // Dropped with its command: nothing is left behind.
    drop(first);
    assert!(!store.exists());
}

#[test]
fn a_spawned_child_is_killed_and_reaped_when_the_test_panics() {
    let pid = std::sync::atomic::AtomicU32::new(0);
    let panicked = std::panic::catch_unwind(|| {
        let child = TestCommand::new("sleep").arg("600").spawn().unwrap();
        pid.store(child.id(), std::sync::atomic::Ordering::SeqCst);
        panic!("a failing test");
    });
    assert!(panicked.is_err());
    let pid = pid.into_inner();
    assert!(pid > 0);
    assert!(gone(pid), "sleep {pid} outlived the test");
}

#[test]
fn a_command_that_outlives_its_timeout_is_killed_and_fails_the_test() {
    let mut cmd = TestCommand::new("sleep");
    cmd.arg("600").timeout(Duration::from_millis(200));
    let started = std::time::Instant::now();
    let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cmd.output()));
    assert!(failed.is_err(), "the run did not fail");
    assert!(started.elapsed() < Duration::from_secs(60));
}
