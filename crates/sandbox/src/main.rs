//! `lpchat-sandbox [--port N] [--dist DIR] [--base-path /lpchat/]`

use lpchat_sandbox::{start, Config};
use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

const USAGE: &str = "usage: lpchat-sandbox [--port 8787] [--dist dist] [--base-path /]";

fn parse(args: impl Iterator<Item = String>) -> Result<Config, String> {
    let mut config = Config::default();
    let mut args = args.peekable();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--port" => {
                let port = value()?
                    .parse()
                    .map_err(|_| format!("--port takes a number\n{USAGE}"))?;
                config.addr = SocketAddr::from(([127, 0, 0, 1], port));
            }
            "--dist" => config.dist = Some(PathBuf::from(value()?)),
            "--base-path" => config.base_path = value()?,
            "--help" | "-h" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(config)
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let running = match start(config.clone()).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("lpchat-sandbox: cannot listen on {}: {e}", config.addr);
            return ExitCode::FAILURE;
        }
    };
    let origin = running.origin();
    println!("lpchat-sandbox listening on {origin}");
    println!("  agent console:  {origin}/agent");
    println!("  control API:    {origin}/control/conversations");
    if config.dist.is_some() {
        let base = config.base_path.trim_end_matches('/');
        println!("  app:            {origin}{base}/?account=12345678&csds={origin}");
    }
    let _ = tokio::signal::ctrl_c().await;
    ExitCode::SUCCESS
}
