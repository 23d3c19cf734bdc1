//! Every relative link in README.md leads to a file or directory of the repository.

use std::path::Path;

/// The targets of README's inline links (`[text](target)`, the text possibly spanning lines),
/// outside fenced code blocks.
fn link_targets(markdown: &str) -> Vec<String> {
    let mut prose = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    let mut targets = Vec::new();
    let mut rest = prose.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        let end = rest.find(')').unwrap_or(rest.len());
        targets.push(rest[..end].trim().to_string());
        rest = &rest[end..];
    }
    targets
}

#[test]
fn every_relative_link_in_readme_resolves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let targets = link_targets(&readme);
    let relative: Vec<&String> = targets
        .iter()
        .filter(|t| !t.starts_with('#') && !t.contains("://") && !t.starts_with("mailto:"))
        .collect();
    // The README links files in several places; finding none means the parsing broke.
    assert!(relative.len() >= 5, "{targets:?}");
    let broken: Vec<&&String> = relative
        .iter()
        .filter(|t| {
            let path = t.split('#').next().unwrap_or_default();
            !root.join(path).exists()
        })
        .collect();
    assert!(
        broken.is_empty(),
        "README.md links what does not exist: {broken:?}"
    );
}

#[test]
fn links_are_read_across_lines_and_outside_code() {
    let md = "See [the\nfile](a/b.json) and [x](#anchor).\n```\n[no](c)\n```\n";
    assert_eq!(link_targets(md), ["a/b.json", "#anchor"]);
}
