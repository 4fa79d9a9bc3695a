// cucumber's attach signatures on kubecuke's World, every text redacted on the way to the report:
// attach(text, "text/plain"), attach(text, { mediaType, fileName }), attach(buffer, mediaType),
// and kubecuke's own attach({ name, contentType, body }). Binary data (an image) cannot be
// redacted and goes as it is; a Buffer of a text type is redacted as text.
import { BadInputError } from "../../engine/errors.ts";
import type { Attachment } from "../../engine/report/attachment.ts";
import { redact } from "../../engine/report/redact.ts";

/** allure-js-commons' runtime messages (ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE): allure.parameter and the like talk to the Allure formatter through attach. */
export const ALLURE_RUNTIME_MESSAGE = "application/vnd.allure.message+json";

export interface AttachOptions {
  mediaType: string;
  fileName?: string;
}

/** What reaches cucumber's own attach. */
export interface ReportAttachment {
  data: string | Buffer;
  options: AttachOptions;
}

/** Media types whose bytes are text, and so are redacted. */
export function isTextType(mediaType: string): boolean {
  return /^text\/|[/+](json|yaml|x-yaml|xml|javascript)\b|^application\/x-ndjson/.test(mediaType);
}

/** Allure types YAML and JSON attachments by the file name's extension, not the media type. */
export function withExtension(name: string, contentType: string): string {
  const ext = { "application/yaml": ".yaml", "application/json": ".json" }[contentType];
  return ext && !/\.[a-z0-9]{1,5}$/i.test(name) ? `${name}${ext}` : name;
}

function isAttachment(a: unknown): a is Attachment {
  return typeof a === "object" && a !== null && !Buffer.isBuffer(a) && typeof (a as Attachment).body === "string" && typeof (a as Attachment).contentType === "string";
}

/** Any of the accepted forms, redacted, as cucumber's attach takes it. */
export function toReportAttachment(data: unknown, mediaTypeOrOptions?: string | AttachOptions): ReportAttachment {
  if (isAttachment(data)) return { data: redact(data.body), options: { mediaType: data.contentType, fileName: withExtension(data.name, data.contentType) } };
  const options: AttachOptions = typeof mediaTypeOrOptions === "string" ? { mediaType: mediaTypeOrOptions } : mediaTypeOrOptions ?? { mediaType: "text/plain" };
  if (typeof data === "string") {
    // the runtime's messages are the formatter's, not report text: they pass as they are
    return { data: options.mediaType === ALLURE_RUNTIME_MESSAGE ? data : redact(data), options };
  }
  if (Buffer.isBuffer(data)) {
    if (mediaTypeOrOptions === undefined) throw new BadInputError("attach(buffer): name its media type, e.g. this.attach(png, \"image/png\")");
    return { data: isTextType(options.mediaType) ? Buffer.from(redact(data.toString("utf8"))) : data, options };
  }
  throw new BadInputError(`attach(${data === null ? "null" : typeof data}): attach a string, a Buffer, or { name, contentType, body }; a stream must be read into a Buffer first (its text is redacted before it reaches the report)`);
}
