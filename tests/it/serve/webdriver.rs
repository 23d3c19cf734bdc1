//! A small W3C WebDriver client over hyper, enough to drive headless Chromium through
//! chromedriver: sessions, navigation, elements, screenshots.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

use crate::serve::support::send;
use crate::support::{Running, TestCommand};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// chromedriver and the Chromium it drives, or why they cannot run here.
pub fn find() -> Result<(String, String), String> {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| which(b))
        .ok_or("Chromium is missing")?;
    if !which("chromedriver") {
        return Err("chromedriver is missing".into());
    }
    Ok((chromium.to_string(), "chromedriver".to_string()))
}

fn which(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A running chromedriver with one browser session.
pub struct Browser {
    driver: Running,
    addr: SocketAddr,
    session: String,
}

impl Browser {
    /// Starts chromedriver on a port of its choosing (read from what it prints once it
    /// listens) and a headless session `width` x `height`; below 500 px (Chromium's smallest
    /// window) as a phone, through mobile emulation.
    pub fn start(chromium: &str, chromedriver: &str, width: u32, height: u32) -> Browser {
        let mut driver = TestCommand::new(chromedriver)
            .arg("--port=0")
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Its stdout is read to the end, so that it never writes to a closed pipe.
        let stdout = driver.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let port = line
                    .strip_prefix("ChromeDriver was started successfully on port ")
                    .and_then(|rest| rest.trim_end_matches('.').parse::<u16>().ok());
                if let Some(port) = port {
                    let _ = tx.send(port);
                }
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("chromedriver says on which port it started");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let binary = which_path(chromium);
        let mut browser = Browser {
            driver,
            addr,
            session: String::new(),
        };
        let mut options = json!({
            "binary": binary,
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--hide-scrollbars", "--force-device-scale-factor=1",
                     format!("--window-size={},{height}", width.max(500))]
        });
        if width < 500 {
            options["mobileEmulation"] =
                json!({"deviceMetrics": {"width": width, "height": height, "pixelRatio": 1.0}});
        }
        let created = browser.call(
            "POST",
            "/session",
            json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}}),
        );
        browser.session = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        browser
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let body = if method == "GET" || method == "DELETE" {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        let (_, _, bytes) = send(self.addr, method, path, &headers, body);
        serde_json::from_slice::<Value>(&bytes).unwrap()["value"].clone()
    }

    fn session_call(&self, method: &str, path: &str, body: Value) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    pub fn goto(&self, url: &str) {
        let v = self.session_call("POST", "/url", json!({"url": url}));
        assert!(v.is_null(), "navigation failed: {v}");
    }

    pub fn url(&self) -> String {
        self.session_call("GET", "/url", Value::Null)
            .as_str()
            .unwrap()
            .to_string()
    }

    /// The element matching `css` (panics when there is none).
    pub fn element(&self, css: &str) -> String {
        let v = self.session_call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {v}"))
            .to_string()
    }

    pub fn click(&self, css: &str) {
        let id = self.element(css);
        self.session_call("POST", &format!("/element/{id}/click"), json!({}));
    }

    pub fn text(&self, css: &str) -> String {
        let id = self.element(css);
        self.session_call("GET", &format!("/element/{id}/text"), Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Whether a JavaScript alert is open (an injected script would have opened one).
    pub fn alert_open(&self) -> bool {
        self.session_call("GET", "/alert/text", Value::Null)
            .is_string()
    }

    /// Waits until the URL starts with `prefix`; the URL.
    pub fn wait_for_url(&self, prefix: &str) -> String {
        let started = Instant::now();
        loop {
            let url = self.url();
            if url.starts_with(prefix) {
                return url;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "stuck at {url}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// What `script` (a function body run in the page by the driver) returns.
    pub fn script(&self, script: &str) -> Value {
        self.session_call(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }

    /// Saves a PNG screenshot of the viewport.
    pub fn screenshot(&self, path: &Path) {
        let b64 = self.session_call("GET", "/screenshot", Value::Null);
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().unwrap())
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

fn which_path(program: &str) -> String {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.call("DELETE", &format!("/session/{}", self.session), Value::Null);
        }
        self.driver.kill();
    }
}
