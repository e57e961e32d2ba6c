import { readFileSync } from "node:fs";
import { join } from "node:path";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";

// CommonJS packages: under NodeNext the default import is `module.exports`, whose `default` is the class / plugin.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

/**
 * A validator of the published SARIF 2.1.0 schema (fixtures/), reporting every error.
 * unicodeRegExp: false — the schema has a language pattern ("…]?$") that is invalid under the `u` flag.
 */
export function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", "sarif-schema-2.1.0.json"), "utf8")) as object;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
