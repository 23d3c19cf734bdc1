//! README's container and CI recipes (section "In a container, in CI and in staging"): the
//! files in deploy/ are the ones README shows, whole; they parse as YAML; every `authcode`
//! command line in them — and the image's own command — is one the binary accepts; and the
//! ports, probes, user and volume they name agree with the Containerfile.

use std::path::Path;

use serde_yaml::Value;

use crate::support::authcode;

const RECIPES: [&str; 3] = [
    "deploy/github-actions.yml",
    "deploy/compose.yaml",
    "deploy/kubernetes.yaml",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn yaml(path: &str) -> Value {
    serde_yaml::from_str(&read(path)).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
}

/// The YAML documents of `path` (`---` between them).
fn documents(path: &str) -> Vec<Value> {
    let text = read(path);
    serde_yaml::Deserializer::from_str(&text)
        .map(|d| {
            serde::Deserialize::deserialize(d).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
        })
        .collect()
}

fn strings(list: &Value) -> Vec<String> {
    list.as_sequence()
        .unwrap_or_else(|| panic!("not a list: {list:?}"))
        .iter()
        .map(|v| v.as_str().expect("a string").to_string())
        .collect()
}

/// The subcommands an `authcode` command line in a script starts with.
const SUBCOMMANDS: [&str; 8] = [
    "serve",
    "request",
    "sandbox",
    "validate",
    "scopes",
    "schema",
    "completions",
    "wallets",
];

/// The `authcode` command lines of a shell script: the arguments after `authcode` (or
/// `/authcode`, in the image) up to a pipe, redirection or the end of the command.
fn command_lines(script: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for line in script.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for (i, word) in words.iter().enumerate() {
            let program = matches!(*word, "authcode" | "/authcode");
            if !program || !words.get(i + 1).is_some_and(|w| SUBCOMMANDS.contains(w)) {
                continue;
            }
            let args = words[i + 1..]
                .iter()
                .take_while(|w| !["|", "&", "&&", ";", "||"].contains(*w) && !w.starts_with('>'))
                .map(|w| w.to_string())
                .collect();
            found.push(args);
        }
    }
    found
}

/// Every `run:` script of a GitHub Actions workflow.
fn run_scripts(workflow: &Value) -> Vec<String> {
    let jobs = workflow["jobs"].as_mapping().expect("jobs");
    jobs.values()
        .flat_map(|job| job["steps"].as_sequence().expect("steps").clone())
        .filter_map(|step| step["run"].as_str().map(str::to_string))
        .collect()
}

/// `authcode ARGS --help` exits 0: clap took every argument before it.
fn accepted(args: &[String]) -> bool {
    let run = authcode().args(args).arg("--help").run();
    run.code == 0
}

/// The image's command: the Containerfile's `ENTRYPOINT` and `CMD`, as JSON lists.
fn image_command() -> (Vec<String>, Vec<String>) {
    let file = read("Containerfile");
    let json = |instruction: &str| -> Vec<String> {
        let line = file
            .lines()
            .find_map(|l| l.strip_prefix(instruction))
            .unwrap_or_else(|| panic!("Containerfile has no {instruction}"));
        serde_json::from_str(line.trim()).unwrap()
    };
    (json("ENTRYPOINT "), json("CMD "))
}

fn containerfile_line(prefix: &str) -> String {
    read("Containerfile")
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("Containerfile has no {prefix}"))
        .trim()
        .to_string()
}

#[test]
fn readme_shows_the_recipes_as_committed() {
    let readme = read("README.md");
    for path in RECIPES {
        let shown = format!("```yaml\n{}```", read(path));
        assert!(
            readme.contains(&shown),
            "README does not show {path} as committed"
        );
        assert!(
            readme.contains(&format!("[`{path}`]({path})")),
            "README does not link {path}"
        );
    }
    // Every YAML block of the section is one of the files.
    let section = readme
        .split_once("### In a container, in CI and in staging")
        .expect("README has the section")
        .1;
    let section = section.split_once("\n## ").map_or(section, |(s, _)| s);
    assert_eq!(section.matches("```yaml\n").count(), RECIPES.len());
}

#[test]
fn every_authcode_command_line_in_the_recipes_and_readme_is_accepted() {
    let mut lines: Vec<(String, Vec<String>)> = Vec::new();
    let workflow = yaml("deploy/github-actions.yml");
    for script in run_scripts(&workflow) {
        for args in command_lines(&script) {
            lines.push(("deploy/github-actions.yml".into(), args));
        }
    }
    let compose = yaml("deploy/compose.yaml");
    lines.push((
        "deploy/compose.yaml".into(),
        strings(&compose["services"]["sandbox"]["command"]),
    ));
    for doc in documents("deploy/kubernetes.yaml") {
        if doc["kind"] == "Deployment" {
            for container in doc["spec"]["template"]["spec"]["containers"]
                .as_sequence()
                .unwrap()
            {
                lines.push(("deploy/kubernetes.yaml".into(), strings(&container["args"])));
            }
        }
    }
    let (entrypoint, cmd) = image_command();
    assert_eq!(entrypoint, ["/authcode"]);
    lines.push(("Containerfile".into(), cmd));
    let readme = read("README.md");
    let section = readme
        .split_once("### In a container, in CI and in staging")
        .unwrap()
        .1;
    let sh = section
        .split_once("```sh\n")
        .unwrap()
        .1
        .split_once("```")
        .unwrap()
        .0;
    for args in command_lines(sh) {
        lines.push(("README".into(), args));
    }
    // The workflow's two jobs mint codes; compose, Kubernetes and the image serve.
    let count = |sub: &str| lines.iter().filter(|(_, a)| a[0] == sub).count();
    assert!(count("request") >= 3 && count("serve") >= 4, "{lines:?}");
    for (file, args) in &lines {
        assert!(
            accepted(args),
            "{file}: authcode {} is refused",
            args.join(" ")
        );
    }
    // The check can fail: a flag serve does not have is refused.
    let wrong: Vec<String> = ["serve", "--listen", "0.0.0.0:8470", "--no-such-flag"]
        .map(String::from)
        .into();
    assert!(!accepted(&wrong));
}

#[test]
fn the_recipes_agree_with_the_image() {
    let (_, cmd) = image_command();
    let listen = cmd.iter().skip_while(|a| *a != "--listen").nth(1).unwrap();
    assert_eq!(listen, "0.0.0.0:8470");
    assert_eq!(containerfile_line("EXPOSE "), "8470");
    assert_eq!(containerfile_line("USER "), "65532:65532");
    assert_eq!(containerfile_line("VOLUME "), "/data");

    let compose = yaml("deploy/compose.yaml");
    let sandbox = &compose["services"]["sandbox"];
    assert_eq!(sandbox["build"]["dockerfile"], "Containerfile");
    let context = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("deploy")
        .join(sandbox["build"]["context"].as_str().unwrap());
    assert!(context.join("Containerfile").is_file());
    assert_eq!(strings(&sandbox["ports"]), ["127.0.0.1:8470:8470"]);
    assert_eq!(strings(&sandbox["volumes"]), ["sandbox-data:/data"]);
    // The replicas' shared store: the compose file's own database, waited for at start.
    let store = sandbox["environment"]["AUTHCODE_STORE"].as_str().unwrap();
    assert!(store.starts_with("postgres://authcode@db:5432/"), "{store}");
    assert_eq!(strings(&sandbox["depends_on"]), ["db"]);
    assert!(strings(&sandbox["command"]).contains(&"--wait-for-store".to_string()));
    let backend = strings(&compose["services"]["backend"]["command"]).join(" ");
    assert!(backend.contains("http://sandbox:8470/healthz"), "{backend}");

    let docs = documents("deploy/kubernetes.yaml");
    let deployment = docs.iter().find(|d| d["kind"] == "Deployment").unwrap();
    let service = docs.iter().find(|d| d["kind"] == "Service").unwrap();
    assert_eq!(deployment["spec"]["replicas"], 2);
    let pod = &deployment["spec"]["template"];
    assert_eq!(
        service["spec"]["selector"], pod["metadata"]["labels"],
        "the Service selects the Deployment's pods"
    );
    assert_eq!(
        deployment["spec"]["selector"]["matchLabels"],
        pod["metadata"]["labels"]
    );
    assert_eq!(pod["spec"]["securityContext"]["runAsUser"], 65532);
    let container = &pod["spec"]["containers"][0];
    assert_eq!(container["ports"][0]["containerPort"], 8470);
    let port_name = &container["ports"][0]["name"];
    assert_eq!(&service["spec"]["ports"][0]["targetPort"], port_name);
    for probe in ["readinessProbe", "livenessProbe"] {
        let get = &container[probe]["httpGet"];
        assert_eq!(get["path"], "/healthz", "{probe}");
        assert_eq!(&get["port"], port_name, "{probe}");
        // The health check gives the store 2 s; the probe waits longer than that.
        assert!(
            container[probe]["timeoutSeconds"].as_u64().unwrap() > 2,
            "{probe}"
        );
    }
    let env = serde_yaml::to_string(&container["env"]).unwrap();
    assert!(
        env.contains("postgres://"),
        "two replicas share a database store: {env}"
    );
    let mounts = container["volumeMounts"].as_sequence().unwrap();
    assert!(mounts.iter().any(|m| m["mountPath"] == "/data"));

    let workflow = yaml("deploy/github-actions.yml");
    let service = &workflow["jobs"]["with-service"]["services"]["sandbox"];
    assert_eq!(strings(&service["ports"]), ["8470:8470"]);
    for (job, url) in [
        ("with-service", "http://localhost:8470/healthz"),
        ("in-background", "http://127.0.0.1:8470/healthz"),
    ] {
        let steps = serde_yaml::to_string(&workflow["jobs"][job]["steps"]).unwrap();
        assert!(steps.contains(url), "{job} waits on {url}");
    }
}
