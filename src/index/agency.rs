//! Agency resolution, injected: the index does not own the agency registry
//! (src/extract does), it asks an [`AgencyResolver`] for canonical names and
//! successors (a merged ministry's new name).
//!
//! Must never: drop an agency name it cannot resolve; unknown names are kept
//! as written (NFC, spaces collapsed).

use std::sync::Mutex;

use rustc_hash::FxHashMap;

use crate::text::{fold, nfc};

/// Turns any spelling of an agency into its registry name.
pub trait AgencyResolver: Send + Sync {
    /// Canonical registry name of `name` (alias, abbreviation, old name), if known.
    fn canonical(&self, name: &str) -> Option<String>;
    /// The body that took over `canonical` after a merger, if any.
    fn successor(&self, canonical: &str) -> Option<String>;
}

/// A resolver with no registry: every name stands for itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoRegistry;

impl AgencyResolver for NoRegistry {
    fn canonical(&self, _name: &str) -> Option<String> {
        None
    }
    fn successor(&self, _canonical: &str) -> Option<String> {
        None
    }
}

/// A resolver made of two functions, e.g. the extractor's registry:
/// `FnResolver { canonical: extract::agencies::canonicalize, successor: extract::agencies::successor }`.
#[derive(Clone, Copy)]
pub struct FnResolver {
    pub canonical: fn(&str) -> Option<String>,
    pub successor: fn(&str) -> Option<String>,
}

impl AgencyResolver for FnResolver {
    fn canonical(&self, name: &str) -> Option<String> {
        (self.canonical)(name)
    }
    fn successor(&self, canonical: &str) -> Option<String> {
        (self.successor)(canonical)
    }
}

/// The project's agency registry (src/extract/agencies.tsv), as the command line uses it.
pub fn registry() -> Box<dyn AgencyResolver> {
    Box::new(FnResolver {
        canonical: crate::extract::agencies::canonicalize,
        successor: crate::extract::agencies::successor,
    })
}

/// An [`AgencyResolver`] that remembers its answers. A run of `index` asks
/// about the same few hundred names again and again (every task's agencies,
/// for the index and for the run's count), and a name the registry does not
/// list costs a search of the whole name each time.
pub struct Memoized<'a> {
    inner: &'a dyn AgencyResolver,
    canonical: Mutex<FxHashMap<String, Option<String>>>,
    successor: Mutex<FxHashMap<String, Option<String>>>,
}

/// Names a [`Memoized`] remembers at most, per question (a bound for input
/// made of ever new names; past it, answers are asked for again).
const MEMO_NAMES: usize = 1 << 16;

impl<'a> Memoized<'a> {
    pub fn new(inner: &'a dyn AgencyResolver) -> Self {
        Memoized { inner, canonical: Mutex::default(), successor: Mutex::default() }
    }
}

/// `memo[name]`, or `ask(name)` remembered.
fn recall(memo: &Mutex<FxHashMap<String, Option<String>>>, name: &str, ask: impl Fn(&str) -> Option<String>) -> Option<String> {
    // A poisoned lock only means another thread panicked mid-insert: the
    // map is still a map.
    let mut m = memo.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(v) = m.get(name) {
        return v.clone();
    }
    let v = ask(name);
    if m.len() < MEMO_NAMES {
        m.insert(name.to_string(), v.clone());
    }
    v
}

impl AgencyResolver for Memoized<'_> {
    fn canonical(&self, name: &str) -> Option<String> {
        recall(&self.canonical, name, |n| self.inner.canonical(n))
    }
    fn successor(&self, canonical: &str) -> Option<String> {
        recall(&self.successor, canonical, |n| self.inner.successor(n))
    }
}

/// NFC, trimmed, inner whitespace collapsed to one space.
pub fn clean(name: &str) -> String {
    nfc(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The canonical name of `name`, or `name` cleaned when the registry does not know it.
pub fn canonical_or_self(resolver: &dyn AgencyResolver, name: &str) -> String {
    resolver.canonical(name).unwrap_or_else(|| clean(name))
}

/// The names under which a task's agency is indexed: its canonical name and
/// the chain of its successors, so a question about the new body finds the
/// tasks given to the old one.
pub fn index_names(resolver: &dyn AgencyResolver, name: &str) -> Vec<String> {
    let mut out = vec![canonical_or_self(resolver, name)];
    while out.len() < 8 {
        let Some(next) = out.last().and_then(|last| resolver.successor(last)) else { break };
        if out.contains(&next) {
            break;
        }
        out.push(next);
    }
    out
}

/// The indexed names a question about `query` should match: the registry's
/// canonical name when it knows one; otherwise the names in `known` that
/// fold to the same text (`bo noi vu` → `Bộ Nội vụ`); otherwise the query cleaned.
pub fn query_names(resolver: &dyn AgencyResolver, query: &str, known: &[String]) -> Vec<String> {
    if let Some(c) = resolver.canonical(query) {
        return vec![c];
    }
    let folded = fold(&clean(query));
    let matches: Vec<String> = known.iter().filter(|k| fold(k) == folded).cloned().collect();
    if matches.is_empty() {
        vec![clean(query)]
    } else {
        matches
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> Option<String> {
        match s {
            "BNV" | "Bộ Nội vụ" => Some("Bộ Nội vụ".into()),
            "Bộ LĐTBXH" | "Bộ Lao động - Thương binh và Xã hội" => Some("Bộ Lao động - Thương binh và Xã hội".into()),
            _ => None,
        }
    }
    fn succ(s: &str) -> Option<String> {
        (s == "Bộ Lao động - Thương binh và Xã hội").then(|| "Bộ Nội vụ".to_string())
    }

    #[test]
    fn memoized_answers_as_its_resolver_and_asks_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static ASKED: AtomicUsize = AtomicUsize::new(0);
        fn counted(s: &str) -> Option<String> {
            ASKED.fetch_add(1, Ordering::Relaxed);
            canon(s)
        }
        let r = FnResolver { canonical: counted, successor: succ };
        let m = Memoized::new(&r);
        for _ in 0..3 {
            assert_eq!(index_names(&m, "Bộ LĐTBXH"), index_names(&r, "Bộ LĐTBXH"));
            assert_eq!(m.canonical("Sở X"), None);
        }
        // index_names(&r) asked 3 times, the memo twice (two names).
        assert_eq!(ASKED.load(Ordering::Relaxed), 3 + 2);
    }

    #[test]
    fn successors_are_indexed() {
        let r = FnResolver { canonical: canon, successor: succ };
        assert_eq!(index_names(&r, "Bộ LĐTBXH"), ["Bộ Lao động - Thương binh và Xã hội", "Bộ Nội vụ"]);
        assert_eq!(index_names(&r, "Sở  Nội vụ "), ["Sở Nội vụ"]);
    }

    #[test]
    fn queries_fall_back_to_folded_known_names() {
        let known = vec!["Bộ Nội vụ".to_string(), "Bộ Tài chính".to_string()];
        assert_eq!(query_names(&NoRegistry, "bo noi vu", &known), ["Bộ Nội vụ"]);
        assert_eq!(query_names(&NoRegistry, "Sở Y tế", &known), ["Sở Y tế"]);
        let r = FnResolver { canonical: canon, successor: succ };
        assert_eq!(query_names(&r, "BNV", &known), ["Bộ Nội vụ"]);
    }
}
