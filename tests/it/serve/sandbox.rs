//! Failures on demand and the view of the store: `authcode sandbox` and the listing page.

use crate::serve::support::*;

fn sandbox(store: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = authcode()
        .store(store)
        .arg("sandbox")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn each_code_fault_from_the_command_line_hits_the_next_exchange() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    for (action, message) in [
        ("expire-code", "Unauthorized. Auth Code Expired"),
        ("use-code", "Unauthorized. Auth Code Used"),
        ("forget-code", "Unauthorized. Auth Code Invalid"),
    ] {
        let code = mint(&store, "USER_LOGIN_ID");
        assert_eq!(sandbox(&store, &[action, &code]).0, 0, "{action}");
        let (status, answer) = server.exchange(&code);
        assert_eq!(
            (status, answer["responseMessage"].as_str()),
            (401, Some(message)),
            "{action}"
        );
    }
    let (code, _, stderr) = sandbox(&store, &["use-code", "NO-SUCH-CODE"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(&format!(
            "error: the store {} holds no code NO-SUCH-CODE",
            store.display()
        )),
        "{stderr}"
    );

    let tokens = server.exchange(&mint(&store, "USER_LOGIN_ID")).1;
    let token = tokens["accessToken"].as_str().unwrap();
    assert_eq!(sandbox(&store, &["expire-token", token]).0, 0);
    let answer = server
        .post(PROFILE, &[], &profile_body(token, &["LOGIN_ID"]))
        .1;
    assert_eq!(
        answer["response"]["body"]["resultInfo"]["resultCode"],
        "INVALID_ACCESS_TOKEN"
    );

    let (code, listing, _) = sandbox(&store, &["list", "--json"]);
    assert_eq!(code, 0);
    let listing = json_of(listing.as_bytes());
    assert_eq!(listing["tokens"][0]["accessToken"], token);
    assert_eq!(listing["tokens"][0]["state"], "expired");
    let states: Vec<&str> = listing["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        ["redeemed", "redeemed", "expired"],
        "newest first; the forgotten code is gone"
    );
}

#[test]
fn the_listing_page_shows_and_acts_and_has_a_json_twin() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let code = mint(&store, "USER_LOGIN_ID,KYC_INFO");
    let token = server.exchange(&mint(&store, "USER_LOGIN_ID")).1["accessToken"]
        .as_str()
        .unwrap()
        .to_string();

    let (status, headers, page) = send(server.addr, "GET", "/", &[], Vec::new());
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert!(page.contains("USER_LOGIN_ID, KYC_INFO"), "{page}");
    assert!(
        !page.contains(&code) && !page.contains(&token),
        "secrets are shortened on the page"
    );
    assert!(page.contains(&format!("{}…{}", &code[..4], &code[code.len() - 4..])));
    let json_now = json_of(&send(server.addr, "GET", "/?format=json", &[], Vec::new()).2);
    let code_row = json_now["codes"][1]["id"].as_i64().unwrap();
    let token_row = json_now["tokens"][0]["id"].as_i64().unwrap();
    assert!(
        page.contains(&format!("value=\"{code_row}\"")),
        "the buttons name rows"
    );

    let (_, _, json) = send(server.addr, "GET", "/?format=json", &[], Vec::new());
    let json = json_of(&json);
    assert_eq!(json["codes"][0]["state"], "redeemed");
    assert_eq!(json["codes"][1]["code"], code);
    assert_eq!(json["codes"][1]["state"], "unused");
    let accept = vec![("Accept".to_string(), "application/json".to_string())];
    let (_, _, same) = send(server.addr, "GET", "/", &accept, Vec::new());
    assert_eq!(json_of(&same)["codes"], json["codes"]);

    // A button: the form post, then back to the listing.
    let form = vec![(
        "Content-Type".to_string(),
        "application/x-www-form-urlencoded".to_string(),
    )];
    let (status, headers, _) = send(
        server.addr,
        "POST",
        "/sandbox/use-code",
        &form,
        format!("target={code_row}").into_bytes(),
    );
    assert_eq!((status, headers["location"].to_str().unwrap()), (303, "/"));
    assert_eq!(
        server.exchange(&code).1["responseMessage"],
        "Unauthorized. Auth Code Used"
    );
    let (status, _, _) = send(
        server.addr,
        "POST",
        "/sandbox/expire-token",
        &form,
        format!("target={token_row}").into_bytes(),
    );
    assert_eq!(status, 303);
    let answer = server
        .post(PROFILE, &[], &profile_body(&token, &["LOGIN_ID"]))
        .1;
    assert_eq!(
        answer["response"]["body"]["resultInfo"]["resultCode"],
        "INVALID_ACCESS_TOKEN"
    );
    let (_, log) = server.terminate();
    assert!(
        log.contains("POST /sandbox/use-code 303 use-code "),
        "{log}"
    );
    assert!(!log.contains(&token), "{log}");
}

#[test]
fn the_consent_page_can_answer_by_itself() {
    let (_dir, store) = temp_store();
    let deny = Server::start(
        &store,
        Options {
            signed: false,
            extra: &["--auto-consent", "deny"],
            ..Default::default()
        },
    );
    let link = "/v1.0/get-auth-code?partnerId=P&scopes=USER_LOGIN_ID&redirectUrl=http%3A%2F%2Fshop.example%2Fcb&state=s";
    let (status, headers, _) = send(deny.addr, "GET", link, &[], Vec::new());
    assert_eq!(status, 302);
    assert_eq!(headers["location"], "http://shop.example/cb?error=access_denied&error_description=The+user+denied+the+request&state=s");
    let ask = Server::start(&store, Options::default());
    let (status, headers, _) = send(
        ask.addr,
        "GET",
        &format!("{link}&autoConsent=allow"),
        &[],
        Vec::new(),
    );
    assert_eq!(status, 302);
    let location = headers["location"].to_str().unwrap().to_string();
    let code = location
        .split("authCode=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    assert_eq!(
        ask.exchange(code).1["responseCode"],
        "2007400",
        "the page's code redeems like any other"
    );
    let (status, _, page) = send(
        ask.addr,
        "GET",
        "/v1.0/get-auth-code?partnerId=P&scopes=NOPE&redirectUrl=http%3A%2F%2Fx%2F",
        &[],
        Vec::new(),
    );
    assert_eq!(status, 400);
    assert!(String::from_utf8_lossy(&page).contains("<code>scopes</code>"));
}

#[test]
fn armed_faults_hit_the_next_requests_and_show_in_the_log() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let (code, out, _) = sandbox(
        &store,
        &[
            "fault",
            "apply-token",
            "--answer",
            "4017400",
            "--count",
            "2",
        ],
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with("fault 1 armed on apply-token: fault=4017400"),
        "{out}"
    );
    let listed = json_of(sandbox(&store, &["list", "--json"]).1.as_bytes());
    assert_eq!(listed["faults"][0]["remaining"], 2);

    let auth_code = mint(&store, "USER_LOGIN_ID");
    for _ in 0..2 {
        let (status, answer) = server.exchange(&auth_code);
        assert_eq!(
            (status, answer["responseCode"].as_str()),
            (401, Some("4017400"))
        );
    }
    // The faults did not spend the code.
    assert_eq!(server.exchange(&auth_code).1["responseCode"], "2007400");
    let log = server.log_when(|log| log.matches("401 4017400 fault=4017400 ").count() >= 2);
    assert_eq!(
        log.matches("401 4017400 fault=4017400 ").count(),
        2,
        "{log}"
    );

    // An HTTP 5xx on the profile route, in the envelope's shape.
    assert_eq!(sandbox(&store, &["fault", "profile", "--http", "503"]).0, 0);
    let (status, answer) = server.post(PROFILE, &[], &profile_body("any", &["LOGIN_ID"]));
    assert_eq!(status, 503);
    assert_eq!(
        answer["response"]["body"]["resultInfo"]["resultCode"],
        "SYSTEM_ERROR"
    );
    let log = server.log_when(|log| log.contains("503 SYSTEM_ERROR fault=http-503 "));
    assert!(log.contains("503 SYSTEM_ERROR fault=http-503 "), "{log}");

    // A delay, then the normal answer.
    assert_eq!(
        sandbox(&store, &["fault", "apply-token", "--delay", "400ms"]).0,
        0
    );
    let started = std::time::Instant::now();
    assert_eq!(
        server.exchange(&mint(&store, "USER_LOGIN_ID")).1["responseCode"],
        "2007400"
    );
    assert!(started.elapsed() >= std::time::Duration::from_millis(400));

    // A fraction hits some requests, until cleared.
    assert_eq!(
        sandbox(
            &store,
            &[
                "fault",
                "apply-token",
                "--answer",
                "5007401",
                "--fraction",
                "0.5"
            ]
        )
        .0,
        0
    );
    let codes: Vec<String> = (0..40)
        .map(|_| {
            server.exchange("unknown-code").1["responseCode"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let hit = codes.iter().filter(|c| *c == "5007401").count();
    assert!(hit > 0 && hit < 40, "{hit} of 40 hit");
    assert_eq!(sandbox(&store, &["clear-faults"]).1, "1 fault(s) cleared\n");
    assert_eq!(server.exchange("unknown-code").1["responseCode"], "4017400");

    let (code, _, stderr) = sandbox(&store, &["fault", "apply-token", "--answer", "2007400"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("hint: one of: 4007400"), "{stderr}");
}

/// SIGTERM stops the server only after the requests in flight are answered (a delay fault
/// holds one in flight while the signal arrives).
#[test]
fn sigterm_lets_a_request_in_flight_finish() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let code = mint(&store, "USER_LOGIN_ID");
    assert_eq!(
        sandbox(&store, &["fault", "apply-token", "--delay", "1500ms"]).0,
        0
    );
    let addr = server.addr;
    let body = code_body(&code);
    let headers = signed_headers();
    let in_flight = std::thread::spawn(move || send(addr, "POST", APPLY_TOKEN, &headers, body));
    // In flight once the server took the fault (a used-up fault leaves the store).
    crate::support::wait_until("the request to take the delay fault", || {
        let listed: serde_json::Value =
            serde_json::from_str(&sandbox(&store, &["list", "--json"]).1).unwrap();
        listed["faults"].as_array().is_some_and(Vec::is_empty)
    });
    let started = std::time::Instant::now();
    let (exit, log) = server.terminate();
    let (status, _, answer) = in_flight.join().unwrap();
    assert_eq!(
        (status, json_of(&answer)["responseCode"].as_str()),
        (200, Some("2007400"))
    );
    assert_eq!(exit, Some(0), "{log}");
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(700),
        "it waited for the answer"
    );
    assert!(log.contains("200 2007400 fault=delay-1500ms"), "{log}");
}

/// A tiny `--fraction` is listed in a few characters, and `--http` says its range as a person
/// would.
#[test]
fn a_fault_is_described_in_a_few_words() {
    let (_dir, store) = temp_store();
    let arm = ["fault", "profile", "--http", "503", "--fraction"];
    assert_eq!(sandbox(&store, &[&arm[..], &["1e-300"]].concat()).0, 0);
    assert_eq!(sandbox(&store, &[&arm[..], &["0.25"]].concat()).0, 0);
    let (code, listing, _) = sandbox(&store, &["list"]);
    assert_eq!(code, 0);
    let faults: Vec<&str> = listing
        .lines()
        .skip_while(|l| !l.starts_with("FAULTS"))
        .skip(1)
        .collect();
    assert_eq!(faults.len(), 2, "{listing}");
    assert!(faults[0].ends_with("  1e-298% of requests"), "{listing}");
    assert!(faults[1].ends_with("  25% of requests"), "{listing}");
    assert!(faults.iter().all(|l| l.len() < 60), "{listing}");

    let (code, _, stderr) = sandbox(&store, &["fault", "profile", "--http", "600"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("500 to 599"), "{stderr}");
    assert!(!stderr.contains("500..600"), "{stderr}");
}
