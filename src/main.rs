// Loading a large document is allocation-bound: mimalloc makes it markedly faster.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = match gwgen::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // --help and --version are not failures; bad arguments are.
            return std::process::ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    std::process::ExitCode::from(gwgen::run(cli) as u8)
}
