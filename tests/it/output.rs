//! `request -o FILE`: the document is written to a temp file beside the target and renamed
//! into place, so that a failed or interrupted run never leaves a partial file; links,
//! FIFOs and devices are written through, not replaced.
//!
//! The tests run as root in CI, where permissions do not make a directory read-only: full and
//! read-only file systems are made with a private tmpfs mount when the test may create one
//! (`unshare -m`), else they are reported as skipped on stderr and the same failures are
//! injected into the write through the library.

use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, FileTypeExt};

use crate::support::{authcode, bin, mkfifo, names_in, text, usable, TestCommand};

#[test]
fn dash_o_dash_writes_to_stdout() {
    // `-o -` is stdout, as `-` is everywhere else.
    let dir = tempfile::tempdir().unwrap();
    authcode()
        .current_dir(dir.path())
        .args([
            "request",
            "-s",
            "USER_JOB",
            "--deny",
            "-o",
            "-",
            "--compact",
        ])
        .run()
        .ok()
        .stdout_is("{\"authErrorScopes\":{\"USER_JOB\":\"40006\"}}\n");
    assert!(!dir.path().join("-").exists());
}

#[test]
fn output_into_a_missing_directory_is_refused_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("old.json"), "old").unwrap();
    let target = dir.path().join("no/such/dir/response.json");
    let err = authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID", "--approve", "-o"])
        .arg(&target)
        .refused("error: cannot write ");
    assert!(err.contains("response.json"), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert_eq!(names_in(dir.path()), ["old.json"]);
    assert_eq!(
        fs::read_to_string(dir.path().join("old.json")).unwrap(),
        "old"
    );
}

#[test]
fn output_onto_a_directory_is_refused_and_leaves_no_temp_file() {
    // The temp file is written, the rename fails, and the temp file must be gone.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("response.json");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("inside.txt"), "keep").unwrap();
    fs::write(dir.path().join("old.json"), "old").unwrap();
    authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID", "--deny", "-o"])
        .arg(&target)
        .refused("error: cannot write ");
    assert_eq!(names_in(dir.path()), ["old.json", "response.json"]);
    assert_eq!(names_in(&target), ["inside.txt"]);
    assert_eq!(
        fs::read_to_string(target.join("inside.txt")).unwrap(),
        "keep"
    );
}

#[test]
fn output_to_a_file_whose_name_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join(OsStr::from_bytes(b"out-\xfd.json"));
    authcode()
        .args(["request", "--scopes", "USER_JOB", "--deny", "-o"])
        .arg(&out_file)
        .run()
        .ok();
    assert!(fs::read_to_string(&out_file).unwrap().contains("USER_JOB"));
}

#[test]
fn output_writes_the_file_and_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("response.json");
    authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID", "--deny", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("")
        .stderr("");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "{\n  \"authErrorScopes\": {\n    \"USER_LOGIN_ID\": \"40006\"\n  }\n}\n"
    );
    // --output replaces an old file, and the long name works the same.
    let expected = authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--approve",
            "--seed",
            "4",
            "--compact",
        ])
        .ok();
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--approve",
            "--seed",
            "4",
            "--compact",
            "--output",
        ])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    assert_eq!(
        names_in(dir.path()),
        ["response.json"],
        "temp file left behind"
    );
}

#[cfg(unix)]
#[test]
fn output_file_is_readable_by_others_like_a_normal_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("response.json");
    authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID", "--deny", "-o"])
        .arg(&file)
        .assert()
        .success();
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "mode {mode:o}");
}

#[test]
fn a_failed_run_leaves_an_old_output_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("response.json");
    std::fs::write(&file, "old content").unwrap();
    authcode()
        .args(["request", "--scopes", "USER_LOGN_ID", "--deny", "-o"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old content");
    authcode()
        .args(["request", "--scopes", "USER_LOGIN_ID", "-o"])
        .arg(&file)
        .env_remove("CI")
        .assert()
        .code(2)
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old content");
    assert_eq!(names_in(dir.path()), ["response.json"]);
}

/// A write that fails inside the device: /dev/full, and (in a private mount namespace)
/// a full tmpfs and a read-only one, each holding an old file that must survive.
#[test]
fn output_onto_full_and_read_only_file_systems() {
    // /dev/full is written in place (it is not a regular file) and refuses every byte.
    authcode()
        .args([
            OsStr::new("request"),
            OsStr::new("--scopes"),
            OsStr::new("USER_LOGIN_ID"),
            OsStr::new("--approve"),
            OsStr::new("-o"),
            OsStr::new("/dev/full"),
        ])
        .refused("No space left on device");
    assert!(
        fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device(),
        "/dev/full was replaced"
    );

    if !usable(
        "unshare",
        &["-m", "sh", "-c", "mount -t tmpfs -o size=16k t /mnt"],
    ) {
        eprintln!(
            "skipped: cannot mount a private tmpfs here (the injected errors below still run)"
        );
    } else {
        let script = r#"
            set -u
            m=$(mktemp -d)
            mount -t tmpfs -o size=16k,nr_inodes=64 authcode-test "$m" || exit 90
            echo old > "$m/out.json"
            # Fill the device: the temp file can be created but not written.
            dd if=/dev/zero of="$m/filler" bs=1k count=64 2>/dev/null
            "$0" request --scopes USER_LOGIN_ID --approve -o "$m/out.json" 2> "$1/full.err"
            echo $? > "$1/full.rc"
            cat "$m/out.json" > "$1/full.old"
            ls -A "$m" > "$1/full.ls"
            rm "$m/filler"
            mount -o remount,ro "$m" || exit 91
            "$0" request --scopes USER_LOGIN_ID --approve -o "$m/out.json" 2> "$1/ro.err"
            echo $? > "$1/ro.rc"
            cat "$m/out.json" > "$1/ro.old"
            ls -A "$m" > "$1/ro.ls"
        "#;
        let dir = tempfile::tempdir().unwrap();
        let status = TestCommand::new("unshare")
            .args(["-m", "sh", "-c", script])
            .arg(bin())
            .arg(dir.path())
            .output()
            .unwrap()
            .status;
        assert!(status.success(), "{status:?}");
        let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
        for (case, reason) in [
            ("full", "No space left on device"),
            ("ro", "Read-only file system"),
        ] {
            assert_eq!(read(&format!("{case}.rc")).trim(), "2", "{case}");
            let err = read(&format!("{case}.err"));
            assert!(err.starts_with("error: cannot write"), "{case}: {err}");
            assert!(err.contains(reason), "{case}: {err}");
            assert_eq!(read(&format!("{case}.old")), "old\n", "{case}");
        }
        assert_eq!(
            read("full.ls"),
            "filler\nout.json\n",
            "temp file left behind"
        );
        assert_eq!(read("ro.ls"), "out.json\n");
    }

    // The same failures injected into the write itself, through the same code path.
    for kind in [
        std::io::ErrorKind::StorageFull,
        std::io::ErrorKind::ReadOnlyFilesystem,
        std::io::ErrorKind::PermissionDenied,
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, "old").unwrap();
        let err = authcode::write_atomic_with(&path, |f| {
            f.write_all(b"{\"partial\": ")?;
            Err(std::io::Error::from(kind))
        })
        .unwrap_err();
        assert_eq!(err.kind(), kind);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names_in(dir.path()), ["out.json"], "{kind:?}");
        assert!(authcode::pending_temp().is_none());
    }
}

/// What the signal handler relies on: while the content is written, the pending temp
/// file is known and exists; afterwards it is forgotten.
#[test]
fn the_pending_temp_file_is_known_while_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    authcode::write_atomic_with(&path, |f| {
        let pending = authcode::pending_temp();
        let pending = pending.expect("the temp file is registered");
        assert!(pending.exists());
        assert_eq!(pending.parent(), Some(dir.path()));
        f.write_all(b"{}")
    })
    .unwrap();
    assert!(authcode::pending_temp().is_none());
    assert_eq!(fs::read_to_string(&path).unwrap(), "{}");
}

#[test]
fn output_through_links_fifos_and_devices_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    // A link to a file: the file gets the document, the link stays a link.
    fs::write(dir.path().join("real.json"), "old").unwrap();
    symlink("real.json", dir.path().join("link.json")).unwrap();
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_JOB",
            "--deny",
            "--compact",
            "-o",
        ])
        .arg(dir.path().join("link.json"))
        .assert()
        .success();
    let link = fs::symlink_metadata(dir.path().join("link.json")).unwrap();
    assert!(link.file_type().is_symlink());
    assert_eq!(
        fs::read_to_string(dir.path().join("real.json")).unwrap(),
        "{\"authErrorScopes\":{\"USER_JOB\":\"40006\"}}\n"
    );
    // A FIFO: the reader gets the document, the FIFO stays a FIFO.
    let fifo = dir.path().join("out.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_JOB",
            "--deny",
            "--compact",
            "-o",
        ])
        .arg(&fifo)
        .assert()
        .success();
    assert_eq!(
        reader.join().unwrap(),
        "{\"authErrorScopes\":{\"USER_JOB\":\"40006\"}}\n"
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(names_in(dir.path()), ["link.json", "out.fifo", "real.json"]);
    // /dev/stdout: written through, and /dev/stdout is still the link it was.
    let before = fs::read_link("/dev/stdout").ok();
    let out = authcode()
        .args([
            "request",
            "--scopes",
            "USER_JOB",
            "--deny",
            "--compact",
            "-o",
            "/dev/stdout",
        ])
        .run();
    assert_eq!(out.code, 0, "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "{\"authErrorScopes\":{\"USER_JOB\":\"40006\"}}\n"
    );
    assert_eq!(fs::read_link("/dev/stdout").ok(), before);
}
