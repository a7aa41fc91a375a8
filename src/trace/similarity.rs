//! Content similarity of clauses: TF-IDF cosine over folded words and word
//! pairs (so `y bác sĩ`/`y bác sỹ` or a line re-typed without diacritics
//! still share most features). IDF comes from the clauses being compared, so
//! words every clause uses (`thi đua`) weigh little. Features are hashed
//! words, computed once per clause ([`features`]) and reused across pairs.
//!
//! Must never: return a score outside 0..=1.

use std::hash::{BuildHasherDefault, Hasher};

use crate::text::fold;

/// Keys are hashes already: the map uses them as they are.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<PassThrough>>;

/// Term counts of one clause, keyed by hashed word or word pair.
#[derive(Clone, Debug, Default)]
pub struct Features(HashMap<u64, f32>);

/// FNV-1a over the bytes of one folded word.
fn hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The features of `text`: its folded words and adjacent word pairs.
pub fn features(text: &str) -> Features {
    let folded = fold(text);
    let words: Vec<u64> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(hash).collect();
    let mut tf: HashMap<u64, f32> = HashMap::with_capacity_and_hasher(words.len() * 2, Default::default());
    for w in &words {
        *tf.entry(*w).or_default() += 1.0;
    }
    for pair in words.windows(2) {
        *tf.entry(pair[0].rotate_left(29) ^ pair[1] ^ 0x9e37_79b9_7f4a_7c15).or_default() += 1.0;
    }
    Features(tf)
}

type Vector = HashMap<u64, f32>;

fn weigh(tf: &Features, idf: &HashMap<u64, f32>) -> Vector {
    let mut v: Vector =
        tf.0.iter().map(|(k, c)| (*k, (1.0 + c.ln()) * idf.get(k).copied().unwrap_or(0.0))).collect();
    let norm = v.values().map(|w| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.values_mut().for_each(|w| *w /= norm);
    }
    v
}

fn dot(a: &Vector, b: &Vector) -> f32 {
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().map(|(k, w)| w * big.get(k).copied().unwrap_or(0.0)).sum::<f32>().clamp(0.0, 1.0)
}

/// `scores[i][j]`: similarity of `left[i]` and `right[j]`, in 0..=1.
pub fn matrix_of(left: &[Features], right: &[Features]) -> Vec<Vec<f32>> {
    let n = (left.len() + right.len()) as f32;
    let mut df: HashMap<u64, f32> = HashMap::default();
    for tf in left.iter().chain(right) {
        for k in tf.0.keys() {
            *df.entry(*k).or_default() += 1.0;
        }
    }
    let idf: HashMap<u64, f32> = df.into_iter().map(|(k, d)| (k, (1.0 + n / d).ln())).collect();
    let l: Vec<Vector> = left.iter().map(|tf| weigh(tf, &idf)).collect();
    let r: Vec<Vector> = right.iter().map(|tf| weigh(tf, &idf)).collect();
    l.iter().map(|a| r.iter().map(|b| dot(a, b)).collect()).collect()
}

/// [`matrix_of`] for texts.
pub fn matrix(left: &[&str], right: &[&str]) -> Vec<Vec<f32>> {
    let f = |t: &[&str]| t.iter().map(|x| features(x)).collect::<Vec<_>>();
    matrix_of(&f(left), &f(right))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirrored_clauses_score_high_and_unrelated_ones_low() {
        let parent = [
            "Nâng cao chất lượng hoạt động của Hội đồng Thi đua - Khen thưởng các cấp, các ngành",
            "Bộ Tài chính tổng kết việc sử dụng Quỹ Vaccine phòng Covid-19",
        ];
        let child = ["Nang cao chat luong hoat dong cua Hoi dong Thi dua - Khen thuong cac cap"];
        let m = matrix(&child, &parent);
        assert!(m[0][0] > 0.6, "{m:?}");
        assert!(m[0][1] < 0.1, "{m:?}");
        assert!(m.iter().flatten().all(|s| (0.0..=1.0).contains(s)));
        assert_eq!(matrix(&[""], &["x"]), vec![vec![0.0]]);
    }
}
