//! `serve --tls`: HTTPS with a certificate from the local CA beside the store, checked by a
//! rustls client that trusts that CA and nothing else: DANA's routes, the pages and the
//! Alipay+ gateway (with an absolute-form request target, as Ant's Python SDK sends it).

use std::net::SocketAddr;
use std::sync::Arc;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use serde_json::{json, Value};

use crate::serve::support::*;

/// A client configuration that trusts the certificates in `ca_pem` only.
fn client(ca_pem: Option<&[u8]>) -> Arc<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    if let Some(pem) = ca_pem {
        for cert in CertificateDer::pem_slice_iter(pem) {
            roots.add(cert.unwrap()).unwrap();
        }
    }
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Arc::new(
        rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

/// One HTTPS request to `addr` for the host `name`; `Err` when the handshake fails.
fn send_tls(
    config: Arc<rustls::ClientConfig>,
    addr: SocketAddr,
    name: &str,
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Result<(u16, hyper::HeaderMap, Vec<u8>), String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let name = ServerName::try_from(name.to_string()).unwrap();
    rt.block_on(async move {
        let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
        let tls = tokio_rustls::TlsConnector::from(config)
            .connect(name, tcp)
            .await
            .map_err(|e| e.to_string())?;
        let (mut sender, conn) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(tls))
                .await
                .unwrap();
        tokio::spawn(conn);
        let mut request = hyper::Request::builder()
            .method(method)
            .uri(target)
            .header("Host", addr.to_string());
        for (k, v) in headers {
            request = request.header(k.as_str(), v.as_str());
        }
        let response = sender
            .send_request(request.body(Full::new(Bytes::from(body))).unwrap())
            .await
            .unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        Ok((status, headers, body.to_vec()))
    })
}

#[test]
fn danas_routes_the_pages_and_the_alipay_plus_gateway_answer_over_https() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            extra: &["--tls"],
            ..Default::default()
        },
    );
    assert!(
        server.url.starts_with("https://127.0.0.1:"),
        "{}",
        server.url
    );
    let ca = store.with_file_name("store.ca.pem");
    let log = server.log_when(|log| log.contains("SSL_CERT_FILE"));
    assert!(
        log.contains(&format!("SSL_CERT_FILE={}", ca.display()))
            && log.contains("NODE_EXTRA_CA_CERTS=")
            && log.contains("REQUESTS_CA_BUNDLE=")
            && log.contains(&format!("curl --cacert {}", ca.display())),
        "{log}"
    );
    let config = client(Some(&std::fs::read(&ca).unwrap()));
    let https = |method: &str, target: &str, headers: &[(String, String)], body: Vec<u8>| {
        send_tls(
            config.clone(),
            server.addr,
            "127.0.0.1",
            method,
            target,
            headers,
            body,
        )
        .unwrap()
    };

    let code = mint(&store, "USER_LOGIN_ID");
    let (status, _, answer) = https("POST", APPLY_TOKEN, &signed_headers(), code_body(&code));
    assert_eq!(status, 200);
    assert_eq!(json_of(&answer)["responseCode"], "2007400");

    let (status, _, page) = https("GET", "/", &[], Vec::new());
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&page).contains(&code[..4]));

    let path = "/v2/authorizations/applyToken";
    let body = json!({"grantType": "AUTHORIZATION_CODE",
                      "authCode": mint_for(&store, "gcash", "auth_user")})
    .to_string()
    .into_bytes();
    let absolute = format!("https://127.0.0.1:{}{path}", server.addr.port());
    let (status, headers, answer) = https("POST", &absolute, &plus_headers(path, &body), body);
    assert_eq!(status, 200);
    let answer_json: Value = json_of(&answer);
    assert_eq!(
        answer_json["result"]["resultCode"], "SUCCESS",
        "{answer_json}"
    );
    assert!(platform_signed(
        &platform_key(&store),
        path,
        &headers,
        &answer
    ));
    let (status, _) = server.terminate();
    assert_eq!(status, Some(0), "SIGTERM stops the HTTPS server cleanly");
}

#[test]
fn the_certificate_names_the_loopback_and_tls_names_and_only_the_ca_vouches_for_it() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: false,
            extra: &["--tls", "--tls-name", "sandbox.test", "--quiet"],
            ..Default::default()
        },
    );
    let ca = std::fs::read(store.with_file_name("store.ca.pem")).unwrap();
    let get = |config, name: &str| {
        send_tls(config, server.addr, name, "GET", "/", &[], Vec::new()).map(|r| r.0)
    };
    for name in ["127.0.0.1", "::1", "localhost", "sandbox.test"] {
        assert_eq!(get(client(Some(&ca)), name), Ok(200), "{name}");
    }
    let other = get(client(Some(&ca)), "other.test").unwrap_err();
    assert!(other.contains("not valid for name"), "{other}");
    let untrusted = get(client(None), "127.0.0.1").unwrap_err();
    assert!(untrusted.contains("UnknownIssuer"), "{untrusted}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key = store.with_file_name("store.ca-key.pem");
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // A restart keeps the CA: what a client trusts stays trusted.
    drop(server);
    let again = Server::start(
        &store,
        Options {
            signed: false,
            extra: &["--tls", "--quiet"],
            ..Default::default()
        },
    );
    let (status, _, _) = send_tls(
        client(Some(&ca)),
        again.addr,
        "localhost",
        "GET",
        "/",
        &[],
        Vec::new(),
    )
    .unwrap();
    assert_eq!(status, 200);
}

#[test]
fn a_bad_tls_name_is_a_usage_error() {
    let (_dir, store) = temp_store();
    let out = authcode()
        .store(&store)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--tls",
            "--tls-name",
            "not a name",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: cannot serve HTTPS: \"not a name\" is neither"),
        "{stderr}"
    );
}
