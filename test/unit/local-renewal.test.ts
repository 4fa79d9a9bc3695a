// When the local cluster's certificates are issued again: a pure decision over notAfter dates.
import assert from "node:assert/strict";
import test from "node:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { RENEW_BEFORE_MS, readCertFacts, renewalDue, renewalPlan } from "../../engine/cluster/local/renewal.ts";
import { CA_DAYS, ensureCa, ensureCert, LEAF_DAYS } from "../../engine/cluster/local/pki.ts";

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 6);
const cert = (daysLeft: number, signedByCa = true) => ({ notAfter: now + daysLeft * DAY, signedByCa });

test("a fresh directory: everything is issued, nothing is renewed", () => {
  const plan = renewalPlan({ now, leaves: { apiserver: undefined, admin: undefined } });
  assert.deepEqual(plan, { ca: "issue", leaves: { apiserver: "issue", admin: "issue" }, reasons: [] });
  assert.equal(renewalDue(plan), false);
});

test("certificates well inside their validity are kept", () => {
  const plan = renewalPlan({ now, ca: cert(3000), leaves: { apiserver: cert(200), admin: cert(31) } });
  assert.deepEqual(plan, { ca: "keep", leaves: { apiserver: "keep", admin: "keep" }, reasons: [] });
  assert.equal(renewalDue(plan), false);
});

test("a leaf with less than 30 days left is renewed, signed by the CA that is kept", () => {
  const plan = renewalPlan({ now, ca: cert(3000), leaves: { apiserver: cert(29), admin: cert(200), kubelet: cert(-1) } });
  assert.equal(plan.ca, "keep");
  assert.deepEqual(plan.leaves, { apiserver: "renew", admin: "keep", kubelet: "renew" });
  assert.deepEqual(plan.reasons, ["apiserver: ends 2027-01-04, within 30 days", "kubelet: ends 2026-12-05, within 30 days"]);
  assert.equal(renewalDue(plan), true);
});

test("a CA with less than 30 days left is renewed, and with it every certificate it signed", () => {
  const plan = renewalPlan({ now, ca: cert(10), leaves: { apiserver: cert(10), admin: undefined } });
  assert.deepEqual(plan.leaves, { apiserver: "renew", admin: "issue" });
  assert.equal(plan.ca, "renew");
  assert.match(plan.reasons[0] ?? "", /^ca: ends 2026-12-16, within 30 days: a new CA, and every certificate signed again$/);
});

test("a leaf the current CA did not sign (a renewal that stopped halfway) is signed again", () => {
  const plan = renewalPlan({ now, ca: cert(3000), leaves: { apiserver: cert(300, false), admin: cert(300) } });
  assert.deepEqual(plan.leaves, { apiserver: "renew", admin: "keep" });
  assert.deepEqual(plan.reasons, ["apiserver: not signed by the current CA"]);
});

test("the window is the run's own length when that is longer than 30 days; exactly 30 days left is kept, a millisecond less is renewed", () => {
  assert.equal(renewalPlan({ now, ca: cert(3000), leaves: { a: cert(40) }, runMs: 45 * DAY }).leaves["a"], "renew");
  assert.equal(renewalPlan({ now, ca: cert(3000), leaves: { a: cert(40) }, runMs: DAY }).leaves["a"], "keep");
  assert.equal(renewalPlan({ now, ca: cert(3000), leaves: { a: { notAfter: now + RENEW_BEFORE_MS, signedByCa: true } } }).leaves["a"], "keep");
  assert.equal(renewalPlan({ now, ca: cert(3000), leaves: { a: { notAfter: now + RENEW_BEFORE_MS - 1, signedByCa: true } } }).leaves["a"], "renew");
});

test("the facts read from certificates openssl issued: notAfter, and whether the CA in the directory signed them", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-pki-test-"));
  try {
    const started = Date.now();
    await ensureCa(dir);
    await ensureCert(dir, { stem: "admin", cn: "kubecuke-admin", usage: "client" });
    const before = await readCertFacts(dir, ["admin", "missing"]);
    // openssl's notAfter has whole seconds
    assert.ok(Math.abs((before.ca?.notAfter ?? 0) - (started + CA_DAYS * DAY)) < 120_000, `CA for ${CA_DAYS} days`);
    assert.ok(Math.abs((before.leaves["admin"]?.notAfter ?? 0) - (started + LEAF_DAYS * DAY)) < 120_000, `leaf for ${LEAF_DAYS} days`);
    assert.equal(before.leaves["admin"]?.signedByCa, true);
    assert.equal(before.leaves["missing"], undefined);
    // a new CA: the old leaf is no longer its own, and renewing it fixes that
    await ensureCa(dir, true);
    assert.equal((await readCertFacts(dir, ["admin"])).leaves["admin"]?.signedByCa, false);
    await ensureCert(dir, { stem: "admin", cn: "kubecuke-admin", usage: "client" }, true);
    assert.equal((await readCertFacts(dir, ["admin"])).leaves["admin"]?.signedByCa, true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
