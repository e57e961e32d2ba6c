import type * as A from "@perf/language";
import { checkDeclared } from "./checks/declared.js";
import { precisionOf } from "./checks/numbers.js";
import { Decimal } from "./decimal.js";
import { numberValue, type Lookup, type Quantity } from "./expression.js";
import type { At, Attachment, Header, Linked } from "./model.js";
import { grade, gradeBands, gradeScale } from "./phases/grade.js";
import { scoreLeaf, scoreTree, type ScoredTree } from "./phases/score.js";
import type { EvaluationResult, GradeBand } from "./schema.js";
import { DiagnosticSink } from "./sink.js";
import type { TargetEvaluation } from "./targets.js";

/**
 * What is resolved once and shared by every subject scored with it: the indicator tree with
 * its weights and rules, the total, the precision and the grade bands.
 */
export interface Framework {
  header?: Header;
  roots: At<A.IndicatorDecl>[];
  precision: number;
  total: Decimal;
  grades: GradeBand[];
}

/**
 * One unit scored against a framework: its facts, surveys, findings (attached by indicator id)
 * and vetoes. Today a file is a framework plus one implicit subject; judgements, fixed scores
 * and declared values still sit in the tree and move here with frameworks (issue 13 item 4).
 */
export interface Subject {
  id: string | null;
  facts: Map<string, At<A.FactDecl>>;
  surveys: Map<string, At<A.SurveyDecl>>;
  attachments: Map<string, Attachment[]>;
  vetoes: At<A.VetoDecl>[];
  lookup: Lookup;
  /** Performance targets as judged, for `targets [A, B]`. */
  targets?: Map<string, TargetEvaluation>;
}

/** A subject's scores: the tree, the total and the grade. */
export interface SubjectScore extends ScoredTree {
  grade: EvaluationResult["grade"];
}

export function resolveFramework(model: Linked, sink: DiagnosticSink): Framework {
  const header = model.header;
  const total = header?.decl.total ? numberValue(header.decl.total).value : new Decimal(100);
  const framework: Framework = { roots: model.roots, precision: precisionOf(header, sink), total, grades: gradeBands(gradeScale(header, total)) };
  if (header) framework.header = header;
  return framework;
}

export function factValue(f: A.FactDecl): Quantity | undefined {
  if (!f.value) return undefined;
  const q = numberValue(f.value);
  return f.negative ? { value: q.value.negated(), unit: q.unit } : q;
}

/** The one subject a single-file evaluation has: every fact, survey, finding and veto of the model. */
export function implicitSubject(model: Linked): Subject {
  const facts = new Map<string, At<A.FactDecl>>();
  const surveys = new Map<string, At<A.SurveyDecl>>();
  for (const s of model.symbols.values()) {
    if (s.kind === "fact") facts.set(s.id, { ...(s.node as A.FactDecl), uri: s.uri });
    if (s.kind === "survey") surveys.set(s.id, { ...(s.node as A.SurveyDecl), uri: s.uri });
  }
  const lookup: Lookup = (name) => {
    const f = facts.get(name);
    if (f) return factValue(f);
    const sat = surveys.get(name)?.satisfaction;
    return sat ? numberValue(sat) : undefined;
  };
  return { id: null, facts, surveys, attachments: model.attachments, vetoes: model.vetoes, lookup };
}

/** Phases 4 and 5 for one subject: score the tree, check declared scores, grade the total. */
export function scoreSubject(framework: Framework, subject: Subject, sink: DiagnosticSink): SubjectScore {
  const tree = scoreTree(framework, subject, sink);
  const quiet = new DiagnosticSink(sink.strict);
  checkDeclared(tree.nodes, tree.total, framework.header, sink, (n, weight) => scoreLeaf(framework, subject, n.decl, n.uri, weight, quiet)?.score ?? null);
  return { ...tree, grade: grade(framework.roots.length ? tree.total : null, framework.grades, subject.vetoes, sink) };
}
