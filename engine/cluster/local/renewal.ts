// When the local cluster's certificates are issued again. They were issued once and never
// again: a cluster kept running (KUBECUKE_REUSE) for a year would stop with expired
// certificates. At `up`, each one's notAfter is read; one that ends within the renewal window
// (30 days, or the run's own length if longer) is issued again, and so is one the current CA did
// not sign. The CA is kept while it is itself outside the window (every certificate stays valid
// for those who trust it); a CA inside the window is issued again with every certificate.
// The decision is pure (unit tested); reading the files is below it.
import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

export const RENEW_BEFORE_MS = 30 * 24 * 3600_000;

export interface CertFacts {
  /** notAfter, epoch ms. */
  notAfter: number;
  /** Signed by the CA in the same directory (for a leaf). */
  signedByCa: boolean;
}

export type CertAction = "keep" | "issue" | "renew";

export interface RenewalPlan {
  ca: CertAction;
  /** Per certificate stem. */
  leaves: Record<string, CertAction>;
  /** One line per certificate issued again, with why (for the log). */
  reasons: string[];
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * What to do with each certificate. Missing: issue. Ends within max(renewBeforeMs, runMs) of
 * now: renew. A leaf the current CA did not sign, or any leaf when the CA is renewed: renew.
 */
export function renewalPlan(input: { now: number; ca?: CertFacts; leaves: Record<string, CertFacts | undefined>; renewBeforeMs?: number; runMs?: number }): RenewalPlan {
  const window = Math.max(input.renewBeforeMs ?? RENEW_BEFORE_MS, input.runMs ?? 0);
  const reasons: string[] = [];
  const due = (c: CertFacts): boolean => c.notAfter - input.now < window;
  let ca: CertAction = "keep";
  if (!input.ca) ca = "issue";
  else if (due(input.ca)) {
    ca = "renew";
    reasons.push(`ca: ends ${day(input.ca.notAfter)}, within ${Math.round(window / 86_400_000)} days: a new CA, and every certificate signed again`);
  }
  const leaves: Record<string, CertAction> = {};
  for (const [stem, facts] of Object.entries(input.leaves)) {
    if (!facts) leaves[stem] = "issue";
    else if (ca !== "keep") leaves[stem] = "renew";
    else if (!facts.signedByCa) {
      leaves[stem] = "renew";
      reasons.push(`${stem}: not signed by the current CA`);
    } else if (due(facts)) {
      leaves[stem] = "renew";
      reasons.push(`${stem}: ends ${day(facts.notAfter)}, within ${Math.round(window / 86_400_000)} days`);
    } else leaves[stem] = "keep";
  }
  return { ca, leaves, reasons };
}

/** Whether anything that exists must be issued again (a running cluster then restarts). */
export function renewalDue(plan: RenewalPlan): boolean {
  return plan.ca === "renew" || Object.values(plan.leaves).includes("renew");
}

/** The facts of the certificates in a pki directory (undefined: missing or unreadable). */
export async function readCertFacts(pki: string, stems: readonly string[]): Promise<{ ca?: CertFacts; leaves: Record<string, CertFacts | undefined> }> {
  const load = async (stem: string): Promise<X509Certificate | undefined> => {
    try {
      return new X509Certificate(await readFile(path.join(pki, `${stem}.crt`)));
    } catch {
      return undefined;
    }
  };
  const ca = await load("ca");
  const leaves: Record<string, CertFacts | undefined> = {};
  for (const stem of stems) {
    const cert = await load(stem);
    leaves[stem] = cert ? { notAfter: Date.parse(cert.validTo), signedByCa: ca !== undefined && cert.checkIssued(ca) && cert.verify(ca.publicKey) } : undefined;
  }
  return { ca: ca ? { notAfter: Date.parse(ca.validTo), signedByCa: true } : undefined, leaves };
}
