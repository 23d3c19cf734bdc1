//! The floor: the least a validator must do, which is to read every file (every line of an
//! NDJSON file) and parse it into `serde_json::Value`, on one thread. The bench runs it as a
//! separate process, like authcode, so both pay the same process start.

use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

#[derive(Default)]
struct Counts {
    documents: u64,
    unparsable: u64,
    bytes: u64,
}

impl Counts {
    fn parse(&mut self, text: &[u8]) {
        self.documents += 1;
        self.bytes += text.len() as u64;
        let parsed = serde_json::from_slice::<serde_json::Value>(text);
        if std::hint::black_box(parsed).is_err() {
            self.unparsable += 1;
        }
    }
}

/// Parses everything under `path` and prints `documents unparsable bytes` on stdout.
pub fn main(path: &Path) -> io::Result<()> {
    let mut counts = Counts::default();
    if fs::metadata(path)?.is_dir() {
        walk(path, &mut counts)?;
    } else {
        file(path, &mut counts)?;
    }
    writeln!(
        io::stdout(),
        "{} {} {}",
        counts.documents,
        counts.unparsable,
        counts.bytes
    )
}

fn walk(dir: &Path, counts: &mut Counts) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, counts)?;
        } else if matches!(extension(&path), Some("json" | "ndjson" | "jsonl")) {
            file(&path, counts)?;
        }
    }
    Ok(())
}

fn extension(path: &Path) -> Option<&str> {
    path.extension().and_then(|e| e.to_str())
}

fn file(path: &Path, counts: &mut Counts) -> io::Result<()> {
    if !matches!(extension(path), Some("ndjson" | "jsonl")) {
        counts.parse(&fs::read(path)?);
        return Ok(());
    }
    let mut reader = BufReader::with_capacity(64 * 1024, fs::File::open(path)?);
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            counts.parse(&line);
        }
    }
}
