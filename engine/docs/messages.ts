// The part of Cucumber's message protocol (messages.ndjson) the documentation reads, typed
// structurally: the engine does not import @cucumber/*, and a hand-written fixture is a valid input.
import { BadInputError } from "../errors.ts";

export interface Location {
  line: number;
  column?: number;
}
export interface Tag {
  name: string;
  location?: Location;
}
export interface DocString {
  content: string;
  mediaType?: string;
}
export interface TableRow {
  id?: string;
  cells: { value: string }[];
}
export interface DataTable {
  rows: TableRow[];
}
export interface Step {
  id: string;
  location: Location;
  keyword: string;
  text: string;
  docString?: DocString;
  dataTable?: DataTable;
}
export interface Examples {
  id?: string;
  name: string;
  keyword: string;
  tableHeader?: TableRow;
  tableBody: TableRow[];
}
export interface Scenario {
  id: string;
  location: Location;
  keyword: string;
  name: string;
  description: string;
  tags: Tag[];
  steps: Step[];
  examples?: Examples[];
}
export interface Background {
  id?: string;
  keyword: string;
  name: string;
  description: string;
  steps: Step[];
}
export interface FeatureChild {
  background?: Background;
  scenario?: Scenario;
  rule?: { id?: string; keyword: string; name: string; description: string; tags?: readonly Tag[]; children: readonly FeatureChild[] };
}
export interface Feature {
  language: string;
  keyword: string;
  name: string;
  description: string;
  tags: Tag[];
  children: FeatureChild[];
}
export interface GherkinDocument {
  uri?: string;
  feature?: Feature;
}
export interface PickleStep {
  id: string;
  text: string;
  astNodeIds: string[];
  argument?: { docString?: DocString; dataTable?: { rows: { cells: { value: string }[] }[] } };
}
export interface Pickle {
  id: string;
  uri: string;
  name: string;
  language?: string;
  astNodeIds: string[];
  tags?: { name: string }[];
  steps: PickleStep[];
}
export interface Timestamp {
  seconds: number;
  nanos: number;
}
export interface TestStepResult {
  status: string;
  message?: string;
  exception?: { type?: string; message?: string };
  duration?: Timestamp;
}
export interface Envelope {
  meta?: { implementation?: { name: string; version: string }; runtime?: { name: string; version: string } };
  source?: { uri: string; data: string; mediaType?: string };
  gherkinDocument?: GherkinDocument;
  pickle?: Pickle;
  hook?: { id: string; name?: string; type?: string };
  testRunStarted?: { id?: string; timestamp: Timestamp };
  testRunFinished?: { success?: boolean; timestamp: Timestamp };
  testCase?: { id: string; pickleId: string; testSteps: { id: string; pickleStepId?: string; hookId?: string }[] };
  testCaseStarted?: { id: string; testCaseId: string; attempt?: number; timestamp?: Timestamp };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried?: boolean };
  testStepFinished?: { testCaseStartedId: string; testStepId: string; testStepResult: TestStepResult };
  attachment?: { testCaseStartedId?: string; testStepId?: string; body: string; mediaType: string; contentEncoding?: string; fileName?: string };
}

/** One envelope per line; a line that is not JSON names the file and line. */
export function parseNdjson(text: string, file: string): Envelope[] {
  const out: Envelope[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    try {
      out.push(JSON.parse(line) as Envelope);
    } catch (cause) {
      throw new BadInputError(
        `read cucumber messages ${file}:${i + 1}: expected one JSON message per line, last saw ${JSON.stringify(line.slice(0, 60))}; write it with cucumber's message formatter (cucumber.mjs does, to <reports>/messages.ndjson)`,
        { operation: "read", object: file },
        { cause },
      );
    }
  }
  return out;
}

export const toDate = (t: Timestamp): Date => new Date(t.seconds * 1000 + Math.round(t.nanos / 1e6));
