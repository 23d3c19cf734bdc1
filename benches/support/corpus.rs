//! The benchmark's inputs, written to disk: responses from the shared seeded generator
//! (`tests/it/support/docgen`), with a record of which documents are invalid and why (the
//! ground truth).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::docgen::{Case, Generator, Size};

/// The generated inputs and their ground truth.
pub struct Corpus {
    /// The directory of response files.
    pub dir: PathBuf,
    /// Each file's path under `dir` and case, in generation order; file names are unique.
    pub files: Vec<(PathBuf, Case)>,
    pub dir_bytes: u64,
    pub ndjson: PathBuf,
    /// Each document's 1-based line and case.
    pub lines: Vec<(usize, Case)>,
    pub ndjson_bytes: u64,
    /// The NDJSON file twice over, to see whether memory grows with the input.
    pub ndjson2x: PathBuf,
    pub ndjson2x_bytes: u64,
    /// NDJSON where about 40% of the documents carry a warning (`unknown-error-code`).
    pub warnings: PathBuf,
    pub warning_lines: Vec<(usize, Case)>,
    pub warnings_bytes: u64,
    /// One valid small file, for the start-to-exit measurement.
    pub one: PathBuf,
    pub one_bytes: u64,
}

pub const FILES: usize = 10_000;
pub const LINES: usize = 100_000;

/// Writes the corpus under `root` (replacing what was there) and returns its ground truth.
pub fn generate(root: &Path, seed: u64) -> io::Result<Corpus> {
    if root.exists() {
        fs::remove_dir_all(root)?;
    }
    let dir = root.join("responses");
    let mut generator = Generator::new(seed);
    let mut files = Vec::with_capacity(FILES);
    let mut dir_bytes = 0;
    let mut one = None;
    for i in 0..FILES {
        // A tree of teams, apps and fixture folders, one to four levels deep.
        let team = format!("team-{}", generator.rng.below(6));
        let mut folder = dir.join(team);
        if generator.rng.chance(0.75) {
            folder.push(format!("app-{:02}", generator.rng.below(12)));
            if generator.rng.chance(0.5) {
                folder.push(
                    *generator
                        .rng
                        .pick(&["fixtures", "responses", "regressions"]),
                );
            }
        }
        fs::create_dir_all(&folder)?;
        let case = generator.case(Size::File);
        let mut bytes = generator.document(case, Size::File);
        bytes.push(b'\n');
        let name = format!("resp-{i:05}.json");
        let path = folder.join(&name);
        fs::write(&path, &bytes)?;
        dir_bytes += bytes.len() as u64;
        files.push((path.strip_prefix(&dir).expect("under dir").to_owned(), case));
        if one.is_none() && case == Case::Clean {
            one = Some((path, bytes.len() as u64));
        }
        if i % 997 == 0 {
            // Files the walk must skip.
            fs::write(
                folder.join("NOTES.md"),
                b"Fixtures captured from staging.\n",
            )?;
        }
    }

    let ndjson = root.join("responses.ndjson");
    let mut lines = Vec::with_capacity(LINES);
    let mut text = Vec::with_capacity(12 << 20);
    let mut line = 0;
    while lines.len() < LINES {
        line += 1;
        if generator.rng.chance(0.002) {
            text.push(b'\n'); // a blank line is not a document
            continue;
        }
        let case = generator.case(Size::Line);
        text.extend(generator.document(case, Size::Line));
        text.push(b'\n');
        lines.push((line, case));
    }
    fs::write(&ndjson, &text)?;

    let ndjson2x = root.join("responses-2x.ndjson");
    let mut file = io::BufWriter::new(fs::File::create(&ndjson2x)?);
    file.write_all(&text)?;
    file.write_all(&text)?;
    file.into_inner()?.sync_all()?;

    let warnings = root.join("warnings.ndjson");
    let mut warning_lines = Vec::with_capacity(LINES);
    let mut warning_text = Vec::with_capacity(12 << 20);
    for line in 1..=LINES {
        let case = generator.warning_heavy_case();
        warning_text.extend(generator.document(case, Size::Line));
        warning_text.push(b'\n');
        warning_lines.push((line, case));
    }
    fs::write(&warnings, &warning_text)?;

    let (one, one_bytes) = one.expect("some file is clean");
    Ok(Corpus {
        dir,
        files,
        dir_bytes,
        ndjson,
        lines,
        ndjson_bytes: text.len() as u64,
        ndjson2x,
        ndjson2x_bytes: 2 * text.len() as u64,
        warnings,
        warning_lines,
        warnings_bytes: warning_text.len() as u64,
        one,
        one_bytes,
    })
}
