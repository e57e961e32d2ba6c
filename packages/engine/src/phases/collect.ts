import type * as A from "@perf/language";
import type { ParseResult, Range } from "@perf/language";
import type { At, Collected, SubjectModel } from "../model.js";
import type { DiagnosticSink } from "../sink.js";
import { withTally } from "../survey-tally.js";
import { dropReferences } from "../class-keeper.js";
import type { PerfSymbol, SymbolKind } from "../symbols.js";

/**
 * Phase 1: gathers the declarations of every document and defines their names. Reports a
 * second header (PERF007) and a name defined twice (PERF021); nothing is resolved yet.
 * A subject's facts, surveys and vetoes are defined in its own scope (two subjects may both
 * have `fact 预算`); its findings are evaluation-wide, as the problem list is.
 */
export function collect(parsed: Map<string, ParseResult>, sink: DiagnosticSink): Collected {
  // every field in the literal, header and framework too: a field added later makes a hidden
  // class that dies with the model, and the code compiled against it is thrown away (decision 0219)
  const model: Collected = { parsed, header: undefined, roots: [], facts: [], surveys: [], findings: [], vetoes: [], units: [], tables: [], symbols: new Map(), framework: undefined, subjects: [], overrides: [], assertions: [], targets: [] };
  const subjects: SubjectModel[] = [];
  for (const [uri, p] of parsed) {
    sink.list.push(...p.diagnostics);
    for (const d of p.ast.declarations) {
      switch (d.kind) {
        case "evaluation":
          // a used file with a header of its own is an evaluation, not a framework: said at the `use` (PERF172)
          if (model.header?.decl.use && model.header.uri !== uri) sink.report("PERF172", model.header.uri, model.header.decl.use.range, { path: model.header.decl.use.path.value });
          else if (model.header) sink.report("PERF007", uri, d.keywordRange);
          else model.header = { decl: d, uri };
          break;
        case "framework":
          if (model.framework) sink.report("PERF007", uri, d.keywordRange);
          else model.framework = { decl: d, uri };
          break;
        case "fact":
          model.facts.push(located(d, uri, at.fact));
          define(model, sink, "fact", d.name, uri, d.range, d);
          break;
        case "survey": {
          // a tally gives the survey its satisfaction and respondents (survey-tally.ts)
          const s = withTally(d);
          model.surveys.push(located(s, uri, s === d ? at.survey : at.talliedSurvey));
          define(model, sink, "survey", d.name, uri, d.range, s);
          break;
        }
        case "indicator":
          model.roots.push(located(d, uri, at.indicator));
          defineIndicator(model, sink, d, uri, undefined);
          break;
        case "finding":
          model.findings.push(located(d, uri, at.finding));
          define(model, sink, "finding", d.name, uri, d.range, d);
          break;
        case "veto":
          model.vetoes.push(located(d, uri, at.veto));
          define(model, sink, "veto", d.name, uri, d.range, d);
          break;
        case "subject":
          define(model, sink, "subject", d.name, uri, d.range, d);
          subjects.push({ decl: d, uri, facts: [], surveys: [], findings: [], vetoes: [], assessments: [], targets: [], scope: new Map() });
          break;
        case "override":
          model.overrides.push(located(d, uri, at.override));
          break;
        case "units":
          model.units!.push(located(d, uri, at.units));
          break;
        case "table":
          model.tables!.push(located(d, uri, at.table));
          define(model, sink, "table", d.name, uri, d.range, d);
          break;
        case "assert":
          model.assertions.push(located(d, uri, at.assert));
          break;
        case "target":
          model.targets.push(located(d, uri, at.target));
          define(model, sink, "target", d.name, uri, d.range, d);
          break;
      }
    }
  }
  // Members after every top-level name is known, so a subject's name that shadows one is reported.
  for (const s of subjects) {
    for (const m of s.decl.members) {
      switch (m.kind) {
        case "fact":
          s.facts.push(located(m, s.uri, at.fact));
          define(model, sink, "fact", m.name, s.uri, m.range, m, undefined, s);
          break;
        case "survey":
          s.surveys.push(located(m, s.uri, at.survey));
          define(model, sink, "survey", m.name, s.uri, m.range, m, undefined, s);
          break;
        case "veto":
          s.vetoes.push(located(m, s.uri, at.veto));
          define(model, sink, "veto", m.name, s.uri, m.range, m, undefined, s);
          break;
        case "finding": {
          const f = located(m, s.uri, at.finding);
          s.findings.push(f);
          model.findings.push(f);
          define(model, sink, "finding", m.name, s.uri, m.range, m);
          break;
        }
        case "assess":
          s.assessments.push(located(m, s.uri, at.assess));
          break;
        case "target":
          // the subject's values of an evaluation-wide target, or a target of its own (decision 0182)
          if (s.targets!.some((t) => t.name.text === m.name.text)) sink.report("PERF021", s.uri, m.name.range, { name: m.name.text });
          else {
            s.targets!.push(located(m, s.uri, at.target));
            if (model.symbols.get(m.name.text)?.kind !== "target") define(model, sink, "target", m.name, s.uri, m.range, m, undefined, s);
          }
          break;
      }
    }
  }
  model.subjects = subjects.filter((s) => model.symbols.get(s.decl.name.text)?.node === s.decl);
  return model;
}

/*
 * define and defineIndicator are module-level, not closures made by each collect: V8 keeps a
 * closure's optimised code only while a closure of it lives, and every analysis compiled them
 * again (decision 0216).
 */
function define(model: Collected, sink: DiagnosticSink, kind: SymbolKind, name: A.Name, uri: string, range: Range, node: PerfSymbol["node"], parent?: string, scope?: SubjectModel): void {
  if (model.symbols.has(name.text) || scope?.scope.has(name.text)) {
    sink.report("PERF021", uri, name.range, { name: name.text });
    return;
  }
  // a literal for each shape, not fields added later: those hidden classes would die with the
  // analysis, and the code compiled against them with it (decision 0219). Keys in the order they had.
  const s: PerfSymbol = parent
    ? scope
      ? { kind, id: name.text, uri, nameRange: name.range, range, node, parent, subject: scope.decl.name.text }
      : { kind, id: name.text, uri, nameRange: name.range, range, node, parent }
    : scope
      ? { kind, id: name.text, uri, nameRange: name.range, range, node, subject: scope.decl.name.text }
      : { kind, id: name.text, uri, nameRange: name.range, range, node };
  if (scope) scope.scope.set(name.text, s);
  else model.symbols.set(name.text, s);
}

function defineIndicator(model: Collected, sink: DiagnosticSink, d: A.IndicatorDecl, uri: string, parent: string | undefined): void {
  define(model, sink, "indicator", d.name, uri, d.range, d, parent);
  const children = d.children;
  for (let i = 0; i < children.length; i++) defineIndicator(model, sink, children[i]!, uri, d.name.text);
}

/**
 * `{ uri, ...node }`: a declaration with its document, made by `copy`. Its hidden class is reached
 * by transitions (`uri`, then the node's keys) that only such copies hold; when the last model
 * died with its copies, V8 threw that class away, and with it the code compiled against it (`link`,
 * which reads a root's `uri`, was compiled again after the collections between two analyses;
 * decision 0219). So one blank copy is kept for the life of the module: made by the same `copy`,
 * its values dropped (nothing of a document is kept). One per `copy`, because each copies one
 * class: both parsers make a declaration of a kind with one literal (nodes.ts, decision 0214), and
 * a survey given its tally's answers, a class of its own, has a `copy` of its own.
 */
function located<T extends object>(node: T, uri: string, copy: (node: T, uri: string) => At<T>): At<T> {
  if (!blanks.has(copy)) blanks.set(copy, dropReferences(copy(node, "")));
  return copy(node, uri);
}
const blanks = new Map<object, object>();

/**
 * One copying function per class of declaration, each its own literal: a spread's hidden class is
 * cached where it is written, and one spread for every kind would be megamorphic (a slower copy,
 * and a class made property by property). `uri` comes first: a key the node does not have, written
 * after the spread, gave every copy a hidden class of its own in V8 (decision 0220).
 */
const at = {
  fact: <T extends object>(n: T, uri: string): At<T> => ({ uri, ...n }),
  survey: <T extends object>(n: T, uri: string): At<T> => ({ uri, ...n }),
  talliedSurvey: <T extends object>(n: T, uri: string): At<T> => ({ uri, ...n }),
  indicator: <T extends object>(n: T, uri: string): At<T> => ({ uri, ...n }),
  finding: <T extends object>(n: T, uri: string): At<T> => ({ uri, ...n }),
  veto: <T extends object>(n: T, uri: string): At<T> => ({ uri, ...n }),
  override: <T extends object>(n: T, uri: string): At<T> => ({ uri, ...n }),
  units: <T extends object>(n: T, uri: string): At<T> => ({ uri, ...n }),
  table: <T extends object>(n: T, uri: string): At<T> => ({ uri, ...n }),
  assert: <T extends object>(n: T, uri: string): At<T> => ({ uri, ...n }),
  target: <T extends object>(n: T, uri: string): At<T> => ({ uri, ...n }),
  assess: <T extends object>(n: T, uri: string): At<T> => ({ uri, ...n }),
};
