//! The consent page in a real browser: headless Chromium through WebDriver opens the URL the
//! official `dana-python` SDK builds for a web OAuth binding, clicks Allow, lands on the
//! redirect, and the SDK exchanges the code from it; a Deny run; and escaped hostile values.
//! Screenshots (phone 390 px, desktop 1280 px) go to target/screenshots/.
//! Without Chromium it skips with a how-to, unless AUTHCODE_REQUIRE_TOOLS=1 (.ci/run).

use std::collections::HashMap;
use std::path::Path;

use crate::serve::support::*;
use crate::serve::webdriver::{self, Browser};

fn browser_or_skip() -> Option<(String, String)> {
    match webdriver::find() {
        Ok(found) => Some(found),
        Err(why) if std::env::var("AUTHCODE_REQUIRE_TOOLS").is_ok_and(|v| v == "1") => {
            panic!("AUTHCODE_REQUIRE_TOOLS=1, but {why}")
        }
        Err(why) => {
            eprintln!(
                "skipped: {why}; install it (Debian: apt-get install chromium chromium-driver)"
            );
            None
        }
    }
}

/// The URL `Util.generate_oauth_url` builds, pointed at `server`.
fn sdk_oauth_url(python: &Path, server: &Server, redirect: &str, state: &str) -> String {
    let out = crate::support::TestCommand::new(python)
        .env("X_PARTNER_ID", PARTNER)
        .arg("-c")
        .arg(
            "import sys\n\
             from dana.widget.v1.util import Util\n\
             from dana.widget.v1.models import Oauth2UrlData\n\
             print(Util.generate_oauth_url(Oauth2UrlData(external_id='ext-1', merchant_id='M1',\n\
                 redirect_url=sys.argv[1], scopes=['QUERY_BALANCE', 'USER_LOGIN_ID'], state=sys.argv[2])))",
        )
        .args([redirect, state])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(
        url.starts_with("https://m.sandbox.dana.id/v1.0/get-auth-code?"),
        "{url}"
    );
    url.replace("https://m.sandbox.dana.id", &server.url)
}

fn query_of(url: &str) -> HashMap<String, String> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

#[test]
fn consent_in_a_browser_from_the_sdks_url_to_a_token() {
    let Some((chromium, chromedriver)) = browser_or_skip() else {
        return;
    };
    let Some(python) = crate::serve::sdk::sdk_python() else {
        return;
    };
    let (dir, store) = temp_store();
    let users = dir.path().join("users.json");
    std::fs::write(
        &users,
        r#"[{"id": "siti", "name": "Siti Rahayu", "resources": {"LOGIN_ID": "6285700000042"}}]"#,
    )
    .unwrap();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            extra: &["--users", users.to_str().unwrap()],
            ..Default::default()
        },
    );
    let callback = format!("{}/callback?shop=1", server.url);
    let url = sdk_oauth_url(&python, &server, &callback, "st<1>\"x\"");

    let browser = Browser::start(&chromium, &chromedriver, 390, 844);
    browser.goto(&url);
    assert_eq!(browser.text("#partner"), PARTNER);
    let scopes = browser.text("#scopes");
    assert!(
        scopes.contains("QUERY_BALANCE") && scopes.contains("See your DANA balance"),
        "{scopes}"
    );
    assert!(
        scopes.contains("USER_LOGIN_ID") && scopes.contains("phone numbers"),
        "{scopes}"
    );
    let shots = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("screenshots");
    browser.screenshot(&shots.join("consent-phone.png"));
    {
        let desktop = Browser::start(&chromium, &chromedriver, 1280, 800);
        desktop.goto(&url);
        desktop.screenshot(&shots.join("consent-desktop.png"));
    }

    // Consent as the second user, by keyboard-reachable controls (a label per radio button).
    browser.click("input[name=user][value=siti]");
    browser.click("button.allow");
    let landed = browser.wait_for_url(&format!("{}/callback", server.url));
    let query = query_of(&landed);
    assert_eq!(query.get("shop").map(String::as_str), Some("1"), "{landed}");
    assert_eq!(
        query.get("state").map(String::as_str),
        Some("st<1>\"x\""),
        "{landed}"
    );
    let code = query
        .get("authCode")
        .unwrap_or_else(|| panic!("no authCode in {landed}"));

    // The official SDK exchanges that code and reads Siti's profile with the token.
    let (private, other) = crate::serve::sdk::key_files(dir.path());
    let report = crate::serve::sdk::drive(
        &python,
        dir.path(),
        serde_json::json!({
            "url": server.url, "partner_id": PARTNER, "phase": "keyless",
            "private_key": private, "other_private_key": other, "codes": {"fresh": code},
        }),
    );
    assert_eq!(report["success"]["responseCode"], "2007400", "{report}");
    let info = &report["profile"]["response"]["body"]["userResourceInfos"][0];
    assert_eq!(info["value"], "6285700000042", "{report}");
}

#[test]
fn deny_in_a_browser_redirects_with_an_error_and_the_state() {
    let Some((chromium, chromedriver)) = browser_or_skip() else {
        return;
    };
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let url = format!(
        "{}/v1.0/get-auth-code?partnerId=P9&scopes=USER_LOGIN_ID&redirectUrl={}&state=s-42",
        server.url,
        form_urlencoded::byte_serialize(format!("{}/callback", server.url).as_bytes())
            .collect::<String>()
    );
    let browser = Browser::start(&chromium, &chromedriver, 390, 844);
    browser.goto(&url);
    browser.click("button.deny");
    let landed = browser.wait_for_url(&format!("{}/callback", server.url));
    let query = query_of(&landed);
    assert_eq!(
        query.get("error").map(String::as_str),
        Some("access_denied"),
        "{landed}"
    );
    assert_eq!(query.get("state").map(String::as_str), Some("s-42"));
    assert!(!query.contains_key("authCode"));
}

#[test]
fn hostile_query_values_show_as_text_in_a_browser() {
    let Some((chromium, chromedriver)) = browser_or_skip() else {
        return;
    };
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let partner = "<img src=x onerror=alert(1)>\"'";
    let browser = Browser::start(&chromium, &chromedriver, 1280, 900);
    browser.goto(&format!(
        "{}/v1.0/get-auth-code?partnerId={}&scopes=USER_LOGIN_ID&redirectUrl={}&state={}",
        server.url,
        enc(partner),
        enc("http://127.0.0.1:9/cb"),
        enc("\"><script>alert(2)</script>")
    ));
    assert_eq!(browser.text("#partner"), partner);
    assert!(!browser.alert_open(), "a script ran");
    let scope = "<script>alert(3)</script>";
    browser.goto(&format!(
        "{}/v1.0/get-auth-code?partnerId=P&scopes={}&redirectUrl={}",
        server.url,
        enc(scope),
        enc("http://127.0.0.1:9/cb")
    ));
    assert!(browser.text("#error").contains(scope));
    assert!(!browser.alert_open(), "a script ran");
    browser.goto(&format!(
        "{}/v1.0/get-auth-code?partnerId=P&scopes=USER_LOGIN_ID&redirectUrl={}",
        server.url,
        enc("javascript:alert(4)")
    ));
    assert!(browser.text("#error").contains("redirectUrl"));
    assert!(!browser.alert_open());
}

/// The page as laid out: the viewport's width, the document's, and the widest right edge of
/// anything in the card against the right edge of the card's content box.
fn overflow(browser: &Browser) -> serde_json::Value {
    browser.script(
        "const card = document.querySelector('.card');\
         const box = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);\
         let right = 0, widest = '';\
         for (const e of card.querySelectorAll('*')) {\
           const r = e.getBoundingClientRect().right;\
           if (r > right) { right = r; widest = e.tagName + ' ' + e.className; }\
         }\
         return {viewport: window.innerWidth, document: document.documentElement.scrollWidth,\
                 right: Math.ceil(right), content: Math.ceil(box), widest: widest};",
    )
}

#[test]
fn the_consent_page_fits_a_320_px_phone() {
    let Some((chromium, chromedriver)) = browser_or_skip() else {
        return;
    };
    let (dir, store) = temp_store();
    let users = dir.path().join("users.json");
    std::fs::write(
        &users,
        r#"[{"id": "long", "name": "Raden Ayu Kusumawardhani Puspitasari Wijayakusuma", "resources": {"LOGIN_ID": "628570000004212345"}},
            {"id": "siti", "name": "Siti Rahayu", "resources": {"LOGIN_ID": "6285700000042"}}]"#,
    )
    .unwrap();
    let server = Server::start(
        &store,
        Options {
            extra: &["--users", users.to_str().unwrap()],
            ..Default::default()
        },
    );
    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let url = format!(
        "{}/v1.0/get-auth-code?partnerId={}&scopes=USER_LOGIN_ID,QUERY_BALANCE,KYC_INFO&redirectUrl={}",
        server.url,
        enc("2025PARTNER0000000000000000000000000001"),
        enc("http://127.0.0.1:9/cb")
    );
    let shots = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("screenshots");
    for (width, shot) in [(320, "consent-320.png"), (390, "consent-390.png")] {
        let browser = Browser::start(&chromium, &chromedriver, width, 1000);
        browser.goto(&url);
        let seen = overflow(&browser);
        browser.screenshot(&shots.join(shot));
        let viewport = seen["viewport"].as_i64().unwrap();
        assert!(viewport <= i64::from(width), "{seen}");
        assert!(
            seen["document"].as_i64().unwrap() <= viewport,
            "the page scrolls sideways at {width} px: {seen}"
        );
        assert!(
            seen["right"].as_i64().unwrap() <= seen["content"].as_i64().unwrap(),
            "something sticks out of the card at {width} px: {seen}"
        );
        // The long name and its number are both there, whole.
        let user = browser.text("form");
        assert!(
            user.contains("Wijayakusuma") && user.contains("628570000004212345"),
            "{user}"
        );
    }
}
