//! The consent link's checks through the server: a value the page cannot act on is a 400
//! page that names every wrong parameter (with the CLI's did-you-mean for a scope), never the
//! page an unattended test would wait on; registered redirect URLs; a redirect URL that
//! already carries `authCode` or `state`.

use crate::serve::support::*;

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn get(server: &Server, query: &str) -> (u16, hyper::HeaderMap, String) {
    let (status, headers, body) = send(
        server.addr,
        "GET",
        &format!("/v1.0/get-auth-code?{query}"),
        &[],
        Vec::new(),
    );
    (status, headers, String::from_utf8(body).unwrap())
}

#[test]
fn a_link_the_page_cannot_act_on_names_every_wrong_parameter() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let cb = enc("http://127.0.0.1:9/cb");
    for value in ["maybe", "ALLOW"] {
        let (status, _, page) = get(
            &server,
            &format!("partnerId=P&scopes=USER_LOGIN_ID&redirectUrl={cb}&autoConsent={value}"),
        );
        assert_eq!(status, 400, "{value}: {page}");
        assert!(
            page.contains(&format!(
                "<code>autoConsent</code> must be allow or deny, not &quot;{value}&quot;"
            )),
            "{page}"
        );
    }
    let (status, _, page) = get(
        &server,
        &format!(
            "partnerId=P&scopes=USER_LOGIN_ID&redirectUrl={cb}&redirectUrl={}",
            enc("http://evil.example/")
        ),
    );
    assert_eq!(status, 400, "{page}");
    assert!(
        page.contains("<code>redirectUrl</code> is given more than once"),
        "{page}"
    );
    // Every wrong parameter, each scope with its hint, values without Rust's \" quoting.
    let (status, _, page) = get(
        &server,
        &format!(
            "scopes=USER_LOGIN_IDD,QUERY_BALANCE&redirectUrl={}",
            enc("a\"b")
        ),
    );
    assert_eq!(status, 400, "{page}");
    for said in [
        "<code>partnerId</code> is missing",
        "<code>redirectUrl</code> &quot;a&quot;b&quot; is not an http:// or https:// URL",
        "<code>scopes</code> names &quot;USER_LOGIN_IDD&quot;, not a scope this sandbox knows: did you mean USER_LOGIN_ID?",
    ] {
        assert!(page.contains(said), "{said}: {page}");
    }
    assert!(!page.contains("\\&quot;"), "{page}");
}

#[test]
fn registered_redirect_urls_and_a_redirect_that_carried_a_code_already() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            extra: &[
                "--redirect-url",
                "http://127.0.0.1:9/cb",
                "--redirect-url",
                "https://shop.example/done",
            ],
            ..Default::default()
        },
    );
    let (status, _, page) = get(
        &server,
        &format!(
            "partnerId=P&scopes=USER_LOGIN_ID&redirectUrl={}&autoConsent=allow",
            enc("http://127.0.0.1:9/elsewhere")
        ),
    );
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("is not a registered redirect URL"), "{page}");
    let (status, headers, page) = get(
        &server,
        &format!(
            "partnerId=P&scopes=USER_LOGIN_ID&state=new&autoConsent=allow&redirectUrl={}",
            enc("https://shop.example/done?authCode=OLD&keep=1&state=old")
        ),
    );
    assert_eq!(status, 302, "{page}");
    let location = headers["location"].to_str().unwrap();
    assert!(
        location.starts_with("https://shop.example/done?keep=1&authCode="),
        "{location}"
    );
    assert!(location.ends_with("&state=new"), "{location}");
    assert_eq!(location.matches("authCode=").count(), 1, "{location}");
    assert!(!location.contains("OLD"), "{location}");
}
