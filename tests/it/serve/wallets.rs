//! Codes belong to a wallet: the store records each code's wallet, only the gateway that
//! speaks for the wallet redeems it, and the listing and `authcode sandbox list` show it.

use crate::serve::support::*;

#[test]
fn another_wallets_code_is_invalid_at_danas_apply_token_and_listed_with_its_wallet() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let gcash = mint_for(&store, "gcash", "auth_user");
    let (status, answer) = server.exchange(&gcash);
    assert_eq!(
        (status, answer["responseMessage"].as_str()),
        (401, Some("Unauthorized. Auth Code Invalid")),
        "{answer}"
    );
    let dana = mint(&store, "USER_LOGIN_ID");
    assert_eq!(server.exchange(&dana).0, 200);

    let out = authcode()
        .store(&store)
        .args(["sandbox", "list", "--json"])
        .output()
        .unwrap();
    let listing = json_of(&out.stdout);
    let wallets: Vec<(&str, &str)> = listing["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["code"].as_str().unwrap(), c["wallet"].as_str().unwrap()))
        .collect();
    assert_eq!(
        wallets,
        [(dana.as_str(), "DANA"), (gcash.as_str(), "GCash")]
    );
    assert_eq!(listing["tokens"][0]["wallet"], "DANA");

    let out = authcode()
        .store(&store)
        .args(["sandbox", "list"])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains(&format!("{gcash}  unused    GCash  auth_user")),
        "{table}"
    );

    let (_, _, page) = send(server.addr, "GET", "/", &[], Vec::new());
    let page = String::from_utf8_lossy(&page);
    assert!(page.contains("<td class=\"wallet\">GCash</td>"), "{page}");
    let (_, _, json) = send(server.addr, "GET", "/?format=json", &[], Vec::new());
    assert_eq!(json_of(&json)["codes"][1]["wallet"], "GCash");
}
