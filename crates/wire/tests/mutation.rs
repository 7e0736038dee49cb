//! Decoding never panics: the documented frames, mutated (fields dropped, types changed, values
//! swapped, text truncated), go through every decoder. Bounded: 512 cases per run.

use lpchat_wire::*;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::PathBuf;

fn frames() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/frames");
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .collect();
    names.sort();
    names
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Every path (object key or array index) inside a value.
fn paths(v: &Value, prefix: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                prefix.push(json!(k));
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                prefix.push(json!(i));
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(v: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |cur, step| match step {
        Value::String(k) => cur.get_mut(k.as_str()),
        Value::Number(i) => cur.get_mut(i.as_u64()? as usize),
        _ => None,
    })
}

fn replacement(seed: u32) -> Value {
    match seed % 8 {
        0 => Value::Null,
        1 => json!(seed),
        2 => json!(-1.5e300),
        3 => json!("\u{202e}<script>x</script>\u{0000}"),
        4 => json!([]),
        5 => json!({}),
        6 => json!(true),
        _ => json!([{"type": "ContentEvent"}, 7]),
    }
}

fn mutate(mut v: Value, ops: &[(u8, u32, u32)]) -> Value {
    for &(op, a, b) in ops {
        let mut all = Vec::new();
        paths(&v, &mut Vec::new(), &mut all);
        if all.is_empty() {
            return replacement(a);
        }
        let target = all[a as usize % all.len()].clone();
        match op % 4 {
            0 => {
                // Drop a field or element.
                let (last, parent) = target.split_last().unwrap();
                if let Some(p) = at(&mut v, parent) {
                    match (p, last) {
                        (Value::Object(m), Value::String(k)) => {
                            m.remove(k);
                        }
                        (Value::Array(items), Value::Number(i)) => {
                            let i = i.as_u64().unwrap() as usize;
                            if i < items.len() {
                                items.remove(i);
                            }
                        }
                        _ => {}
                    }
                }
            }
            1 => {
                if let Some(slot) = at(&mut v, &target) {
                    *slot = replacement(b);
                }
            }
            2 => {
                // Swap two values.
                let other = all[b as usize % all.len()].clone();
                let x = at(&mut v, &target).map(|s| s.clone());
                let y = at(&mut v, &other).map(|s| s.clone());
                if let (Some(x), Some(y)) = (x, y) {
                    if let Some(s) = at(&mut v, &target) {
                        *s = y;
                    }
                    if let Some(s) = at(&mut v, &other) {
                        *s = x;
                    }
                }
            }
            _ => {
                // A single object where an array was, or the reverse.
                if let Some(slot) = at(&mut v, &target) {
                    *slot = match slot.take() {
                        Value::Array(mut items) if !items.is_empty() => items.swap_remove(0),
                        other => json!([other]),
                    };
                }
            }
        }
    }
    v
}

fn decode_everything(text: &str) {
    let _ = decode_inbound(text);
    let _ = Request::decode(text);
    let _ = serde_json::from_str::<DomainApiResponse>(text);
    let _ = serde_json::from_str::<MessagingChange>(text);
    let _ = serde_json::from_str::<ExConversationChangeNotification>(text);
    let _ = serde_json::from_str::<AgentProfile>(text);
    if let Ok(Inbound::Response(r)) = decode_inbound(text) {
        let _ = r.body_text();
        let _ = r.body_as::<RequestConversationResult>();
        let _ = r.body_as::<GenerateUrlResult>();
    }
    let _ = jwt_claims(text);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_frames_never_panic(
        frame in 0usize..1000,
        ops in prop::collection::vec((any::<u8>(), any::<u32>(), any::<u32>()), 1..6),
        cut in any::<u16>(),
    ) {
        let all = frames();
        let text = &all[frame % all.len()];
        let value: Value = serde_json::from_str(text).unwrap();
        let mutated = mutate(value, &ops).to_string();
        decode_everything(&mutated);
        // And truncated anywhere (on a character boundary).
        let mut end = (cut as usize) % (mutated.len() + 1);
        while !mutated.is_char_boundary(end) {
            end -= 1;
        }
        decode_everything(&mutated[..end]);
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        decode_everything(&text);
    }
}

#[test]
fn deeply_nested_json_is_refused_without_overflowing_the_stack() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(decode_inbound(&deep), Err(DecodeError::NotJson)));
    let deep_body = format!(
        r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{}1{}}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(decode_inbound(&deep_body).is_err());
}
