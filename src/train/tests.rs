//! Training on aligned pages: the confusions, readings, words and marks each pass counts,
//! and the table they make.

use super::*;
use crate::quotes::QuotePlace;

#[test]
fn learns_multi_letter_confusions() {
    let mut c = Counts::default();
    for _ in 0..5 {
        c.add_document("the subrnarine and tbe rnan", "the submarine and the man");
    }
    let table = c.table();
    assert!(table.lines().any(|l| l.starts_with("m\trn\t")), "{table}");
    assert!(table.lines().any(|l| l.starts_with("h\tb\t")), "{table}");
    let model = c.model();
    assert!(model.cost("man", "rnan") < model.cost("man", "xan"));
    assert_eq!(c.pairs(), (25, 15));
}

#[test]
fn learns_how_often_words_are_printed_in_compounds() {
    let mut c = Counts::default();
    let page = "the police-court and the police-station and the mother-in-law";
    c.add_document(page, page);
    let table = c.table();
    for row in ["-police\t-police\t0\t2", "-in\t-in\t0\t1", "-\t-\t0\t3"] {
        assert!(table.lines().any(|l| l == row), "{row:?} in\n{table}");
    }
    assert!(!table.lines().any(|l| l.starts_with("-the\t")), "{table}");
    let model = c.model();
    let counts = model.compounded().expect("the model counted compounds");
    assert_eq!(counts.get("court"), Some(&1));
    assert_eq!(counts.get("the"), None);
    // A table without the total row counted no compounds: no word is known never to be
    // printed in one.
    let old: String = table
        .lines()
        .filter(|l| !l.starts_with("-\t-\t"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(ChannelModel::from_table(&old)
        .unwrap()
        .compounded()
        .is_none());
}

#[test]
fn learns_letters_read_as_a_capital_inside_a_word() {
    let mut c = Counts::default();
    for _ in 0..3 {
        c.add_document(
            "we shaU see it aU in a smaU town, he said",
            "we shall see it all in a small town, he said",
        );
        let right = "all will be well, we shall tell them all";
        c.add_document(right, right);
    }
    let table = c.table();
    let row = |prefix: &str| {
        let line = table.lines().find(|l| l.starts_with(prefix));
        let cost = line.and_then(|l| l.split('\t').nth(2)?.parse::<f64>().ok());
        cost.unwrap_or_else(|| panic!("no {prefix:?} row in\n{table}"))
    };
    // The lower-case confusion is counted as before; the capital one costs less, since
    // a capital inside a word is rare whatever was printed.
    assert!(row("!ll\t!U\t") < row("ll\tu\t"));
    assert!(!table
        .lines()
        .any(|l| l.starts_with("!") && l.contains("\t!u")));
    let model = c.model();
    assert!(model.cost("shall", "shaU") < model.cost("shall", "shau"));
}

/// The counts of `pages` copies of one page: its OCR and its ground truth.
fn trained_on(pages: usize, ocr: &str, truth: &str) -> Counts {
    let mut c = Counts::default();
    for _ in 0..pages {
        c.add_document(ocr, truth);
    }
    c
}

#[test]
fn learns_how_often_a_quote_read_apart_belonged_to_the_word() {
    let c = trained_on(
        3,
        "He said, \" You must go.\" ' It is late, she said",
        "He said, \"You must go.\" It is late, she said",
    );
    let table = c.table();
    // `"` after a comma was the next word's three times in three; `'` never.
    assert!(table.contains("~\"\t~p\t0.0000\t3\t3\n"), "{table}");
    assert!(!table.contains("~'"), "{table}");
    let place = |after_word, open| QuotePlace { after_word, open };
    assert_eq!(
        c.model().quote_apart("\"", place(false, false)),
        Some(3.0 / 5.0)
    );
    assert_eq!(c.model().quote_apart("\"", place(true, false)), None);
    assert_eq!(c.model().quote_apart("\"", place(false, true)), None);
}

#[test]
fn learns_how_often_a_comma_before_a_capitalised_word_stood_for_a_stop() {
    let c = trained_on(
        3,
        "he refused, The man left, John Smith came, Mr, Brown stayed, He went",
        "he refused. The man left, John Smith came. Mr. Brown stayed, He went",
    );
    let table = c.table();
    // Before `The`, a stop three times in three; before `John` never (no row); after
    // `Mr`, which looks abbreviated, counted apart; `came,` before `Mr` was a stop.
    assert!(table.contains("/the\t/w\t0.0000\t3\t3\n"), "{table}");
    assert!(table.contains("/mr\t/w\t0.0000\t3\t3\n"), "{table}");
    assert!(table.contains("/brown\t/A\t0.0000\t3\t3\n"), "{table}");
    assert!(!table.contains("/john"), "{table}");
    assert!(!table.contains("/he\t"), "{table}");
    let model = c.model();
    assert_eq!(model.stop_read_as_comma("the", false), Some(3.0 / 5.0));
    assert_eq!(model.stop_read_as_comma("the", true), None);
    assert_eq!(model.stop_read_as_comma("john", false), None);
}

#[test]
fn learns_how_often_print_stops_before_a_capitalised_word_and_how_often_the_scan_lost_it() {
    let c = trained_on(
        3,
        "he refused The man left John Smith came. Mr Brown stayed. He went",
        "he refused. The man left. John Smith came. Mr. Brown stayed. He went",
    );
    let table = c.table();
    // In print a stop before `The`, `John` and `He` three times in three; `Mr.` before
    // `Brown` is an abbreviation's point, and `Smith` follows a name, not a sentence.
    assert!(table.contains("{the\t{p\t0.0000\t3\t3\n"), "{table}");
    assert!(table.contains("{john\t{p\t0.0000\t3\t3\n"), "{table}");
    assert!(!table.contains("{brown"), "{table}");
    assert!(!table.contains("{smith"), "{table}");
    // Of the 12 stops printed so, the scan read 6 as no mark (`refused The`, `left John`).
    assert!(table.contains("{*\t{l\t"), "{table}");
    let model = c.model();
    assert_eq!(model.stop_printed_before("the"), Some(3.0 / 5.0));
    assert_eq!(model.stop_loss_rate(), Some(6.0 / 14.0));
    assert_eq!(model.stop_printed_before("smith"), None);
    // No paragraph ended here: no share at a paragraph's end.
    assert_eq!(model.stop_printed_at_paragraph_end(), None);
}

#[test]
fn learns_how_often_print_ends_a_paragraph_in_a_stop() {
    let line = "the words of a paragraph run to the full measure of its lines\n";
    // Two paragraphs ending in a stop, one whose last word is a name (not counted), and
    // one ending in no mark before a line in small letters (not counted either).
    let truth = format!(
        "{line}{line}it ended there.\nThe next\n{line}{line}so it did.\nAnd then\n{line}{line}he met Smith\nThe next\n{line}it went\non\n"
    );
    let c = trained_on(3, &truth, &truth);
    assert!(
        c.table().contains("{¶\t{p\t0.0000\t6\t6\n"),
        "{}",
        c.table()
    );
    assert_eq!(c.model().stop_printed_at_paragraph_end(), Some(6.0 / 8.0));
}

#[test]
fn learns_how_often_a_comma_ending_a_paragraph_stood_for_a_stop() {
    let line = "the words of a paragraph run to the full measure of its lines\n";
    let ocr = format!("{line}{line}{line}it ended there,\nThe next\n{line}{line}");
    let truth = ocr.replace("there,", "there.");
    let table = trained_on(3, &ocr, &truth).table();
    assert!(table.contains("/¶\t/w\t0.0000\t3\t3\n"), "{table}");
    assert!(table.contains("/the\t/w\t0.0000\t3\t3\n"), "{table}");
    // Not counted so inside a paragraph.
    let ocr = format!("{line}{line}{line}it ended there, The next\n{line}{line}");
    let truth = ocr.replace("there,", "there.");
    assert!(!trained_on(3, &ocr, &truth).table().contains("/¶"));
}

#[test]
fn quotes_inside_an_open_quotation_are_counted_apart() {
    let open = QuotePlace {
        after_word: true,
        open: true,
    };
    // `"` before `take` opens a quotation (none is open before it on its line) and
    // belonged to the word; the one after `take`, inside the quotation, closed it: it
    // was never `them`'s, so no row for it, and no share.
    let c = trained_on(3, "to \" take \" them", "to \"take\" them");
    let table = c.table();
    assert!(table.contains("~\"\t~w\t0.0000\t3\t3\n"), "{table}");
    assert!(!table.contains("~\"\t~W"), "{table}");
    assert_eq!(c.model().quote_apart("\"", open), None);
    // Where training saw quotes inside an open quotation belong to the next word.
    let c = trained_on(3, "\"I said \" No", "\"I said \"No");
    let table = c.table();
    assert!(table.contains("~\"\t~W\t0.0000\t3\t3\n"), "{table}");
    assert_eq!(c.model().quote_apart("\"", open), Some(3.0 / 5.0));
    // Each line counts its own quotes: one left open on a line is not open on the next.
    let c = trained_on(3, "he said \" no\nand \" flew", "he said \"no\nand \"flew");
    let table = c.table();
    assert!(table.contains("~\"\t~w\t0.0000\t6\t6\n"), "{table}");
}

#[test]
fn learns_how_often_a_mark_after_a_word_was_printed_nowhere() {
    let mut c = Counts::default();
    for _ in 0..3 {
        c.add_document(
            "the' prisoner said the months' time was 'long' enough, he said. Then",
            "the prisoner said the months' time was 'long' enough, he said. Then",
        );
    }
    let table = c.table();
    // `'` after `the` was printed nowhere three times in three; after `months` (a word
    // ending in s) it was printed three times; after `'long` it closes a quotation and is
    // not counted; a comma was printed; a point before a capital is not inside a sentence.
    assert!(table.contains("}'\t}w\t0.0000\t3\t3\n"), "{table}");
    assert!(!table.contains("}'\t}s"), "{table}");
    assert!(!table.contains("},"), "{table}");
    let model = c.model();
    assert_eq!(model.trailing_stray_mark("'", false), Some(3.0 / 5.0));
    assert_eq!(model.trailing_stray_mark("'", true), None);
    assert_eq!(model.trailing_stray_mark(".", false), None);
}

#[test]
fn learns_which_mark_was_printed_where_another_was_read() {
    let counts = |pages: usize| {
        let mut c = Counts::default();
        for _ in 0..pages {
            c.add_document(
                "paid ¤5 and ¤20, then #4 and #7 and #9; the -dog and -cat and ¤hat",
                "paid £5 and £20, then #4 and №7 and №9; the dog and —cat and ¤hat",
            );
        }
        c
    };
    let c = counts(10);
    let table = c.table();
    // `¤` before a digit was `£` 20 times in 20; before a word it was right. `#` was `№`
    // 20 times in 30 (two in three: kept); `-` was printed nowhere as often as a dash
    // (a stray, not a mark read for another).
    assert!(table.contains("$¤\t$d£\t0.0000\t20\t20\n"), "{table}");
    assert!(table.contains("$#\t$d№\t"), "{table}");
    assert!(!table.contains("$¤\t$w"), "{table}");
    assert!(!table.contains("$-"), "{table}");
    let model = c.model();
    let inside = |before_digit| MarkPlace {
        before_digit,
        line_start: false,
    };
    assert_eq!(
        model.mark_printed("¤", inside(true)),
        Some(("£", 20.0 / 22.0))
    );
    assert_eq!(model.mark_printed("¤", inside(false)), None);
    assert_eq!(
        model.mark_printed("#", inside(true)),
        Some(("№", 20.0 / 32.0))
    );
    // Seen 18 times only (on nine pages), neither is a rule yet.
    let fewer = counts(9).table();
    assert!(!fewer.contains("$¤") && !fewer.contains("$#"), "{fewer}");
}

#[test]
fn learns_marks_opening_a_line_apart_from_those_inside_it() {
    let c = trained_on(
        10,
        "He was remanded.\n-The court rose, and a well -known man left.\n-Mr. Smith spoke.",
        "He was remanded.\n—The court rose, and a well -known man left.\n—Mr. Smith spoke.",
    );
    let table = c.table();
    // A hyphen opening a line was a dash 20 times in 20; inside a line it was right.
    assert!(table.contains("$-\t$W—\t0.0000\t20\t20\n"), "{table}");
    assert!(!table.contains("$-\t$w"), "{table}");
    let model = c.model();
    let place = |line_start| MarkPlace {
        before_digit: false,
        line_start,
    };
    assert_eq!(
        model.mark_printed("-", place(true)),
        Some(("—", 20.0 / 22.0))
    );
    assert_eq!(model.mark_printed("-", place(false)), None);
}

#[test]
fn learns_how_often_a_word_read_was_another() {
    let mut c = Counts::default();
    for _ in 0..3 {
        c.add_document("lie said it was lie", "he said it was lie");
    }
    let model = c.model();
    let record = model.reading_record("lie").unwrap();
    assert_eq!((record.seen, record.misread), (6, 3));
    // `said` was never misread: no row, the ranker's own odds stand.
    assert!(model.reading_record("said").is_none());
    // What was printed instead is learned too: `he`, 3 of the 6 sightings (shrunk by
    // the pseudo-sightings).
    let words = |m: &ChannelModel, read: &str| {
        m.read_for_words(read)
            .map(|r| (r.printed.clone(), r.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(words(&model, "lie"), vec![("he".to_owned(), 3)]);
    // Priced as a whole: `he` printed 3 times, read `lie` all 3 (shrunk by the
    // pseudo-sightings).
    let cost = model.read_for_words("lie").next().unwrap().cost.unwrap();
    assert!((cost - -(3.0f64 / 5.0).ln() / SCALE).abs() < 1e-9, "{cost}");
    assert!((model.read_for_share("Lie", "He") - 3.0 / 8.0).abs() < 1e-9);
    assert_eq!(model.read_for_share("lie", "the"), 0.0);
    assert_eq!(model.read_for_share("said", "he"), 0.0);
    // A lone letter is read for a word too (`m` for `in`).
    let mut c = Counts::default();
    for _ in 0..3 {
        c.add_document("it was m the house", "it was in the house");
    }
    assert_eq!(words(&c.model(), "m"), vec![("in".to_owned(), 3)]);
}

#[test]
fn a_lone_letter_read_where_nothing_was_printed_is_a_misreading_of_its_own_case() {
    let mut c = Counts::default();
    for _ in 0..3 {
        c.add_document(
            "sent to e penal servitude by E. Smith",
            "sent to penal servitude by E. Smith",
        );
    }
    let model = c.model();
    // The small `e` stood for nothing, all 3 times: read where nothing was printed, it
    // is misread, not left out of the count.
    let small = model.reading_record("e").unwrap();
    assert_eq!((small.seen, small.misread), (3, 3));
    // The initial `E` was read right every time: it has a record of its own (none, as
    // it was never misread), and does not vouch for the small letter.
    assert!(model.reading_record("E").is_none());
    // Nothing printed is no word printed instead.
    assert_eq!(model.read_for_words("e").count(), 0);
    // Longer words are known in any case.
    let mut c = Counts::default();
    for _ in 0..3 {
        c.add_document("Tbe house and tbe", "The house and the");
    }
    let record = c.model().reading_record("TBE").unwrap();
    assert_eq!((record.seen, record.misread), (6, 6));
}

#[test]
fn a_fold_model_learns_nothing_from_its_own_fold() {
    let docs = [
        (
            "tbe man and tbe dog and tbe cat",
            "the man and the dog and the cat",
        ),
        ("lie said lie was lie", "he said he was he"),
        ("tbe end", "the end"),
    ];
    let models = fold_models(&docs, 2);
    assert_eq!(models.len(), 2);
    // Fold 0 holds documents 0 and 2: its model was trained on document 1 only.
    assert!(models[0].reading_record("tbe").is_none());
    assert!(models[0].reading_record("lie").is_some());
    assert!(models[1].reading_record("tbe").is_some());
    assert!(models[1].reading_record("lie").is_none());
}

#[test]
fn words_read_for_others_fewer_than_three_times_are_not_kept() {
    let mut c = Counts::default();
    for _ in 0..2 {
        c.add_document("tbe man and tlie dog", "the man and the dog");
    }
    assert_eq!(c.model().read_for_words("tbe").count(), 0);
    c.add_document("tbe cat", "the cat");
    let read_for = c.model().read_for_words("tbe").cloned().collect::<Vec<_>>();
    assert_eq!(read_for.len(), 1);
    assert_eq!(
        (read_for[0].printed.as_str(), read_for[0].count),
        ("the", 3)
    );
    assert_eq!(c.model().read_for_words("tlie").count(), 0);
}

#[test]
fn learns_capitals_read_for_small_letters() {
    let mut c = trained_on(
        4,
        "he was In the house with Mary",
        "he was in the house with Mary",
    );
    c.add_document("he met Ian today", "he met Ian today");
    // Capitals where the text's own are common are not counted: opening a line, before
    // a capital.
    c.add_document("he was\nIn the house", "he was\nIn the house");
    c.add_document("he was In The House", "he was In The House");
    let model = c.model();
    // `In` inside a sentence was `in` four times in four, a capital `I` there `i` four
    // times in five (`Ian`); the word's own share is weighed against its letter's.
    let p = model.capital_misread("in").unwrap();
    let expected = (1.0 * 4.0 + 0.8 * 5.0) / 9.0;
    assert!((p - expected).abs() < 0.01, "{p}");
    // `Mary` was never a small word.
    assert!(model.capital_misread("mary").is_none());
}

#[test]
fn learns_how_speckled_the_training_scans_were() {
    let truth = "he said the man was at the door and the dog ran\n";
    let mut c = Counts::default();
    for i in 0..200 {
        // One line in ten has a comma read after `the`, where none was printed.
        let ocr = if i % 10 == 0 {
            truth.replacen("the man", "the, man", 1)
        } else {
            truth.to_owned()
        };
        c.add_document(&ocr, truth);
    }
    let model = c.model();
    let factor = |text: &str| {
        let mut specks = SpeckTally::default();
        specks.add_text(&text.repeat(1000));
        model.speck_factors(Side::After, &specks).of(",")
    };
    // Training read a comma at one in 30 places after `the`; an input with one in
    // three is far more speckled, one with none less, one like training the same.
    assert!(factor("he said the, man was at the door and the dog ran\n") > 3.0);
    assert!(factor(truth) < 0.5);
    let like = format!(
        "{}{}",
        truth.repeat(9),
        truth.replacen("the man", "the, man", 1)
    );
    assert!((factor(&like) - 1.0).abs() < 0.2, "{}", factor(&like));
    let before = model.speck_factors(Side::Before, &SpeckTally::default());
    assert_eq!(before.of(","), 1.0);
}

#[test]
fn learns_how_often_a_point_followed_a_word() {
    let mut c = Counts::default();
    for _ in 0..20 {
        c.add_document("lr. Smith said it.", "Mr. Smith said it. The man said it");
    }
    let model = c.model();
    let odds = |w: &str| model.point_odds(w, 0.0).unwrap();
    // `Mr` always took a point, `it` half the time, `said` and `the` never; a word never
    // printed has the rate of all words.
    assert!(
        odds("Mr") > 2.0 && odds("mr") == odds("Mr"),
        "{}",
        odds("Mr")
    );
    assert!(odds("said") < 0.5 && odds("the") < 1.0, "{}", odds("said"));
    assert!((odds("unseen") - 1.0).abs() < 1e-9);
    assert!(odds("Mr") > odds("it") && odds("it") > odds("said"));
    // A speck's chance keeps a word never printed with a point from being ruled out.
    assert!(model.point_odds("said", 0.01).unwrap() > odds("said"));
    assert_eq!(
        ChannelModel::from_table("").unwrap().point_odds("Mr", 0.01),
        None
    );
}

#[test]
fn learns_how_often_words_were_printed() {
    let mut c = Counts::default();
    for _ in 0..3 {
        c.add_document("tlie prisoner said", "the prisoner said, 1863");
    }
    c.add_document("tlie constable", "the constable");
    let model = c.model();
    let printed: Vec<(&str, u32)> = model
        .printed()
        .iter()
        .map(|(w, n)| (w.as_str(), *n))
        .collect();
    // Counted in the ground truth, not the OCR; numbers and words printed fewer than
    // three times are left out.
    assert_eq!(printed, vec![("prisoner", 3), ("said", 3), ("the", 4)]);
    // Pairs inside a sentence, as printed: `said, 1863` has a number.
    let pairs: Vec<(&str, &str, u32)> = model
        .printed_pairs()
        .iter()
        .map(|(a, b, n)| (a.as_str(), b.as_str(), *n))
        .collect();
    assert_eq!(pairs, vec![("prisoner", "said", 3), ("the", "prisoner", 3)]);
    let mut c = Counts::default();
    for _ in 0..3 {
        c.add_document("the end. the prisoner", "the end. The prisoner");
    }
    let pairs = c.model().printed_pairs().to_vec();
    assert!(!pairs.iter().any(|(a, b, _)| a == "end" && b == "the"));
}

#[test]
fn learns_which_words_open_a_clause_or_a_sentence() {
    let mut c = trained_on(
        3,
        "he fell, end the man ran. He went",
        "he fell, and the man ran. He went",
    );
    c.add_document("it was, 1863", "it was, 1863");
    let openers = c.model().openers().clone();
    // Counted in the ground truth after the mark ending a chunk: a number opens nothing.
    assert_eq!(openers.closes, [3, 3]);
    let mut words: Vec<(Boundary, &str, u32)> = openers
        .words
        .iter()
        .map(|(b, w, n)| (*b, w.as_str(), *n))
        .collect();
    words.sort();
    assert_eq!(
        words,
        vec![(Boundary::Comma, "and", 3), (Boundary::Stop, "he", 3)]
    );
    // Fewer than three sightings are left out (the totals stay).
    let mut c = Counts::default();
    c.add_document("he fell, and ran", "he fell, and ran");
    let openers = c.model().openers().clone();
    assert_eq!(openers.closes, [1, 0]);
    assert!(openers.words.is_empty());
}

#[test]
fn a_word_hyphenated_across_a_line_is_printed_whole() {
    let mut c = Counts::default();
    for _ in 0..3 {
        c.add_document("the com- mittee met", "the com-\nmittee met post mortem");
    }
    let model = c.model();
    let printed: Vec<&str> = model.printed().iter().map(|(w, _)| w.as_str()).collect();
    assert!(printed.contains(&"committee"), "{printed:?}");
    assert!(!printed.contains(&"com") && !printed.contains(&"mittee"));
    let pairs: Vec<(&str, &str)> = model
        .printed_pairs()
        .iter()
        .map(|(a, b, _)| (a.as_str(), b.as_str()))
        .collect();
    assert!(pairs.contains(&("committee", "met")));
    assert!(pairs.contains(&("post", "mortem")));
    assert!(!pairs.contains(&("com", "mittee")));
}

#[test]
fn a_page_lines_up_with_its_own_truth_not_with_another_pages() {
    let truth = "The members of the committee met in the town hall on Monday last.";
    let ocr = "Tlie rnembers of tbe comrnittee met in the town hall on Monday last.";
    let other = "A cold wind blew over every hill and the river rose by night.";
    assert!(lined_up(ocr, truth) > 0.9, "{}", lined_up(ocr, truth));
    assert!(lined_up(ocr, other) < 0.2, "{}", lined_up(ocr, other));
    assert_eq!(lined_up("", truth), 0.0);
}
