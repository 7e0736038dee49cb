//! `lpchat-sandbox [--port N] [--dist DIR] [--base-path /lpchat/]`: the main port and, after it, one
//! port for each service (the Domain API first).

use lpchat_sandbox::{start, Config, Service};
use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

const USAGE: &str = "usage: lpchat-sandbox [--port 8787] [--dist dist] [--base-path /] [--surveys] [--demo] [--no-cors]
                      [--requests-per-second N (40; 0: no limit)]
  faults: [--latency-ms N] [--drop-after MIN-MAX] [--seed N] [--drop-code CODE] [--blackhole]
          [--fail-domain-api STATUS:COUNT] [--fail-signup STATUS:COUNT] [--throttle-one-in N]
          [--close-1011-one-in N]";

fn pair<A: std::str::FromStr, B: std::str::FromStr>(
    text: &str,
    sep: char,
    flag: &str,
) -> Result<(A, B), String> {
    let (a, b) = text
        .split_once(sep)
        .ok_or_else(|| format!("{flag} takes A{sep}B\n{USAGE}"))?;
    match (a.parse(), b.parse()) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        _ => Err(format!("{flag} takes numbers: A{sep}B\n{USAGE}")),
    }
}

fn number<T: std::str::FromStr>(text: &str, flag: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag} takes a number\n{USAGE}"))
}

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
                config.addr = SocketAddr::from(([127, 0, 0, 1], number(&value()?, "--port")?))
            }
            "--latency-ms" => config.faults.latency_ms = number(&value()?, "--latency-ms")?,
            "--drop-after" => {
                config.faults.drop_after_frames = Some(pair(&value()?, '-', "--drop-after")?)
            }
            "--seed" => config.faults.seed = number(&value()?, "--seed")?,
            "--blackhole" => config.faults.blackhole = true,
            "--surveys" => config.surveys = true,
            "--demo" => config.demo = true,
            "--no-cors" => config.cors = false,
            "--requests-per-second" => {
                config.requests_per_second = number(&value()?, "--requests-per-second")?
            }
            "--throttle-one-in" => {
                config.faults.throttle_one_in = Some(number(&value()?, "--throttle-one-in")?)
            }
            "--close-1011-one-in" => {
                config.faults.close_1011_one_in = Some(number(&value()?, "--close-1011-one-in")?)
            }
            "--drop-code" => config.faults.drop_code = Some(number(&value()?, "--drop-code")?),
            "--fail-domain-api" => {
                config.faults.fail_domain_api = Some(pair(&value()?, ':', "--fail-domain-api")?)
            }
            "--fail-signup" => {
                config.faults.fail_signup = Some(pair(&value()?, ':', "--fail-signup")?)
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
    let csds = running.domain_origin();
    println!("lpchat-sandbox listening on {origin}");
    println!("  agent console:  {origin}/agent");
    println!("  control API:    {origin}/control/conversations");
    for service in Service::ALL {
        let name = service.name().unwrap_or("Domain API");
        println!("  {name:<16}http://{}", running.service_addr(service));
    }
    if config.dist.is_some() {
        let base = config.base_path.trim_end_matches('/');
        println!("  app:            {origin}{base}/?account=12345678&csds={csds}");
    }
    let _ = tokio::signal::ctrl_c().await;
    ExitCode::SUCCESS
}
