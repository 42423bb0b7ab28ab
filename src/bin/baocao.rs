//! The `baocao` CLI: files (or stdin) → one Report JSON per file (JSON Lines for several).
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
  baocao parse [--format json] [--text] [--pretty] FILE...   (FILE '-' = stdin)
  baocao --version | --help

  --format json   output format (json: one Report per line; md and csv are not available yet)
  --text          include the normalised text that every span points into
  --pretty        indent the JSON (one file only)";

struct Args {
    files: Vec<String>,
    text: bool,
    pretty: bool,
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("baocao: {msg}\n{USAGE}");
    ExitCode::from(2)
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    // "--format=json" is the same as "--format json".
    let argv: Vec<String> = argv
        .iter()
        .flat_map(|a| match a.strip_prefix("--format=") {
            Some(v) => vec!["--format".to_owned(), v.to_owned()],
            None => vec![a.clone()],
        })
        .collect();
    let mut it = argv.iter();
    match it.next().map(String::as_str) {
        Some("parse") => {}
        Some(other) => return Err(format!("unknown command '{other}'")),
        None => return Err("missing command".into()),
    }
    let mut args = Args { files: Vec::new(), text: false, pretty: false };
    let mut only_files = false;
    while let Some(a) = it.next() {
        match a.as_str() {
            _ if only_files => args.files.push(a.clone()),
            "--" => only_files = true,
            "--text" => args.text = true,
            "--pretty" => args.pretty = true,
            "--format" => match it.next().map(String::as_str) {
                Some("json") => {}
                Some(f @ ("md" | "csv")) => return Err(format!("--format {f} is not available yet (json only)")),
                Some(f) => return Err(format!("unknown format '{f}' (json|md|csv)")),
                None => return Err("--format needs a value".into()),
            },
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option '{s}'")),
            _ => args.files.push(a.clone()),
        }
    }
    if args.files.is_empty() {
        return Err("no input file (use '-' for stdin)".into());
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

/// Parses one file into its JSON line, or the one-line reason it could not be.
fn run_one(file: &str, args: &Args) -> Result<String, String> {
    let bytes = read_input(file).map_err(|e| format!("cannot read: {e}"))?;
    let name = (file != "-").then(|| Path::new(file).file_name().map(|n| n.to_string_lossy().into_owned())).flatten();
    let options = Options { name, text: args.text };
    let result = std::panic::catch_unwind(|| baocao::parse(Input::Bytes(&bytes), &options));
    match result {
        Ok(Ok(report)) if args.pretty => serde_json::to_string_pretty(&report).map_err(|e| e.to_string()),
        Ok(Ok(report)) => Ok(baocao::to_json(&report)),
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
    for file in &args.files {
        match run_one(file, &args) {
            Ok(json) => {
                if writeln!(out, "{json}").and_then(|_| out.flush()).is_err() {
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
