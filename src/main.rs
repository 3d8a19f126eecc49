//! The `ocrmend` command: a thin shell over the library. It parses arguments, reads the
//! inputs, calls the library and writes the results.

mod cli;

/// The allocator: the run makes many short-lived small allocations (candidates, their
/// strings), which mimalloc serves faster than the system's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
