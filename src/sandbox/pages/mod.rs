//! What the browser-facing pages share: HTML escaping and the document around a page's body.
//! Every value that comes from a request is escaped before it reaches HTML.

mod css;
pub(crate) use css::{CONSENT, LISTING};

/// Text made safe for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole HTML document: `title` (escaped), the `style` sheet, and `body` as given.
pub(crate) fn document(title: &str, style: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{style}</style></head>\n<body><main>{body}</main></body></html>\n",
        escape(title)
    )
}

/// A page that refuses a request: a title and why (both escaped).
pub(crate) fn refusal(title: &str, why: &str) -> String {
    document(
        title,
        LISTING,
        &format!(
            "<h1>{}</h1><p id=\"error\">{}</p>",
            escape(title),
            escape(why)
        ),
    )
}
