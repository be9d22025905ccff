// Validates JSON documents against a JSON Schema (draft-07) with Ajv, the validator most editors
// and CI tools use, and prints, as JSON, each document's errors (an empty list when it is valid).
// Usage: node check-schema.mjs SCHEMA.json DOCUMENT.json...

import { readFileSync } from "node:fs";
import Ajv from "ajv";

const [schemaPath, ...documents] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
const report = {};
for (const path of documents) {
  const valid = validate(JSON.parse(readFileSync(path, "utf8")));
  report[path] = valid ? [] : validate.errors.map((e) => `${e.instancePath || "/"}: ${e.message}`);
}
console.log(JSON.stringify(report, null, 2));
