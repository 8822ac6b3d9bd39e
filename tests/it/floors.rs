//! The floors of `src/`: data flows up, so a file imports only from its
//! own floor or the floors below it. This test reads every file the crate
//! root reaches (`mod` declarations, `#[path]` included) and fails on
//!
//! - an import circle between files,
//! - an import that runs up the floors, unless [`UPWARD_ALLOWED`] names it,
//! - a stage module importing another stage module (`stages/mod.rs`, which
//!   lists them all, is no stage).
//!
//! An import is a `use` item (its tree expanded) or a path in code that
//! starts with `crate::`, `super::` or `self::` (comments and string
//! literals are skipped). A path is followed through `pub use` re-exports
//! to the file that defines the item. Code under `#[cfg(test)]` is left
//! out: a unit test may drive the whole pipeline. A module's imports from
//! its own submodules (a folder's `mod.rs` using or re-exporting its
//! parts) make no circle: a part may use what its folder's front
//! declares, and circles are looked for among the parts and across
//! folders.
//!
//! The floor table is [`FLOORS`]: after a refactor that moves a module,
//! adjust it there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The floors, bottom up: each names the modules on it (a module's
/// submodules are on its floor unless the table names them: the longest
/// match wins). The crate root (`lib.rs`, `main.rs`) is above them all.
/// `error` (the error type every floor returns) is at the bottom.
///
/// `engine` sits above `ingest` and `emit` because it reads documents and
/// renders their claims; `eval` scores through the pipeline and the
/// writers' records; `model::train` (the `train` feature) runs the
/// pipeline over gold documents and scores folds, so it sits above
/// `eval` though it lives in `model/`; `corpus` reads claims files and
/// scores.
const FLOORS: &[&[&str]] = &[
    &["error"],
    &["lexicon"],
    &["doc"],
    &["lang"],
    &["model"],
    &["stages"],
    &["pipeline"],
    &["ingest"],
    &["emit"],
    &["engine"],
    &["eval"],
    &["model::train"],
    &["corpus"],
    &["cmd"],
];

/// Imports allowed to run up the floors: (importing file, imported
/// module path), each with its reason. At most 3.
const UPWARD_ALLOWED: &[(&str, &str, &str)] = &[];

const _: () = assert!(UPWARD_ALLOWED.len() <= 3);

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Sep,
    Punct(char),
}

/// The tokens of Rust source with their line numbers; comments dropped,
/// string and char literals kept as single tokens.
fn tokens(src: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(c[i] == '\n');
                    i += 1;
                }
            }
        } else if let Some((end, text)) = raw_string(&c, i) {
            line += text.matches('\n').count();
            out.push((Tok::Str(text), line));
            i = end;
        } else if ch == '"' || (ch == 'b' && next == Some('"')) {
            let start_line = line;
            i += if ch == 'b' { 2 } else { 1 };
            let mut text = String::new();
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                line += usize::from(c.get(i) == Some(&'\n'));
                text.extend(c.get(i));
                i += 1;
            }
            out.push((Tok::Str(text), start_line));
            i += 1;
        } else if ch == '\'' || (ch == 'b' && next == Some('\'')) {
            let q = if ch == 'b' { i + 1 } else { i };
            if c.get(q + 1) == Some(&'\\') {
                // An escaped char literal: past the escaped character, up
                // to its closing quote.
                let mut j = q + 3;
                while j < c.len() && c[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push((Tok::Str(String::new()), line));
            } else if c.get(q + 2) == Some(&'\'') {
                i = q + 3;
                out.push((Tok::Str(String::new()), line));
            } else {
                // A lifetime or label.
                out.push((Tok::Punct('\''), line));
                i = q + 1;
            }
        } else if ident(ch) {
            let start = i;
            while i < c.len() && ident(c[i]) {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let word = word.strip_prefix("r#").unwrap_or(&word).to_string();
            out.push((Tok::Ident(word), line));
        } else if ch == ':' && next == Some(':') {
            out.push((Tok::Sep, line));
            i += 2;
        } else {
            out.push((Tok::Punct(ch), line));
            i += 1;
        }
    }
    out
}

/// A raw string literal (`r"…"`, `r#"…"#`, `br"…"`) starting at `i`: where
/// it ends and its text.
fn raw_string(c: &[char], i: usize) -> Option<(usize, String)> {
    if i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_') {
        return None;
    }
    let mut j = i;
    if c.get(j) == Some(&'b') {
        j += 1;
    }
    if c.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let hashes = c[j..].iter().take_while(|&&x| x == '#').count();
    j += hashes;
    if c.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    let start = j;
    loop {
        if j >= c.len() {
            return None;
        }
        if c[j] == '"'
            && c[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&x| x == '#')
                .count()
                == hashes
        {
            let text = c[start..j].iter().collect();
            return Some((j + 1 + hashes, text));
        }
        j += 1;
    }
}

/// One import: the file and line it is on, the module the importing code
/// is in, the path as written, and whether it is a `pub use`.
#[derive(Clone, Debug)]
struct Import {
    file: usize,
    line: usize,
    module: Vec<String>,
    path: Vec<String>,
    public: bool,
}

/// One source file: its path, its module path, and the child modules its
/// `mod` declarations name (with the file each is in).
struct File {
    path: PathBuf,
    module: Vec<String>,
}

/// Every file the crate root reaches and every import in them.
struct Crate {
    files: Vec<File>,
    /// Module path → index of the file holding it (inline modules map to
    /// their file).
    modules: BTreeMap<Vec<String>, usize>,
    imports: Vec<Import>,
}

impl Crate {
    fn read(src: &Path) -> Crate {
        let mut krate = Crate {
            files: Vec::new(),
            modules: BTreeMap::new(),
            imports: Vec::new(),
        };
        krate.add(src.join("lib.rs"), Vec::new(), true);
        // The binary is its own crate: `whosaid::` is this crate's root.
        krate.add(src.join("main.rs"), vec!["<main>".to_string()], true);
        krate
    }

    /// Reads the file at `path`, holding module `module`, and the files
    /// of the modules it declares.
    fn add(&mut self, path: PathBuf, module: Vec<String>, owns_dir: bool) {
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let dir = if owns_dir {
            path.parent().unwrap().to_path_buf()
        } else {
            path.with_extension("")
        };
        let file = self.files.len();
        self.files.push(File {
            path: path.clone(),
            module: module.clone(),
        });
        self.modules.insert(module.clone(), file);
        let toks = tokens(&text);
        let mut p = Parser {
            toks: &toks,
            i: 0,
            file,
            stack: vec![(module, 0)],
            depth: 0,
            children: Vec::new(),
            imports: Vec::new(),
        };
        p.run();
        for inline in p.stack.iter().skip(1) {
            self.modules.insert(inline.0.clone(), file);
        }
        self.imports.append(&mut p.imports);
        for (child, attr_path) in p.children {
            let (child_path, owns) = match attr_path {
                Some(rel) => {
                    let owns = rel.ends_with("mod.rs");
                    (dir.join(rel), owns)
                }
                None => {
                    let flat = dir.join(format!("{}.rs", child.last().unwrap()));
                    if flat.exists() {
                        (flat, false)
                    } else {
                        (dir.join(child.last().unwrap()).join("mod.rs"), true)
                    }
                }
            };
            self.add(child_path, child, owns);
        }
    }

    /// The absolute module path of `imp`'s path, or `None` when it names
    /// another crate.
    fn absolute(&self, imp: &Import) -> Option<Vec<String>> {
        let mut base = imp.module.clone();
        if base.first().is_some_and(|m| m == "<main>") {
            base.clear();
            if imp.path.first().is_some_and(|s| s == "whosaid") {
                return Some(imp.path[1..].to_vec());
            }
        }
        let mut segs = imp.path.as_slice();
        match segs.first().map(String::as_str) {
            Some("crate") => return Some(segs[1..].to_vec()),
            Some("self") => segs = &segs[1..],
            Some("super") => {
                while segs.first().is_some_and(|s| s == "super") {
                    base.pop();
                    segs = &segs[1..];
                }
            }
            Some(first) => {
                let mut child = base.clone();
                child.push(first.to_string());
                if !self.modules.contains_key(&child) {
                    return None;
                }
            }
            None => return None,
        }
        base.extend(segs.iter().cloned());
        Some(base)
    }

    /// The file that defines what the absolute path `abs` names: the
    /// longest module prefix, followed through `pub use` re-exports.
    fn target(&self, abs: &[String], hops: usize) -> Option<(usize, Vec<String>)> {
        let n = (0..=abs.len())
            .rev()
            .find(|&n| self.modules.contains_key(&abs[..n]))?;
        let module = abs[..n].to_vec();
        let file = self.modules[&module];
        if let (Some(name), true) = (abs.get(n), hops < 8) {
            for imp in self
                .imports
                .iter()
                .filter(|i| i.public && i.module == module)
            {
                if imp.path.last() == Some(name)
                    && let Some(mut next) = self.absolute(imp)
                {
                    next.extend(abs[n + 1..].iter().cloned());
                    if let Some(t) = self.target(&next, hops + 1) {
                        return Some(t);
                    }
                }
            }
        }
        Some((file, module))
    }

    fn name(&self, file: usize) -> String {
        let root = super::root();
        let p = &self.files[file].path;
        p.strip_prefix(&root).unwrap_or(p).display().to_string()
    }
}

struct Parser<'a> {
    toks: &'a [(Tok, usize)],
    i: usize,
    file: usize,
    /// Inline modules open at this point, with the brace depth each
    /// opened at; the file's own module first.
    stack: Vec<(Vec<String>, usize)>,
    depth: usize,
    children: Vec<(Vec<String>, Option<String>)>,
    imports: Vec<Import>,
}

impl Parser<'_> {
    fn tok(&self, at: usize) -> Option<&Tok> {
        self.toks.get(at).map(|t| &t.0)
    }

    fn is_ident(&self, at: usize, word: &str) -> bool {
        matches!(self.tok(at), Some(Tok::Ident(w)) if w == word)
    }

    fn module(&self) -> Vec<String> {
        self.stack.last().unwrap().0.clone()
    }

    fn run(&mut self) {
        let (mut test_only, mut attr_path) = (false, None);
        while self.i < self.toks.len() {
            match self.tok(self.i).cloned() {
                Some(Tok::Punct('#')) => {
                    let (test, path) = self.attribute();
                    test_only |= test;
                    attr_path = attr_path.or(path);
                    continue;
                }
                _ if test_only => {
                    self.skip_item();
                    test_only = false;
                    attr_path = None;
                    continue;
                }
                Some(Tok::Ident(w)) if w == "mod" => {
                    if let Some(Tok::Ident(name)) = self.tok(self.i + 1).cloned() {
                        let mut child = self.module();
                        child.push(name);
                        match self.tok(self.i + 2) {
                            Some(Tok::Punct(';')) => {
                                self.children.push((child, attr_path.take()));
                                self.i += 3;
                            }
                            Some(Tok::Punct('{')) => {
                                self.depth += 1;
                                self.stack.push((child, self.depth));
                                self.i += 3;
                            }
                            _ => self.i += 1,
                        }
                        continue;
                    }
                }
                Some(Tok::Ident(w)) if w == "use" => {
                    let public = self.i > 0
                        && (self.is_ident(self.i - 1, "pub")
                            || matches!(self.tok(self.i - 1), Some(Tok::Punct(')'))));
                    let line = self.toks[self.i].1;
                    self.i += 1;
                    let mut paths = Vec::new();
                    self.use_tree(Vec::new(), &mut paths);
                    for path in paths {
                        self.imports.push(Import {
                            file: self.file,
                            line,
                            module: self.module(),
                            path,
                            public,
                        });
                    }
                    continue;
                }
                Some(Tok::Ident(w))
                    if (w == "crate" || w == "super" || w == "self")
                        && self.tok(self.i + 1) == Some(&Tok::Sep)
                        && !matches!(self.tok(self.i.wrapping_sub(1)), Some(Tok::Sep)) =>
                {
                    let line = self.toks[self.i].1;
                    let mut path = vec![w];
                    self.i += 1;
                    while self.tok(self.i) == Some(&Tok::Sep) {
                        match self.tok(self.i + 1) {
                            Some(Tok::Ident(s)) => {
                                path.push(s.clone());
                                self.i += 2;
                            }
                            _ => break,
                        }
                    }
                    self.imports.push(Import {
                        file: self.file,
                        line,
                        module: self.module(),
                        path,
                        public: false,
                    });
                    continue;
                }
                Some(Tok::Punct('{')) => self.depth += 1,
                Some(Tok::Punct('}')) => {
                    if self.stack.len() > 1 && self.stack.last().unwrap().1 == self.depth {
                        self.stack.pop();
                    }
                    self.depth = self.depth.saturating_sub(1);
                }
                _ => {}
            }
            if matches!(self.tok(self.i), Some(Tok::Punct(';' | '{' | '}'))) {
                attr_path = None;
            }
            self.i += 1;
        }
    }

    /// Reads the attribute at `#`: whether it is `cfg(test)`, and the file
    /// a `path` attribute names.
    fn attribute(&mut self) -> (bool, Option<String>) {
        let inner = self.tok(self.i + 1) == Some(&Tok::Punct('!'));
        self.i += if inner { 2 } else { 1 };
        let start = self.i;
        let mut depth = 0;
        while let Some(t) = self.tok(self.i) {
            match t {
                Tok::Punct('[') => depth += 1,
                Tok::Punct(']') => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            self.i += 1;
        }
        let body: Vec<Tok> = self.toks[start..self.i]
            .iter()
            .map(|t| t.0.clone())
            .collect();
        self.i += 1;
        let ident = |w: &str| Tok::Ident(w.to_string());
        let test = !inner
            && body
                == [
                    Tok::Punct('['),
                    ident("cfg"),
                    Tok::Punct('('),
                    ident("test"),
                    Tok::Punct(')'),
                ];
        let path = match body.as_slice() {
            [Tok::Punct('['), Tok::Ident(p), Tok::Punct('='), Tok::Str(s)] if p == "path" => {
                Some(s.clone())
            }
            _ => None,
        };
        (test, path)
    }

    /// Skips one item or statement: up to a `;` outside braces, or to the
    /// end of its first braced block.
    fn skip_item(&mut self) {
        let mut depth = 0usize;
        let toks = self.toks;
        while let Some((t, _)) = toks.get(self.i) {
            self.i += 1;
            match t {
                Tok::Punct('{') => depth += 1,
                Tok::Punct('}') => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                Tok::Punct(';') if depth == 0 => return,
                _ => {}
            }
        }
    }

    /// Reads a use tree after `prefix`, adding every path it names to
    /// `out`; stops after the tree (at `,`, `}` or `;`, which it eats
    /// only when it is the `;`).
    fn use_tree(&mut self, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
        let mut path = prefix;
        loop {
            match self.tok(self.i).cloned() {
                Some(Tok::Ident(w)) if w == "as" => self.i += 2,
                Some(Tok::Ident(w)) => {
                    if w != "self" || path.is_empty() {
                        path.push(w);
                    }
                    self.i += 1;
                }
                Some(Tok::Sep) => self.i += 1,
                Some(Tok::Punct('*')) => self.i += 1,
                Some(Tok::Punct('{')) => {
                    self.i += 1;
                    loop {
                        self.use_tree(path.clone(), out);
                        match self.tok(self.i) {
                            Some(Tok::Punct(',')) => self.i += 1,
                            _ => break,
                        }
                        if self.tok(self.i) == Some(&Tok::Punct('}')) {
                            break;
                        }
                    }
                    self.i += 1;
                    if self.tok(self.i) == Some(&Tok::Punct(';')) {
                        self.i += 1;
                    }
                    return;
                }
                Some(Tok::Punct(';')) => {
                    self.i += 1;
                    out.push(path);
                    return;
                }
                _ => {
                    out.push(path);
                    return;
                }
            }
        }
    }
}

/// The floor of a module path, and the table entry that puts it there;
/// the crate root is above every floor.
fn floor(module: &[String]) -> (usize, String) {
    let joined = module.join("::");
    let mut best: Option<(usize, &str)> = None;
    for (n, names) in FLOORS.iter().enumerate() {
        for name in *names {
            let within = joined == *name || joined.starts_with(&format!("{name}::"));
            if within && best.is_none_or(|(_, b)| name.len() > b.len()) {
                best = Some((n, name));
            }
        }
    }
    best.map(|(n, name)| (n, name.to_string()))
        .unwrap_or((FLOORS.len(), "the crate root".to_string()))
}

/// The stage a module path is in (`stages::X...`), if any.
fn stage(module: &[String]) -> Option<&str> {
    match module {
        [s, x, ..] if s == "stages" => Some(x),
        _ => None,
    }
}

/// One import resolved to the file it reaches.
struct Edge {
    from: usize,
    to: usize,
    to_module: Vec<String>,
    line: usize,
    written: String,
    facade: bool,
}

fn edges(k: &Crate) -> Vec<Edge> {
    let mut out = Vec::new();
    for imp in &k.imports {
        let Some(abs) = k.absolute(imp) else { continue };
        let Some((to, to_module)) = k.target(&abs, 0) else {
            continue;
        };
        if to == imp.file {
            continue;
        }
        let facade = to_module.starts_with(&k.files[imp.file].module);
        out.push(Edge {
            from: imp.file,
            to,
            to_module,
            line: imp.line,
            written: imp.path.join("::"),
            facade,
        });
    }
    out
}

/// The import circles among files: each strongly connected set of files
/// of two or more (Tarjan's algorithm).
fn circles(n: usize, edges: &[&Edge]) -> Vec<BTreeSet<usize>> {
    struct T {
        adj: Vec<Vec<usize>>,
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<BTreeSet<usize>>,
    }
    fn visit(t: &mut T, v: usize) {
        t.index[v] = Some(t.next);
        t.low[v] = t.next;
        t.next += 1;
        t.stack.push(v);
        t.on[v] = true;
        for w in t.adj[v].clone() {
            match t.index[w] {
                None => {
                    visit(t, w);
                    t.low[v] = t.low[v].min(t.low[w]);
                }
                Some(i) if t.on[w] => t.low[v] = t.low[v].min(i),
                Some(_) => {}
            }
        }
        if Some(t.low[v]) == t.index[v] {
            let mut set = BTreeSet::new();
            while let Some(w) = t.stack.pop() {
                t.on[w] = false;
                set.insert(w);
                if w == v {
                    break;
                }
            }
            if set.len() > 1 {
                t.out.push(set);
            }
        }
    }
    let mut adj = vec![Vec::new(); n];
    for e in edges {
        adj[e.from].push(e.to);
    }
    let mut t = T {
        adj,
        index: vec![None; n],
        low: vec![0; n],
        on: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if t.index[v].is_none() {
            visit(&mut t, v);
        }
    }
    t.out
}

/// Every breach of the floors in the crate under `src`, one line each.
fn breaches(src: &Path) -> Vec<String> {
    let k = Crate::read(src);
    let all = edges(&k);
    let mut out = Vec::new();
    let at = |e: &Edge| format!("{}:{}: {}", k.name(e.from), e.line, e.written);

    let deps: Vec<&Edge> = all.iter().filter(|e| !e.facade).collect();
    for set in circles(k.files.len(), &deps) {
        let names: Vec<String> = set.iter().map(|&f| k.name(f)).collect();
        out.push(format!("import circle among {}:", names.join(", ")));
        for e in deps
            .iter()
            .filter(|e| set.contains(&e.from) && set.contains(&e.to))
        {
            out.push(format!("    {} (reaches {})", at(e), k.name(e.to)));
        }
    }

    for e in &all {
        let from = &k.files[e.from].module;
        let ((up, up_name), (down, down_name)) = (floor(&e.to_module), floor(from));
        let allowed = UPWARD_ALLOWED
            .iter()
            .any(|(f, m, _)| *f == k.name(e.from) && *m == e.to_module.join("::"));
        if up > down && !allowed {
            out.push(format!(
                "up the floors: {} ({down_name} imports {up_name}, in {})",
                at(e),
                k.name(e.to)
            ));
        }
        if let (Some(a), Some(b)) = (stage(from), stage(&e.to_module))
            && a != b
        {
            out.push(format!(
                "across stages: {} (stage {a} imports stage {b}, in {})",
                at(e),
                k.name(e.to)
            ));
        }
    }
    out
}

#[test]
fn imports_run_down_the_floors_without_circles_or_crossing_stages() {
    let found = breaches(&super::root().join("src"));
    assert!(
        found.is_empty(),
        "{} breach(es) of the floors (table in tests/it/floors.rs):\n{}",
        found.iter().filter(|l| !l.starts_with(' ')).count(),
        found.join("\n")
    );
}

/// The reader of this test on a crate made for it: each kind of breach
/// is found, and what is allowed is not reported.
#[test]
fn the_floor_reader_finds_each_kind_of_breach() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    let write = |path: &str, text: &str| {
        let p = src.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "lib.rs",
        "mod doc;\nmod lang;\nmod stages;\npub mod ingest;\npub use doc::Span;\n",
    );
    write("main.rs", "use whosaid::Span;\nfn main() {}\n");
    write(
        "doc.rs",
        "// use crate::stages::Bad;\nconst S: &str = \"crate::lang::x\";\npub struct Span;\n\
         fn f() -> crate::stages::Resources { todo!() }\n\
         #[cfg(test)]\nmod tests { use crate::stages::Fine; }\n",
    );
    write("lang.rs", "use crate::doc::Span;\npub struct Word;\n");
    write(
        "stages/mod.rs",
        "#[path = \"1_a.rs\"]\nmod a;\n#[path = \"2_b/mod.rs\"]\nmod b;\npub struct Resources;\n",
    );
    write(
        "stages/1_a.rs",
        "use super::Resources;\npub struct Frame;\n",
    );
    write(
        "stages/2_b/mod.rs",
        "mod part;\nuse super::{Resources, a::Frame};\nuse part::Piece;\npub struct Helper;\n",
    );
    write(
        "stages/2_b/part.rs",
        "use crate::{doc::Span, lang::Word as W};\nuse super::Helper;\npub struct Piece;\n",
    );
    write(
        "ingest/mod.rs",
        "mod records;\nmod sources;\npub use records::Record;\npub use sources::open;\n",
    );
    write(
        "ingest/records.rs",
        "use super::open;\npub struct Record;\n",
    );
    write(
        "ingest/sources.rs",
        "use super::records::Record;\npub fn open() {}\n",
    );
    let mut found = breaches(src);
    let tmp = src.display().to_string();
    for f in &mut found {
        *f = f.replace(&tmp, "src");
    }
    assert_eq!(
        found,
        [
            "import circle among src/ingest/records.rs, src/ingest/sources.rs:",
            "    src/ingest/records.rs:1: super::open (reaches src/ingest/sources.rs)",
            "    src/ingest/sources.rs:1: super::records::Record (reaches src/ingest/records.rs)",
            "up the floors: src/doc.rs:4: crate::stages::Resources (doc imports stages, in src/stages/mod.rs)",
            "across stages: src/stages/2_b/mod.rs:2: super::a::Frame (stage b imports stage a, in src/stages/1_a.rs)",
        ],
        "{found:#?}"
    );
}
