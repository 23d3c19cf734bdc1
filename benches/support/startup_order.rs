//! `startup.order`: the functions `authcode validate FILE` runs, which build.rs asks the
//! linker to place side by side. This module writes the list (`cargo bench --bench validate
//! -- --startup-order`, under valgrind's callgrind) and checks a binary against it (how many of
//! its functions the binary has, and whether they sit together).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// The list, beside build.rs.
pub fn path() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/startup.order"))
}

const HEADER: &str = "\
# The functions `authcode validate FILE` runs, sorted by name: build.rs asks the linker
# (rust-lld: --symbol-ordering-file) to place them side by side at the start of the code, so
# that a start faults in a few pages of code instead of one a function.
# Written by `cargo bench --bench validate -- --startup-order` (valgrind's callgrind over the
# release binary, on a valid and an invalid small file); write it anew when that bench says
# that the binary lacks many of these names (after a new Rust or new dependencies).
";

/// Runs `authcode validate` on each input under callgrind and writes the functions of the
/// binary it ran to `path()`, sorted: callgrind names them in an order that changes from run
/// to run, and all of them are read at every start, so the list changes only when they do.
/// Returns how many.
pub fn write(authcode: &Path, inputs: &[&Path], scratch: &Path) -> Result<usize, String> {
    let mut names = BTreeSet::new();
    for (i, input) in inputs.iter().enumerate() {
        let out = scratch.join(format!("callgrind.{i}"));
        let status = Command::new("valgrind")
            .args(["--tool=callgrind", "--demangle=no"])
            .arg(format!("--callgrind-out-file={}", out.display()))
            .arg(authcode)
            .arg("validate")
            .arg(input)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| {
                format!("cannot run valgrind ({e}); it is in Debian's valgrind package")
            })?;
        // validate exits 1 on an invalid file; valgrind passes the code through.
        if !matches!(status.code(), Some(0 | 1)) {
            return Err(format!("valgrind on {} ended {status}", input.display()));
        }
        let text =
            fs::read_to_string(&out).map_err(|e| format!("cannot read {}: {e}", out.display()))?;
        names.extend(functions_of(&text, authcode));
    }
    let mut text = HEADER.to_owned();
    for name in &names {
        text.push_str(name);
        text.push('\n');
    }
    fs::write(path(), text).map_err(|e| format!("cannot write {}: {e}", path().display()))?;
    Ok(names.len())
}

/// The functions of `binary` in a callgrind profile. Callgrind names a file (`ob=`) and a
/// function (`fn=`, `cfn=`) in full once, then by number; a recursive call's name carries a
/// `'N` suffix.
fn functions_of(profile: &str, binary: &Path) -> BTreeSet<String> {
    let binary = binary.to_string_lossy();
    let mut objects: HashMap<&str, &str> = HashMap::new();
    let mut functions: HashMap<&str, &str> = HashMap::new();
    let mut in_binary = false;
    let mut found = BTreeSet::new();
    for line in profile.lines() {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let Some(rest) = value.strip_prefix('(') else {
            continue;
        };
        let Some((id, name)) = rest.split_once(')') else {
            continue;
        };
        let name = name.trim_start();
        let table = match key {
            "ob" | "cob" => &mut objects,
            "fn" | "cfn" => &mut functions,
            _ => continue,
        };
        let name = if name.is_empty() {
            table.get(id).copied().unwrap_or_default()
        } else {
            table.insert(id, name);
            name
        };
        match key {
            "ob" => in_binary = name == binary,
            "fn" if in_binary => {
                let name = name.split_once('\'').map_or(name, |(base, _)| base);
                // Callgrind names a function without a symbol by its address, and what runs
                // before `main` "(below main)".
                if !name.starts_with(['0', '(']) {
                    found.insert(name.to_owned());
                }
            }
            _ => {}
        }
    }
    found
}

/// How `binary` holds the list: of its functions, how many the binary has, their bytes,
/// and the bytes from the first to the end of the last (about their bytes when they sit
/// together, megabytes when the linker did not order them).
pub struct Coverage {
    pub listed: usize,
    pub found: usize,
    pub bytes: u64,
    pub span: u64,
}

impl Coverage {
    /// Most of the list is in the binary, side by side.
    pub fn holds(&self) -> bool {
        self.found * 10 >= self.listed * 9 && self.span <= 2 * self.bytes
    }
}

/// Reads the binary's symbols with `nm` and compares them with the list.
pub fn coverage(binary: &Path) -> Result<Coverage, String> {
    let list =
        fs::read_to_string(path()).map_err(|e| format!("cannot read {}: {e}", path().display()))?;
    let wanted: HashSet<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let out = Command::new("nm")
        .args(["--defined-only", "--print-size"])
        .arg(binary)
        .output()
        .map_err(|e| format!("cannot run nm ({e}); it is in Debian's binutils package"))?;
    if !out.status.success() {
        return Err(format!(
            "nm {}: {}",
            binary.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let symbols = String::from_utf8_lossy(&out.stdout);
    let (mut found, mut bytes, mut first, mut end) = (HashSet::new(), 0, u64::MAX, 0);
    for line in symbols.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [address, size, _kind, name] = fields[..] else {
            continue;
        };
        if !wanted.contains(name) || !found.insert(name) {
            continue;
        }
        let (Ok(address), Ok(size)) = (
            u64::from_str_radix(address, 16),
            u64::from_str_radix(size, 16),
        ) else {
            continue;
        };
        bytes += size;
        first = first.min(address);
        end = end.max(address + size);
    }
    Ok(Coverage {
        listed: wanted.len(),
        found: found.len(),
        bytes,
        span: end.saturating_sub(first),
    })
}
