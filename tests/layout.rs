//! The shape of the source stays as docs/architecture.md draws it: no two modules of `src/` depend
//! on each other (directly or round a longer loop), the domain folders depend on each other one
//! way only (from `api/` down to `money/` and `input/`), `src/` has at most three loose files, and
//! no source file of `src/` or `fuzz/src/` is longer than 700 lines.
//!
//! A module's dependencies are the `crate::…` and `super::…` paths its file names outside comments
//! (in `use` lines or inline); `mod` declarations are not dependencies.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 700;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/cash/state.rs` → `cash::state`, `src/api/mod.rs` → `api`, `src/lib.rs` → `` (the root).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts.join("::")
}

/// The paths a line names after `crate::` or `super::`, as segments (`crate::cash::state::{…}`
/// gives `["cash", "state"]`), `super` resolved against `module`.
fn paths_in(line: &str, module: &str, is_mod_rs: bool) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (anchor, is_super) in [("crate::", false), ("super::", true)] {
        let mut rest = line;
        while let Some(at) = rest.find(anchor) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + anchor.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `mycrate::`, not `crate::`
            }
            let mut segs: Vec<String> = if is_super {
                let mut base: Vec<String> = module.split("::").map(str::to_owned).collect();
                // An indented `super` is in an inline module (`mod tests`): the file's module.
                // Otherwise it is the file's folder (for a `mod.rs`, the folder's parent).
                if !line.starts_with(char::is_whitespace) {
                    base.pop();
                    if is_mod_rs {
                        base.pop();
                    }
                }
                base.retain(|s| !s.is_empty());
                base
            } else {
                Vec::new()
            };
            let mut tail = rest;
            loop {
                let end = tail
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(tail.len());
                if end == 0 {
                    break;
                }
                segs.push(tail[..end].to_owned());
                tail = &tail[end..];
                match tail.strip_prefix("::") {
                    Some(t) => tail = t,
                    None => break,
                }
            }
            assert!(
                !(segs.is_empty() && tail.starts_with('{')),
                "{module}: write crate paths out to their module (`{line}`), so dependencies can be read"
            );
            out.push(segs);
        }
    }
    out
}

/// The longest prefix of `segs` that is a module.
fn resolve(segs: &[String], modules: &BTreeSet<String>) -> Option<String> {
    (1..=segs.len())
        .rev()
        .map(|n| segs[..n].join("::"))
        .find(|m| modules.contains(m))
}

struct Graph {
    edges: BTreeMap<String, BTreeSet<String>>,
}

impl Graph {
    /// A loop of the graph, if it has one.
    fn cycle(&self) -> Option<Vec<String>> {
        // 0 unvisited, 1 on the stack, 2 done.
        fn visit(
            g: &Graph,
            n: &str,
            state: &mut BTreeMap<String, u8>,
            stack: &mut Vec<String>,
        ) -> Option<Vec<String>> {
            state.insert(n.to_owned(), 1);
            stack.push(n.to_owned());
            for m in g.edges.get(n).into_iter().flatten() {
                match state.get(m.as_str()).copied().unwrap_or(0) {
                    1 => {
                        let from = stack.iter().position(|s| s == m).unwrap();
                        let mut c = stack[from..].to_vec();
                        c.push(m.clone());
                        return Some(c);
                    }
                    0 => {
                        if let Some(c) = visit(g, m, state, stack) {
                            return Some(c);
                        }
                    }
                    _ => {}
                }
            }
            stack.pop();
            state.insert(n.to_owned(), 2);
            None
        }
        let mut state = BTreeMap::new();
        for n in self.edges.keys() {
            if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
                if let Some(c) = visit(self, n, &mut state, &mut Vec::new()) {
                    return Some(c);
                }
            }
        }
        None
    }
}

fn shown(c: &[String]) -> String {
    c.iter()
        .map(|m| if m.is_empty() { "crate" } else { m.as_str() })
        .collect::<Vec<_>>()
        .join(" -> ")
}

/// The module graph of `src/` and the domain graph (a domain is a top-level folder or loose file).
fn graphs() -> (Graph, Graph) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut modgraph = Graph {
        edges: BTreeMap::new(),
    };
    let mut domgraph = Graph {
        edges: BTreeMap::new(),
    };
    for file in &files {
        let module = module_of(&src, file);
        let is_mod_rs = file.file_name().is_some_and(|n| n == "mod.rs");
        let text = fs::read_to_string(file).unwrap();
        modgraph.edges.entry(module.clone()).or_default();
        for line in text.lines() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            let mut found = paths_in(line, &module, is_mod_rs);
            // A folder's mod.rs (and lib.rs) may name its children without `crate::`.
            if let Some(rel) = line
                .trim_start()
                .strip_prefix("pub use ")
                .or_else(|| line.trim_start().strip_prefix("use "))
            {
                let first: String = rel
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let child = if module.is_empty() {
                    first
                } else {
                    format!("{module}::{first}")
                };
                if modules.contains(&child) {
                    found.push(child.split("::").map(str::to_owned).collect());
                }
            }
            for segs in found {
                let Some(to) = resolve(&segs, &modules) else {
                    continue;
                };
                if to == module {
                    continue;
                }
                modgraph
                    .edges
                    .entry(module.clone())
                    .or_default()
                    .insert(to.clone());
                let (a, b) = (domain(&module), domain(&to));
                // The crate root and a folder's own mod.rs only declare and re-export.
                if a != b && !a.is_empty() {
                    domgraph.edges.entry(a).or_default().insert(b);
                }
            }
        }
    }
    (modgraph, domgraph)
}

fn domain(module: &str) -> String {
    module.split("::").next().unwrap_or("").to_owned()
}

#[test]
fn no_two_modules_depend_on_each_other() {
    let (modules, _) = graphs();
    // The check sees real dependencies: the ledger's charge module reads customers.
    assert!(modules.edges["ledger::charge"].contains("ledger::customer"));
    assert!(modules.edges["api::items"].contains("checkout::item"));
    if std::env::var_os("SHOW_GRAPH").is_some() {
        for (m, deps) in &modules.edges {
            println!("{m} -> {deps:?}");
        }
    }
    if let Some(c) = modules.cycle() {
        panic!("modules depend on each other round a loop: {}", shown(&c));
    }
}

#[test]
fn domains_depend_on_each_other_one_way() {
    let (_, domains) = graphs();
    if std::env::var_os("SHOW_GRAPH").is_some() {
        for (d, deps) in &domains.edges {
            println!("{d}/ -> {deps:?}");
        }
    }
    assert!(domains.edges["api"].contains("ledger"));
    if let Some(c) = domains.cycle() {
        panic!(
            "domain folders depend on each other round a loop: {}",
            shown(&c)
        );
    }
    // input/ is the bottom, money/ stands on it alone, time/ on those two.
    let deps = |d: &str| domains.edges.get(d).cloned().unwrap_or_default();
    assert!(
        deps("input").is_empty(),
        "input/ depends on {:?}",
        deps("input")
    );
    assert!(
        deps("money").iter().all(|d| d == "input"),
        "money/ depends on {:?}",
        deps("money")
    );
    assert!(
        deps("time").iter().all(|d| d == "input" || d == "money"),
        "time/ depends on {:?}",
        deps("time")
    );
    for d in [
        "money", "input", "time", "checkout", "ledger", "payouts", "cash",
    ] {
        let deps = domains.edges.get(d).cloned().unwrap_or_default();
        assert!(
            !deps.contains("api") && !deps.contains("wasm"),
            "{d}/ depends on {deps:?}"
        );
    }
}

#[test]
fn the_cycle_check_finds_a_loop() {
    let mut g = Graph {
        edges: BTreeMap::new(),
    };
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        g.edges.entry(a.into()).or_default().insert(b.into());
    }
    assert_eq!(shown(&g.cycle().unwrap()), "a -> b -> c -> a");
    g.edges.get_mut("c").unwrap().remove("a");
    assert!(g.cycle().is_none());
}

#[test]
fn paths_are_read_from_use_lines_and_inline() {
    let p = |line: &str, module: &str, is_mod: bool| paths_in(line, module, is_mod);
    assert_eq!(
        p(
            "use crate::cash::state::{self, CashBalanceState};",
            "cash::balance",
            false
        ),
        vec![vec!["cash", "state"]]
    );
    assert_eq!(
        p(
            "    x = crate::input::json::type_name(v);",
            "cash::balance",
            false
        ),
        vec![vec!["input", "json", "type_name"]]
    );
    assert_eq!(
        p("use super::{answer, parse_arg};", "api::items", false),
        vec![vec!["api"]]
    );
    assert_eq!(
        p("    use super::*;", "cash::balance", false),
        vec![vec!["cash", "balance"]]
    );
    assert!(p("let x = mycrate::a::b;", "x", false).is_empty());
}

#[test]
fn files_are_short_and_src_has_folders() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("fuzz/src"), &mut files);
    assert!(files.len() > 30);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "longer than {MAX_LINES} lines: {long:?}");
    let loose: Vec<_> = fs::read_dir(root.join("src"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    assert!(loose.len() <= 3, "loose files in src/: {loose:?}");
}
