//! The listing a page at a time: `limit` and `offset`, the totals in the JSON, and a page that
//! says when it does not show everything.

use serde_json::Value;

use crate::serve::support::*;

fn get(server: &Server, path: &str) -> (u16, String) {
    let (status, _, body) = send(server.addr, "GET", path, &[], Vec::new());
    (status, String::from_utf8(body).unwrap())
}

fn json(server: &Server, path: &str) -> Value {
    let (status, body) = get(server, path);
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn the_listing_pages_past_fifty_and_says_so() {
    let (_dir, store) = temp_store();
    let minted: Vec<String> = (0..55).map(|_| mint(&store, "USER_LOGIN_ID")).collect();
    let server = Server::start(&store, Options::default());

    let first = json(&server, "/?format=json");
    assert_eq!(first["codes"].as_array().unwrap().len(), 50);
    assert_eq!(first["total"]["codes"], 55, "{}", first["total"]);
    assert_eq!(first["total"]["tokens"], 0);
    assert_eq!(first["nextOffset"], 50);
    let second = json(&server, "/?format=json&offset=50");
    assert_eq!(second["codes"].as_array().unwrap().len(), 5);
    assert_eq!(second["nextOffset"], Value::Null);
    // Together, every code once, newest first.
    let listed: Vec<&str> = first["codes"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["codes"].as_array().unwrap())
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    let newest_first: Vec<&str> = minted.iter().rev().map(String::as_str).collect();
    assert_eq!(listed, newest_first);
    let all = json(&server, "/?format=json&limit=100");
    assert_eq!(all["codes"].as_array().unwrap().len(), 55);

    let (_, page) = get(&server, "/");
    assert!(
        page.contains("Not everything is shown: codes 1–50 of 55"),
        "{page}"
    );
    assert!(
        page.contains("href=\"/?limit=50&amp;offset=50\">Older</a>"),
        "{page}"
    );
    let (_, last) = get(&server, "/?offset=50");
    assert!(last.contains("codes 51–55 of 55"), "{last}");
    assert!(last.contains(">Newer</a>"), "{last}");
    let (_, whole) = get(&server, "/?limit=100");
    assert!(!whole.contains("Not everything is shown"), "{whole}");

    for bad in [
        "/?limit=0",
        "/?limit=5000",
        "/?offset=-1",
        "/?format=json&limit=x",
    ] {
        let (status, body) = get(&server, bad);
        assert_eq!(status, 400, "{bad}: {body}");
        assert!(body.contains("must be a whole number"), "{bad}: {body}");
    }
}
