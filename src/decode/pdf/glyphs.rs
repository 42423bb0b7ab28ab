//! Simple-font encodings (WinAnsi, MacRoman, Standard) and glyph names → Unicode.
//!
//! Glyph names: the Adobe Glyph List subset that Latin and Vietnamese text needs. Letter names are
//! read by their structure (base letter + mark words: `Acircumflexacute` → Ấ, `uhornhookabove` → ử,
//! `Ydotbelow` → Ỵ), so all 134 Vietnamese letters and the Latin-1 letters come without a table;
//! `uniXXXX`, `uXXXX[XX]`, `name.suffix` and `a_b` ligature names are read per the AGL rules.


/// Windows-1252 byte → char. Bytes that cp1252 leaves undefined map to the C1 control of the same
/// value, so no byte is lost (the legacy decoder reads TCVN3/VNI bytes from these letters).
pub fn cp1252(b: u8) -> char {
    const HI: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9F => char::from_u32(HI[(b - 0x80) as usize] as u32).unwrap_or('\u{FFFD}'),
        _ => b as char,
    }
}

/// Mac OS Roman byte → char.
pub fn mac_roman(b: u8) -> char {
    const HI: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u{A0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄¤‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{F8FF}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";
    if b < 0x80 {
        return b as char;
    }
    HI.chars().nth((b - 0x80) as usize).unwrap_or('\u{FFFD}')
}

/// Adobe StandardEncoding byte → char (`None` where undefined).
pub fn standard(b: u8) -> Option<char> {
    Some(match b {
        0x27 => '’',
        0x60 => '‘',
        0x20..=0x7E => b as char,
        0xA1 => '¡',
        0xA2 => '¢',
        0xA3 => '£',
        0xA4 => '⁄',
        0xA5 => '¥',
        0xA6 => 'ƒ',
        0xA7 => '§',
        0xA8 => '¤',
        0xA9 => '\'',
        0xAA => '“',
        0xAB => '«',
        0xAC => '‹',
        0xAD => '›',
        0xAE => 'ﬁ',
        0xAF => 'ﬂ',
        0xB1 => '–',
        0xB2 => '†',
        0xB3 => '‡',
        0xB4 => '·',
        0xB6 => '¶',
        0xB7 => '•',
        0xB8 => '‚',
        0xB9 => '„',
        0xBA => '”',
        0xBB => '»',
        0xBC => '…',
        0xBD => '‰',
        0xBF => '¿',
        0xC1 => '`',
        0xC2 => '´',
        0xC3 => 'ˆ',
        0xC4 => '˜',
        0xC5 => '¯',
        0xC6 => '˘',
        0xC7 => '˙',
        0xC8 => '¨',
        0xCA => '˚',
        0xCB => '¸',
        0xCD => '˝',
        0xCE => '˛',
        0xCF => 'ˇ',
        0xD0 => '—',
        0xE1 => 'Æ',
        0xE3 => 'ª',
        0xE8 => 'Ł',
        0xE9 => 'Ø',
        0xEA => 'Œ',
        0xEB => 'º',
        0xF1 => 'æ',
        0xF5 => 'ı',
        0xF8 => 'ł',
        0xF9 => 'ø',
        0xFA => 'œ',
        0xFB => 'ß',
        _ => return None,
    })
}

/// Non-letter glyph names (ASCII punctuation, Latin-1 and cp1252 symbols, a few more).
const NAMES: &[(&str, char)] = &[
    ("space", ' '),
    ("exclam", '!'),
    ("quotedbl", '"'),
    ("numbersign", '#'),
    ("dollar", '$'),
    ("percent", '%'),
    ("ampersand", '&'),
    ("quotesingle", '\''),
    ("quoteright", '’'),
    ("parenleft", '('),
    ("parenright", ')'),
    ("asterisk", '*'),
    ("plus", '+'),
    ("comma", ','),
    ("hyphen", '-'),
    ("period", '.'),
    ("slash", '/'),
    ("zero", '0'),
    ("one", '1'),
    ("two", '2'),
    ("three", '3'),
    ("four", '4'),
    ("five", '5'),
    ("six", '6'),
    ("seven", '7'),
    ("eight", '8'),
    ("nine", '9'),
    ("colon", ':'),
    ("semicolon", ';'),
    ("less", '<'),
    ("equal", '='),
    ("greater", '>'),
    ("question", '?'),
    ("at", '@'),
    ("bracketleft", '['),
    ("backslash", '\\'),
    ("bracketright", ']'),
    ("asciicircum", '^'),
    ("underscore", '_'),
    ("grave", '`'),
    ("quoteleft", '‘'),
    ("braceleft", '{'),
    ("bar", '|'),
    ("braceright", '}'),
    ("asciitilde", '~'),
    ("exclamdown", '¡'),
    ("cent", '¢'),
    ("sterling", '£'),
    ("currency", '¤'),
    ("yen", '¥'),
    ("brokenbar", '¦'),
    ("section", '§'),
    ("dieresis", '¨'),
    ("copyright", '©'),
    ("ordfeminine", 'ª'),
    ("guillemotleft", '«'),
    ("guillemetleft", '«'),
    ("logicalnot", '¬'),
    ("sfthyphen", '\u{AD}'),
    ("softhyphen", '\u{AD}'),
    ("registered", '®'),
    ("macron", '¯'),
    ("degree", '°'),
    ("plusminus", '±'),
    ("twosuperior", '²'),
    ("threesuperior", '³'),
    ("acute", '´'),
    ("mu", 'µ'),
    ("paragraph", '¶'),
    ("periodcentered", '·'),
    ("middot", '·'),
    ("cedilla", '¸'),
    ("onesuperior", '¹'),
    ("ordmasculine", 'º'),
    ("guillemotright", '»'),
    ("guillemetright", '»'),
    ("onequarter", '¼'),
    ("onehalf", '½'),
    ("threequarters", '¾'),
    ("questiondown", '¿'),
    ("multiply", '×'),
    ("divide", '÷'),
    ("AE", 'Æ'),
    ("ae", 'æ'),
    ("Eth", 'Ð'),
    ("eth", 'ð'),
    ("Oslash", 'Ø'),
    ("oslash", 'ø'),
    ("Thorn", 'Þ'),
    ("thorn", 'þ'),
    ("germandbls", 'ß'),
    ("OE", 'Œ'),
    ("oe", 'œ'),
    ("Dcroat", 'Đ'),
    ("Dslash", 'Đ'),
    ("dcroat", 'đ'),
    ("dmacron", 'đ'),
    ("dotlessi", 'ı'),
    ("Lslash", 'Ł'),
    ("lslash", 'ł'),
    ("Euro", '€'),
    ("quotesinglbase", '‚'),
    ("florin", 'ƒ'),
    ("quotedblbase", '„'),
    ("ellipsis", '…'),
    ("dagger", '†'),
    ("daggerdbl", '‡'),
    ("circumflex", 'ˆ'),
    ("perthousand", '‰'),
    ("guilsinglleft", '‹'),
    ("guilsinglright", '›'),
    ("quotedblleft", '“'),
    ("quotedblright", '”'),
    ("bullet", '•'),
    ("endash", '–'),
    ("emdash", '—'),
    ("tilde", '˜'),
    ("trademark", '™'),
    ("fraction", '⁄'),
    ("fi", 'ﬁ'),
    ("fl", 'ﬂ'),
    ("ring", '˚'),
    ("breve", '˘'),
    ("dotaccent", '˙'),
    ("hungarumlaut", '˝'),
    ("ogonek", '˛'),
    ("caron", 'ˇ'),
    ("minus", '−'),
    ("nbspace", '\u{A0}'),
    ("nonbreakingspace", '\u{A0}'),
    ("hookabovecomb", '\u{309}'),
    ("gravecomb", '\u{300}'),
    ("acutecomb", '\u{301}'),
    ("tildecomb", '\u{303}'),
    ("dotbelowcomb", '\u{323}'),
    ("arrowright", '→'),
    ("notequal", '≠'),
    ("lessequal", '≤'),
    ("greaterequal", '≥'),
    ("infinity", '∞'),
    ("checkmark", '✓'),
    ("dotmath", '⋅'),
];

/// Mark words of composed letter names, with their combining characters.
const MARKS: &[(&str, char)] = &[
    ("circumflex", '\u{302}'),
    ("breve", '\u{306}'),
    ("horn", '\u{31B}'),
    ("acute", '\u{301}'),
    ("grave", '\u{300}'),
    ("hookabove", '\u{309}'),
    ("tilde", '\u{303}'),
    ("dotbelow", '\u{323}'),
    ("dieresis", '\u{308}'),
    ("ring", '\u{30A}'),
    ("cedilla", '\u{327}'),
    ("caron", '\u{30C}'),
    ("macron", '\u{304}'),
    ("dotaccent", '\u{307}'),
    ("ogonek", '\u{328}'),
    ("hungarumlaut", '\u{30B}'),
];

/// Unicode for a glyph name, if it is one this reader knows.
pub fn name_to_unicode(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    // AGL: drop a suffix after the first period; ligatures are joined by underscores.
    let base = name.split('.').next().unwrap_or("");
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let parts: Option<Vec<String>> = base.split('_').map(component).collect();
        return parts.map(|v| v.concat());
    }
    component(base)
}

fn component(n: &str) -> Option<String> {
    if n.len() == 1 && n.as_bytes()[0].is_ascii_alphabetic() {
        return Some(n.to_owned());
    }
    if let Some((_, c)) = NAMES.iter().find(|(k, _)| *k == n) {
        return Some(c.to_string());
    }
    if let Some(hex) = n.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let units: Vec<u16> = (0..hex.len() / 4)
                .filter_map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).ok())
                .collect();
            let s: String = char::decode_utf16(units).filter_map(|r| r.ok()).collect();
            return (!s.is_empty()).then_some(s);
        }
    }
    if let Some(hex) = n.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .map(String::from);
        }
    }
    composed_letter(n)
}

/// `Ohornacute` → Ớ: a base letter followed by mark words.
fn composed_letter(n: &str) -> Option<String> {
    let mut chars = n.chars();
    let base = chars.next().filter(char::is_ascii_alphabetic)?;
    let mut rest = chars.as_str();
    if rest.is_empty() {
        return None;
    }
    let mut s = String::new();
    s.push(base);
    while !rest.is_empty() {
        let (word, mark) = MARKS.iter().find(|(w, _)| rest.starts_with(w))?;
        s.push(*mark);
        rest = &rest[word.len()..];
    }
    let out = crate::nfc::nfc(&s);
    (out.chars().count() == 1).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(n: &str) -> Option<String> {
        name_to_unicode(n.as_bytes())
    }

    #[test]
    fn vietnamese_names() {
        assert_eq!(u("Acircumflexacute").as_deref(), Some("Ấ"));
        assert_eq!(u("uhornhookabove").as_deref(), Some("ử"));
        assert_eq!(u("ohorn").as_deref(), Some("ơ"));
        assert_eq!(u("dcroat").as_deref(), Some("đ"));
        assert_eq!(u("Ydotbelow").as_deref(), Some("Ỵ"));
        assert_eq!(u("abrevetilde").as_deref(), Some("ẵ"));
        assert_eq!(u("eacute").as_deref(), Some("é"));
        assert_eq!(u("uni1EA1").as_deref(), Some("ạ"));
        assert_eq!(u("u1EDD").as_deref(), Some("ờ"));
        assert_eq!(u("f_i").as_deref(), Some("fi"));
        assert_eq!(u("a.sc").as_deref(), Some("a"));
        assert_eq!(u("g123"), None);
        assert_eq!(u("Xacute"), None);
    }

    #[test]
    fn encodings() {
        assert_eq!(cp1252(0xB8), '¸');
        assert_eq!(cp1252(0x93), '“');
        assert_eq!(cp1252(0xAD), '\u{AD}');
        assert_eq!(cp1252(0x81), '\u{81}');
        assert_eq!(mac_roman(0x8E), 'é');
        assert_eq!(mac_roman(0xFF), 'ˇ');
        assert_eq!(standard(0x27), Some('’'));
    }
}
