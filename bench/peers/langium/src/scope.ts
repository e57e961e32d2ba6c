import { AstUtils, DefaultScopeComputation, type AstNode, type AstNodeDescription, type LangiumDocument } from "langium";
import type { Cancellation } from "langium";
import { isFact, isIndicator, isSurvey } from "./generated/ast.js";

/**
 * Facts, surveys and every indicator (nested ones too) are visible file-wide, as in perf:
 * a finding names a leaf three levels down. Langium's default exports root children only.
 */
export class PerfPeerScopeComputation extends DefaultScopeComputation {
  override async collectExportedSymbols(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<AstNodeDescription[]> {
    return this.collectExportedSymbolsForNode(document.parseResult.value, document, exportedNodes, cancelToken);
  }
}

function* exportedNodes(root: AstNode): Iterable<AstNode> {
  for (const node of AstUtils.streamAllContents(root)) {
    if (isIndicator(node) || isFact(node) || isSurvey(node)) yield node;
  }
}
