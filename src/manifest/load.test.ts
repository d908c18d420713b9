import { mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.js";
import { ManifestError, formatProblem } from "./errors.js";
import { loadManifest } from "./load.js";

/** A temporary repository (marked by `.git`) holding `files`; the manifest is agentframer.yml. */
async function repo(files: Record<string, string | Buffer>): Promise<string> {
  const root = await tempDir("af-manifest-");
  await mkdir(join(root, ".git"));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), content);
  }
  return root;
}

/** The problems of loading `manifest` in `root`, as the CLI prints them (files relative to root). */
async function problems(root: string, manifest = "agentframer.yml"): Promise<string[]> {
  const error = await loadManifest(join(root, manifest), { cwd: root }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ManifestError);
  return (error as ManifestError).problems.map(formatProblem);
}

const HEAD = "version: 1\ndefaults:\n  type: image\n  model: flux-1.1-pro\nassets:\n";

describe("loadManifest: good manifests", () => {
  it("merges defaults into every asset, params key by key, in declaration order", async () => {
    const root = await repo({
      "agentframer.yml": `version: 1
defaults:
  type: image
  model: flux-1.1-pro
  params: { width: 1024, height: 1024, style: { tone: warm } }
assets:
  - id: hero-home
    prompt: A cozy reading nook
    output: public/hero/home.png
    params: { seed: 42, width: 512 }
  - id: theme
    type: audio
    model: sonic-2
    prompt: A short calm tune
    output: ./public//audio/theme.WAV
`,
    });
    const manifest = await loadManifest(join(root, "agentframer.yml"), { cwd: root });
    expect(manifest.root).toBe(root);
    expect(manifest.dir).toBe(root);
    expect(manifest.path).toBe(join(root, "agentframer.yml"));
    expect(manifest.assets).toEqual([
      {
        id: "hero-home",
        type: "image",
        model: "flux-1.1-pro",
        prompt: "A cozy reading nook",
        params: { width: 512, height: 1024, style: { tone: "warm" }, seed: 42 },
        output: "public/hero/home.png",
        source: { file: "agentframer.yml", line: 7, col: 5 },
      },
      {
        id: "theme",
        type: "audio",
        model: "sonic-2",
        prompt: "A short calm tune",
        params: { width: 1024, height: 1024, style: { tone: "warm" } },
        output: "public/audio/theme.WAV",
        source: { file: "agentframer.yml", line: 11, col: 5 },
      },
    ]);
  });

  it("expands a CSV (BOM, CRLF, RFC 4180 quoting) into one asset per row, in row order", async () => {
    const root = await repo({
      "agentframer.yml": `${HEAD}  - id: product-{{ sku }}
    each: data/products.csv
    prompt: "Studio photo of {{name}} ({{ sku }})"
    output: public/products/{{sku}}.png
    params:
      caption: { text: "{{name}}", tags: ["{{sku}}", fixed] }
      seed: 7
`,
      "data/products.csv":
        '\uFEFFsku , name\r\nA-1,"Chair, red"\r\nb.2,"Say ""hi""\nthere"\r\n\r\nc_3,Lamp\r\n',
    });
    const manifest = await loadManifest(join(root, "agentframer.yml"), { cwd: root });
    expect(manifest.assets.map((a) => [a.id, a.prompt, a.output, a.params])).toEqual([
      [
        "product-A-1",
        "Studio photo of Chair, red (A-1)",
        "public/products/A-1.png",
        { caption: { text: "Chair, red", tags: ["A-1", "fixed"] }, seed: 7 },
      ],
      [
        "product-b.2",
        'Studio photo of Say "hi"\nthere (b.2)',
        "public/products/b.2.png",
        { caption: { text: 'Say "hi"\nthere', tags: ["b.2", "fixed"] }, seed: 7 },
      ],
      [
        "product-c_3",
        "Studio photo of Lamp (c_3)",
        "public/products/c_3.png",
        { caption: { text: "Lamp", tags: ["c_3", "fixed"] }, seed: 7 },
      ],
    ]);
    // Each row's asset comes from its own line of the CSV (a quoted newline spans two).
    expect(manifest.assets.map((a) => a.source)).toEqual([
      { file: "data/products.csv", line: 2, col: 1 },
      { file: "data/products.csv", line: 3, col: 1 },
      { file: "data/products.csv", line: 6, col: 1 },
    ]);
  });

  it("expands a JSON array of objects; numbers, booleans and null fill placeholders", async () => {
    const root = await repo({
      "agentframer.yml": `${HEAD}  - id: clip-{{n}}
    type: video
    each: data/clips.json
    prompt: "{{title}} loop={{loop}} note={{note}}"
    output: media/clip-{{n}}.mp4
`,
      "data/clips.json": JSON.stringify([
        { n: 1, title: "Waves", loop: true, note: null, unused: { deep: [1] } },
        { n: 2, title: "Rain", loop: false, note: "soft" },
      ]),
    });
    const manifest = await loadManifest(join(root, "agentframer.yml"), { cwd: root });
    expect(manifest.assets.map((a) => [a.id, a.type, a.prompt, a.output])).toEqual([
      ["clip-1", "video", "Waves loop=true note=", "media/clip-1.mp4"],
      ["clip-2", "video", "Rain loop=false note=soft", "media/clip-2.mp4"],
    ]);
  });

  it("resolves paths from the manifest's folder, inside the repository root above it", async () => {
    const root = await repo({
      "config/agentframer.yml": `${HEAD}  - id: a
    prompt: p
    output: ../public/a.png
  - id: b-{{k}}
    each: ../data/k.csv
    prompt: p {{k}}
    output: out/{{k}}.png
`,
      "data/k.csv": "k\nx\ny\n",
    });
    const manifest = await loadManifest(join(root, "config/agentframer.yml"), { cwd: root });
    expect(manifest.root).toBe(root);
    expect(manifest.dir).toBe(join(root, "config"));
    expect(manifest.assets.map((a) => a.output)).toEqual([
      "../public/a.png",
      "out/x.png",
      "out/y.png",
    ]);
  });

  it("takes the manifest's folder as the root when no .git is above it", async () => {
    const root = await tempDir("af-manifest-nogit-");
    await writeFile(
      join(root, "agentframer.yml"),
      `${HEAD}  - id: a\n    prompt: p\n    output: a.png\n`,
    );
    const manifest = await loadManifest(join(root, "agentframer.yml"));
    expect(manifest.root).toBe(root);
  });

  it("accepts an each: file with a header and no rows (no assets), and an empty asset list", async () => {
    const root = await repo({
      "agentframer.yml": `${HEAD}  - id: p-{{sku}}\n    each: empty.csv\n    prompt: p\n    output: p/{{sku}}.png\n`,
      "empty.csv": "sku\n",
      "none.yml": "version: 1\nassets: []\n",
    });
    expect((await loadManifest(join(root, "agentframer.yml"), { cwd: root })).assets).toEqual([]);
    expect((await loadManifest(join(root, "none.yml"), { cwd: root })).assets).toEqual([]);
  });

  it("shows files relative to the working directory, as a compiler does", async () => {
    const root = await repo({ "sub/agentframer.yml": "version: 2\nassets: []\n" });
    expect(await problems(root, "sub/agentframer.yml")).toEqual([
      'sub/agentframer.yml:1:10: "version" must be 1, not the number 2',
    ]);
  });
});

type Files = Record<string, string | Buffer>;
/** Symbolic links to create: path in the repository -> target. */
type Links = Record<string, string>;

const asset = (id: string, output: string, more = ""): string =>
  `  - id: ${id}\n    prompt: p\n    output: ${output}\n${more}`;

const CASES: [name: string, files: Files, links?: Links][] = [
  [
    "version missing, unknown top-level key with a hint, assets not a list",
    { "agentframer.yml": "defualts: {}\nassets: {}\n" },
  ],
  [
    "unknown keys in defaults and assets, with and without a hint",
    {
      "agentframer.yml":
        "version: 1\ndefaults:\n  type: image\n  modle: m\nassets:\n  - id: a\n    model: m\n    prompt: p\n    output: a.png\n    outptu: b.png\n    colour: red\n",
    },
  ],
  [
    "wrong types and values: type, model, prompt, params, each",
    {
      "agentframer.yml":
        "version: 1\nassets:\n  - id: a\n    type: imgae\n    model: ''\n    prompt: 42\n    output: a.png\n    params: [1, 2]\n  - id: b\n    type: video\n    model: m\n    prompt: [x]\n    output: b.mp4\n    each: 3\n",
    },
  ],
  [
    "params that set reserved body fields, and values JSON cannot carry",
    {
      "agentframer.yml":
        "version: 1\ndefaults:\n  type: image\n  model: m\n  params: { prompt: x }\nassets:\n  - id: a\n    prompt: p\n    output: a.png\n    params:\n      model: other\n      seed: .inf\n      nested: { list: [1, .nan] }\n",
    },
  ],
  [
    "YAML syntax errors",
    { "agentframer.yml": 'version: 1\nassets:\n  - id: a\n    id: b\n    prompt: "unclosed\n' },
  ],
  ["a second YAML document", { "agentframer.yml": "version: 1\nassets: []\n---\nversion: 1\n" }],
  [
    "an alias bomb",
    {
      "agentframer.yml":
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nversion: 1\nassets: *d\n",
    },
  ],
  [
    "flow collections nested too deeply",
    { "agentframer.yml": "version: 1\nassets: " + "[".repeat(200) + "]".repeat(200) + "\n" },
  ],
  [
    "no type or model anywhere",
    { "agentframer.yml": "version: 1\nassets:\n" + asset("a", "a.txt") },
  ],
  [
    "ids that are not safe slugs",
    {
      "agentframer.yml":
        HEAD +
        asset("hero home", "a.png") +
        asset("-dash", "b.png") +
        asset("x".repeat(129), "c.png") +
        asset("'ok/../no'", "d.png"),
    },
  ],
  [
    "duplicate ids",
    {
      "agentframer.yml":
        HEAD + asset("hero", "a.png") + asset("other", "b.png") + asset("hero", "c.png"),
    },
  ],
  [
    "two assets writing one output, also differing only in case or spelling",
    {
      "agentframer.yml":
        HEAD +
        asset("a", "public/a.png") +
        asset("b", "./public//a.png") +
        asset("c", "Public/A.PNG"),
    },
  ],
  [
    "absolute outputs: POSIX, Windows drive, UNC",
    {
      "agentframer.yml":
        HEAD +
        asset("a", "/etc/a.png") +
        asset("b", "'C:\\x\\b.png'") +
        asset("c", "'\\\\server\\share\\c.png'") +
        asset("d", "'c:/d.png'"),
    },
  ],
  [
    "outputs escaping with .., using backslashes or control characters",
    {
      "agentframer.yml":
        HEAD +
        asset("a", "../a.png") +
        asset("b", "public/../../b.png") +
        asset("c", "'public\\c.png'") +
        asset("d", '"public/d\\t.png"') +
        asset("e", '"public/e\\0.png"') +
        asset("f", "public/f?.png"),
    },
  ],
  [
    "outputs under .git/ or .github/, in any case or spelling",
    {
      "agentframer.yml":
        HEAD +
        asset("a", ".git/hooks/a.png") +
        asset("b", ".GitHub/b.png") +
        asset("c", "sub/.git/c.png") +
        asset("d", "'.git./d.png'") +
        asset("e", "GIT~1/e.png") +
        asset("f", "x/../.github/f.png"),
    },
  ],
  [
    "Unicode look-alikes of / and . and invisible characters",
    {
      "agentframer.yml":
        HEAD +
        asset("a", "public／a.png") +
        asset("b", "\u2024\u2024/b.png") +
        asset("c", "public\u2044c.png") +
        asset("d", "public/d\uFF0Epng") +
        asset("e", "public/e\u200B.png") +
        asset("f", "\uFF0E\uFF0E/f.png"),
    },
  ],
  [
    "extensions that do not fit the type",
    {
      "agentframer.yml":
        HEAD +
        asset("a", "a.mp4") +
        asset("b", "b", "") +
        asset("c", "c.png", "    type: video\n") +
        asset("d", "d.webm", "    type: audio\n") +
        asset("e", "public/.png"),
    },
  ],
  [
    "Windows-hostile names",
    {
      "agentframer.yml":
        HEAD +
        asset("a", "con.png") +
        asset("b", "'dir./b.png'") +
        asset("c", "'dir /c.png'") +
        asset("d", "nul/d.png") +
        asset("e", "public/"),
    },
  ],
  [
    "outputs through symbolic links that leave the repository",
    {
      "agentframer.yml":
        HEAD +
        asset("a", "out/a.png") +
        asset("b", "out/deeper/b.png") +
        asset("c", "public/c.png") +
        asset("d", "public/d.png") +
        asset("e", "hooks/e.png"),
      "public/keep.txt": "",
    },
    { out: "/etc", "public/c.png": "/etc/passwd", "public/d.png": "nowhere.png", hooks: ".git" },
  ],
  [
    "placeholders without each:, empty, unclosed, and in model",
    {
      "agentframer.yml":
        HEAD +
        '  - id: a-{{sku}}\n    prompt: "{{ }} and {{name"\n    output: a.png\n    params: { caption: { text: "x {{sku}}" } }\n  - id: b-{{k}}\n    model: m-{{k}}\n    each: k.csv\n    prompt: p\n    output: b/{{k}}.png\n',
      "k.csv": "k\n1\n2\n",
    },
  ],
  [
    "unknown columns, with a hint and the known columns",
    {
      "agentframer.yml":
        HEAD +
        '  - id: p-{{sku}}\n    each: data/products.csv\n    prompt: "{{ nmae }} {{sku}} {{color}}"\n    output: p/{{sku}}.png\n    params: { alt: ["{{sizes}}"] }\n',
      "data/products.csv": "sku,name,size\n1,a,s\n",
    },
  ],
  [
    "each: templates whose fixed parts are wrong for every row",
    {
      "agentframer.yml":
        HEAD +
        "  - id: product {{sku}}\n    each: p.csv\n    prompt: p\n    output: /abs/{{sku}}.jpg\n  - id: same\n    each: p.csv\n    prompt: p\n    output: q/{{sku}}.txt\n  - id: r-{{sku}}\n    each: p.csv\n    prompt: p\n    output: r/same.png\n",
      "p.csv": "sku\n1\n2\n",
    },
  ],
  [
    "each: files missing, of the wrong kind, or outside the repository",
    {
      "agentframer.yml":
        HEAD +
        "  - id: a-{{k}}\n    each: data/missing.csv\n    prompt: p\n    output: a/{{k}}.png\n  - id: b-{{k}}\n    each: data/k.txt\n    prompt: p\n    output: b/{{k}}.png\n  - id: c-{{k}}\n    each: ../k.csv\n    prompt: p\n    output: c/{{k}}.png\n  - id: d-{{k}}\n    each: data/link.csv\n    prompt: p\n    output: d/{{k}}.png\n  - id: e-{{k}}\n    each: data\n    prompt: p\n    output: e/{{k}}.png\n",
      "data/k.txt": "k\n1\n",
    },
    { "data/link.csv": "/etc/hostname" },
  ],
  [
    "a malformed CSV, reported at its own lines",
    {
      "agentframer.yml":
        HEAD +
        '  - id: p-{{sku}}\n    each: data/products.csv\n    prompt: "{{name}}"\n    output: p/{{sku}}.png\n',
      "data/products.csv":
        'sku,name\n1,one\n2,two\n3,three\n4,four\n5,five\n6,"six",oops\n7\n8,ei"ght\n"9"x,nine\n10,"ten\n',
    },
  ],
  [
    "a CSV header with empty and repeated names, and an empty CSV",
    {
      "agentframer.yml":
        HEAD +
        "  - id: p-{{a}}\n    each: h.csv\n    prompt: p\n    output: p/{{a}}.png\n  - id: q-{{a}}\n    each: empty.csv\n    prompt: p\n    output: q/{{a}}.png\n",
      "h.csv": "a,b,a,\n1,2,3,4\n",
      "empty.csv": "",
    },
  ],
  [
    "a malformed JSON each: file, at its own line",
    {
      "agentframer.yml":
        HEAD +
        "  - id: p-{{sku}}\n    each: data/p.json\n    prompt: p\n    output: p/{{sku}}.png\n",
      "data/p.json": '[\n  {"sku": "a"},\n  {"sku": "b",}\n]\n',
    },
  ],
  [
    "JSON each: files that are not arrays of objects, or lack fields",
    {
      "agentframer.yml":
        HEAD +
        '  - id: p-{{sku}}\n    each: obj.json\n    prompt: p\n    output: p/{{sku}}.png\n  - id: q-{{sku}}\n    each: rows.json\n    prompt: "{{name}}"\n    output: q/{{sku}}.png\n  - id: r-{{sku}}\n    each: fields.json\n    prompt: "{{name}}"\n    output: r/{{sku}}.png\n',
      "obj.json": '{"sku": 1}',
      "rows.json": '[{"sku": 1, "name": "x"}, 2, [3]]',
      "fields.json": '[\n {"sku": 1, "name": "x"},\n {"sku": 2},\n {"sku": 3, "name": {"a": 1}}\n]',
    },
  ],
  [
    "rows whose values make bad ids, outputs or prompts, and duplicates between rows",
    {
      "agentframer.yml":
        HEAD +
        asset("p-1", "p/1.png") +
        '  - id: p-{{sku}}\n    each: data/p.csv\n    prompt: "{{prompt}}"\n    output: p/{{path}}.png\n',
      "data/p.csv":
        "sku,path,prompt\n1,one,ok\nbad id,two,ok\n3,../../../x,ok\n4,four,\n5,five,ok\n5,six,ok\n7,five,ok\n8,Five,ok\n",
    },
  ],
  [
    "a prompt over 32 KiB",
    {
      "agentframer.yml":
        HEAD + "  - id: a\n    output: a.png\n    prompt: " + "x".repeat(32769) + "\n",
    },
  ],
  [
    "an each: file that is not UTF-8",
    {
      "agentframer.yml":
        HEAD + "  - id: p-{{k}}\n    each: k.csv\n    prompt: p\n    output: p/{{k}}.png\n",
      "k.csv": Buffer.from([0x6b, 0x0a, 0xff, 0xfe, 0x0a]),
    },
  ],
];

const EXPECTED: Record<string, string[]> = {
  "version missing, unknown top-level key with a hint, assets not a list": [
    'agentframer.yml:1:1: missing required key "version"',
    'agentframer.yml:1:1: unknown key "defualts" (did you mean "defaults"?)',
    'agentframer.yml:2:9: "assets" must be a list, not a map',
  ],
  "unknown keys in defaults and assets, with and without a hint": [
    'agentframer.yml:4:3: unknown key "modle" (did you mean "model"?)',
    'agentframer.yml:10:5: unknown key "outptu" (did you mean "output"?)',
    'agentframer.yml:11:5: unknown key "colour"; expected one of: id, type, model, prompt, output, params, variants, each',
  ],
  "wrong types and values: type, model, prompt, params, each": [
    'agentframer.yml:4:11: "type" must be one of image, video, audio, not the string "imgae" (did you mean "image"?)',
    'agentframer.yml:5:12: "model" must not be empty',
    'agentframer.yml:6:13: "prompt" must be a string, not the number 42',
    'agentframer.yml:8:13: "params" must be a map, not a list',
    'agentframer.yml:12:13: "prompt" must be a string, not a list',
    'agentframer.yml:14:11: "each" must be a string, not the number 3',
  ],
  "params that set reserved body fields, and values JSON cannot carry": [
    'agentframer.yml:5:13: params cannot set "prompt"; use the asset\'s own "prompt" field',
    'agentframer.yml:12:13: "seed" must be a string, a finite number, true, false, null, a list or a map, not Infinity (not a finite number)',
    'agentframer.yml:13:27: item 2 of "list" must be a string, a finite number, true, false, null, a list or a map, not NaN (not a finite number)',
  ],
  "YAML syntax errors": [
    "agentframer.yml:4:5: Map keys must be unique",
    'agentframer.yml:5:13: this quote is never closed (YAML read on to the end of the file); close it on this line with "',
  ],
  "a second YAML document": [
    "agentframer.yml:3:1: a manifest is one YAML document; remove this second one",
  ],
  "an alias bomb": [
    "agentframer.yml:2:8: YAML aliases expand to too much data (more than 100 alias uses); this looks like an alias bomb",
  ],
  "flow collections nested too deeply": [
    "agentframer.yml:2:113: YAML collections nested more than 100 levels deep",
  ],
  "no type or model anywhere": [
    'agentframer.yml:3:5: asset "a" has no "model"; set it here or under defaults',
    'agentframer.yml:5:13: asset "a" has no "type", and output "a.txt" does not name one: version 1 of the API delivers .png images, .mp4 videos and .wav audio; use one of those extensions or set type',
  ],
  "ids that are not safe slugs": [
    'agentframer.yml:6:9: id "hero home" is not valid: ids use letters, digits, "-", "_" and ".", start with a letter or digit, and have at most 128 characters',
    'agentframer.yml:9:9: id "-dash" is not valid: ids use letters, digits, "-", "_" and ".", start with a letter or digit, and have at most 128 characters',
    'agentframer.yml:12:9: id "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" is not valid: ids use letters, digits, "-", "_" and ".", start with a letter or digit, and have at most 128 characters',
    'agentframer.yml:15:9: id "ok/../no" is not valid: ids use letters, digits, "-", "_" and ".", start with a letter or digit, and have at most 128 characters',
  ],
  "duplicate ids": [
    'agentframer.yml:12:9: duplicate id "hero"; it is also declared at agentframer.yml:6:9',
  ],
  "two assets writing one output, also differing only in case or spelling": [
    'agentframer.yml:11:13: output "public/a.png" is also written by asset "a" (agentframer.yml:8:13)',
    'agentframer.yml:14:13: output "Public/A.PNG" is the same file as "public/a.png" of asset "a" (agentframer.yml:8:13) on case-insensitive file systems',
  ],
  "absolute outputs: POSIX, Windows drive, UNC": [
    'agentframer.yml:8:13: output "/etc/a.png" is absolute; write it relative to the manifest\'s folder',
    'agentframer.yml:11:13: output "C:\\\\x\\\\b.png" is absolute; write it relative to the manifest\'s folder',
    'agentframer.yml:14:13: output "\\\\\\\\server\\\\share\\\\c.png" is absolute; write it relative to the manifest\'s folder',
    'agentframer.yml:17:13: output "c:/d.png" is absolute; write it relative to the manifest\'s folder',
  ],
  "outputs escaping with .., using backslashes or control characters": [
    'agentframer.yml:8:13: output "../a.png" goes outside the repository',
    'agentframer.yml:11:13: output "public/../../b.png" goes outside the repository',
    'agentframer.yml:14:13: output "public\\\\c.png" contains a backslash; separate folders with "/"',
    'agentframer.yml:17:13: output "public/d\\t.png" contains a control character (U+0009)',
    'agentframer.yml:20:13: output "public/e\\u0000.png" contains a control character (U+0000)',
    'agentframer.yml:23:13: output "public/f?.png" contains "?", which Windows does not allow in file names',
  ],
  "outputs under .git/ or .github/, in any case or spelling": [
    'agentframer.yml:8:13: output ".git/hooks/a.png" is inside .git/',
    'agentframer.yml:11:13: output ".GitHub/b.png" is inside .github/',
    'agentframer.yml:14:13: output "sub/.git/c.png" is inside .git/',
    'agentframer.yml:17:13: output ".git./d.png" has a name ending in "." or " ", which Windows drops: ".git."',
    'agentframer.yml:20:13: output "GIT~1/e.png" is inside .git/',
    'agentframer.yml:23:13: output "x/../.github/f.png" is inside .github/',
  ],
  "Unicode look-alikes of / and . and invisible characters": [
    'agentframer.yml:8:13: output "public／a.png" contains "／" (U+FF0F), which looks like "/"; use plain ASCII',
    'agentframer.yml:11:13: output "․․/b.png" contains "․" (U+2024), which looks like "."; use plain ASCII',
    'agentframer.yml:14:13: output "public⁄c.png" contains "⁄" (U+2044), which looks like "/"; use plain ASCII',
    'agentframer.yml:17:13: output "public/d．png" contains "．" (U+FF0E), which looks like "."; use plain ASCII',
    'agentframer.yml:20:13: output "public/e\u200B.png" contains an invisible character (U+200B)',
    'agentframer.yml:23:13: output "．．/f.png" contains "．" (U+FF0E), which looks like "."; use plain ASCII',
  ],
  "extensions that do not fit the type": [
    'agentframer.yml:8:13: output "a.mp4" has extension .mp4; an image needs .png (the API delivers only .png images, .mp4 videos and .wav audio)',
    'agentframer.yml:11:13: output "b" has no extension; an image needs .png (the API delivers only .png images, .mp4 videos and .wav audio)',
    'agentframer.yml:14:13: output "c.png" has extension .png; a video needs .mp4 (the API delivers only .png images, .mp4 videos and .wav audio)',
    'agentframer.yml:18:13: output "d.webm" has extension .webm; audio needs .wav (the API delivers only .png images, .mp4 videos and .wav audio)',
    'agentframer.yml:22:13: output "public/.png" has no extension; an image needs .png (the API delivers only .png images, .mp4 videos and .wav audio)',
  ],
  "Windows-hostile names": [
    'agentframer.yml:8:13: output "con.png" uses "con.png", a reserved file name on Windows',
    'agentframer.yml:11:13: output "dir./b.png" has a name ending in "." or " ", which Windows drops: "dir."',
    'agentframer.yml:14:13: output "dir /c.png" has a name ending in "." or " ", which Windows drops: "dir "',
    'agentframer.yml:17:13: output "nul/d.png" uses "nul", a reserved file name on Windows',
    'agentframer.yml:20:13: output "public/" names a folder; it must name a file',
  ],
  "outputs through symbolic links that leave the repository": [
    'agentframer.yml:8:13: output "out/a.png" leads through a symbolic link to outside the repository (/etc)',
    'agentframer.yml:11:13: output "out/deeper/b.png" leads through a symbolic link to outside the repository (/etc)',
    'agentframer.yml:14:13: output "public/c.png" leads through a symbolic link to outside the repository (/etc/passwd)',
    'agentframer.yml:17:13: output "public/d.png" is a symbolic link that points nowhere',
    'agentframer.yml:20:13: output "hooks/e.png" leads through a symbolic link and is inside .git/',
  ],
  "placeholders without each:, empty, unclosed, and in model": [
    'agentframer.yml:6:11: {{sku}} needs an "each:" file on this asset to take "sku" from',
    "agentframer.yml:7:14: empty placeholder {{ }}; write {{column}}",
    'agentframer.yml:7:24: "{{" is never closed with "}}"',
    'agentframer.yml:9:35: {{sku}} needs an "each:" file on this asset to take "sku" from',
    'agentframer.yml:11:14: {{k}} cannot be used in "model"; only id, prompt, output and params take {{column}}',
  ],
  "unknown columns, with a hint and the known columns": [
    'agentframer.yml:8:14: unknown column "nmae" in {{ nmae }} (did you mean "name"?); data/products.csv has columns: sku, name, size',
    'agentframer.yml:8:33: unknown column "color" in {{color}}; data/products.csv has columns: sku, name, size',
    'agentframer.yml:10:22: unknown column "sizes" in {{sizes}} (did you mean "size"?); data/products.csv has columns: sku, name, size',
  ],
  "each: templates whose fixed parts are wrong for every row": [
    'agentframer.yml:6:9: id "product {{sku}}" contains " "; ids use letters, digits, "-", "_" and ".", start with a letter or digit, and have at most 128 characters',
    'agentframer.yml:9:13: output "/abs/{{sku}}.jpg" is absolute; write it relative to the manifest\'s folder',
    'agentframer.yml:10:9: id "same" is the same for every row of p.csv; add a {{column}} to it',
    'agentframer.yml:13:13: output "q/{{sku}}.txt" has extension .txt; an image needs .png (the API delivers only .png images, .mp4 videos and .wav audio)',
    'agentframer.yml:17:13: output "r/same.png" is the same for every row of p.csv; add a {{column}} to it',
  ],
  "each: files missing, of the wrong kind, or outside the repository": [
    'agentframer.yml:7:11: cannot read each file "data/missing.csv": no such file',
    'agentframer.yml:11:11: each file "data/k.txt" has extension .txt; an each: file needs one of .csv, .json',
    'agentframer.yml:15:11: each file "../k.csv" goes outside the repository',
    'agentframer.yml:19:11: cannot read each file "data/link.csv": leads through a symbolic link to outside the repository (/etc/hostname)',
    'agentframer.yml:23:11: each file "data" has no extension; an each: file needs one of .csv, .json',
  ],
  "a malformed CSV, reported at its own lines": [
    "data/products.csv:7:9: row has 3 fields, header has 2",
    "data/products.csv:8:2: row has 1 field, header has 2",
    'data/products.csv:9:5: quote inside an unquoted field (quote the whole field and write the quote as "")',
    'data/products.csv:10:4: unexpected text after a closing quote (a quote inside a quoted field is written "")',
    "data/products.csv:11:4: quoted field is never closed",
  ],
  "a CSV header with empty and repeated names, and an empty CSV": [
    "empty.csv:1:1: the file is empty; a CSV file needs a header row",
    'h.csv:1:5: column "a" appears twice in the header (columns 1 and 3)',
    "h.csv:1:7: column 4 of the header has no name",
  ],
  "a malformed JSON each: file, at its own line": [
    'data/p.json:3:15: expected a key in double quotes, found "}"',
  ],
  "JSON each: files that are not arrays of objects, or lack fields": [
    'fields.json:3:2: row 2 has no field "name"',
    'fields.json:4:2: field "name" of row 3 is a list or an object; only strings, numbers, booleans and null can fill a {{placeholder}}',
    "obj.json:1:1: a JSON each: file must be an array of objects",
    "rows.json:1:27: row 2 is not an object",
    "rows.json:1:30: row 3 is not an object",
  ],
  "rows whose values make bad ids, outputs or prompts, and duplicates between rows": [
    'agentframer.yml:9:9: id "p-{{sku}}" is not unique: 2 rows of data/p.csv repeat an id (first at data/p.csv:2: duplicate id "p-1"; it is also declared at agentframer.yml:6:9); add a column with a value unique to each row to data/p.csv and use it in the id',
    'data/p.csv:3:1: this row makes id "p-bad id", which is not valid: ids use letters, digits, "-", "_" and ".", start with a letter or digit, and have at most 128 characters',
    'data/p.csv:4:1: this row makes output "p/../../../x.png", which goes outside the repository',
    "data/p.csv:5:1: this row makes a prompt that is empty",
    'data/p.csv:8:1: output "p/five.png" is also written by asset "p-5" (data/p.csv:6:1)',
    'data/p.csv:9:1: output "p/Five.png" is the same file as "p/five.png" of asset "p-5" (data/p.csv:6:1) on case-insensitive file systems',
  ],
  "a prompt over 32 KiB": ["agentframer.yml:8:13: prompt is 32769 bytes; the limit is 32768"],
  "an each: file that is not UTF-8": [
    'agentframer.yml:7:11: cannot read each file "k.csv": it is not valid UTF-8 text',
  ],
};

describe("loadManifest: bad manifests report every problem as FILE:LINE:COL", () => {
  it.each(CASES)("%s", async (name, files, links) => {
    const root = await repo(files);
    for (const [path, target] of Object.entries(links ?? {})) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await symlink(target, join(root, path));
    }
    expect(await problems(root)).toEqual(EXPECTED[name]);
  });

  it("reports a missing manifest, an empty one, and one that is not a map at 1:1", async () => {
    const root = await repo({ "empty.yml": "# nothing\n", "list.yml": "- a\n- b\n" });
    expect(await problems(root)).toEqual([
      "agentframer.yml:1:1: cannot read the manifest: no such file",
    ]);
    expect(await problems(root, "empty.yml")).toEqual([
      'empty.yml:1:1: the manifest is empty; it needs "version: 1" and "assets"',
    ]);
    expect(await problems(root, "list.yml")).toEqual([
      "list.yml:1:1: the manifest must be a map, not a list",
    ]);
  });

  it("refuses a manifest over 10 MiB before reading it", async () => {
    const root = await repo({ "agentframer.yml": Buffer.alloc(10 * 1024 * 1024 + 1, 0x23) });
    expect(await problems(root)).toEqual([
      "agentframer.yml:1:1: cannot read the manifest: it is 10.0 MiB, over the limit of 10 MiB",
    ]);
  });
});

describe("loadManifest: pricing", () => {
  it("reads the top-level pricing: table by model", async () => {
    const root = await repo({
      "agentframer.yml": `version: 1
pricing:
  flux-1.1-pro: { credits: 4, per: image }
  veo: { credits: 0.5, per: second }
${HEAD.slice("version: 1\n".length)}  - { id: a, prompt: p, output: a.png }
`,
    });
    const manifest = await loadManifest(join(root, "agentframer.yml"), { cwd: root });
    expect([...(manifest.pricing ?? [])]).toEqual([
      ["flux-1.1-pro", { credits: 4, per: "image" }],
      ["veo", { credits: 0.5, per: "second" }],
    ]);
  });

  it("reports a bad price at its line, with every other problem", async () => {
    const root = await repo({
      "agentframer.yml": `version: 1
pricing:
  flux-1.1-pro: { credits: -4, per: image }
  veo: { credits: 1, per: frame }
${HEAD.slice("version: 1\n".length)}  - { id: a, prompt: p, output: a.jpg }
`,
    });
    const found = await problems(root);
    expect(found.some((p) => p.startsWith("agentframer.yml:3:"))).toBe(true);
    expect(
      found.some((p) => p.startsWith("agentframer.yml:4:") && /image|megapixel|second/.test(p)),
    ).toBe(true);
    expect(found.some((p) => /a\.jpg/.test(p))).toBe(true);
  });
});
