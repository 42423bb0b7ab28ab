//! The `baocao` CLI: files (or stdin) → one Report JSON per file (JSON Lines for several), or a
//! Markdown brief per file, or one CSV table (figures or citations) over all files.
//!
//! Exit status: 0 all parsed; 1 some input unreadable or unsupported (one line on stderr naming
//! the file and the reason); 2 bad usage. Never a panic trace: a panic is caught and reported as
//! an internal error of that file.

use baocao::{Input, Options};
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "\
Cách dùng / usage:
  baocao parse [--format json|md|csv] [--table figures|citations] [--text] [--pretty] FILE...
              (FILE '-' = stdin)
  baocao compare [--format csv|json] FILE FILE...
              (documents, or Report JSON files saved by 'parse')
  baocao --version | --help

  --format json   one Report per line (JSON Lines); the default
  --format md     a Markdown brief per file (headline, key points, sections, figures, citations)
  --format csv    one CSV table over all files (UTF-8 with BOM for Excel; first column = file)
  --table T       for csv: figures (default) or citations
  --text          include the normalised text that every span points into (json)
  --pretty        indent the JSON (one file only)

  compare aligns the figures of several reports (same indicator and unit) side by side with the
  change from one to the next: CSV by default (UTF-8 with BOM), or --format json.";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Markdown,
    Csv,
}

struct Args {
    files: Vec<String>,
    text: bool,
    pretty: bool,
    format: Format,
    table: baocao::export::Table,
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("baocao: {msg}\n{USAGE}");
    ExitCode::from(2)
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    // "--format=json" is the same as "--format json".
    let argv: Vec<String> = argv
        .iter()
        .flat_map(|a| match (a.strip_prefix("--format="), a.strip_prefix("--table=")) {
            (Some(v), _) => vec!["--format".to_owned(), v.to_owned()],
            (_, Some(v)) => vec!["--table".to_owned(), v.to_owned()],
            _ => vec![a.clone()],
        })
        .collect();
    let mut it = argv.iter();
    match it.next().map(String::as_str) {
        Some("parse") => {}
        Some(other) => return Err(format!("unknown command '{other}'")),
        None => return Err("missing command".into()),
    }
    let mut args =
        Args { files: Vec::new(), text: false, pretty: false, format: Format::Json, table: baocao::export::Table::Figures };
    let mut table_given = false;
    let mut only_files = false;
    while let Some(a) = it.next() {
        match a.as_str() {
            _ if only_files => args.files.push(a.clone()),
            "--" => only_files = true,
            "--text" => args.text = true,
            "--pretty" => args.pretty = true,
            "--format" => match it.next().map(String::as_str) {
                Some("json") => args.format = Format::Json,
                Some("md" | "markdown") => args.format = Format::Markdown,
                Some("csv") => args.format = Format::Csv,
                Some(f) => return Err(format!("unknown format '{f}' (json|md|csv)")),
                None => return Err("--format needs a value".into()),
            },
            "--table" => match it.next().map(|t| (t, baocao::export::Table::parse(t))) {
                Some((_, Some(t))) => {
                    args.table = t;
                    table_given = true;
                }
                Some((t, None)) => return Err(format!("unknown table '{t}' (figures|citations)")),
                None => return Err("--table needs a value".into()),
            },
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option '{s}'")),
            _ => args.files.push(a.clone()),
        }
    }
    if args.files.is_empty() {
        return Err("no input file (use '-' for stdin)".into());
    }
    if table_given && args.format != Format::Csv {
        return Err("--table goes with --format csv".into());
    }
    if args.pretty && args.format != Format::Json {
        return Err("--pretty goes with --format json".into());
    }
    Ok(args)
}

fn read_input(file: &str) -> io::Result<Vec<u8>> {
    if file == "-" {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(file)
    }
}

/// Parses one file into its output (JSON line, Markdown brief or CSV rows), or the one-line
/// reason it could not be.
fn run_one(file: &str, args: &Args) -> Result<String, String> {
    let bytes = read_input(file).map_err(|e| format!("cannot read: {e}"))?;
    let name = (file != "-").then(|| Path::new(file).file_name().map(|n| n.to_string_lossy().into_owned())).flatten();
    let options = Options { name, text: args.text, ..Options::default() };
    let result = std::panic::catch_unwind(|| baocao::parse(Input::Bytes(&bytes), &options));
    match result {
        Ok(Ok(report)) => match args.format {
            Format::Json if args.pretty => serde_json::to_string_pretty(&report).map_err(|e| e.to_string()),
            Format::Json => Ok(baocao::to_json(&report)),
            Format::Markdown => Ok(baocao::export::markdown(&report)),
            Format::Csv => Ok(baocao::export::csv_rows(&report, args.table, report.source.name.as_deref().unwrap_or(file))),
        },
        Ok(Err(e)) => Err(format!("{} [{}]", e.message(), e.code().as_str())),
        Err(_) => Err("internal error: the parser panicked; please report this file [INTERNAL]".into()),
    }
}

/// `baocao compare`: the reports' figures aligned (see `baocao::compare`).
fn compare_main(argv: &[String]) -> ExitCode {
    let mut json = false;
    let mut files = Vec::new();
    let mut it = argv.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format=json" => json = true,
            "--format=csv" => json = false,
            "--format" => match it.next().map(String::as_str) {
                Some("json") => json = true,
                Some("csv") => json = false,
                Some(f) => return usage_error(&format!("compare: unknown format '{f}' (csv|json)")),
                None => return usage_error("--format needs a value"),
            },
            s if s.starts_with('-') && s != "-" => return usage_error(&format!("unknown option '{s}'")),
            _ => files.push(a.clone()),
        }
    }
    if files.len() < 2 {
        return usage_error("compare needs at least two files");
    }
    let mut inputs = Vec::new();
    let mut failed = false;
    for file in &files {
        match compare_input(file) {
            Ok(i) => inputs.push(i),
            Err(reason) => {
                eprintln!("baocao: {file}: {reason}");
                failed = true;
            }
        }
    }
    let table = baocao::compare::compare(&inputs);
    let out = if json { serde_json::to_string(&table).unwrap_or_default() + "\n" } else { baocao::compare::csv(&table) };
    if io::stdout().lock().write_all(out.as_bytes()).is_err() {
        return ExitCode::from(1);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A file to compare: a Report JSON saved by `parse` (its figures), or a document to parse.
fn compare_input(file: &str) -> Result<baocao::compare::CompareInput, String> {
    let bytes = read_input(file).map_err(|e| format!("cannot read: {e}"))?;
    let base = Path::new(file).file_name().map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
    if file.ends_with(".json") {
        let v: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| format!("not a Report JSON: {e}"))?;
        let figures = serde_json::from_value(v.get("figures").cloned().unwrap_or_default())
            .map_err(|e| format!("not a Report JSON (figures): {e}"))?;
        let name = v.pointer("/source/name").and_then(|n| n.as_str()).map_or(base, str::to_owned);
        return Ok(baocao::compare::CompareInput { name, figures });
    }
    let options = Options { name: Some(base.clone()), ..Options::default() };
    match std::panic::catch_unwind(|| baocao::parse(Input::Bytes(&bytes), &options)) {
        Ok(Ok(r)) => Ok(baocao::compare::CompareInput { name: base, figures: r.figures }),
        Ok(Err(e)) => Err(format!("{} [{}]", e.message(), e.code().as_str())),
        Err(_) => Err("internal error: the parser panicked; please report this file [INTERNAL]".into()),
    }
}

fn main() -> ExitCode {
    // Panics are caught per file and reported in one line; the default hook's trace is silenced.
    std::panic::set_hook(Box::new(|_| {}));
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match argv.first().map(String::as_str) {
        Some("--version" | "-V") => {
            println!("baocao {}", baocao::VERSION);
            return ExitCode::SUCCESS;
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    if argv.first().map(String::as_str) == Some("compare") {
        return compare_main(&argv[1..]);
    }
    let args = match parse_args(&argv) {
        Ok(a) => a,
        Err(msg) => return usage_error(&msg),
    };
    if args.pretty && args.files.len() > 1 {
        return usage_error("--pretty needs exactly one file (several files print JSON Lines)");
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = false;
    if args.format == Format::Csv
        && write!(out, "{}{}\r\n", baocao::export::BOM, baocao::export::csv_header(args.table)).is_err()
    {
        return ExitCode::from(1);
    }
    for (i, file) in args.files.iter().enumerate() {
        match run_one(file, &args) {
            Ok(text) => {
                let written = match args.format {
                    Format::Json => writeln!(out, "{text}"),
                    Format::Csv => write!(out, "{text}"),
                    // Briefs of several files are separated by a horizontal rule.
                    Format::Markdown if i > 0 => write!(out, "\n---\n\n{text}"),
                    Format::Markdown => write!(out, "{text}"),
                };
                if written.and_then(|_| out.flush()).is_err() {
                    return ExitCode::from(1); // stdout closed (e.g. `| head`): stop quietly
                }
            }
            Err(reason) => {
                eprintln!("baocao: {file}: {reason}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
