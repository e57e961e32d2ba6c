import { inject, EmptyFileSystem, URI, type LangiumCoreServices, type LangiumDocument, type Module, type PartialLangiumCoreServices } from "langium";
import { createDefaultCoreModule, createDefaultSharedCoreModule, type DefaultSharedCoreModuleContext, type LangiumSharedCoreServices } from "langium";
import { PerfPeerGeneratedModule, PerfPeerGeneratedSharedModule } from "./generated/module.js";
import type { Document } from "./generated/ast.js";
import { PerfPeerScopeComputation } from "./scope.js";
import { perfPeerChecks } from "./validator.js";

export type PerfPeerServices = LangiumCoreServices;

const PerfPeerModule: Module<PerfPeerServices, PartialLangiumCoreServices> = {
  references: { ScopeComputation: (services) => new PerfPeerScopeComputation(services) },
};

export function createPerfPeerServices(context: DefaultSharedCoreModuleContext = EmptyFileSystem): {
  shared: LangiumSharedCoreServices;
  peer: PerfPeerServices;
} {
  const shared = inject(createDefaultSharedCoreModule(context), PerfPeerGeneratedSharedModule);
  const peer = inject(createDefaultCoreModule({ shared }), PerfPeerGeneratedModule, PerfPeerModule);
  shared.ServiceRegistry.register(peer);
  peer.validation.ValidationRegistry.register(perfPeerChecks);
  return { shared, peer };
}

export interface PeerCheck {
  errors: number;
  warnings: number;
  /** Parser and lexer errors, then linking and validation errors, as `line:col message`. */
  messages: string[];
  indicators: number;
}

/**
 * One document through the whole Langium pipeline (parse → index → link → validate), then
 * removed, so repeated runs measure the same work. The services are built once by the caller.
 */
export class PerfPeerChecker {
  private readonly services = createPerfPeerServices();
  private generation = 0;

  async check(text: string): Promise<PeerCheck> {
    const { shared } = this.services;
    const uri = URI.parse(`memory:///bench-${this.generation++}.perf`);
    const document = shared.workspace.LangiumDocumentFactory.fromString<Document>(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    try {
      await shared.workspace.DocumentBuilder.build([document], { validation: true });
      return summarize(document);
    } finally {
      shared.workspace.LangiumDocuments.deleteDocument(uri);
      shared.workspace.IndexManager.remove(uri);
    }
  }
}

function summarize(document: LangiumDocument<Document>): PeerCheck {
  const diagnostics = document.diagnostics ?? [];
  let indicators = 0;
  const count = (list: Document["indicators"]): void => {
    for (const i of list) {
      indicators++;
      count(i.children);
    }
  };
  count(document.parseResult.value.indicators);
  return {
    errors: diagnostics.filter((d) => d.severity === 1).length,
    warnings: diagnostics.filter((d) => d.severity === 2).length,
    messages: diagnostics.slice(0, 20).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`),
    indicators,
  };
}
