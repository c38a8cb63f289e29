//! The stable-Rust stand-in for the cargo-fuzz targets in `fuzz/` (which need nightly): every
//! corpus file, then a few thousand mutations of real files (cuts, byte flips, inserted
//! tokens, deleted and duplicated spans, splices of two files), go through the project file
//! reader, the migration tree parser and the recovery journal reader. None may panic; whatever
//! is accepted must round-trip. `FUZZ_CASES` scales the mutation count (default 3,000).

use std::fs;
use std::path::{Path, PathBuf};

use hazard_workshop::storage::project_file;
use hazard_workshop::storage::recovery::{JournalId, JournalMeta, RecoveryStore};
use hazard_workshop::storage::ron_tree;
use proptest::prelude::*;
use proptest::sample::Index;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = root().join("fuzz/corpus").join(target);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the {target} corpus has seed files");
    files
}

/// The checks of `fuzz/fuzz_targets/project_file.rs`.
fn check_project_file(bytes: &[u8]) -> bool {
    let path = Path::new("fuzz.hazlog");
    let Ok(text) = std::str::from_utf8(bytes) else {
        assert!(project_file::from_bytes(bytes, path).is_err());
        return false;
    };
    match project_file::from_text(text, path) {
        Ok(project) => {
            let again = project_file::from_text(&project_file::to_text(&project), path)
                .expect("what was read can be written and read back");
            assert_eq!(again, project);
            true
        }
        Err(err) => {
            // Every error names the file for the user.
            assert!(err.to_string().contains("fuzz.hazlog"), "{err}");
            false
        }
    }
}

/// The checks of `fuzz/fuzz_targets/ron_tree.rs`.
fn check_ron_tree(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    match ron_tree::parse(text) {
        Ok(document) => {
            let printed = ron_tree::print(&document);
            assert_eq!(
                ron_tree::parse(&printed).as_ref(),
                Ok(&document),
                "{printed}"
            );
            true
        }
        Err(_) => false,
    }
}

#[test]
fn every_corpus_file_is_handled() {
    let mut loaded = Vec::new();
    for (path, bytes) in corpus("project_file") {
        if check_project_file(&bytes) {
            loaded.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    for expected in [
        "example-workshop.hazlog",
        "format-0.hazlog",
        "format-1.hazlog",
        "format-2.hazlog",
        "minimal.hazlog",
        "format-0-minimal.hazlog",
        "syntax-corners.hazlog",
    ] {
        assert!(
            loaded.iter().any(|l| l == expected),
            "{expected} loads ({loaded:?})"
        );
    }
    assert!(!loaded.iter().any(|l| l == "newer.hazlog"));
    for (path, bytes) in corpus("ron_tree") {
        assert!(check_ron_tree(&bytes), "{} parses", path.display());
    }
}

/// Byte strings that make parsers take unusual paths.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "'",
    "r#\"",
    "\"#",
    "/*",
    "*/",
    "//",
    "Some(",
    "None",
    "()",
    "format_version: 0",
    "format_version: 2",
    "id: \"H1\"",
    "controls: [Control(kind: Existing, text: \"x\")]",
    "key: HazardKey(1),",
    "colour: \"red\",",
    "99999999999999999999999",
    "-1",
    "1e999",
    "\\u{110000}",
    "\\u{D800}",
    "\u{0}",
    "\u{feff}",
    "µ—😀",
    "#![enable(implicit_some)]",
];

#[derive(Clone, Debug)]
enum Mutation {
    Truncate(Index),
    FlipBits(Index, u8),
    SetByte(Index, u8),
    InsertToken(Index, usize),
    InsertBytes(Index, Vec<u8>),
    Delete(Index, usize),
    Duplicate(Index, usize, Index),
    SpliceWith(usize, Index, Index),
}

fn mutation(seeds: usize) -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 1u8..).prop_map(|(i, x)| Mutation::FlipBits(i, x)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::SetByte(i, b)),
        (any::<Index>(), 0..TOKENS.len()).prop_map(|(i, t)| Mutation::InsertToken(i, t)),
        (any::<Index>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::InsertBytes(i, b)),
        (any::<Index>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<Index>(), 1usize..256, any::<Index>())
            .prop_map(|(i, n, at)| Mutation::Duplicate(i, n, at)),
        (0..seeds, any::<Index>(), any::<Index>())
            .prop_map(|(s, a, b)| Mutation::SpliceWith(s, a, b)),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation], seeds: &[Vec<u8>]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Truncate(i) => bytes.truncate(i.index(len)),
            Mutation::FlipBits(i, x) if !bytes.is_empty() => bytes[i.index(len)] ^= x,
            Mutation::SetByte(i, b) if !bytes.is_empty() => bytes[i.index(len)] = *b,
            Mutation::InsertToken(i, t) => {
                let at = i.index(len + 1).min(bytes.len());
                bytes.splice(at..at, TOKENS[*t].bytes());
            }
            Mutation::InsertBytes(i, new) => {
                let at = i.index(len + 1).min(bytes.len());
                bytes.splice(at..at, new.iter().copied());
            }
            Mutation::Delete(i, n) if !bytes.is_empty() => {
                let at = i.index(len);
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Mutation::Duplicate(i, n, to) if !bytes.is_empty() => {
                let at = i.index(len);
                let end = (at + n).min(bytes.len());
                let span: Vec<u8> = bytes[at..end].to_vec();
                let to = to.index(bytes.len() + 1);
                bytes.splice(to..to, span);
            }
            Mutation::SpliceWith(s, a, b) => {
                let other = &seeds[*s % seeds.len()];
                let cut = a.index(len + 1).min(bytes.len());
                let from = b.index(other.len().max(1) + 1).min(other.len());
                bytes.truncate(cut);
                bytes.extend_from_slice(&other[from..]);
            }
            _ => {}
        }
    }
    bytes
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000)
}

/// The small seeds, for speed: a debug build parses the 50 KB example in milliseconds, but
/// thousands of times adds up. The example is in the corpus check above.
fn small_seeds(target: &str) -> Vec<Vec<u8>> {
    corpus(target)
        .into_iter()
        .map(|(_, bytes)| bytes)
        .filter(|b| b.len() < 8 * 1024)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases() * 2 / 3,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_project_files_never_panic(
        seed in any::<Index>(),
        mutations in proptest::collection::vec(mutation(8), 1..5),
    ) {
        let seeds = small_seeds("project_file");
        let bytes = apply(seed.get(&seeds).clone(), &mutations, &seeds);
        check_project_file(&bytes);
        // The text a lossy reader would see exercises the parser on the same damage.
        check_project_file(String::from_utf8_lossy(&bytes).as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases() / 3,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_ron_never_panics_the_tree_parser(
        seed in any::<Index>(),
        mutations in proptest::collection::vec(mutation(8), 1..5),
    ) {
        let mut seeds = small_seeds("ron_tree");
        seeds.extend(small_seeds("project_file"));
        let bytes = apply(seed.get(&seeds).clone(), &mutations, &seeds);
        check_ron_tree(String::from_utf8_lossy(&bytes).as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: (cases() / 15).max(1),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// A journal damaged any way is listed (as restorable or damaged), never panicked on, and
    /// never silently deleted.
    #[test]
    fn mutated_journals_are_reported_not_panicked_on(
        mutations in proptest::collection::vec(mutation(1), 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let project = project_file::from_text(
            &String::from_utf8(small_seeds("project_file")[0].clone()).unwrap(),
            Path::new("seed"),
        );
        let project = project.unwrap_or_default();
        let file = {
            let store = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
            let id = JournalId::untitled();
            store
                .write_journal(&id, &JournalMeta::new(None, "Untitled", chrono::Utc::now()), &project)
                .unwrap();
            store.journal_path(&id)
        };
        let original = fs::read(&file).unwrap();
        let damaged = apply(original.clone(), &mutations, std::slice::from_ref(&original));
        fs::write(&file, &damaged).unwrap();

        let store = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
        let pending = store.pending();
        prop_assert_eq!(pending.len(), 1, "listed, restorable or not");
        let entry = &pending[0];
        prop_assert_eq!(&fs::read(&entry.file).unwrap(), &damaged, "kept as it was");
        match store.restore(entry) {
            // Damage that still checks out (a change outside the checksummed project, such as
            // in a comment) must give back exactly the journalled project.
            Ok(restored) => prop_assert_eq!(restored, project),
            Err(_) => prop_assert!(!entry.is_restorable() || damaged != original),
        }
    }
}
