export * from "./decimal.js";
export * from "./schema.js";
export * from "./symbols.js";
export { analyze, analyzeParsed, analyzeText, sortDiagnostics, type Analysis, type AnalyzeOptions, type SourceDocument } from "./analyze.js";
export { evaluateExpression, expressionText, numberValue, type Quantity } from "./expression.js";
export { classifyEvidencePath, evidencePathReasonText, type EvidencePathReason, type EvidencePathVerdict, type EvidencePathOptions } from "./evidence-path.js";
export { implicitSubject, resolveFramework, scoreSubject, type Framework, type Subject, type SubjectScore } from "./framework.js";
export { deductionText } from "./wording.js";
export { applyFixes, fixableCodes, fixesFor, scaleWeights, type Fix, type FixKey, type FixTarget, type FixEdit } from "./fixes.js";
