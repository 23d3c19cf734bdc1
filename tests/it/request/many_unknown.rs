//! `request --from` with more unknown scopes than the listing holds says how many it did not
//! list, as `--scopes` lists every one ("also unknown: ...").

use crate::support::authcode;

fn request_of(n: usize) -> String {
    let names: Vec<String> = (0..n).map(|i| format!("\"NOPE{i}\"")).collect();
    format!("{{\"scopes\": [{}]}}", names.join(", "))
}

#[test]
fn unknown_scopes_past_the_listing_are_counted() {
    let err = authcode()
        .args(["request", "--approve", "--from", "-"])
        .stdin(request_of(130))
        .refused("unknown scope \"NOPE0\"");
    let listed = err.matches("unknown scope \"NOPE").count();
    assert!(listed < 130, "{listed}");
    assert!(
        err.ends_with(&format!(
            "  hint: and {} more problems, not listed\n",
            130 - listed
        )),
        "{err}"
    );
    let few = authcode()
        .args(["request", "--approve", "--from", "-"])
        .stdin(request_of(5))
        .refused("unknown scope \"NOPE0\"");
    assert_eq!(few.matches("unknown scope \"NOPE").count(), 5);
    assert!(!few.contains("not listed"), "{few}");
}
