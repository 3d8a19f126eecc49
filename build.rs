//! Compiles the embedded base lexicon ahead of time (as `typos` does), so that start-up costs
//! nothing: the word table (open addressing, hashed ahead of time), keys, written forms,
//! counts, bigram counts and their summary by word endings, and the candidate index are laid
//! out as flat little-endian tables in `OUT_DIR` and embedded with `include_bytes!` by
//! `src/lexicon/compiled.rs`, which documents the layout.

#[path = "src/calibrate/table.rs"]
#[allow(dead_code)]
mod calibration_table;
#[path = "src/lexicon/endings.rs"]
#[allow(dead_code)]
mod endings;
#[path = "src/lexicon/keys.rs"]
#[allow(dead_code)]
mod keys;
#[path = "src/calibrate/trees.rs"]
#[allow(dead_code)]
mod trees;
#[path = "src/lexicon/trigrams.rs"]
#[allow(dead_code)]
mod trigrams;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const WORDS: &str = "dictionaries/en_words.txt";
const UNIGRAMS: &str = "dictionaries/en_unigrams.tsv";
const BIGRAMS: &str = "dictionaries/en_bigrams.tsv";
const CALIBRATION: &str = "dictionaries/calibration.tsv";

/// One base word while compiling: its written form and count.
struct Word {
    form: String,
    count: u64,
}

/// The base words by key (sorted by bytes: ids are in key order), and the sum of their
/// counts.
struct Words {
    by_key: BTreeMap<String, Word>,
    total: u64,
}

/// Where the compiled tables are written.
struct Out<'a>(&'a Path);

impl Out<'_> {
    /// Writes one table, `name` in `OUT_DIR`.
    fn write(&self, name: &str, bytes: &[u8]) {
        fs::write(self.0.join(name), bytes).unwrap_or_else(|e| panic!("writing {name}: {e}"));
    }
}

fn main() {
    for f in [
        WORDS,
        UNIGRAMS,
        BIGRAMS,
        "src/lexicon/keys.rs",
        "src/lexicon/trigrams.rs",
        "src/lexicon/endings.rs",
        CALIBRATION,
        "src/calibrate/table.rs",
        "src/calibrate/trees.rs",
        "build.rs",
    ] {
        println!("cargo::rerun-if-changed={f}");
    }
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Out(Path::new(&out_dir));

    // The calibration, read here once instead of at every start.
    let calibration = calibration_table::read(&read(CALIBRATION))
        .unwrap_or_else(|line| panic!("{CALIBRATION}: line {line} is not a calibration line"));
    out.write("calibration.bin", &calibration_table::encode(&calibration));

    let words = read_words();
    let ids: BTreeMap<&str, u32> = words
        .by_key
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i as u32))
        .collect();
    let counts_table = write_words(&out, &words.by_key);
    let pairs = read_pairs(&ids);
    let bigram_floor = pairs.values().copied().min().unwrap_or(0);
    let bigram_scale = bigram_scale(&words.by_key, &ids, &pairs);
    write_pairs(&out, &words.by_key, &pairs, bigram_scale);
    // The commonest words, whose own deeper index is built at the first look-up.
    let common = keys::commonest(
        counts_table
            .iter()
            .enumerate()
            .map(|(id, &c)| (c, id as u32)),
    );
    let common_ids: Vec<u32> = common.iter().map(|&(_, id)| id).collect();
    out.write("common_ids.bin", &le32(&common_ids));
    write_index(&out, &words.by_key);
    let key_list: Vec<&str> = words.by_key.keys().map(String::as_str).collect();
    let ending_rows = endings::summarise(
        pairs.iter().map(|(&k, &n)| ((k >> 32) as u32, k as u32, n)),
        |id| endings::ending(key_list[id as usize]),
    );
    let ending_table: Vec<u64> = ending_rows.iter().flat_map(|&(k, n)| [k, n]).collect();
    out.write("endings.bin", &le64(&ending_table));
    let listed_rows = endings::listed_rows(&ending_rows, key_list.len());
    out.write("ending_listed.bin", &le32(&listed_rows));
    let (trigram_table, mean_surprise) = trigrams::model(key_list.iter().copied());
    let trigram_bytes: Vec<u8> = trigram_table.iter().flat_map(|x| x.to_le_bytes()).collect();
    out.write("trigrams.bin", &trigram_bytes);
    out.write(
        "meta.rs",
        format!(
            "/// Entries in the base lexicon.\npub const BASE_LEN: u32 = {};\n\
             /// Sum of the base unigram counts.\npub const BASE_TOTAL: u64 = {};\n\
             /// The smallest listed bigram count.\npub const BIGRAM_FLOOR: u64 = {bigram_floor};\n\
             /// Bigram counts per unigram count: the pair list was counted over a larger corpus.\n\
             pub const BIGRAM_SCALE: f64 = {bigram_scale:?};\n\
             /// The base words' mean character-trigram surprise, nats per symbol.\n\
             pub const MEAN_SURPRISE: f64 = {mean_surprise:?};\n",
            words.by_key.len(),
            words.total,
        )
        .as_bytes(),
    );
}

/// The contents of one of the repository's files.
fn read(p: &str) -> String {
    fs::read_to_string(p).unwrap_or_else(|e| panic!("reading {p}: {e}"))
}

/// The word list and the unigram counts, merged by key; a lower-case form wins over a
/// capitalised one as the written form.
fn read_words() -> Words {
    let mut words: BTreeMap<String, Word> = BTreeMap::new();
    let mut total = 0u64;
    let add = |words: &mut BTreeMap<String, Word>, form: &str, count: u64| {
        let key = keys::key_of(form);
        let lower = form == key;
        let w = words.entry(key).or_insert_with(|| Word {
            form: form.to_owned(),
            count: 0,
        });
        w.count += count;
        if lower {
            w.form = form.to_owned();
        }
    };
    for form in read(WORDS).lines().filter(|w| !w.is_empty()) {
        add(&mut words, form, 0);
    }
    let unigrams = read(UNIGRAMS);
    for (form, count) in counts(&unigrams) {
        // Counts are lower-case: they raise an entry but never change its written form.
        match words.get_mut(&keys::key_of(form)) {
            Some(w) => w.count += count,
            None => add(&mut words, form, count),
        }
        total += count;
    }
    Words {
        by_key: words,
        total,
    }
}

/// Writes the word table, the keys, the written forms that differ from their keys and the
/// counts; returns the counts by id.
fn write_words(out: &Out, words: &BTreeMap<String, Word>) -> Vec<u64> {
    let mut key_bytes = Vec::new();
    let mut key_offsets = vec![0u32];
    let mut counts_table = Vec::new();
    let mut form_ids = Vec::new();
    let mut form_bytes = Vec::new();
    let mut form_offsets = vec![0u32];
    for (id, (key, w)) in words.iter().enumerate() {
        key_bytes.extend_from_slice(key.as_bytes());
        key_offsets.push(key_bytes.len() as u32);
        counts_table.push(w.count);
        if w.form != *key {
            form_ids.push(id as u32);
            form_bytes.extend_from_slice(w.form.as_bytes());
            form_offsets.push(form_bytes.len() as u32);
        }
    }
    out.write("slots.bin", &le32(&slots(words.keys())));
    out.write("keys.bin", &key_bytes);
    out.write("key_offsets.bin", &le32(&key_offsets));
    out.write("counts.bin", &le64(&counts_table));
    out.write("form_ids.bin", &le32(&form_ids));
    // A bit per id: whether it has a written form of its own.
    let mut form_bits = vec![0u64; words.len().div_ceil(64)];
    for &id in &form_ids {
        form_bits[id as usize / 64] |= 1 << (id % 64);
    }
    out.write("form_bits.bin", &le64(&form_bits));
    out.write("forms.bin", &form_bytes);
    out.write("form_offsets.bin", &le32(&form_offsets));
    counts_table
}

/// The bigram counts of pairs of base words, keyed by the two ids (first in the high half).
fn read_pairs(ids: &BTreeMap<&str, u32>) -> BTreeMap<u64, u64> {
    let mut pairs: BTreeMap<u64, u64> = BTreeMap::new();
    let bigrams = read(BIGRAMS);
    for (pair, count) in counts(&bigrams) {
        let Some((a, b)) = pair.split_once(' ') else {
            continue;
        };
        let (Some(&a), Some(&b)) = (
            ids.get(keys::key_of(a).as_str()),
            ids.get(keys::key_of(b).as_str()),
        ) else {
            continue;
        };
        *pairs
            .entry((u64::from(a) << 32) | u64::from(b))
            .or_default() += count;
    }
    pairs
}

/// Writes the pair counts, where each first word's pairs start, each word's largest pair
/// count on either side, and each name's listed uses.
fn write_pairs(
    out: &Out,
    words: &BTreeMap<String, Word>,
    pairs: &BTreeMap<u64, u64>,
    bigram_scale: f64,
) {
    let pair_table: Vec<u64> = pairs.iter().flat_map(|(&k, &c)| [k, c]).collect();
    out.write("bigrams.bin", &le64(&pair_table));
    // Where the pairs of each first word start (pairs are sorted by first word).
    let mut bigram_starts = Vec::with_capacity(words.len() + 1);
    let firsts: Vec<u64> = pairs.keys().map(|k| k >> 32).collect();
    let mut at = 0;
    for a in 0..=words.len() as u64 {
        while at < firsts.len() && firsts[at] < a {
            at += 1;
        }
        bigram_starts.push(u32::try_from(at).expect("too many pairs for the layout"));
    }
    out.write("bigram_starts.bin", &le32(&bigram_starts));
    // Each word's largest pair count as the first word and as the second (what bounds any
    // of its pairs without looking them up), and the sums of those counts (what a name's
    // listed uses are made of, below).
    let mut bigram_most = vec![0u64; 2 * words.len()];
    let mut listed = vec![(0u64, 0u64); words.len()];
    for (&k, &n) in pairs {
        let (a, b) = ((k >> 32) as usize, (k & u64::from(u32::MAX)) as usize);
        bigram_most[2 * a] = bigram_most[2 * a].max(n);
        bigram_most[2 * b + 1] = bigram_most[2 * b + 1].max(n);
        listed[a].0 += n;
        listed[b].1 += n;
    }
    out.write("bigram_most.bin", &le64(&bigram_most));
    // Each name's uses the pair list counted, before a word and after one, in the word
    // counts at which a word written small would have as many (see TYPICAL_LISTED_SHARE);
    // infinite for a word written small.
    let uses: Vec<u32> = words
        .values()
        .zip(&listed)
        .flat_map(|(w, &(first, second))| {
            let name = w.form.starts_with(char::is_uppercase);
            [first, second].map(|n| {
                let uses = if name {
                    (n as f64 / (bigram_scale * TYPICAL_LISTED_SHARE)) as f32
                } else {
                    f32::INFINITY
                };
                uses.to_bits()
            })
        })
        .collect();
    out.write("listed_uses.bin", &le32(&uses));
}

/// Writes the candidate index: the words with a count, bucketed by delete signature.
fn write_index(out: &Out, words: &BTreeMap<String, Word>) {
    assert!(
        words.len() < 1 << keys::POSTING_ID_BITS,
        "too many words for the posting layout"
    );
    let mut postings: Vec<(u32, keys::Posting)> = Vec::new();
    for (id, (key, w)) in words.iter().enumerate() {
        if w.count > 0 {
            let chars = key.chars().count();
            for h in keys::delete_hashes(key, keys::MAX_DISTANCE) {
                postings.push((
                    keys::bucket(h) as u32,
                    keys::Posting::new(id as u32, chars, keys::letter_set(key), h),
                ));
            }
        }
    }
    postings.sort_unstable();
    postings.dedup();
    let buckets = 1usize << keys::BUCKET_BITS;
    let mut bucket_offsets = vec![0u32; buckets + 1];
    for &(b, _) in &postings {
        bucket_offsets[b as usize + 1] += 1;
    }
    for i in 0..buckets {
        bucket_offsets[i + 1] += bucket_offsets[i];
    }
    out.write("bucket_offsets.bin", &le32(&bucket_offsets));
    let packed: Vec<u64> = postings.iter().map(|&(_, p)| p.0).collect();
    out.write("postings.bin", &le64(&packed));
}

/// What share of a common word's count, written small, its listed pairs on one side make
/// up: about half. Over the words counted a hundred million to a billion times, the median
/// is 0.50 of their uses after a word and 0.44 before one (0.39 and 0.33 for those counted
/// ten to a hundred million times); names as common make up a few hundredths or less, as
/// the list counted words as written small (`Lexicon::listed_share`).
const TYPICAL_LISTED_SHARE: f64 = 0.5;

/// How many times larger the bigram list's corpus is than the unigram list's: over the most
/// common words (whose pairs the list covers best), the listed pairs starting with a word
/// against the word's own count. A lower bound, as the list leaves out rare pairs.
fn bigram_scale(
    words: &BTreeMap<String, Word>,
    ids: &BTreeMap<&str, u32>,
    pairs: &BTreeMap<u64, u64>,
) -> f64 {
    const TOP: usize = 20;
    let mut common: Vec<(&str, u64)> = words.iter().map(|(k, w)| (k.as_str(), w.count)).collect();
    common.sort_unstable_by_key(|&(k, c)| (std::cmp::Reverse(c), k));
    common.truncate(TOP);
    let (mut listed, mut own) = (0u64, 0u64);
    for (key, count) in common {
        let a = u64::from(ids[key]);
        listed += pairs
            .range(a << 32..(a + 1) << 32)
            .map(|(_, &c)| c)
            .sum::<u64>();
        own += count;
    }
    if listed == 0 || own == 0 {
        1.0
    } else {
        listed as f64 / own as f64
    }
}

fn counts(text: &str) -> impl Iterator<Item = (&str, u64)> {
    text.lines().filter_map(|line| {
        let (w, c) = line.split_once('\t')?;
        Some((w, c.trim().parse().ok()?))
    })
}

/// The word table: `1 << slot_bits` slots, each 0 (free) or a word's id plus one with its
/// key's fingerprint, every word in the first free slot from its home slot on (linear
/// probing).
fn slots<'a>(keys: impl ExactSizeIterator<Item = &'a String>) -> Vec<u32> {
    let bits = keys::slot_bits(keys.len());
    let mask = (1usize << bits) - 1;
    let mut slots = vec![0u32; 1 << bits];
    for (id, key) in keys.enumerate() {
        let (mut i, fingerprint) = keys::home_slot(key, bits);
        while slots[i] != 0 {
            i = (i + 1) & mask;
        }
        slots[i] = fingerprint | (id as u32 + 1);
    }
    slots
}

fn le32(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn le64(v: &[u64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}
