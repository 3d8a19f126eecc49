//! The `ocrmend` command: a thin shell over the library. It parses arguments, reads the
//! inputs, calls the library and writes the results.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
