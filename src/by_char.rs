//! Lists keyed by a character, for the innermost loops of the weighted distance: a
//! character below 128 finds its list by indexing, any other by hashing.

use rustc_hash::FxHashMap;

/// Lists of `T` keyed by a character.
#[derive(Debug, Clone)]
pub struct ByChar<T> {
    ascii: Vec<Vec<T>>,
    other: FxHashMap<char, Vec<T>>,
}

impl<T> Default for ByChar<T> {
    fn default() -> Self {
        ByChar {
            ascii: (0..128).map(|_| Vec::new()).collect(),
            other: FxHashMap::default(),
        }
    }
}

impl<T> ByChar<T> {
    /// The list of `c`, to add to.
    pub fn entry(&mut self, c: char) -> &mut Vec<T> {
        match self.ascii.get_mut(c as usize) {
            Some(list) => list,
            None => self.other.entry(c).or_default(),
        }
    }

    /// The list of `c` (empty when nothing was added).
    #[inline]
    pub fn get(&self, c: char) -> &[T] {
        match self.ascii.get(c as usize) {
            Some(list) => list,
            None => self.other.get(&c).map_or(&[], Vec::as_slice),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_added_under_any_character() {
        let mut m: ByChar<u32> = ByChar::default();
        m.entry('a').push(1);
        m.entry('a').push(2);
        m.entry('é').push(3);
        m.entry('\u{7f}').push(4);
        assert_eq!(m.get('a'), [1, 2]);
        assert_eq!(m.get('é'), [3]);
        assert_eq!(m.get('\u{7f}'), [4]);
        assert!(m.get('b').is_empty());
        assert!(m.get('ß').is_empty());
    }
}
