//! `yilian solve ... --write-model FILE`: the program written is the library's, in the
//! format of the suffix, and a wrong suffix is refused naming the option.

use std::process::{Command, Output};

fn yilian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yilian"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn rotation_program_written_as_the_library_writes_it() {
    let dir = std::env::temp_dir().join(format!("yilian-write-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/county.json");
    let c = yilian::Consortium::new(yilian::Scenario::from_path(scenario).unwrap()).unwrap();
    for (model, suffix) in [("rotation", "mps"), ("rotation", "lp")] {
        let path = dir.join(format!("{model}.{suffix}"));
        let out = yilian(&[
            "solve",
            "examples/county.json",
            "--model",
            model,
            "--backend",
            "microlp",
            "--write-model",
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains("model written to"));
        let written = std::fs::read_to_string(&path).unwrap();
        let expected = dir.join(format!("library-{model}.{suffix}"));
        yilian::RotationModel::new(&c).write(&expected).unwrap();
        assert_eq!(written, std::fs::read_to_string(&expected).unwrap());
        let pool = &c.scenario().pools[0].id;
        if suffix == "mps" {
            assert!(written.starts_with("NAME rotation_county-1\n"));
            assert!(written.contains(&format!(" L pool_days({pool})\n")));
        }
    }
    let out = yilian(&[
        "solve",
        "examples/county.json",
        "--write-model",
        dir.join("m.txt").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--write-model: \"")
            && text(&out.stderr).contains("does not end in .mps or .lp"),
        "{}",
        text(&out.stderr)
    );
}
