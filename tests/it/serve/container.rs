//! The container image (Containerfile, README "The sandbox in a container"): built from a musl
//! build of the binary the way the README says, run with its default command on a network of
//! its own with the port published on 127.0.0.1; the test waits on `/healthz`, mints a code in
//! the store on the image's volume (`authcode request` inside the container, as the image's
//! user), exchanges it through the published port, and checks that a service name of that
//! network resolves inside the image (musl: /etc/hosts and DNS, no NSS modules).
//!
//! Uses docker, else podman; skips with a how-to where neither works (or the musl target is
//! missing), unless AUTHCODE_REQUIRE_TOOLS=1 (.ci/run installs both). Whatever happens, the
//! containers, the volume, the network and the image are removed (`Cleanup`, a Drop guard).
//! The binary is a dev build (no debug info) in `target/container`, a target directory of its
//! own that later runs reuse: the first build takes a minute or two, later ones seconds.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::support::{code_body, json_of, send, signed_headers, try_send, APPLY_TOKEN};
use crate::support::TestCommand;

const MUSL: &str = "x86_64-unknown-linux-musl";

fn required() -> bool {
    std::env::var("AUTHCODE_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// Says why the test cannot run: a failure under AUTHCODE_REQUIRE_TOOLS=1, else a skip.
fn skip(why: &str) {
    assert!(!required(), "AUTHCODE_REQUIRE_TOOLS=1, but {why}");
    eprintln!("skipped: {why}");
}

/// `program args...` through the one command builder, with a bound of `secs` seconds.
fn tool(program: &str, args: &[&str], secs: u64) -> crate::support::Run {
    let mut cmd = TestCommand::new(program);
    cmd.args(args).timeout(Duration::from_secs(secs));
    cmd.run()
}

/// The container engine that answers: docker, else podman.
fn engine() -> Option<&'static str> {
    ["docker", "podman"].into_iter().find(|engine| {
        TestCommand::new(engine)
            .arg("info")
            .timeout(Duration::from_secs(30))
            .output()
            .is_ok_and(|out| out.status.success())
    })
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the static binary for the image; its path relative to the repository, or why not.
fn musl_binary() -> Result<String, String> {
    let mut cmd = TestCommand::new(env!("CARGO"));
    cmd.current_dir(repo())
        .args(["build", "--quiet", "--bin", "authcode", "--target", MUSL])
        .env("CARGO_TARGET_DIR", repo().join("target/container"))
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .timeout(Duration::from_secs(900));
    let run = cmd.run();
    if run.code != 0 {
        let err = run.stderr();
        let last = err.lines().rev().find(|l| !l.trim().is_empty());
        return Err(format!(
            "cargo build --target {MUSL} failed ({}); install the target: rustup target add {MUSL} (Debian also: apt-get install musl-tools)",
            last.unwrap_or("no message").trim()
        ));
    }
    let path = format!("target/container/{MUSL}/debug/authcode");
    assert!(repo().join(&path).is_file(), "cargo built no {path}");
    Ok(path)
}

/// What the test made in the engine, removed on every path.
struct Cleanup {
    engine: &'static str,
    containers: Vec<String>,
    volume: Option<String>,
    network: Option<String>,
    image: Option<String>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let rm = |args: &[&str]| {
            let _ = TestCommand::new(self.engine)
                .args(args)
                .timeout(Duration::from_secs(60))
                .output();
        };
        for container in &self.containers {
            rm(&["rm", "-f", "-v", container]);
        }
        if let Some(volume) = &self.volume {
            rm(&["volume", "rm", "-f", volume]);
        }
        if let Some(network) = &self.network {
            rm(&["network", "rm", network]);
        }
        if let Some(image) = &self.image {
            rm(&["rmi", "-f", image]);
        }
    }
}

/// `GET /healthz` on `addr` until it answers 200 (or `within` passes): the body.
fn wait_healthy(addr: SocketAddr, within: Duration) -> Value {
    let started = Instant::now();
    loop {
        let last = match try_send(addr, "GET", "/healthz", &[], Vec::new()) {
            Ok((200, _, body)) => return json_of(&body),
            Ok((status, _, body)) => format!("{status} {}", String::from_utf8_lossy(&body)),
            Err(e) => e,
        };
        assert!(
            started.elapsed() < within,
            "/healthz on {addr} not 200 after {within:?}: {last}"
        );
        // The port is published before the server inside listens: poll until it does.
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_image_serves_exchanges_through_its_published_port() {
    let Some(engine) = engine() else {
        return skip(
            "neither docker nor podman works here; install one (Debian: apt-get install docker.io, then start dockerd)",
        );
    };
    let binary = match musl_binary() {
        Ok(binary) => binary,
        Err(why) => return skip(&why),
    };
    let id = format!(
        "authcode-test-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let mut made = Cleanup {
        engine,
        containers: Vec::new(),
        volume: None,
        network: None,
        image: None,
    };

    // The README's build, from the repository with its .dockerignore, the dev build's binary.
    let root = repo();
    let containerfile = root.join("Containerfile");
    made.image = Some(id.clone());
    let build_arg = format!("BINARY={binary}");
    let context = root.to_str().unwrap();
    let file = containerfile.to_str().unwrap();
    let args = [
        "build",
        "-f",
        file,
        "--build-arg",
        &build_arg,
        "-t",
        &id,
        context,
    ];
    tool(engine, &args, 300).ok_or_fail("build the image");

    made.network = Some(id.clone());
    tool(engine, &["network", "create", &id], 60).ok_or_fail("create a network");
    made.volume = Some(id.clone());
    tool(engine, &["volume", "create", &id], 60).ok_or_fail("create a volume");
    let alias = format!("sandbox-{}", std::process::id());
    let volume = format!("{id}:/data");
    let run = tool(
        engine,
        &[
            "run",
            "-d",
            "--name",
            &id,
            "--network",
            &id,
            "--network-alias",
            &alias,
            "-p",
            "127.0.0.1::8470",
            "-v",
            &volume,
            &id,
        ],
        120,
    );
    made.containers.push(id.clone());
    run.ok_or_fail("start the container");

    let port = tool(engine, &["port", &id, "8470/tcp"], 60).ok_or_fail("read the port");
    let addr: SocketAddr = port
        .lines()
        .find_map(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no published address in {port:?}"));
    let health = wait_healthy(addr, Duration::from_secs(60));
    assert_eq!(health["status"], "ok", "{health}");

    // A code minted into the volume's store by the image's own user, redeemed over the port.
    let minted = tool(
        engine,
        &[
            "exec",
            &id,
            "/authcode",
            "request",
            "--store",
            "/data/store.sqlite3",
            "--scopes",
            "USER_LOGIN_ID",
            "--approve",
        ],
        60,
    )
    .ok_or_fail("mint a code inside the container");
    let minted: Value = serde_json::from_str(&minted).unwrap();
    let code = minted["authCode"].as_str().unwrap().to_string();
    let whoami = tool(engine, &["inspect", "-f", "{{.Config.User}}", &id], 60)
        .ok_or_fail("inspect the container");
    assert_eq!(whoami.trim(), "65532:65532", "the image runs as non-root");

    let (status, _, body) = send(
        addr,
        "POST",
        APPLY_TOKEN,
        &signed_headers(),
        code_body(&code),
    );
    let body = json_of(&body);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["responseCode"], "2007400", "{body}");
    assert!(body["accessToken"].as_str().is_some_and(|t| !t.is_empty()));
    let (status, _, again) = send(
        addr,
        "POST",
        APPLY_TOKEN,
        &signed_headers(),
        code_body(&code),
    );
    assert_ne!(
        status,
        200,
        "a code is redeemed once: {:?}",
        json_of(&again)
    );

    // A service name of the network resolves inside the image: `--listen` on the sandbox's
    // alias finds its address (then cannot bind it: it belongs to the other container),
    // where a name nobody serves is not found.
    let listen_on = |name: &str| {
        let listen = format!("{name}:8470");
        tool(
            engine,
            &[
                "run",
                "--rm",
                "--network",
                &id,
                "--entrypoint",
                "/authcode",
                &id,
                "serve",
                "--listen",
                &listen,
            ],
            120,
        )
    };
    let resolved = listen_on(&alias);
    let err = resolved.stderr();
    assert_eq!(resolved.code, 2, "{err}");
    assert!(err.contains("cannot listen on"), "{err}");
    assert!(
        !err.contains("lookup") && !err.contains("resolve"),
        "the alias {alias} did not resolve: {err}"
    );
    let unknown = listen_on("no-such-service");
    assert!(
        unknown.stderr().contains("lookup"),
        "an unknown name: {}",
        unknown.stderr()
    );
}

/// The outcome of an engine command: its stdout, or the test fails saying what it was for.
trait OkOrFail {
    fn ok_or_fail(self, what: &str) -> String;
}

impl OkOrFail for crate::support::Run {
    fn ok_or_fail(self, what: &str) -> String {
        assert_eq!(
            self.code,
            0,
            "could not {what}: {}{}",
            self.stdout(),
            self.stderr()
        );
        self.stdout()
    }
}
