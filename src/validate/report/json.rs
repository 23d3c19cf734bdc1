//! `--format json`: one JSON object, `{"documents": [...], "summary": {...}}`, streamed so
//! memory does not grow with the number of documents. Quiet: `{"summary": {...}}`.

use std::io::{self, Write};

use super::{Reporter, Sink};
use crate::validate::diagnostic::{DocResult, Summary};

pub(super) struct Json {
    pub quiet: bool,
}

impl Reporter for Json {
    fn render(&self, doc: &DocResult, out: &mut Vec<u8>) {
        if !self.quiet {
            // Serializing into a Vec cannot fail.
            let _ = serde_json::to_writer(out, doc);
        }
    }

    fn document(&self, sink: &mut Sink<'_>, rendered: &[u8]) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        sink.out.write_all(if sink.documents == 0 {
            b"{\"documents\": [\n"
        } else {
            b",\n"
        })?;
        sink.out.write_all(rendered)
    }

    fn finish(&self, sink: &mut Sink<'_>, summary: &Summary, _: bool) -> io::Result<()> {
        let out = &mut sink.out;
        if self.quiet {
            out.write_all(b"{\"summary\": ")?;
        } else if sink.documents == 0 {
            out.write_all(b"{\"documents\": [], \"summary\": ")?;
        } else {
            out.write_all(b"\n], \"summary\": ")?;
        }
        serde_json::to_writer(&mut *out, summary)?;
        out.write_all(b"}\n")?;
        out.flush()
    }
}
