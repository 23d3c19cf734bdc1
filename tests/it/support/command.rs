//! The one command builder: every process a test starts to run authcode (directly, or through
//! `sh`, `bash` or `time`) gets the same clean environment, its own temporary store and a
//! time bound here; a spawned child is killed when its [`Running`] guard drops, on success
//! and on panic alike.

use std::ffi::OsStr;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, ExitStatus, Output, Stdio};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use wait_timeout::ChildExt;

use super::Run;

/// The built binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_authcode"))
}

/// The environment variables that change what authcode does or prints; every command starts
/// without them (`AUTHCODE_STORE` is then set to the command's own store).
pub const ENV_THAT_CHANGES_OUTPUT: [&str; 11] = [
    "AUTHCODE_CATALOG",
    "AUTHCODE_WALLET",
    "AUTHCODE_STORE",
    "AUTHCODE_USERS",
    "AUTHCODE_LISTEN",
    "AUTHCODE_PARTNER_ID",
    "AUTHCODE_PARTNER_PUBLIC_KEY",
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "CI",
    "XDG_STATE_HOME",
];

/// How long any one command may run before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// `authcode` with a clean environment, its own temporary store and a timeout, to be given
/// arguments and run.
pub fn authcode() -> TestCommand {
    TestCommand::new(bin())
}

/// A command line; `run` runs it and returns its [`Run`], `spawn` starts it as a
/// [`Running`] child.
pub struct TestCommand {
    cmd: StdCommand,
    stdin: Option<Vec<u8>>,
    timeout: Duration,
    /// The directory of the default store, while no `store()` replaced it.
    store_dir: Option<Arc<tempfile::TempDir>>,
    store: PathBuf,
}

impl TestCommand {
    /// `program` (the binary, or a shell or wrapper that runs it) in the clean environment,
    /// with a new temporary store in `AUTHCODE_STORE`; stdin empty, stdout and stderr
    /// captured.
    pub fn new(program: impl AsRef<OsStr>) -> TestCommand {
        let mut cmd = StdCommand::new(program);
        for var in ENV_THAT_CHANGES_OUTPUT {
            cmd.env_remove(var);
        }
        let dir = tempfile::tempdir().expect("a temporary directory for the store");
        let store = dir.path().join("store.sqlite3");
        cmd.env("AUTHCODE_STORE", &store)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        TestCommand {
            cmd,
            stdin: None,
            timeout: TIMEOUT,
            store_dir: Some(Arc::new(dir)),
            store,
        }
    }

    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut Self {
        self.cmd.arg(arg);
        self
    }

    pub fn args<I, S>(&mut self, args: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Self {
        self.cmd.env(key, value);
        self
    }

    pub fn env_remove(&mut self, key: impl AsRef<OsStr>) -> &mut Self {
        self.cmd.env_remove(key);
        self
    }

    /// The store at `path` instead of the command's own temporary one (a test that runs
    /// several commands on one store).
    pub fn store(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.store = path.as_ref().to_path_buf();
        self.store_dir = None;
        self.cmd.env("AUTHCODE_STORE", &self.store);
        self
    }

    /// The store this command uses.
    pub fn store_path(&self) -> &Path {
        &self.store
    }

    /// What the command reads on stdin (without it, stdin is empty).
    pub fn stdin(&mut self, bytes: impl Into<Vec<u8>>) -> &mut Self {
        self.stdin = Some(bytes.into());
        self.cmd.stdin(Stdio::piped());
        self
    }

    /// Stdin from `stdio` (a file, a FIFO, a pipe the test writes to after `spawn`).
    pub fn stdin_from(&mut self, stdio: impl Into<Stdio>) -> &mut Self {
        self.stdin = None;
        self.cmd.stdin(stdio);
        self
    }

    /// Stdout to `stdio` instead of a captured pipe.
    pub fn stdout(&mut self, stdio: impl Into<Stdio>) -> &mut Self {
        self.cmd.stdout(stdio);
        self
    }

    /// Stderr to `stdio` instead of a captured pipe.
    pub fn stderr(&mut self, stdio: impl Into<Stdio>) -> &mut Self {
        self.cmd.stderr(stdio);
        self
    }

    pub fn current_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.cmd.current_dir(dir);
        self
    }

    pub fn timeout(&mut self, timeout: Duration) -> &mut Self {
        self.timeout = timeout;
        self
    }

    /// The command as a `std::process::Command` with inherited stdio, for a harness that
    /// starts it itself (the pty, which kills its child on drop), and the guard that keeps
    /// its store until dropped.
    pub fn into_std(mut self) -> (StdCommand, StoreGuard) {
        assert!(self.stdin.is_none(), "stdin bytes need run() or spawn()");
        self.cmd
            .stdin(Stdio::inherit())
            .stdout(Stdio::inherit())
            .stderr(Stdio::inherit());
        (self.cmd, StoreGuard(self.store_dir))
    }

    /// Starts the command; the child is killed when the guard drops.
    pub fn spawn(&mut self) -> io::Result<Running> {
        let child = self.cmd.spawn()?;
        let mut running = Running {
            child,
            timeout: self.timeout,
            _store_dir: self.store_dir.clone(),
        };
        if let Some(bytes) = self.stdin.clone() {
            let mut stdin = running.child.stdin.take().expect("stdin is piped");
            // A child that exits without reading all of stdin closes the pipe: not an error.
            std::thread::spawn(move || stdin.write_all(&bytes));
        }
        Ok(running)
    }

    /// Runs the command to its end within the timeout (or fails the test) and returns what
    /// it printed, as `std::process::Command::output` does.
    pub fn output(&mut self) -> io::Result<Output> {
        self.spawn()?.wait_with_output()
    }

    /// Runs the command and returns its outcome. Whatever the outcome, stderr must hold no
    /// panic or backtrace hint, and the command must exit (not be killed by a signal).
    pub fn run(&mut self) -> Run {
        let out = self.output().expect("the command runs");
        let err = super::text(&out.stderr);
        assert!(!err.contains("panicked"), "panic: {err}");
        assert!(!err.contains("RUST_BACKTRACE"), "backtrace hint: {err}");
        Run {
            code: out.status.code().expect("the command exits, not killed"),
            stdout: out.stdout,
            stderr: out.stderr,
        }
    }

    /// Runs the command for assert_cmd's predicate assertions.
    pub fn assert(&mut self) -> assert_cmd::assert::Assert {
        use assert_cmd::assert::OutputAssertExt;
        self.output().expect("the command runs").assert()
    }

    /// Runs the command, which must succeed with nothing on stderr; returns stdout.
    pub fn ok(&mut self) -> String {
        self.run().ok().stdout()
    }

    /// Runs the command, which must be refused: see [`Run::refused`].
    pub fn refused(&mut self, needle: &str) -> String {
        self.run().refused(needle)
    }
}

/// Keeps a command's temporary store until dropped.
pub struct StoreGuard(Option<Arc<tempfile::TempDir>>);

/// A started child, killed (and reaped) when dropped unless it was waited for.
pub struct Running {
    child: Child,
    timeout: Duration,
    _store_dir: Option<Arc<tempfile::TempDir>>,
}

impl Running {
    /// Waits for the exit within the command's timeout (or kills the child and fails the
    /// test).
    pub fn wait(&mut self) -> io::Result<ExitStatus> {
        match self.child.wait_timeout(self.timeout)? {
            Some(status) => Ok(status),
            None => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("the command ran longer than {:?}; killed", self.timeout)
            }
        }
    }

    /// Reads stdout and stderr (those that are captured) to their end and waits for the
    /// exit, within the command's timeout.
    pub fn wait_with_output(mut self) -> io::Result<Output> {
        let stdout = self.child.stdout.take().map(read_all);
        let stderr = self.child.stderr.take().map(read_all);
        let status = self.wait()?;
        let joined = |r: Option<JoinHandle<io::Result<Vec<u8>>>>| match r {
            Some(handle) => handle.join().expect("the reader thread"),
            None => Ok(Vec::new()),
        };
        Ok(Output {
            status,
            stdout: joined(stdout)?,
            stderr: joined(stderr)?,
        })
    }

    /// SIGKILL, and reap.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_all(mut from: impl Read + Send + 'static) -> JoinHandle<io::Result<Vec<u8>>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        from.read_to_end(&mut bytes).map(|_| bytes)
    })
}

impl std::ops::Deref for Running {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.child
    }
}

impl std::ops::DerefMut for Running {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.child
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // Already reaped: kill fails harmlessly and wait returns the saved status.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
