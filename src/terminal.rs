//! The terminal and the process around it: whether a person can be asked, what to undo
//! when a signal ends the program, and the cursor. The only place that exits the process
//! outside `main`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary file being written, removed by the signal handler on SIGTERM or Ctrl-C.
static PENDING_TEMP: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Notes the temporary file being written (or that none is), for the signal handler.
pub(crate) fn set_pending_temp(path: Option<&Path>) {
    if let Ok(mut pending) = PENDING_TEMP.lock() {
        *pending = path.map(Path::to_path_buf);
    }
}

/// The temporary file being written now, if any.
pub fn pending_temp() -> Option<PathBuf> {
    PENDING_TEMP.lock().ok().and_then(|p| p.clone())
}

/// The terminal's mode (stdin's) when the program set up its signal handler, before any
/// prompt made it raw.
#[cfg(unix)]
static TERMINAL_MODE: Mutex<Option<libc::termios>> = Mutex::new(None);

/// Notes the terminal's mode, for the signal handler to put back.
fn note_terminal_mode() {
    #[cfg(unix)]
    {
        let mut mode = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr writes a termios into the buffer it is given, or fails (fd 0 is
        // not a terminal) and writes nothing, which is then not read.
        if unsafe { libc::tcgetattr(0, mode.as_mut_ptr()) } == 0 {
            if let Ok(mut noted) = TERMINAL_MODE.lock() {
                // SAFETY: tcgetattr succeeded, so the termios is initialised.
                *noted = Some(unsafe { mode.assume_init() });
            }
        }
    }
}

/// Puts back the terminal's mode noted at start. A Ctrl-C typed while the terminal is cooked
/// (between two reads of the prompt) raises SIGINT at once, and the handler's thread can run
/// while the prompt's thread has just made the terminal raw for its next read: exiting then
/// would leave the shell a raw terminal.
fn restore_terminal_mode() {
    #[cfg(unix)]
    if let Ok(noted) = TERMINAL_MODE.lock() {
        if let Some(mode) = noted.as_ref() {
            // SAFETY: tcsetattr reads the termios it is given; on failure nothing changes.
            unsafe { libc::tcsetattr(0, libc::TCSANOW, mode) };
        }
    }
}

/// On Ctrl-C or SIGTERM: clear the prompt being shown, show the cursor, put back the
/// terminal's mode, remove a half-written `--output` file, and exit 130 with nothing on
/// stdout. (In the prompt's raw mode Ctrl-C is a key; `console` then raises SIGINT itself,
/// after the read returns.)
pub(crate) fn exit_cleanly_on_signals() {
    note_terminal_mode();
    let _ = ctrlc::set_handler(|| {
        clear_prompt();
        if let Ok(pending) = PENDING_TEMP.lock() {
            if let Some(path) = pending.as_ref() {
                let _ = std::fs::remove_file(path);
            }
        }
        if std::io::stderr().is_terminal() {
            let _ = console::Term::stderr().show_cursor();
        }
        // The prompt's thread may be between its check for a key and making the terminal
        // raw for the next read: put the mode back, give that thread the moment it takes to
        // reach its (blocking) read, and put it back again.
        restore_terminal_mode();
        std::thread::sleep(std::time::Duration::from_millis(20));
        restore_terminal_mode();
        std::process::exit(i32::from(crate::error::EXIT_INTERRUPTED));
    });
}

/// How many lines at the bottom of stderr the prompt being shown takes (0: none, or not
/// known). Whoever ends the prompt on Ctrl-C — the prompt's own error path or the signal
/// handler, which race — clears them, once, holding the lock while it writes.
static PROMPT_LINES: Mutex<usize> = Mutex::new(0);

/// Notes how many lines the prompt being shown takes (0 once it is answered).
pub(crate) fn set_prompt_lines(lines: usize) {
    if let Ok(mut shown) = PROMPT_LINES.lock() {
        *shown = lines;
    }
}

/// Clears the lines of the prompt being shown, if any, so that only answered lines stay.
pub(crate) fn clear_prompt() {
    if let Ok(mut shown) = PROMPT_LINES.lock() {
        if *shown > 0 {
            let _ = console::Term::stderr().clear_last_lines(*shown);
            *shown = 0;
        }
    }
}

/// Why a prompt cannot run, if it cannot: it needs a person, so stdin and stderr must be
/// terminals, stdin must not hold the input, and this must not be CI.
pub(crate) fn cannot_prompt(stdin_holds_input: bool) -> Option<&'static str> {
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    if in_ci {
        Some("CI is set, and CI has no one to answer")
    } else if stdin_holds_input {
        Some("stdin holds the request (--from -), not a person's keys")
    } else if !std::io::stdin().is_terminal() {
        Some("stdin is not a terminal")
    } else if !std::io::stderr().is_terminal() {
        Some("stderr, where the prompt goes, is not a terminal")
    } else {
        None
    }
}

/// Shows the cursor again however a prompt ends (dialoguer hides it while it runs).
pub(crate) struct CursorGuard;

impl Drop for CursorGuard {
    fn drop(&mut self) {
        let _ = console::Term::stderr().show_cursor();
    }
}

/// Whether fd 1 was closed when the process started (`authcode request >&-`).
static STDOUT_CLOSED_AT_START: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Notes whether stdout is open. The binary calls this before Rust's runtime starts (from
/// `.init_array`, as std itself notes its arguments): the runtime reopens a closed stdout on
/// /dev/null, after which writes to it "succeed" and the response would silently be lost.
pub extern "C" fn note_stdout_at_start() {
    #[cfg(unix)]
    {
        // SAFETY: F_GETFD on a descriptor number touches no memory; it fails with EBADF when
        // fd 1 is not open.
        let closed = unsafe { libc::fcntl(1, libc::F_GETFD) } == -1;
        STDOUT_CLOSED_AT_START.store(closed, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Whether stdout was closed when the process started (always `false` where that cannot be
/// noted before the runtime starts).
pub(crate) fn stdout_was_closed() -> bool {
    STDOUT_CLOSED_AT_START.load(std::sync::atomic::Ordering::Relaxed)
}
