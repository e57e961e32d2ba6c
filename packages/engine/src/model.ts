import type * as A from "@perf/language";
import type { ParseResult } from "@perf/language";
import type { PerfSymbol, Reference } from "./symbols.js";
import type { Numbers } from "./numbers.js";

/** A declaration with the document it comes from. */
export type At<T> = T & { uri: string };

export interface Header {
  decl: A.EvaluationHeader;
  uri: string;
}

/** A subject block with the names it defines (facts, surveys and vetoes are its own; findings are evaluation-wide). */
export interface SubjectModel {
  decl: A.SubjectDecl;
  uri: string;
  facts: At<A.FactDecl>[];
  surveys: At<A.SurveyDecl>[];
  findings: At<A.FindingDecl>[];
  vetoes: At<A.VetoDecl>[];
  assessments: At<A.AssessDecl>[];
  /** Its targets (decision 0182): its values of an evaluation-wide target of the same name, or targets of its own. */
  targets?: At<A.TargetDecl>[];
  /** The subject's own facts, surveys and vetoes by name. */
  scope: Map<string, PerfSymbol>;
}

/** Phase 1, collect: every declaration of the evaluation's documents, and the names they define. */
export interface Collected {
  parsed: Map<string, ParseResult>;
  header?: Header;
  roots: At<A.IndicatorDecl>[];
  facts: At<A.FactDecl>[];
  surveys: At<A.SurveyDecl>[];
  findings: At<A.FindingDecl>[];
  vetoes: At<A.VetoDecl>[];
  /** `units { … }` blocks and tables (decision 0092); absent in models built before them. */
  units?: At<A.UnitsDecl>[];
  tables?: At<A.TableDecl>[];
  /** What the report says about itself (`assert`), checked after scoring (checks/assertions.ts). */
  assertions: At<A.AssertDecl>[];
  /** Performance targets (绩效目标), evaluation-wide. */
  targets: At<A.TargetDecl>[];
  /** The first definition of each identifier (a later one is PERF021). */
  symbols: Map<string, PerfSymbol>;
  /** `framework ID "name" { … }`, in a framework file. */
  framework?: { decl: A.FrameworkHeader; uri: string };
  subjects: SubjectModel[];
  overrides: At<A.OverrideDecl>[];
}

export interface Attachment {
  finding: At<A.FindingDecl>;
  ref: A.Name;
}

/** Phase 2, link: every use of a name resolved (or reported), and who uses what. */
export interface Linked extends Collected {
  references: Reference[];
  /**
   * Ids of facts and surveys → the indicators (and computed facts, targets, findings) that use
   * them, in order; a user may be listed more than once, never twice in a row (`usersOf` in
   * phases/result.ts gives each once). An array, not a Set: most names have one user, and a
   * Set per name was most of what the link phase left young (decision 0227).
   */
  used: Map<string, string[]>;
  /** Findings by the indicator id they are attached to (`on`), in source order: those of the whole evaluation. */
  attachments: Map<string, Attachment[]>;
  /** Units, tables and computed facts, once the numbers phase ran (phases/numbers.ts); undefined before. */
  numbers: Numbers | undefined;
  /** Per subject id: the findings counted for it (its own, and top-level ones naming it), by indicator id. */
  subjectAttachments: Map<string, Map<string, Attachment[]>>;
}

/** The evaluation is scored per subject (it has subject blocks). */
export function hasSubjects(model: Collected): boolean {
  return model.subjects.length > 0;
}

/**
 * Rules may name facts and surveys the file does not define: a framework (alone or used) leaves
 * them to its subjects.
 */
export function inputsFromSubjects(model: Collected): boolean {
  return hasSubjects(model) || (model.framework !== undefined && !model.header);
}

/** Is this declaration the one that defines its name (not a duplicate)? */
export function isDefining(model: Collected, d: { name: A.Name }): boolean {
  return model.symbols.get(d.name.text)?.nameRange === d.name.range;
}

/**
 * Pre-order walk of every indicator with its parent. `ctx` is handed to each call of `f`: a hot
 * visitor is a module-level function given what it works with, not an arrow function made by each
 * analysis — V8 drops a closure's optimised code when the last closure of it dies, so every
 * analysis after a full collection compiled such visitors again (decision 0219).
 */
export function forEachIndicator<C = undefined>(roots: At<A.IndicatorDecl>[], f: IndicatorVisitor<C>, ctx?: C): void {
  for (const r of roots) walkIndicators(r, r.uri, undefined, 1, f, ctx as C);
}

type IndicatorVisitor<C> = (d: A.IndicatorDecl, uri: string, parent: A.IndicatorDecl | undefined, level: number, ctx: C) => void;

/**
 * forEachIndicator's walk: module-level, not a closure made by each call — V8 keeps a closure's
 * optimised code only while a closure of it lives, and every analysis compiled this one again (decision 0216).
 */
function walkIndicators<C>(d: A.IndicatorDecl, uri: string, parent: A.IndicatorDecl | undefined, level: number, f: IndicatorVisitor<C>, ctx: C): void {
  f(d, uri, parent, level, ctx);
  const children = d.children;
  for (let i = 0; i < children.length; i++) walkIndicators(children[i]!, uri, d, level + 1, f, ctx);
}

/** Only the published total (and grade) is stated: a header with `declared` and no indicators, subjects or `use` (seed 001). */
export function publishedTotalOnly(model: Collected): boolean {
  return !model.roots.length && !model.subjects.length && !model.framework && !!model.header?.decl.declared && !model.header.decl.use;
}
