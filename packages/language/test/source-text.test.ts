import { describe, expect, it } from "vitest";
import { decodeSource, diagnosticText, encodeSource, toLf, type SourceRefusal, type SourceText } from "../src/index.js";

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
// "中文说明" in GBK (Windows Notepad's default for Chinese); GB18030 reads GBK bytes the same way
const gbk = [0xd6, 0xd0, 0xce, 0xc4, 0xcb, 0xb5, 0xc3, 0xf7];

const ok = (b: Uint8Array) => {
  const r = decodeSource(b, "a.perf");
  expect(r.ok).toBe(true);
  return r as SourceText;
};
const refused = (b: Uint8Array, locale?: "en") => {
  const r = decodeSource(b, "/x/a.perf", { locale });
  expect(r.ok).toBe(false);
  return r as SourceRefusal;
};

describe("decodeSource", () => {
  it("reads UTF-8 and keeps a BOM as a flag, not as text", () => {
    expect(ok(bytes("评价 \"x\"\n"))).toMatchObject({ text: '评价 "x"\n', bom: false, eol: "\n", encoding: "UTF-8" });
    expect(ok(bytes([0xef, 0xbb, 0xbf], "评价\n"))).toMatchObject({ text: "评价\n", bom: true });
  });

  it("refuses GBK bytes inside a string with PERF110 at the first bad byte, naming GB18030 and the fix", () => {
    const r = refused(bytes('evaluation "t" { total 2 }\nindicator a weight 2 { note "', gbk, '" }\n'));
    expect(r.encoding).toBe("GB18030");
    const d = { ...r.diagnostic, ...diagnosticText(r.diagnostic, "zh") };
    expect(d.code).toBe("PERF110");
    expect(d.severity).toBe("error");
    expect(d.range.start).toMatchObject({ line: 1, character: 'indicator a weight 2 { note "'.length });
    expect(d.message).toContain("GB18030");
    expect(d.message).toContain("0xD6");
    expect(d.hint).toContain("iconv -f GB18030 -t UTF-8 a.perf");
    expect(d.hint).toContain("通过编码保存");
  });

  it("counts the column in UTF-16 units of the valid text before the bad byte, after a BOM too", () => {
    const r = refused(bytes([0xef, 0xbb, 0xbf], "评价 \"", gbk, '"'));
    expect(r.diagnostic.range.start).toMatchObject({ line: 0, character: 4, offset: 4 });
  });

  it("speaks English with locale en", () => {
    const refusal = refused(bytes('note "', gbk, '"'), "en").diagnostic;
    const d = diagnosticText(refusal, "en");
    expect(d.message).toMatch(/not UTF-8; it looks like GB18030/);
    expect(d.hint).toContain("Save with Encoding");
  });

  it("detects UTF-16 by its byte order mark and by its NUL pattern, and UTF-32 by its mark", () => {
    const le = Buffer.from("indicator a weight 100 { score 100 }\n", "utf16le");
    expect(refused(Buffer.concat([Buffer.from([0xff, 0xfe]), le])).encoding).toBe("UTF-16LE");
    // without a BOM these bytes are valid UTF-8 (NUL is a character): only the pattern tells
    expect(refused(le).encoding).toBe("UTF-16LE");
    expect(refused(Buffer.from(le).swap16()).encoding).toBe("UTF-16BE");
    expect(refused(bytes([0xfe, 0xff], [0, 0x61])).encoding).toBe("UTF-16BE");
    expect(refused(bytes([0xff, 0xfe, 0, 0], [0x61, 0, 0, 0])).encoding).toBe("UTF-32LE");
    expect(refused(le).diagnostic.range.start).toMatchObject({ line: 0, character: 0 });
  });

  it("keeps a NUL inside UTF-8 text for the checker to report", () => {
    expect(ok(bytes('note "a\0b"\n')).text).toBe('note "a\0b"\n');
  });

  it("refuses overlong forms, surrogates and truncated sequences at the right byte", () => {
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe4, 0xb8], [0xf4, 0x90, 0x80, 0x80], [0xff]]) {
      const r = refused(bytes("ab\ncd", bad, "ef"));
      expect(r.diagnostic.range.start, bad.join(",")).toMatchObject({ line: 1, character: 2, offset: 5 });
    }
  });

  it("says so when it cannot name the encoding", () => {
    const r = refused(Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 97 + 3) % 256)));
    expect(r.encoding).toBe("unknown");
    expect(diagnosticText(r.diagnostic, "zh").message).toContain("无法判断");
  });
});

describe("line endings", () => {
  it("finds the majority style; a tie goes to the first ending", () => {
    expect(ok(bytes("a\r\nb\r\nc\n"))).toMatchObject({ eol: "\r\n", eols: { lf: 1, crlf: 2, cr: 0 } });
    expect(ok(bytes("a\rb\r\rc"))).toMatchObject({ eol: "\r", eols: { lf: 0, crlf: 0, cr: 3 } });
    expect(ok(bytes("a\nb\r\n"))).toMatchObject({ eol: "\n" });
    expect(ok(bytes("a\r\nb\n"))).toMatchObject({ eol: "\r\n" });
    expect(ok(bytes("no ending"))).toMatchObject({ eol: "\n", eols: { lf: 0, crlf: 0, cr: 0 } });
  });

  it("round-trips every uniform style and the BOM byte for byte", () => {
    for (const original of [bytes("a\n\nb\n"), bytes("a\r\n\r\nb\r\n"), bytes("a\r\rb\r"), bytes([0xef, 0xbb, 0xbf], "评\r\n\r\n价\r\n")]) {
      const s = ok(original);
      expect(Buffer.from(encodeSource(toLf(s.text), s))).toEqual(original);
    }
  });
});
