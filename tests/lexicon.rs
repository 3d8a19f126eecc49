//! Each lexicon layer changes what the corrector does: user dictionaries, domain lists,
//! Hunspell dictionaries and the corpus layer (words the input proves by repetition).

use ocrmend::lexicon::domain;
use ocrmend::{ChannelModel, Layer, Lexicon, Mender, Options};

fn mender(lexicon: Lexicon) -> Mender {
    Mender::new(lexicon, ChannelModel::default(), Options::default())
}

/// The edits `mender` makes or suggests to `word` in `text`.
fn edits_of(mender: &Mender, text: &str, word: &str) -> usize {
    mender
        .mend(text)
        .edits
        .iter()
        .filter(|e| e.before == word)
        .count()
}

#[test]
fn a_word_in_a_user_dictionary_is_never_changed() {
    let text = "The ball rolled onto the greenside and stopped.";
    assert_eq!(edits_of(&mender(Lexicon::embedded()), text, "greenside"), 1);
    let mut lexicon = Lexicon::embedded();
    lexicon.add_list("# golf\ngreenside\n", Layer::User);
    let m = mender(lexicon);
    assert_eq!(edits_of(&m, text, "greenside"), 0);
    // Not as a real-word error either, wherever it stands.
    assert_eq!(edits_of(&m, "greenside the of greenside", "greenside"), 0);
}

#[test]
fn a_lone_letter_in_a_user_dictionary_is_a_word_not_a_speck() {
    // Training saw lone small letters between words mostly as specks: without a word
    // list that has them, the letters of a text that uses them as words are deleted.
    let text = "The letter e is the commonest, and plan b was ready.";
    let mut options = Options::default();
    options.thresholds.suggest = 0.0;
    let with = |lexicon| Mender::new(lexicon, ChannelModel::default(), options.clone());
    let m = with(Lexicon::embedded());
    assert_eq!(edits_of(&m, text, "e ") + edits_of(&m, text, "b "), 2);
    let mut lexicon = Lexicon::embedded();
    lexicon.add_list("b\ne\n", Layer::User);
    let m = with(lexicon);
    assert!(m.mend(text).edits.is_empty(), "{:?}", m.mend(text).edits);
}

#[test]
fn a_domain_list_changes_a_decision() {
    let text = "The guns opened the counterpreparation before dawn.";
    let word = "counterpreparation";
    assert_eq!(edits_of(&mender(Lexicon::embedded()), text, word), 1);
    let mut lexicon = Lexicon::embedded();
    lexicon.add_list(
        domain::find("international-relations").unwrap().text,
        Layer::Domain,
    );
    assert_eq!(edits_of(&mender(lexicon), text, word), 0);
}

#[test]
fn a_name_repeated_in_the_input_is_never_changed() {
    let once = "Yesterday the mayor of Hcnley spoke to the council.";
    // Every replacement that beats keeping the token is reported, however unsure.
    let mut options = Options::default();
    options.thresholds.suggest = 0.0;
    let m = Mender::new(Lexicon::embedded(), ChannelModel::default(), options);
    assert_eq!(edits_of(&m, once, "Hcnley"), 1);
    let thrice = format!("{once}\n\nHcnley has a new school. The people of Hcnley voted.");
    assert_eq!(edits_of(&m, &thrice, "Hcnley"), 0);
    // And a damaged copy of the learned name is corrected to it.
    let damaged = format!("{thrice} The Hcn1ey council met.");
    let mended = m.mend(&damaged);
    assert!(mended
        .edits
        .iter()
        .any(|e| e.before == "Hcn1ey" && e.after == "Hcnley"));
}

#[test]
fn a_name_list_vouches_for_the_name_not_the_lower_case_word() {
    let mut lexicon = Lexicon::embedded();
    lexicon.add_list("Quorvath\n", Layer::Domain);
    assert!(lexicon.contains("Quorvath"));
    assert!(lexicon.contains("QUORVATH"));
    assert!(!lexicon.contains("quorvath"));
}

#[test]
fn hunspell_dictionaries_load_with_their_affixes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let aff = std::fs::read_to_string(format!("{dir}/wug.aff")).unwrap();
    let dic = std::fs::read_to_string(format!("{dir}/wug.dic")).unwrap();
    let mut lexicon = Lexicon::embedded();
    assert!(!lexicon.contains("wugs"));
    assert_eq!(lexicon.add_hunspell(&aff, &dic, Layer::User).unwrap(), 2);
    assert!(lexicon.contains("wug"));
    assert!(lexicon.contains("wugs"), "the affix rule makes the plural");
    assert!(lexicon.contains("blickets"));
    assert!(!lexicon.contains("wugz"));
    // Inflected forms are words: never edited.
    let m = mender(lexicon);
    assert_eq!(edits_of(&m, "Two wugs and one wug.", "wugs"), 0);
}

#[test]
fn a_reading_the_text_spells_right_elsewhere_is_recorded() {
    let m = mender(Lexicon::embedded());
    let evidence = |text: &str| {
        m.mend(text)
            .edits
            .into_iter()
            .find(|e| e.before == "stcamer")
            .and_then(|e| Some((e.evidence?.attested, e.after)))
    };
    let once = "The stcamer left the harbour at noon.";
    assert_eq!(evidence(once), Some((0, "steamer".to_owned())));
    let told = format!("{once}\n\nThe steamer was seen off the coast. Nobody boarded the steamer.");
    assert_eq!(evidence(&told), Some((2, "steamer".to_owned())));
}
