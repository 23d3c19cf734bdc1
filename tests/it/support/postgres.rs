//! A throwaway PostgreSQL server of the test's own: `initdb` into a temporary directory (as
//! the `postgres` user when the tests run as root, since initdb refuses root), `pg_ctl start`
//! on a free port of 127.0.0.1 with its socket in that directory, and `pg_ctl stop -m
//! immediate` when dropped, on success and on panic alike. Where PostgreSQL is not installed
//! the test says how to get it and skips, unless AUTHCODE_REQUIRE_TOOLS=1 (.ci/run).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A running PostgreSQL server.
pub struct Postgres {
    bin: PathBuf,
    dir: tempfile::TempDir,
    pub port: u16,
    as_postgres: bool,
    /// Serves TLS too, with a self-signed certificate (`ssl=on`).
    tls: bool,
    /// The address it listens on (127.0.0.1, or its end of a [`Link`]).
    host: String,
    /// The network namespace it runs in, if not the test's.
    netns: Option<String>,
}

/// Where PostgreSQL's server programs are: Debian's /usr/lib/postgresql/N/bin, or PATH.
fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("pg_ctl").exists())
        .collect();
    versions.sort();
    versions.pop().or_else(|| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .find(|p| p.join("pg_ctl").exists() && p.join("initdb").exists())
        })
    })
}

fn root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

impl Postgres {
    /// Starts a server, or `None` (after one line on stderr) where PostgreSQL is missing.
    pub fn start() -> Option<Postgres> {
        Postgres::start_with(false, None)
    }

    /// [`Postgres::start`], accepting TLS connections with a self-signed certificate.
    pub fn start_tls() -> Option<Postgres> {
        Postgres::start_with(true, None)
    }

    /// [`Postgres::start`] on the far end of `link`, reached through it.
    pub fn start_behind(link: &Link) -> Option<Postgres> {
        Postgres::start_with(false, Some(link))
    }

    fn start_with(tls: bool, link: Option<&Link>) -> Option<Postgres> {
        let Some(bin) = bin_dir() else {
            if std::env::var("AUTHCODE_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
                panic!("AUTHCODE_REQUIRE_TOOLS=1, but PostgreSQL's initdb and pg_ctl are not installed");
            }
            eprintln!("skipped: PostgreSQL is not installed (Debian: apt-get install postgresql)");
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("authcode-pg")
            .tempdir()
            .unwrap();
        let as_postgres = root();
        if as_postgres {
            let (uid, gid) = postgres_ids();
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid)).unwrap();
        }
        let port = free_port();
        let server = Postgres {
            bin,
            dir,
            port,
            as_postgres,
            tls,
            host: link.map_or_else(|| "127.0.0.1".to_string(), |l| l.far.to_string()),
            netns: link.map(|l| l.netns.clone()),
        };
        let data = server.data();
        server.run(
            "initdb",
            &[
                "-D",
                &data,
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
            ],
        );
        if tls {
            server.write_certificate();
        }
        if let Some(link) = link {
            // initdb trusts loopback only; the link's near end connects from its own address.
            let hba = server.dir.path().join("data").join("pg_hba.conf");
            let mut text = std::fs::read_to_string(&hba).unwrap();
            text.push_str(&format!("host all all {}/32 trust\n", link.near));
            std::fs::write(&hba, text).unwrap();
        }
        server.start_again();
        Some(server)
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    /// `program` of PostgreSQL's, as its user and in its namespace.
    fn command(&self, program: &str) -> Command {
        let mut line: Vec<std::ffi::OsString> = Vec::new();
        if let Some(netns) = &self.netns {
            line.extend(["ip", "netns", "exec", netns.as_str()].map(Into::into));
        }
        if self.as_postgres {
            line.extend(["runuser", "-u", "postgres", "--"].map(Into::into));
        }
        line.push(self.bin.join(program).into());
        let mut cmd = Command::new(&line[0]);
        cmd.args(&line[1..]);
        cmd
    }

    fn run(&self, program: &str, args: &[&str]) {
        let mut cmd = self.command(program);
        let out = cmd
            .args(args)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A self-signed certificate for 127.0.0.1 and its key (0600), owned by the server's user.
    fn write_certificate(&self) {
        let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
        let cert = self.dir.path().join("server.crt");
        let key = self.dir.path().join("server.key");
        std::fs::write(&cert, certified.cert.pem()).unwrap();
        std::fs::write(&key, certified.signing_key.serialize_pem()).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        if self.as_postgres {
            let (uid, gid) = postgres_ids();
            for file in [&cert, &key] {
                std::os::unix::fs::chown(file, Some(uid), Some(gid)).unwrap();
            }
        }
    }

    /// Starts the server (again, after [`Postgres::stop`]) and waits until it accepts.
    pub fn start_again(&self) {
        let mut options = format!(
            "-p {} -c listen_addresses={} -k {} -c fsync=on",
            self.port,
            self.host,
            self.dir.path().display()
        );
        if self.tls {
            let dir = self.dir.path().display();
            options.push_str(&format!(
                " -c ssl=on -c ssl_cert_file={dir}/server.crt -c ssl_key_file={dir}/server.key"
            ));
        }
        let log = self.dir.path().join("log").display().to_string();
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-o",
                &options,
                "-l",
                &log,
                "-w",
                "-t",
                "30",
                "start",
            ],
        );
    }

    /// Stops the server (fast: open connections are cut).
    pub fn stop(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]);
    }

    /// The URL of a new, empty database `name` on this server.
    pub fn database(&self, name: &str) -> PathBuf {
        let mut admin = postgres::Client::connect(
            &format!(
                "host={} port={} user=postgres dbname=postgres",
                self.host, self.port
            ),
            postgres::NoTls,
        )
        .unwrap_or_else(|e| {
            let log = std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default();
            panic!("cannot reach the test's PostgreSQL ({e}); its log:\n{log}")
        });
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        PathBuf::from(format!(
            "postgres://postgres@{}:{}/{name}",
            self.host, self.port
        ))
    }

    /// A client of the database at `url`, to look into the store.
    pub fn client(url: &Path) -> postgres::Client {
        postgres::Client::connect(url.to_str().unwrap(), postgres::NoTls).unwrap()
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self
            .command("pg_ctl")
            .args(["-D", data.as_str(), "-m", "immediate", "-w", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// A network link of the test's own: a veth pair whose far end is in a new network namespace,
/// so that a server there can be cut off (packets go nowhere, no reset) and brought back. Removed when dropped. Needs root and iproute2; `None` (after one line on
/// stderr) where a namespace cannot be made.
pub struct Link {
    pub netns: String,
    near_if: String,
    far_if: String,
    pub near: std::net::Ipv4Addr,
    pub far: std::net::Ipv4Addr,
}

impl Link {
    pub fn new() -> Option<Link> {
        static NEXT: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(1);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let tag = format!("ac{}x{n}", std::process::id());
        // A /30 of its own per link: 10.(pid-derived).(n).1 and .2.
        let second = (std::process::id() % 200) as u8 + 20;
        let link = Link {
            netns: tag.clone(),
            near_if: format!("{tag}a"),
            far_if: format!("{tag}b"),
            near: std::net::Ipv4Addr::new(10, second, n, 1),
            far: std::net::Ipv4Addr::new(10, second, n, 2),
        };
        let far_if = link.far_if.clone();
        let (near, far) = (format!("{}/30", link.near), format!("{}/30", link.far));
        let steps: [&[&str]; 8] = [
            &["netns", "add", &tag],
            &[
                "link",
                "add",
                &link.near_if,
                "type",
                "veth",
                "peer",
                "name",
                &far_if,
            ],
            &["link", "set", &far_if, "netns", &tag],
            &["addr", "add", &near, "dev", &link.near_if],
            &["link", "set", &link.near_if, "up"],
            &["-n", &tag, "addr", "add", &far, "dev", &far_if],
            &["-n", &tag, "link", "set", &far_if, "up"],
            &["-n", &tag, "link", "set", "lo", "up"],
        ];
        for step in steps {
            if let Err(why) = ip(step) {
                if std::env::var("AUTHCODE_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
                    panic!("AUTHCODE_REQUIRE_TOOLS=1, but ip {step:?} failed: {why}");
                }
                eprintln!(
                    "skipped: cannot make a network namespace ({why}); run the tests as root \
                     with iproute2 (Debian: apt-get install iproute2)"
                );
                return None;
            }
        }
        Some(link)
    }

    /// Cuts the link (`false`) or brings it back (`true`): the far end is set down, so the
    /// near end's packets are dropped on the wire, unanswered (its own routes stay).
    pub fn set_up(&self, up: bool) {
        let state = if up { "up" } else { "down" };
        ip(&["-n", &self.netns, "link", "set", &self.far_if, state]).unwrap();
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        let _ = ip(&["link", "del", &self.near_if]);
        let _ = ip(&["netns", "del", &self.netns]);
    }
}

fn ip(args: &[&str]) -> Result<(), String> {
    let out = Command::new("ip")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

fn postgres_ids() -> (u32, u32) {
    let out = Command::new("id")
        .args(["-u", "postgres"])
        .output()
        .unwrap();
    let uid = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let out = Command::new("id")
        .args(["-g", "postgres"])
        .output()
        .unwrap();
    let gid = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    (uid, gid)
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}
