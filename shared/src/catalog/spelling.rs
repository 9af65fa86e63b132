//! Typo tolerance for search, the same on every database: when a search finds nothing, each
//! word that occurs nowhere in the catalogue is replaced by the closest catalogue word within
//! a few edits ("jackte" → "jacket"). Chinese words are left alone: a mistyped Chinese word
//! is a different word, which edits cannot repair.

use super::query::SearchText;
use std::collections::BTreeMap;

/// Words of the catalogue's search texts with how often they occur: runs of letters and
/// digits, lower-cased (Latin words of at least three letters, Chinese runs of at least two
/// characters). Only the Latin ones are ever offered as corrections.
pub fn vocabulary<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, u32> {
    let mut words = BTreeMap::new();
    for text in texts {
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            let long_enough = if word.is_ascii() {
                word.len() >= 3
            } else {
                word.chars().count() >= 2
            };
            if long_enough {
                *words.entry(word.to_lowercase()).or_insert(0) += 1;
            }
        }
    }
    words
}

/// How many edits a word may be away from the one meant: none under four letters (too many
/// short words are one edit apart), one up to seven, two from eight.
pub fn allowed_edits(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Edit distance with adjacent transpositions (optimal string alignment), or `None` when it
/// is more than `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0_usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut row = vec![0_usize; width];
    for i in 1..=a.len() {
        row[0] = i;
        let mut best = row[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            row[j] = d;
            best = best.min(d);
        }
        if best > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// The search with its unknown words corrected, or `None` when no word needed correcting or
/// one could not be corrected.
pub fn correct(search: &SearchText, vocabulary: &BTreeMap<String, u32>) -> Option<SearchText> {
    let mut changed = false;
    let mut terms = Vec::new();
    for term in search.terms() {
        if vocabulary.keys().any(|w| w.contains(term)) {
            terms.push(term.to_string());
            continue;
        }
        if !term.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let max = allowed_edits(term);
        let best = vocabulary
            .iter()
            .filter(|(word, _)| word.bytes().all(|b| b.is_ascii_alphabetic()))
            .filter_map(|(word, count)| edit_distance(term, word, max).map(|d| (d, *count, word)))
            // fewest edits, then the more common word, then alphabetical
            .min_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)).then(x.2.cmp(y.2)))?;
        terms.push(best.2.clone());
        changed = true;
    }
    if !changed {
        return None;
    }
    SearchText::parse(&terms.join(" ")).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> SearchText {
        SearchText::parse(text).unwrap().unwrap()
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("jacket", "jacket", 2), Some(0));
        assert_eq!(
            edit_distance("jackte", "jacket", 2),
            Some(1),
            "a swap is one edit"
        );
        assert_eq!(edit_distance("jaket", "jacket", 2), Some(1));
        assert_eq!(edit_distance("parkka", "parka", 1), Some(1));
        assert_eq!(edit_distance("sneakers", "speakers", 2), Some(1));
        assert_eq!(edit_distance("abc", "xyz", 2), None);
        assert_eq!(edit_distance("羽绒", "羽绒服", 1), Some(1));
    }

    #[test]
    fn corrects_unknown_words_only() {
        let vocab = vocabulary([
            "long down parka 长款羽绒服",
            "down jacket",
            "cotton tee",
            "wool sweater",
        ]);
        assert_eq!(correct(&q("jackte"), &vocab), Some(q("jacket")));
        assert_eq!(correct(&q("dwon jaket"), &vocab), Some(q("down jacket")));
        assert_eq!(correct(&q("cotton"), &vocab), None, "nothing to correct");
        assert_eq!(
            correct(&q("cot"), &vocab),
            None,
            "a part of a word is not a typo"
        );
        assert_eq!(
            correct(&q("xyzzy"), &vocab),
            None,
            "too far from everything"
        );
        assert_eq!(
            correct(&q("tea"), &vocab),
            None,
            "short words are not guessed"
        );
        assert_eq!(correct(&q("羽绒 jaket"), &vocab), Some(q("羽绒 jacket")));
        assert_eq!(correct(&q("雨绒"), &vocab), None, "Chinese is not edited");
    }
}
