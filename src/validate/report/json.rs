//! `--format json`: one JSON object, `{"documents": [...], "summary": {...}}`, streamed so
//! memory does not grow with the number of documents.

use std::io::{self, Write};

use super::Reporter;
use crate::validate::diagnostic::{DocResult, Summary};

pub(super) struct Json<'w> {
    out: Box<dyn Write + 'w>,
    count: usize,
}

impl<'w> Json<'w> {
    pub(super) fn new(out: Box<dyn Write + 'w>) -> Json<'w> {
        Json { out, count: 0 }
    }
}

/// `doc` as one JSON object.
pub(super) fn render(doc: &DocResult, out: &mut Vec<u8>) -> io::Result<()> {
    serde_json::to_writer(out, doc).map_err(io::Error::from)
}

impl Reporter for Json<'_> {
    fn document(&mut self, _doc: &DocResult, rendered: &[u8]) -> io::Result<()> {
        self.out.write_all(if self.count == 0 {
            b"{\"documents\": [\n"
        } else {
            b",\n"
        })?;
        self.out.write_all(rendered)?;
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if self.count == 0 {
            self.out.write_all(b"{\"documents\": [")?;
        } else {
            self.out.write_all(b"\n")?;
        }
        self.out.write_all(b"], \"summary\": ")?;
        serde_json::to_writer(&mut self.out, summary)?;
        self.out.write_all(b"}\n")?;
        self.out.flush()
    }
}
