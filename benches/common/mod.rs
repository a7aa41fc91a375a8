//! Inputs shared by the benches.

/// A 20 KB text made of the seed notice followed by the start of the plan.
pub fn twenty_kb() -> String {
    let mut s = String::from(include_str!("../../corpus/000_a6bdfd983b772ce4.txt"));
    s.push('\n');
    for c in include_str!("../../corpus/004_2ece6abe5734d57c.txt").chars() {
        if s.len() + c.len_utf8() > 20 * 1024 {
            break;
        }
        s.push(c);
    }
    s
}
