import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from "fflate";

/**
 * `--template firm.docx`: the report takes a firm's Word template by a careful part merge (no
 * template language in the firm's file):
 *
 * - styles: the template's styles.xml replaces ours (Normal, Heading 1/2, Caption, TOC 1/2 …, so
 *   body, headings and captions, which carry no direct font or size, take the firm's look);
 *   a style we use that the template lacks is copied over from ours;
 * - header and footer: the template's default header/footer (with their images) go on every
 *   section after the cover;
 * - cover: when the template has two sections or more, its first section is the cover, with
 *   {{标题}} {{委托单位}} {{评价机构}} {{年度}} {{日期}} {{总分}} {{等级}} filled in.
 *
 * A template that is not a Word document is refused (TemplateError) before anything is written.
 */
export class TemplateError extends Error {
  override name = "TemplateError";
}

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEADER_TYPE = `${REL_NS}/header`;
const FOOTER_TYPE = `${REL_NS}/footer`;
const CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
const CT_FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
const IMAGE_TYPES: Record<string, string> = { png: "image/png", jpeg: "image/jpeg", jpg: "image/jpeg", gif: "image/gif", emf: "image/x-emf", wmf: "image/x-wmf", bmp: "image/bmp", svg: "image/svg+xml" };

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function rels(xml: string | undefined): Rel[] {
  if (!xml) return [];
  return [...xml.matchAll(/<Relationship\b([^>]*)\/?>/g)].map((m) => {
    const a = (k: string) => new RegExp(`\\b${k}="([^"]*)"`).exec(m[1]!)?.[1] ?? "";
    return { id: a("Id"), type: a("Type"), target: a("Target"), external: a("TargetMode") === "External" };
  });
}

const text = (z: Unzipped, path: string) => (z[path] ? strFromU8(z[path]!) : undefined);
const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function applyTemplate(doc: Uint8Array, template: Uint8Array, fields: Record<string, string>): Uint8Array {
  let t: Unzipped;
  try {
    t = unzipSync(template);
  } catch (e) {
    throw new TemplateError(`not a .docx (zip) file: ${(e as Error).message}`);
  }
  const tDoc = text(t, "word/document.xml");
  if (!tDoc) throw new TemplateError("no word/document.xml: not a Word document");
  const d = unzipSync(doc);
  let dDoc = text(d, "word/document.xml")!;
  let dRels = text(d, "word/_rels/document.xml.rels")!;
  let types = text(d, "[Content_Types].xml")!;
  const tRels = rels(text(t, "word/_rels/document.xml.rels"));
  let n = 0;
  const newId = () => `rIdTpl${++n}`;

  /** Copies a template part (and the media its own rels point at) under a new name; returns the new path. */
  const copyPart = (path: string, prefix: string): string => {
    const name = path.split("/").pop()!;
    const dest = `word/${prefix}${name}`;
    d[dest] = t[path]!;
    const relPath = path.replace(/([^/]+)$/, "_rels/$1.rels");
    const own = text(t, relPath);
    if (own) {
      let out = own;
      for (const r of rels(own)) {
        if (r.external || !/\/image$/.test(r.type)) continue;
        const src = `word/${r.target.replace(/^\.?\//, "")}`;
        if (!t[src]) continue;
        const target = `media/${prefix}${src.split("/").pop()}`;
        d[`word/${target}`] = t[src]!;
        out = out.replace(`Target="${r.target}"`, `Target="${target}"`);
        ensureImageType(src);
      }
      d[`word/_rels/${prefix}${name}.rels`] = strToU8(out);
    }
    return dest;
  };
  const ensureImageType = (path: string) => {
    const ext = path.split(".").pop()!.toLowerCase();
    if (IMAGE_TYPES[ext] && !new RegExp(`Extension="${ext}"`, "i").test(types)) types = types.replace("<Default ", `<Default Extension="${ext}" ContentType="${IMAGE_TYPES[ext]}"/><Default `);
  };
  const addRel = (type: string, target: string, external = false) => {
    const id = newId();
    dRels = dRels.replace("</Relationships>", `<Relationship Id="${id}" Type="${type}" Target="${xmlEscape(target)}"${external ? ' TargetMode="External"' : ""}/></Relationships>`);
    return id;
  };

  // styles
  const tStyles = text(t, "word/styles.xml");
  if (tStyles) {
    let merged = tStyles;
    const ours = text(d, "word/styles.xml") ?? "";
    for (const m of ours.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[\s\S]*?<\/w:style>/g)) {
      if (!new RegExp(`w:styleId="${m[1]}"`).test(merged)) merged = merged.replace("</w:styles>", `${m[0]}</w:styles>`);
    }
    d["word/styles.xml"] = strToU8(withOutlineLevel(withOutlineLevel(merged, "Heading1", 0), "Heading2", 1));
  }

  // header and footer of the template's last section, on every section of ours but the cover
  const lastSect = [...tDoc.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].pop()?.[0] ?? "";
  const refs: string[] = [];
  for (const [kind, type, ct] of [["header", HEADER_TYPE, CT_HEADER], ["footer", FOOTER_TYPE, CT_FOOTER]] as const) {
    const id = new RegExp(`<w:${kind}Reference\\b[^>]*w:type="default"[^>]*r:id="([^"]+)"|<w:${kind}Reference\\b[^>]*r:id="([^"]+)"[^>]*w:type="default"`).exec(lastSect);
    const rel = id && tRels.find((r) => r.id === (id[1] ?? id[2]) && r.type === type);
    if (!rel) continue;
    const src = `word/${rel.target.replace(/^\.?\//, "")}`;
    if (!t[src]) continue;
    const dest = copyPart(src, "tpl-");
    types = types.replace("</Types>", `<Override PartName="/${dest}" ContentType="${ct}"/></Types>`);
    refs.push(`<w:${kind}Reference w:type="default" r:id="${addRel(type, dest.replace(/^word\//, ""))}"/>`);
  }
  let section = 0;
  dDoc = dDoc.replace(/<w:sectPr\b([^>]*)>([\s\S]*?)<\/w:sectPr>/g, (all, attrs: string, body: string) => {
    if (section++ === 0 || refs.length === 0) return all;
    const kept = body.replace(/<w:(header|footer)Reference\b[^>]*\/>/g, (r: string, kind: string) => (refs.some((x) => x.startsWith(`<w:${kind}`)) ? "" : r));
    return `<w:sectPr${attrs}>${refs.join("")}${kept}</w:sectPr>`;
  });

  // cover: the template's first section, when it has more than one
  const bodyStart = tDoc.indexOf("<w:body>");
  const firstBreak = /<w:p\b(?:(?!<\/w:p>)[\s\S])*?<w:sectPr\b[\s\S]*?<\/w:sectPr>[\s\S]*?<\/w:p>/.exec(tDoc.slice(bodyStart));
  if (bodyStart >= 0 && firstBreak) {
    let cover = tDoc.slice(bodyStart + "<w:body>".length, bodyStart + firstBreak.index + firstBreak[0].length);
    cover = cover.replace(/<w:(header|footer)Reference\b[^>]*\/>/g, "");
    cover = cover.replace(/\{\{\s*([^{}<]+?)\s*\}\}/g, (m, k: string) => (k in fields ? xmlEscape(fields[k]!) : m));
    // the cover's own images and links
    cover = cover.replace(/\br:(embed|id|link)="([^"]+)"/g, (m, attr: string, id: string) => {
      const rel = tRels.find((r) => r.id === id);
      if (!rel) return m;
      if (rel.external) return `r:${attr}="${addRel(rel.type, rel.target, true)}"`;
      const src = `word/${rel.target.replace(/^\.?\//, "")}`;
      if (!t[src]) return m;
      const dest = copyPart(src, "tpl-cover-");
      ensureImageType(src);
      return `r:${attr}="${addRel(rel.type, dest.replace(/^word\//, ""))}"`;
    });
    const ourBody = dDoc.indexOf("<w:body>") + "<w:body>".length;
    const ourFirst = /<w:p\b(?:(?!<\/w:p>)[\s\S])*?<w:sectPr\b[\s\S]*?<\/w:sectPr>[\s\S]*?<\/w:p>/.exec(dDoc.slice(ourBody));
    if (ourFirst) dDoc = dDoc.slice(0, ourBody) + cover + dDoc.slice(ourBody + ourFirst.index + ourFirst[0].length);
  }

  d["word/document.xml"] = strToU8(dDoc);
  d["word/_rels/document.xml.rels"] = strToU8(dRels);
  d["[Content_Types].xml"] = strToU8(types);
  return zipSync(d, { level: 6 });
}

/**
 * `styles` with the paragraph style `id` at outline level `level`, unless it has one. Word knows
 * its heading styles by name and a template saved by another program may leave the level out;
 * LibreOffice builds a 目录 from levels only, so the PDF's 目录 came out empty (decision 0228).
 * The level goes at the end of the style's `w:pPr`, or in a new one before its `w:rPr`.
 */
function withOutlineLevel(styles: string, id: string, level: number): string {
  return styles.replace(new RegExp(`<w:style\\b[^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`), (style) => {
    if (style.includes("<w:outlineLvl")) return style;
    const lvl = `<w:outlineLvl w:val="${level}"/>`;
    if (style.includes("</w:pPr>")) return style.replace("</w:pPr>", `${lvl}</w:pPr>`);
    if (/<w:pPr\s*\/>/.test(style)) return style.replace(/<w:pPr\s*\/>/, `<w:pPr>${lvl}</w:pPr>`);
    const at = style.search(/<w:rPr\b|<\/w:style>/);
    return `${style.slice(0, at)}<w:pPr>${lvl}</w:pPr>${style.slice(at)}`;
  });
}
